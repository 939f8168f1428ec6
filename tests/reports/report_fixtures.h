// Shared by the report tests: the committed schemas/, submissions built in code (through
// to_json, so they have exactly the contract's shape), a page picture drawn on the fly,
// and small helpers to look into the rendered HTML.
//
// Finding messages are written out as the judge renders them from schemas/findings.json's
// Chinese templates, so the English rendering can be checked against the catalog.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/core/submission.h"
#include "pipeline/emit/html.h"
#include "pipeline/emit/submission_json.h"
#include "tests/support/render.h"

namespace shenbao::testing {

inline const ReportSchemas& the_schemas() {
  static const ReportSchemas schemas = [] {
    auto r = load_report_schemas(std::filesystem::path(SHENBAO_SOURCE_DIR) / "schemas");
    if (!r.ok()) FAIL("cannot load schemas: " << r.status().ToString());
    return r.value();
  }();
  return schemas;
}

inline int64_t yuan(int64_t y) { return y * 100; }

inline DocumentRecord document(const std::string& path, Format format, const std::string& material,
                               std::optional<bool> sealed, int pages = 2) {
  DocumentRecord d;
  d.path = path;
  d.sha256 = std::string(64, 'b');
  d.format = format;
  d.pages = pages;
  d.text_source = format == Format::kImage ? TextSource::kOcr
                  : format == Format::kDocx || format == Format::kXlsx ? TextSource::kNative
                                                                      : TextSource::kTextLayer;
  d.material = material;
  d.sealed = sealed;
  if (sealed == true) d.seal_pages = {1};
  return d;
}

inline Finding finding(const std::string& code, Severity severity, const std::string& material,
                       const std::string& document, std::optional<int> page,
                       const std::string& message, const std::string& detail = "") {
  Finding f;
  f.code = code;
  f.severity = severity;
  f.material = material;
  f.document = document;
  f.page = page;
  f.message = message;
  f.detail = detail;
  return f;
}

inline const std::string kXssName = "<img src=x onerror=alert(1)>.pdf";

// Materials in the contract's terms from the documents: present when a readable document
// has it; sealed when all of them are; required as the rules say for a general model.
inline void fill_materials(Submission& s) {
  const std::vector<std::string> ids = {"application_form", "business_license", "street_approval",
                                        "credit_report",    "audit_report",     "project_report",
                                        "investment_table", "honors",           "eligibility_proof",
                                        "other"};
  for (const std::string& id : ids) {
    MaterialState m;
    m.required = id != "honors" && id != "other";
    for (const DocumentRecord& d : s.documents) {
      if (d.material != id || d.status != DocStatus::kOk) continue;
      m.present = true;
      m.documents.push_back(d.path);
      if (d.sealed == false) m.sealed = false;
      else if (d.sealed == true && m.sealed != false) m.sealed = true;
    }
    s.materials[id] = m;
  }
}

// A general-model application with three required materials missing, an unsealed licence,
// no filing, hardware over its 30 % limit, a low-confidence scan, an unreadable file, a
// file named like an HTML tag and extracted text with markup in it.
inline Submission incomplete_submission() {
  Submission s;
  s.bundle = {"华智科技 #1?%", "华智科技 #1?%.zip", std::string(64, 'a'), "2025-06-02T09:15:00Z",
              "0.1.0"};
  s.category = "general_model";
  s.applicant.name = "上海华智未来人工智能科技有限公司";
  s.applicant.uscc = "91310117MA1J2Q4K7A";
  s.applicant.uscc_valid = true;
  s.applicant.address = "上海市松江区九亭镇沪亭北路218号";
  s.applicant.in_songjiang = true;
  s.applicant.legal_representative = "张伟";

  s.documents.push_back(document("01 项目申报书.pdf", Format::kPdf, "application_form", true, 3));
  s.documents.back().seal_pages = {3};
  s.documents.push_back(document("02 营业执照.jpg", Format::kImage, "business_license", false, 1));
  s.documents.back().ocr_confidence = 0.71;
  s.documents.push_back(document("04 2024年度审计报告.pdf", Format::kPdf, "audit_report", true, 12));
  s.documents.push_back(document("05 投资明细.xlsx", Format::kXlsx, "investment_table", std::nullopt, 1));
  s.documents.push_back(document("06 项目情况报告.docx", Format::kDocx, "project_report", true, 8));
  s.documents.push_back(document(kXssName, Format::kPdf, "other", true, 1));
  DocumentRecord broken = document("broken.pdf", Format::kPdf, "unclassified", std::nullopt, 0);
  broken.status = DocStatus::kUnreadable;
  broken.text_source = TextSource::kNone;
  broken.error = "corrupt: xref table broken";
  s.documents.push_back(broken);
  fill_materials(s);

  Extracted& x = s.extracted;
  x.application.project_name = "<script>alert('x')</script>华智大模型";
  x.application.requested_fen = yuan(6'000'000);
  x.application.date = "2025-06-01";
  x.license.uscc = "91310117MA1J2Q4K7A";
  x.license.name = "上海华智未来人工智能科技有限公司";
  x.audit.fiscal_year = 2024;
  x.audit.total_assets_fen = yuan(80'000'000);
  x.investment.rows = {{"hardware", "GPU服务器", yuan(4'000'000)},
                       {"development", "模型开发", yuan(5'000'000)},
                       {"testing", "第三方测评", yuan(1'000'000)},
                       {"personnel", "研发人员工资", yuan(3'000'000)}};
  x.investment.total_fen = yuan(13'000'000);
  x.investment.stated_total_fen = yuan(13'000'000);
  x.investment.hardware_share = 4.0 / 13.0;
  x.project.parameters = 1.3e11;
  x.evidence["application.requested_fen"] = {"01 项目申报书.pdf", 2, "申请金额：600万元", std::nullopt,
                                             false};
  x.evidence["license.uscc"] = {"02 营业执照.jpg", 1, "统一社会信用代码 91310117MA1J2Q4K7A",
                                std::nullopt, true};
  x.evidence["project.parameters"] = {"06 项目情况报告.docx", std::nullopt,
                                      "模型参数量达<b>1300亿</b>", std::nullopt, false};

  using S = Severity;
  s.findings = {
      finding("MATERIAL_MISSING", S::kError, "street_approval", "", std::nullopt,
              "缺少必需材料：街镇审批表（松江区产业专项补贴项目街镇初审意见表）"),
      finding("MATERIAL_MISSING", S::kError, "credit_report", "", std::nullopt,
              "缺少必需材料：“信用中国”企业信用信息报告"),
      finding("MATERIAL_MISSING", S::kError, "eligibility_proof", "", std::nullopt,
              "缺少必需材料：符合奖励条件的认定公示、成效等相关证明材料"),
      finding("SEAL_MISSING", S::kError, "business_license", "02 营业执照.jpg", 1,
              "未加盖企业公章：02 营业执照.jpg（工商营业执照复印件）"),
      finding("FILING_MISSING", S::kError, "eligibility_proof", "", std::nullopt,
              "未找到生成式人工智能服务备案编号（三（一）1（2））"),
      finding("DOCUMENT_UNREADABLE", S::kError, "", "broken.pdf", std::nullopt,
              "文件无法读取：broken.pdf", "corrupt: xref table broken"),
      finding("ARCHIVE_REJECTED", S::kError, "", "../<script>x</script>.pdf", std::nullopt,
              "压缩包条目被拒绝：../<script>x</script>.pdf", "path traversal"),
      finding("HARDWARE_SHARE_EXCEEDED", S::kWarning, "investment_table", "05 投资明细.xlsx",
              std::nullopt, "硬件设施占研发成本30.77%，超过30%（三（一）2）；超出部分不计入补助基数"),
      finding("OCR_LOW_CONFIDENCE", S::kWarning, "business_license", "02 营业执照.jpg", 1,
              "02 营业执照.jpg 第1页文字识别置信度低，所读数值需人工核对"),
      // Built without the catalog: no template fits, so English keeps the Chinese text.
      finding("NAME_MISMATCH", S::kInfo, "", "", std::nullopt, "企业名称写法略有不同（自定义提示）"),
  };

  s.subsidy.rate = 0.5;
  s.subsidy.cap_fen = yuan(20'000'000);
  s.subsidy.eligible_cost_fen = 1'285'714'285;  // 9,000,000 + 3/7 × 9,000,000 yuan, in fen
  s.subsidy.max_award_fen = 642'857'142;
  s.subsidy.requested_fen = yuan(6'000'000);
  s.verdict = "incomplete";
  return s;
}

// Everything the applicant wrote is ASCII: an English report of it must hold no Chinese.
inline Submission ascii_submission() {
  Submission s;
  s.bundle = {"acme", "acme.zip", std::string(64, 'c'), "2025-06-03T10:00:00Z", "0.1.0"};
  s.category = "general_model";
  s.applicant.name = "Acme AI Ltd";
  s.applicant.uscc = "91310117MA1J2Q4K7A";
  s.applicant.uscc_valid = true;
  s.applicant.in_songjiang = true;
  s.documents.push_back(document("form.pdf", Format::kPdf, "application_form", true, 3));
  s.documents.push_back(document("license.jpg", Format::kImage, "business_license", false, 1));
  s.documents.back().ocr_confidence = 0.55;
  s.documents.push_back(document("report.docx", Format::kDocx, "project_report", true, 5));
  s.documents.back().sections = {{"project_report", 1, 3}, {"investment_table", 4, 5}};
  fill_materials(s);
  s.extracted.application.requested_fen = yuan(30'000'000);
  s.extracted.investment.rows = {{"hardware", "GPU", yuan(4'000'000)},
                                 {"development", "dev", yuan(5'000'000)},
                                 {"personnel", "staff", yuan(4'000'000)}};
  s.extracted.project.parameters = 7e10;
  s.extracted.filing.kind = "filing";
  s.extracted.evidence["project.parameters"] = {"report.docx", 2, "70B parameters", std::nullopt,
                                                true};
  using S = Severity;
  s.findings = {
      finding("MATERIAL_MISSING", S::kError, "street_approval", "", std::nullopt,
              "缺少必需材料：街镇审批表（松江区产业专项补贴项目街镇初审意见表）"),
      finding("SEAL_MISSING", S::kError, "business_license", "license.jpg", 1,
              "未加盖企业公章：license.jpg（工商营业执照复印件）"),
      finding("FILING_MISSING", S::kError, "eligibility_proof", "", std::nullopt,
              "未找到生成式人工智能服务备案编号（三（一）1（2））"),
      finding("PARAMETERS_BELOW_THRESHOLD", S::kError, "project_report", "", std::nullopt,
              "通用大模型参数量700亿，未超过千亿（三（一）1（1））"),
      finding("HARDWARE_SHARE_EXCEEDED", S::kWarning, "investment_table", "", std::nullopt,
              "硬件设施占研发成本30.77%，超过30%（三（一）2）；超出部分不计入补助基数"),
      finding("REQUEST_EXCEEDS_CAP", S::kWarning, "application_form", "", std::nullopt,
              "申请金额30,000,000.00元超过该类别补助上限20,000,000.00元（三（一）2）"),
      finding("OCR_LOW_CONFIDENCE", S::kWarning, "business_license", "license.jpg", 1,
              "license.jpg 第1页文字识别置信度低，所读数值需人工核对"),
      finding("MATERIAL_MISSING", S::kError, "eligibility_proof", "", std::nullopt,
              "缺少支持通用大模型设计构建所需材料：模型参数量（项目情况报告中写明）（三（一）1（1））"),
  };
  s.subsidy.rate = 0.5;
  s.subsidy.cap_fen = yuan(20'000'000);
  s.subsidy.eligible_cost_fen = 1'285'714'285;
  s.subsidy.max_award_fen = 642'857'142;
  s.subsidy.requested_fen = yuan(30'000'000);
  s.subsidy.steps = {"研发成本按类别：硬件设施4,000,000.00元"};  // Chinese: not for English
  s.verdict = "ineligible";
  return s;
}

// A page picture: a text page drawn at a thumbnail's resolution, with a seal, a table
// and a finding outlined.
inline PageThumbnail licence_thumbnail() {
  TextPage page;
  page.lines = {"营业执照", "统一社会信用代码 91310117MA1J2Q4K7A", "名称 上海华智未来人工智能科技有限公司",
                "住所 上海市松江区九亭镇沪亭北路218号", "法定代表人 张伟", "注册资本 人民币伍佰万元整"};
  page.font_size_pt = 16;
  PageThumbnail t;
  t.document = "02 营业执照.jpg";
  t.page = 1;
  t.png = render_png(page, 40);  // 331 × 468 pixels
  t.outlines = {{40, 60, 300, 90, "finding"}, {200, 330, 300, 430, "seal"}, {30, 100, 310, 260, "table"}};
  return t;
}

inline size_t count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

// The HTML from the element with id="<id>" to the end of the next </section> or </header>.
inline std::string section(const std::string& html, const std::string& id) {
  const size_t start = html.find("id=\"" + id + "\"");
  if (start == std::string::npos) return "";
  size_t end = html.find("</section>", start);
  const size_t header_end = html.find("</header>", start);
  if (header_end < end) end = header_end;
  return html.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace shenbao::testing
