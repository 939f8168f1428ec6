#include "bundle.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>

#include "degrade.h"
#include "drawers.h"
#include "facts.h"
#include "numbers.h"
#include "pdftools.h"
#include "pipeline/core/text.h"
#include "render.h"
#include "truth.h"
#include "xlsx.h"
#include "zipper.h"

namespace samplegen {

using shenbao::Result;
using shenbao::Status;

namespace {

// A page of an output document: drawn (vector) or scanned.
struct OutPage {
  std::shared_ptr<const PageDraft> vec;
  std::shared_ptr<const ScannedPage> scan;
};

enum class Kind { kPdf, kJpeg, kPng, kXlsx, kRaw };

// One file before packing.
struct Doc {
  Material material = Material::kOther;
  std::string name;    // file name
  std::string folder;  // folder inside the bundle (or the nested ZIP), "" or "a/b/"
  Kind kind = Kind::kPdf;
  std::vector<OutPage> pages;
  std::string raw;      // kXlsx / kRaw bytes
  bool nested = false;  // goes into the nested ZIP
  // Filled by render_doc / post-processing.
  std::string bytes;
  std::vector<int> seal_pages;
  int page_count = 0;
  std::string status = "ok";
  bool twin = false;  // the second copy of a duplicated file
  std::vector<TruthSection> sections;
  std::string path() const { return folder + name; }
};

std::vector<OutPage> as_vector(const DocDraft& d) {
  std::vector<OutPage> out;
  for (const auto& p : d.pages) out.push_back({std::make_shared<const PageDraft>(p), nullptr});
  return out;
}

ScanOptions random_scan(Rng& rng) {
  ScanOptions o;
  o.dpi = rng.chance(0.05) ? 300 : rng.pick(std::vector<double>{200, 200, 200, 210, 220, 250});
  const double skew = rng.real(0.3, 2.0);
  o.skew_deg = rng.chance(0.5) ? skew : -skew;
  o.noise = rng.real(1.5, 3.5);
  o.blur = rng.chance(0.35) ? 1 : 0;
  o.fade = rng.real(0.0, 0.12);
  o.paper_tint = rng.real(0.01, 0.05);
  o.jpeg_quality = static_cast<int>(rng.uniform(55, 72));
  return o;
}

std::vector<OutPage> as_scan(const DocDraft& d, ScanOptions o, Rng& rng) {
  std::vector<OutPage> out;
  for (const auto& p : d.pages) {
    ScanOptions po = o;
    po.skew_deg = o.skew_deg + rng.real(-0.4, 0.4);
    out.push_back({nullptr, std::make_shared<const ScannedPage>(scan_page(p, po, rng))});
  }
  return out;
}

void render_doc(Doc& d) {
  switch (d.kind) {
    case Kind::kPdf: {
      std::vector<PdfPageSource> src;
      for (const auto& p : d.pages) src.push_back({p.vec.get(), p.scan.get()});
      RenderedPdf r = write_pdf(src, d.name.substr(0, d.name.rfind('.')));
      d.bytes = std::move(r.bytes);
      d.seal_pages = r.seal_pages;
      d.page_count = r.pages;
      break;
    }
    case Kind::kJpeg:
    case Kind::kPng: {
      const ScannedPage& s = *d.pages.at(0).scan;
      d.bytes = d.kind == Kind::kJpeg ? s.jpeg : encode_png(s.image);
      if (s.sealed) d.seal_pages = {1};
      d.page_count = 1;
      break;
    }
    case Kind::kXlsx:
      d.bytes = d.raw;
      d.page_count = 1;
      break;
    case Kind::kRaw:
      d.bytes = d.raw;
      break;
  }
}

// The investment table as an XLSX sheet, in the table's unit.
Result<std::string> investment_xlsx(const Facts& f, bool with_formula) {
  const Investment& inv = f.investment;
  auto number = [&](int64_t fen) {
    return inv.unit_wan ? format_wan(fen, 2, false) : format_yuan(fen, false);
  };
  using C = XlsxCell;
  XlsxSheet s;
  s.name = "投资明细";
  s.col_widths = {8, 14, 24, 34, 18};
  s.rows.push_back({C::text_cell("项目投资明细表", true, false)});
  s.merges.push_back("A1:E1");
  s.rows.push_back({C::text_cell("项目名称：" + f.app.project_name, false, false)});
  s.merges.push_back("A2:E2");
  s.rows.push_back(
      {C::text_cell("申报单位：" + f.name_for(Material::kInvestmentTable), false, false),
       C::text_cell("", false, false), C::text_cell("", false, false),
       C::text_cell("", false, false),
       C::text_cell(inv.unit_wan ? "单位：万元" : "单位：元", false, false)});
  s.merges.push_back("A3:D3");
  s.rows.push_back({C::text_cell("序号", true), C::text_cell("投资类别", true),
                    C::text_cell("明细内容", true), C::text_cell("规格/说明", true),
                    C::text_cell(inv.unit_wan ? "金额（万元）" : "金额（元）", true)});
  const int first = static_cast<int>(s.rows.size());
  int n = 0;
  for (const auto& r : inv.rows)
    s.rows.push_back({C::text_cell(std::to_string(++n)),
                      C::text_cell(inv_category_label(r.category)), C::text_cell(r.item),
                      C::text_cell(r.spec), C::number_cell(number(r.amount_fen))});
  const int last = static_cast<int>(s.rows.size()) - 1;
  C total = C::number_cell(number(inv.stated_total_fen), true);
  if (with_formula) total.formula = "SUM(" + cell_ref(4, first) + ":" + cell_ref(4, last) + ")";
  s.rows.push_back({C::text_cell(inv.total_word, true), C::text_cell(""), C::text_cell(""),
                    C::text_cell(""), total});
  const int tr = static_cast<int>(s.rows.size()) - 1;
  s.merges.push_back(cell_ref(0, tr) + ":" + cell_ref(3, tr));
  return write_xlsx(s);
}

// File names and folders: three layouts (flat, numbered, nested folders).
struct Namer {
  int style = 0;
  std::string root;  // top folder for the nested style
  std::string folder(Material m) const {
    if (style != 2) return "";
    switch (m) {
      case Material::kApplicationForm:
      case Material::kBusinessLicense:
      case Material::kStreetApproval:
        return root + "一、基本材料/";
      case Material::kCreditReport:
      case Material::kAuditReport:
        return root + "二、信用与财务/";
      case Material::kProjectReport:
      case Material::kInvestmentTable:
        return root + "三、项目材料/";
      default:
        return root + "四、证明材料/";
    }
  }
  std::string name(int number, const std::string& base) const {
    if (style != 1) return base;
    return (number < 10 ? "0" : "") + std::to_string(number) + " " + base;
  }
};

std::string short_name(const Company& c) { return c.brand + c.suffix; }

}  // namespace

Result<GeneratedBundle> generate_bundle(int index, uint64_t seed) {
  Rng root = make_rng(seed).fork("bundle-" + std::to_string(index));
  Rng plan_rng = root.fork("plan");
  GeneratedBundle out;
  out.plan = make_plan(index, plan_rng);
  BundlePlan& plan = out.plan;
  if (plan.merged_pdf) plan.investment_form = InvestmentForm::kTextPdf;
  out.facts = make_facts(plan, root);
  const Facts& f = out.facts;
  Rng rng = root.fork("documents");

  // Scans may use any face; text-layer PDFs use the TrueType ones (see painter.h).
  const std::vector<std::string> raster_families = {kSerif, kSerif, kSans, kZenHei};
  const std::vector<std::string> vector_families = {kZenHei, kZenHei, kMicroHei};
  auto ctx = [&](Material m, bool raster = false) {
    DrawContext c;
    c.facts = &f;
    c.material = m;
    c.company_seal = !(plan.has(Defect::kSealMissing) && plan.target(Defect::kSealMissing) == m);
    c.body_family = rng.pick(raster ? raster_families : vector_families);
    c.variant = static_cast<int>(rng.uniform(0, 5));
    c.seed = rng.next() % 1000000007ULL;
    c.edge_seal = rng.chance(0.4);
    return c;
  };
  auto missing = [&](Material m) {
    for (const auto& d : plan.defects)
      if (d.kind == Defect::kMaterialMissing && d.material == m) return true;
    return false;
  };

  Namer namer;
  namer.style = plan.merged_pdf ? 0 : index % 3;
  namer.root = short_name(f.company) + "申报材料/";
  std::vector<Doc> docs;
  int number = 0;
  auto add = [&](Material m, const std::string& base, Kind kind,
                 std::vector<OutPage> pages) -> Doc& {
    Doc d;
    d.material = m;
    d.name = namer.name(++number, base);
    d.folder = namer.folder(m);
    d.kind = kind;
    d.pages = std::move(pages);
    docs.push_back(std::move(d));
    return docs.back();
  };

  // 项目申报书
  if (!missing(Material::kApplicationForm)) {
    DrawContext c = ctx(Material::kApplicationForm, plan.application_scanned);
    DocDraft d = draw_application_form(c);
    auto pages = plan.application_scanned ? as_scan(d, random_scan(rng), rng) : as_vector(d);
    add(Material::kApplicationForm, rng.chance(0.5) ? "项目申报书.pdf" : "松江区智算专项申报书.pdf",
        Kind::kPdf, pages);
  }
  // 营业执照
  {
    DrawContext c = ctx(Material::kBusinessLicense, true);
    const bool photo = plan.license_photo && !plan.merged_pdf;
    DocDraft d = draw_business_license(c, !photo);
    ScanOptions o = random_scan(rng);
    o.dpi = std::min(o.dpi, 180.0);  // copies of licenses are scanned coarsely
    if (photo) {
      o.capture = Capture::kPhone;
      o.dpi = 150;
      o.skew_deg = rng.real(-3, 3);
      o.jpeg_quality = static_cast<int>(rng.uniform(70, 85));
    }
    if (plan.license_png && !photo) {
      o.dpi = 110;
      o.noise = 0;
      o.blur = 0;
      o.skew_deg = 0;
      o.fade = 0;
    }
    auto pages = as_scan(d, o, rng);
    const Kind kind = plan.license_png && !photo ? Kind::kPng : Kind::kJpeg;
    add(Material::kBusinessLicense,
        kind == Kind::kPng ? "营业执照（副本）.png"
                           : (photo ? "营业执照.jpg" : "营业执照复印件.jpg"),
        kind, pages);
  }
  // 街镇审批表
  if (!missing(Material::kStreetApproval)) {
    DrawContext c = ctx(Material::kStreetApproval, true);
    ScanOptions o = random_scan(rng);
    if (plan.sideways_page) o.quarter_turns = 1;
    add(Material::kStreetApproval, rng.chance(0.5) ? "街镇初审意见表.pdf" : "街镇审批表.pdf",
        Kind::kPdf, as_scan(draw_street_approval(c), o, rng));
  }
  // 信用报告
  if (!missing(Material::kCreditReport)) {
    DrawContext c = ctx(Material::kCreditReport);
    add(Material::kCreditReport,
        rng.pick(std::vector<std::string>{"信用中国信用报告.pdf", "企业信用信息报告.pdf",
                                          "公共信用信息报告.pdf"}),
        Kind::kPdf, as_vector(draw_credit_report(c)));
  }
  // 审计报告
  if (!missing(Material::kAuditReport)) {
    DrawContext c = ctx(Material::kAuditReport, plan.audit_scanned);
    DocDraft d = draw_audit_report(c);
    auto pages = plan.audit_scanned ? as_scan(d, random_scan(rng), rng) : as_vector(d);
    add(Material::kAuditReport, std::to_string(f.audit.fiscal_year) + "年度审计报告.pdf",
        Kind::kPdf, pages);
  }
  // 项目情况报告
  if (!missing(Material::kProjectReport)) {
    DrawContext c = ctx(Material::kProjectReport);
    add(Material::kProjectReport, "项目情况报告.pdf", Kind::kPdf,
        as_vector(draw_project_report(c)));
  }
  // 项目投资明细表和印证材料
  if (!missing(Material::kInvestmentTable)) {
    DrawContext c =
        ctx(Material::kInvestmentTable, plan.investment_form == InvestmentForm::kScannedPdf);
    DrawContext ci = ctx(Material::kInvestmentTable);
    ci.company_seal = c.company_seal;
    const int invoices = static_cast<int>(rng.uniform(2, 3));
    switch (plan.investment_form) {
      case InvestmentForm::kXlsx: {
        auto x = investment_xlsx(f, !plan.has(Defect::kInvestmentSumMismatch));
        if (!x.ok()) return x.status();
        Doc& d = add(Material::kInvestmentTable, "项目投资明细表.xlsx", Kind::kXlsx, {});
        d.raw = x.value();
        Doc& e = add(Material::kInvestmentTable, "投资印证材料（发票）.pdf", Kind::kPdf,
                     as_vector(draw_investment_invoices(ci, invoices)));
        e.nested = plan.nested_zip;
        break;
      }
      case InvestmentForm::kTextPdf: {
        auto pages = as_vector(draw_investment_table(c));
        for (auto& p : as_vector(draw_investment_invoices(c, invoices))) pages.push_back(p);
        add(Material::kInvestmentTable, "项目投资明细表及印证材料.pdf", Kind::kPdf, pages);
        break;
      }
      case InvestmentForm::kScannedPdf: {
        add(Material::kInvestmentTable, "项目投资明细表.pdf", Kind::kPdf,
            as_scan(draw_investment_table(c), random_scan(rng), rng));
        Doc& e = add(Material::kInvestmentTable, "发票.pdf", Kind::kPdf,
                     as_vector(draw_investment_invoices(ci, invoices)));
        e.nested = plan.nested_zip;
        break;
      }
    }
  }
  // 荣誉证书
  if (plan.include_honors) {
    DrawContext c = ctx(Material::kHonors, !plan.has(Defect::kEncryptedPdf));
    DocDraft d = draw_honor(c);
    if (plan.has(Defect::kEncryptedPdf)) {
      add(Material::kHonors, "荣誉证书.pdf", Kind::kPdf, as_vector(d));
    } else {
      ScanOptions o = random_scan(rng);
      o.dpi = 150;
      add(Material::kHonors, "荣誉证书.jpg", Kind::kJpeg, as_scan(d, o, rng)).nested =
          plan.nested_zip;
    }
  }
  // 符合奖励条件的证明材料 (by category)
  if (!missing(Material::kEligibilityProof)) {
    const Material m = Material::kEligibilityProof;
    auto nest = [&](Doc& d) { d.nested = plan.nested_zip; };
    switch (f.category) {
      case Category::kGeneral:
        if (f.model && !f.model->filing_number.empty())
          nest(add(m, "生成式人工智能服务备案证明.pdf", Kind::kPdf,
                   as_vector(draw_filing_record(ctx(m)))));
        nest(add(m, "第三方评测报告.pdf", Kind::kPdf, as_vector(draw_evaluation_report(ctx(m)))));
        nest(add(m, "应用场景运营情况说明.pdf", Kind::kPdf,
                 as_vector(draw_application_cases(ctx(m)))));
        break;
      case Category::kSpecialized:
        if (f.model && !f.model->filing_number.empty())
          nest(add(m,
                   f.model->filing_kind == "registration" ? "生成式人工智能服务登记证明.pdf"
                                                          : "生成式人工智能服务备案证明.pdf",
                   Kind::kPdf, as_vector(draw_filing_record(ctx(m)))));
        nest(add(m, "应用案例.pdf", Kind::kPdf, as_vector(draw_application_cases(ctx(m)))));
        break;
      case Category::kAdaptation:
        nest(add(m, "适配产品行业应用清单.pdf", Kind::kPdf, as_vector(draw_industry_list(ctx(m)))));
        break;
      case Category::kSecurity: {
        const bool scanned = rng.chance(0.5);
        DrawContext c = ctx(m, scanned);
        DocDraft d = draw_security_report(c);
        nest(add(m, "密码安全性测试报告.pdf", Kind::kPdf,
                 scanned ? as_scan(d, random_scan(rng), rng) : as_vector(d)));
        nest(add(m, "检测服务费发票.pdf", Kind::kPdf, as_vector(draw_fee_invoice(ctx(m)))));
        break;
      }
      case Category::kUnknown:
        add(m, "服务成效证明.pdf", Kind::kPdf, as_vector(draw_service_proof(ctx(m))));
        break;
    }
  }
  // 其它
  if (plan.include_notice)
    add(Material::kOther, "关于组织开展2025年度申报工作的通知.pdf", Kind::kPdf,
        as_vector(draw_red_notice(ctx(Material::kOther))));
  if (plan.has(Defect::kFaintScan)) {
    DrawContext c = ctx(Material::kOther, true);
    c.company_seal = false;
    DocDraft d = draw_letter(c, "场地使用证明",
                             "兹证明" + c.name() + "使用位于" + f.company.address +
                                 "的办公场地，租赁期限自2023年1月1日至2027年12月31日，"
                                 "建筑面积约" +
                                 std::to_string(300 + f.app.date.d * 11) +
                                 "平方米，用于人工智能研发及智算服务运营。");
    ScanOptions o;
    o.dpi = 150;
    o.fade = 0.86;
    o.blur = 3;
    o.noise = 14;
    o.skew_deg = 1.7;
    o.paper_tint = 0.08;
    o.jpeg_quality = 40;
    add(Material::kOther, "场地使用证明.pdf", Kind::kPdf, as_scan(d, o, rng));
  }
  if (plan.has(Defect::kCorruptPdf)) {
    DrawContext c = ctx(Material::kOther);
    add(Material::kOther, "补充说明.pdf", Kind::kPdf,
        as_vector(draw_letter(c, "补充说明",
                              "关于本项目投资构成及资金来源的补充说明：项目资金全部来源于企业自筹，"
                              "无财政资金投入。")));
  }

  for (auto& d : docs) render_doc(d);

  // File-level defects.
  Rng post = root.fork("post");
  if (plan.has(Defect::kEncryptedPdf)) {
    for (auto& d : docs) {
      if (d.material == Material::kHonors && d.kind == Kind::kPdf) {
        auto enc = encrypt_pdf(d.bytes, "sj" + post.digits(6));
        if (!enc.ok()) return enc.status();
        d.bytes = enc.value();
        d.status = "unreadable";
      }
    }
  }
  if (plan.has(Defect::kCorruptPdf)) {
    for (auto& d : docs) {
      if (d.name.find("补充说明") != std::string::npos) {
        d.bytes = corrupt_pdf(d.bytes, post);
        d.status = "unreadable";
      }
    }
  }
  if (plan.has(Defect::kDuplicateDocument)) {
    for (size_t i = 0; i < docs.size(); ++i) {
      if (docs[i].material == Material::kBusinessLicense) {
        Doc twin = docs[i];
        twin.folder = namer.style == 2 ? namer.root + "附件/" : "附件/";
        twin.name = "营业执照副本" + docs[i].name.substr(docs[i].name.rfind('.'));
        twin.twin = true;
        docs.push_back(twin);
        break;
      }
    }
  }

  // The merged bundle: every page in one PDF, with sections.
  if (plan.merged_pdf) {
    Doc merged;
    merged.name = "申报材料汇编.pdf";
    merged.kind = Kind::kPdf;
    int page = 0;
    for (const auto& d : docs) {
      if (d.pages.empty()) continue;
      const int first = page + 1;
      for (const auto& p : d.pages) merged.pages.push_back(p);
      page += static_cast<int>(d.pages.size());
      if (!merged.sections.empty() && merged.sections.back().material == d.material)
        merged.sections.back().last_page = page;
      else
        merged.sections.push_back({d.material, first, page});
    }
    render_doc(merged);
    docs = {merged};
  }

  // Pack.
  const std::string brand = short_name(f.company);
  out.source = plan.packaging == Packaging::kFolder ? "申报-" + brand : "申报-" + brand + ".zip";
  out.is_folder = plan.packaging == Packaging::kFolder;
  const std::string nested_name = "附件材料.zip";
  const std::string nested_folder = namer.style == 2 ? namer.root : "";

  std::vector<TruthDocument> truth;
  auto truth_of = [&](const Doc& d, const std::string& path) {
    TruthDocument t;
    t.path = path;
    t.status = d.twin ? "skipped" : d.status;
    t.sha256 = shenbao::sha256_hex(d.bytes);
    t.format = d.kind == Kind::kPdf    ? "pdf"
               : d.kind == Kind::kXlsx ? "xlsx"
               : d.kind == Kind::kRaw  ? "other"
                                       : "image";
    if (t.status == "ok") {
      t.pages = d.page_count;
      if (plan.merged_pdf) {
        t.sections = d.sections;
      } else {
        t.material = d.material;
      }
      if (d.kind != Kind::kXlsx) t.sealed = !d.seal_pages.empty();
      t.seal_pages = d.seal_pages;
    }
    return t;
  };

  std::vector<BundleFile> top;
  std::vector<BundleFile> inner;
  for (const auto& d : docs) {
    if (d.nested) {
      inner.push_back(
          {(d.material == Material::kInvestmentTable ? "发票/" : "") + d.name, d.bytes});
    } else {
      top.push_back({d.path(), d.bytes});
    }
  }
  // Truth in archive order: top-level files, the nested ZIP, its members.
  for (const auto& d : docs)
    if (!d.nested) truth.push_back(truth_of(d, d.path()));
  if (!inner.empty()) {
    ZipWriter z(NameEncoding::kGbk);
    for (const auto& fi : inner) {
      auto st = z.add(fi.path, fi.bytes, fi.path.find(".jpg") == std::string::npos);
      if (!st.ok()) return st;
    }
    auto bytes = z.finish();
    if (!bytes.ok()) return bytes.status();
    top.push_back({nested_folder + nested_name, bytes.value()});
    TruthDocument t;
    t.path = nested_folder + nested_name;
    t.status = "skipped";
    t.format = "archive";
    t.sha256 = shenbao::sha256_hex(bytes.value());
    truth.push_back(t);
    for (const auto& d : docs)
      if (d.nested)
        truth.push_back(truth_of(d, nested_folder + nested_name + "/" +
                                        (d.material == Material::kInvestmentTable ? "发票/" : "") +
                                        d.name));
  }
  const std::string traversal = "../../申报说明.txt";
  if (plan.has(Defect::kPathTraversal)) {
    TruthDocument t;
    t.path = traversal;
    t.status = "rejected";  // format left out: a refused entry is never read
    truth.push_back(t);
  }

  if (out.is_folder) {
    out.files = top;
  } else {
    ZipWriter z(NameEncoding::kGbk);
    std::set<std::string> dirs;
    for (const auto& fi : top) {
      for (size_t pos = fi.path.find('/'); pos != std::string::npos;
           pos = fi.path.find('/', pos + 1)) {
        const std::string dir = fi.path.substr(0, pos + 1);
        if (dirs.insert(dir).second) {
          auto st = z.add_dir(dir);
          if (!st.ok()) return st;
        }
      }
      const bool compress =
          fi.path.find(".jpg") == std::string::npos && fi.path.find(".zip") == std::string::npos;
      auto st = z.add(fi.path, fi.bytes, compress);
      if (!st.ok()) return st;
    }
    if (plan.has(Defect::kPathTraversal)) {
      auto st = z.add(traversal, "请将申报材料解压至系统目录后再行审核。\n");
      if (!st.ok()) return st;
    }
    auto bytes = z.finish();
    if (!bytes.ok()) return bytes.status();
    out.zip_bytes = bytes.value();
  }
  out.documents = std::move(truth);

  // Findings, from the plan, tied to the documents they concern.
  auto doc_of = [&](Material m) -> std::string {
    for (const auto& t : out.documents) {
      if (t.material == m && t.status == "ok") return t.path;
      for (const auto& s : t.sections)
        if (s.material == m) return t.path;
    }
    return "";
  };
  auto first_doc_with = [&](const std::string& needle) -> std::string {
    for (const auto& t : out.documents)
      if (t.path.find(needle) != std::string::npos) return t.path;
    return "";
  };
  for (const auto& d : plan.defects) {
    TruthFinding tf;
    tf.code = defect_code(d.kind);
    char buf[160];
    switch (d.kind) {
      case Defect::kMaterialMissing:
        tf.material = d.material;
        out.defects.push_back(std::string("missing material: ") + material_id(d.material));
        break;
      case Defect::kCategoryUnknown:
        out.defects.push_back("no application form and no category stated anywhere");
        break;
      case Defect::kSealMissing:
        tf.material = d.material;
        tf.document = doc_of(d.material);
        out.defects.push_back(std::string("unsealed ") + material_id(d.material) + " (" +
                              tf.document + ")");
        break;
      case Defect::kHardwareShareExceeded:
        tf.material = Material::kInvestmentTable;
        tf.document = doc_of(Material::kInvestmentTable);
        std::snprintf(buf, sizeof buf, "hardware share %.1f %% of the investment rows",
                      f.investment.hardware_share() * 100);
        out.defects.push_back(buf);
        break;
      case Defect::kInvestmentSumMismatch:
        tf.material = Material::kInvestmentTable;
        tf.document = doc_of(Material::kInvestmentTable);
        out.defects.push_back("investment rows sum to " + format_yuan(f.investment.total_fen()) +
                              " yuan but the " + f.investment.total_word + " line says " +
                              format_yuan(f.investment.stated_total_fen));
        break;
      case Defect::kUsccMismatch:
        tf.material = d.material;
        tf.document = doc_of(d.material);
        out.defects.push_back(std::string(material_id(d.material)) + " shows code " +
                              f.uscc_for(d.material) + " instead of " + f.company.uscc);
        break;
      case Defect::kUsccInvalid:
        tf.material = Material::kBusinessLicense;
        tf.document = doc_of(Material::kBusinessLicense);
        out.defects.push_back("code " + f.company.uscc +
                              " fails its check character (no single OCR repair fixes it)");
        break;
      case Defect::kNameMismatch:
        tf.material = d.material;
        tf.document = doc_of(d.material);
        out.defects.push_back(std::string(material_id(d.material)) + " names " +
                              f.name_for(d.material) + " instead of " + f.company.name);
        break;
      case Defect::kNotInSongjiang:
        tf.material = Material::kBusinessLicense;
        tf.document = doc_of(Material::kBusinessLicense);
        out.defects.push_back("license address outside Songjiang: " + f.company.address);
        break;
      case Defect::kAuditYearMismatch:
        tf.material = Material::kAuditReport;
        tf.document = doc_of(Material::kAuditReport);
        out.defects.push_back("audit for fiscal year " + std::to_string(f.audit.fiscal_year) +
                              " (2024 expected)");
        break;
      case Defect::kAuditUnbalanced:
        tf.material = Material::kAuditReport;
        tf.document = doc_of(Material::kAuditReport);
        out.defects.push_back("balance sheet: assets " + format_yuan(f.audit.total_assets_fen) +
                              " != liabilities " + format_yuan(f.audit.total_liabilities_fen) +
                              " + equity " + format_yuan(f.audit.owners_equity_fen));
        break;
      case Defect::kCreditSeriousDishonesty:
        tf.material = Material::kCreditReport;
        tf.document = doc_of(Material::kCreditReport);
        out.defects.push_back("credit report lists the applicant as seriously dishonest (" +
                              f.credit.serious_list +
                              "); the listing is also a bad record within two years");
        // Implied: the listing is a bad record within two years.
        if (!plan.has(Defect::kCreditRecordsFound))
          out.findings.push_back({"CREDIT_RECORDS_FOUND", Material::kCreditReport, tf.document});
        break;
      case Defect::kCreditRecordsFound:
        tf.material = Material::kCreditReport;
        tf.document = doc_of(Material::kCreditReport);
        out.defects.push_back("credit report: " + std::to_string(f.credit.records_in_two_years()) +
                              " bad records within two years (and one older)");
        break;
      case Defect::kParametersBelowThreshold:
        tf.material = Material::kProjectReport;
        tf.document = doc_of(Material::kProjectReport);
        out.defects.push_back("general model of " +
                              format_parameters(f.model->parameters, f.model->parameter_style) +
                              " parameters (not above 千亿)");
        break;
      case Defect::kFilingMissing:
        tf.material = Material::kEligibilityProof;
        out.defects.push_back("model without a filing or registration number");
        break;
      case Defect::kRequestExceedsCap: {
        tf.material = Material::kApplicationForm;
        tf.document = doc_of(Material::kApplicationForm);
        const Award a = compute_award(award_inputs(f, plan));
        out.defects.push_back("request " + format_wan(f.app.requested_fen) +
                              "万元 above the maximum " + format_wan(a.max_award_fen.value_or(0)) +
                              "万元");
        break;
      }
      case Defect::kEncryptedPdf:
        tf.document = first_doc_with("荣誉证书.pdf");
        out.defects.push_back("encrypted PDF (" + tf.document + ")");
        break;
      case Defect::kCorruptPdf:
        tf.document = first_doc_with("补充说明.pdf");
        out.defects.push_back("corrupt PDF (" + tf.document + ")");
        break;
      case Defect::kPathTraversal:
        tf.document = traversal;
        out.defects.push_back("ZIP entry with a ../ path (" + traversal + ")");
        break;
      case Defect::kDuplicateDocument:
        tf.document = first_doc_with("营业执照副本");
        out.defects.push_back("duplicated file (" + tf.document + ")");
        break;
      case Defect::kFaintScan:
        tf.material = Material::kOther;
        tf.document = first_doc_with("场地使用证明");
        out.defects.push_back("faint, blurred scan (" + tf.document + ")");
        break;
    }
    out.findings.push_back(tf);
  }
  return out;
}

Status write_bundle(const GeneratedBundle& b, const std::filesystem::path& out_dir) {
  try {
    const auto inbox = out_dir / "inbox";
    const auto expected = out_dir / "expected";
    std::filesystem::create_directories(inbox);
    std::filesystem::create_directories(expected);
    auto write = [](const std::filesystem::path& p, const std::string& bytes) {
      std::filesystem::create_directories(p.parent_path());
      std::ofstream f(p, std::ios::binary | std::ios::trunc);
      f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      return static_cast<bool>(f);
    };
    if (b.is_folder) {
      std::filesystem::remove_all(inbox / b.source);
      for (const auto& fi : b.files)
        if (!write(inbox / b.source / fi.path, fi.bytes))
          return Status::IoError("cannot write " + fi.path);
    } else if (!write(inbox / b.source, b.zip_bytes)) {
      return Status::IoError("cannot write " + b.source);
    }
    if (!write(expected / (b.source + ".json"), make_truth_json(b).dump(2) + "\n"))
      return Status::IoError("cannot write the ground truth of " + b.source);
  } catch (const std::filesystem::filesystem_error& e) {
    return Status::IoError(e.what());
  }
  return Status::Ok();
}

}  // namespace samplegen
