// The report page of one bundle (OUT/<id>/report.html), rendered from its submission.json.
//
// Order of the page, most urgent first: the verdict banner (verdict, applicant, category,
// award), what is missing / unsealed / disqualifying, the findings by severity, the page
// pictures, the materials checklist, the award calculation, the extracted facts with their
// evidence, the document inventory.
#include <algorithm>
#include <cmath>
#include <set>

#include "pipeline/emit/html.h"
#include "pipeline/emit/html_internal.h"

namespace shenbao {

namespace {

using namespace html;  // NOLINT: this file is the html namespace's client

struct Ctx {
  const json& sub;
  Lang lang;
  const ReportSchemas& s;
  const std::vector<PageThumbnail>& thumbs;
  // (document, page) → the anchor number of its picture.
  std::map<std::pair<std::string, int>, size_t> pictures;

  const char* t(const char* zh, const char* en) const { return T(lang, zh, en); }
};

const std::vector<std::string>& severities() {
  static const std::vector<std::string> kOrder = {"error", "warning", "info"};
  return kOrder;
}

std::string path_span(std::string_view path) {
  return "<span class=\"path\">" + esc(path) + "</span>";
}

std::string page_text(const Ctx& c, int64_t page) {
  return c.lang == Lang::kEn ? "p. " + std::to_string(page) : "第" + std::to_string(page) + "页";
}

std::string item_and_name(const Ctx& c, std::string_view material) {
  const std::string item = material_item(c.s, material, c.lang);
  const std::string name = material_name(c.s, material, c.lang);
  if (item.empty()) return esc(name);
  return "<span class=\"item\">" + esc(item) + "</span>" + (c.lang == Lang::kEn ? " " : "") +
         esc(name);
}

std::string yes_no(const Ctx& c, bool v) { return v ? c.t("是", "Yes") : c.t("否", "No"); }

// A link to the picture of (document, page) when there is one, else "".
std::string picture_link(const Ctx& c, const std::string& document, std::optional<int64_t> page) {
  if (!page) return "";
  auto it = c.pictures.find({document, static_cast<int>(*page)});
  if (it == c.pictures.end()) return "";
  return " <a class=\"pic-link noprint\" href=\"#pic-" + std::to_string(it->second) + "\">" +
         c.t("看图", "view") + "</a>";
}

std::vector<const json*> findings_of(const Ctx& c) {
  std::vector<const json*> out;
  const json& f = at(c.sub, "findings");
  if (f.is_array()) {
    for (const json& x : f) {
      if (x.is_object()) out.push_back(&x);
    }
  }
  return out;
}

// ---- banner -------------------------------------------------------------------------------

std::string banner(const Ctx& c) {
  const std::string verdict = str_or(at(c.sub, "verdict"), "unknown");
  const std::string vclass = verdict == "complete" || verdict == "incomplete" ||
                                     verdict == "ineligible" || verdict == "needs_review"
                                 ? verdict
                                 : "unknown";
  const std::optional<std::string> name = get_str(at_path(c.sub, "applicant.name"));
  const std::optional<std::string> uscc = get_str(at_path(c.sub, "applicant.uscc"));
  const std::optional<int64_t> award = get_int(at_path(c.sub, "subsidy.max_award_fen"));
  std::optional<int64_t> requested = get_int(at_path(c.sub, "subsidy.requested_fen"));
  if (!requested) requested = get_int(at_path(c.sub, "extracted.application.requested_fen"));

  std::string out = "<header class=\"banner b-" + vclass + "\" id=\"verdict\">\n";
  out += "<div class=\"verdict-box\"><div class=\"verdict-label\">";
  out += c.t("初审结论", "Verdict");
  out += "</div><div class=\"verdict-word\">" + esc(verdict_text(verdict, c.lang)) + "</div></div>\n";
  out += "<div class=\"who\">\n<h1>";
  out += name ? esc(*name) : std::string("<span class=\"muted\">") +
                                 c.t("申报单位名称未识别", "Applicant name not found") + "</span>";
  out += "</h1>\n<div class=\"cat\">";
  out += c.t("申报类别：", "Category: ");
  out += esc(category_name(c.s, str_or(at(c.sub, "category"), "unknown"), c.lang));
  out += "</div>\n<div class=\"muted small\">";
  out += c.t("统一社会信用代码：", "Credit code: ");
  out += uscc ? esc(*uscc) : "—";
  out += " · ";
  out += c.t("申报包：", "Bundle: ");
  out += path_span(str_or(at_path(c.sub, "bundle.id")));
  out += "</div>\n<p class=\"explain\">" + esc(verdict_explanation(verdict, c.lang)) + "</p>\n";
  out += "</div>\n<div class=\"award-box\"><div class=\"award-label\">";
  out += c.t("最高可给予补助", "Largest award");
  out += "</div><div class=\"award-amount\">";
  out += award ? esc(format_money(*award)) : std::string("<span class=\"muted\">") +
                                                 c.t("无法计算", "Not computed") + "</span>";
  out += "</div><div class=\"award-req\">";
  out += c.t("申请金额 ", "Requested ");
  out += esc(money_or_dash(requested));
  if (award && requested && *requested > *award) {
    out += " <span class=\"over\">";
    out += c.t("超出 ", "exceeds by ");
    out += esc(format_money(*requested - *award));
    out += "</span>";
  }
  out += "</div></div>\n</header>\n";
  return out;
}

// ---- what needs doing (top of the page) ------------------------------------------------------

// True when a MATERIAL_MISSING finding is the catalog's plain "required material missing"
// message (not a variant naming a category's own evidence), i.e. the checklist says it.
bool is_plain_material_missing(const Ctx& c, const json& f) {
  const std::optional<std::string> zh =
      get_str(at(at(at(c.s.findings, "codes"), "MATERIAL_MISSING"), "zh"));
  return zh && match_template(*zh, str_or(at(f, "message")), {{"document", str_or(at(f, "document"))}})
                   .has_value();
}

std::string attention(const Ctx& c) {
  const json& materials = at(c.sub, "materials");
  const std::vector<const json*> findings = findings_of(c);

  std::vector<std::string> missing, unsealed, ineligible;
  std::set<std::string> missing_materials, seal_findings_materials;
  for (const std::string& id : material_order(c.s, c.sub)) {
    const json& m = at(materials, id);
    if (get_bool(at(m, "required")) == true && get_bool(at(m, "present")) != true) {
      missing.push_back(item_and_name(c, id));
      missing_materials.insert(id);
    }
  }
  std::set<const json*> shown;
  for (const json* f : findings) {
    const std::string code = str_or(at(*f, "code"));
    const std::string material = str_or(at(*f, "material"));
    const std::string document = str_or(at(*f, "document"));
    if (code == "MATERIAL_MISSING" && missing_materials.count(material) &&
        is_plain_material_missing(c, *f)) {
      shown.insert(f);  // the checklist line above says it
    } else if (code == "MATERIAL_MISSING" || code == "FILING_MISSING") {
      missing.push_back(esc(finding_message(c.s, c.sub, *f, c.lang)));
      shown.insert(f);
    } else if (code == "SEAL_MISSING") {
      std::string line = document.empty() ? esc(finding_message(c.s, c.sub, *f, c.lang))
                                          : path_span(document);
      if (!document.empty() && !material.empty()) {
        line += " <span class=\"muted\">· " + item_and_name(c, material) + "</span>";
      }
      line += picture_link(c, document, get_int(at(*f, "page")));
      unsealed.push_back(line);
      seal_findings_materials.insert(material);
      shown.insert(f);
    } else if (finding_verdict_class(c.s, code) == "ineligible") {
      ineligible.push_back(esc(finding_message(c.s, c.sub, *f, c.lang)));
      shown.insert(f);
    }
  }
  // A required material shown unsealed without its finding (the judge raises SEAL_MISSING
  // for the materials that must be sealed; 其它 need not be, and is not listed).
  for (const std::string& id : material_order(c.s, c.sub)) {
    const json& m = at(materials, id);
    if (get_bool(at(m, "required")) == true && get_bool(at(m, "present")) == true &&
        get_bool(at(m, "sealed")) == false && !seal_findings_materials.count(id)) {
      unsealed.push_back(item_and_name(c, id));
    }
  }
  int other_errors = 0, other_warnings = 0;
  for (const json* f : findings) {
    if (shown.count(f)) continue;
    const std::string sev = str_or(at(*f, "severity"));
    if (sev == "error") ++other_errors;
    if (sev == "warning") ++other_warnings;
  }

  std::string out = "<section class=\"attention\" id=\"attention\">\n";
  auto block = [&](const char* cls, const char* title, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out += "<div class=\"att " + std::string(cls) + "\"><div class=\"att-title\">" + title + " (" +
           std::to_string(items.size()) + ")</div><ul>\n";
    for (const std::string& i : items) out += "<li>" + i + "</li>\n";
    out += "</ul></div>\n";
  };
  block("att-ineligible", c.t("不符合申报条件", "Conditions not met"), ineligible);
  block("att-missing", c.t("缺少材料", "Missing"), missing);
  block("att-unsealed", c.t("未盖公章", "Not sealed"), unsealed);
  if (other_errors + other_warnings > 0) {
    out += "<p class=\"att-more\"><a href=\"#findings\">";
    std::vector<std::string> parts;
    if (c.lang == Lang::kEn) {
      if (other_errors) parts.push_back(std::to_string(other_errors) + " error(s)");
      if (other_warnings) parts.push_back(std::to_string(other_warnings) + " warning(s)");
      out += "Also " + parts[0] + (parts.size() > 1 ? " and " + parts[1] : "") +
             " to check: see the findings below.";
    } else {
      if (other_errors) parts.push_back(std::to_string(other_errors) + " 个错误");
      if (other_warnings) parts.push_back(std::to_string(other_warnings) + " 个警告");
      out += "另有 " + parts[0] + (parts.size() > 1 ? "、" + parts[1] : "") +
             "需人工核对，见下方“问题清单”。";
    }
    out += "</a></p>\n";
  }
  if (ineligible.empty() && missing.empty() && unsealed.empty() &&
      other_errors + other_warnings == 0) {
    out += "<p class=\"att-none\">";
    out += c.t("✓ 未发现缺少、未盖章或需核对的问题。",
               "✓ Nothing missing, unsealed or to be checked.");
    out += "</p>\n";
  }
  out += "</section>\n";
  return out;
}

// ---- findings -----------------------------------------------------------------------------

std::string findings_section(const Ctx& c) {
  const std::vector<const json*> findings = findings_of(c);
  std::string out = "<section class=\"sect\" id=\"findings\">\n<h2>";
  out += c.t("问题清单", "Findings");
  out += " <span class=\"count\">" + std::to_string(findings.size()) + "</span></h2>\n";
  if (findings.empty()) {
    out += "<p class=\"muted\">";
    out += c.t("未发现问题。", "No findings.");
    out += "</p>\n</section>\n";
    return out;
  }
  std::vector<std::string> order = severities();
  for (const json* f : findings) {  // a severity the contract does not know still shows
    const std::string sev = str_or(at(*f, "severity"));
    if (std::find(order.begin(), order.end(), sev) == order.end()) order.push_back(sev);
  }
  for (const std::string& sev : order) {
    std::vector<const json*> group;
    for (const json* f : findings) {
      if (str_or(at(*f, "severity")) == sev) group.push_back(f);
    }
    if (group.empty()) continue;
    out += "<h3><span class=\"sev sev-" + esc(sev) + "\">" + esc(severity_text(sev, c.lang)) +
           "</span> " + std::to_string(group.size()) + "</h3>\n";
    out += "<table class=\"findings f-" + esc(sev) + "\">\n<thead><tr><th>";
    out += c.t("问题", "Finding");
    out += "</th><th>";
    out += c.t("材料", "Material");
    out += "</th><th>";
    out += c.t("文件及页码", "Document and page");
    out += "</th><th>";
    out += c.t("代码", "Code");
    out += "</th></tr></thead>\n<tbody>\n";
    for (const json* f : group) {
      const std::string material = str_or(at(*f, "material"));
      const std::string document = str_or(at(*f, "document"));
      const std::optional<int64_t> page = get_int(at(*f, "page"));
      const std::optional<std::string> detail = get_str(at(*f, "detail"));
      out += "<tr><td class=\"msg\">" + esc(finding_message(c.s, c.sub, *f, c.lang));
      if (detail && !detail->empty()) {
        out += "<div class=\"detail\">" + esc(*detail) + "</div>";
      }
      out += "</td><td>";
      out += material.empty() ? "<span class=\"muted\">—</span>" : item_and_name(c, material);
      out += "</td><td>";
      if (document.empty()) {
        out += "<span class=\"muted\">—</span>";
      } else {
        out += path_span(document);
      }
      if (page) {
        out += " <span class=\"nowrap\">" + page_text(c, *page) + "</span>";
        out += picture_link(c, document, page);
      }
      out += "</td><td class=\"code\">" + esc(str_or(at(*f, "code"))) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  out += "</section>\n";
  return out;
}

// ---- page pictures ------------------------------------------------------------------------

std::string outline_label(const Ctx& c, std::string_view kind) {
  if (kind == "seal") return c.t("公章", "seal");
  if (kind == "table") return c.t("表格", "table");
  if (kind == "finding") return c.t("问题", "finding");
  return std::string(kind);
}

std::string pictures_section(const Ctx& c) {
  if (c.thumbs.empty()) return "";
  std::string out = "<section class=\"sect\" id=\"pictures\">\n<h2>";
  out += c.t("页面图像", "Page pictures");
  out += " <span class=\"count\">" + std::to_string(c.thumbs.size()) + "</span></h2>\n";
  out += "<p class=\"legend small\"><span class=\"key k-seal\"></span>";
  out += c.t("公章", "seal");
  out += " <span class=\"key k-table\"></span>";
  out += c.t("表格", "table");
  out += " <span class=\"key k-finding\"></span>";
  out += c.t("问题所在", "where a finding is");
  out += "</p>\n<div class=\"thumbs\">\n";
  const std::vector<const json*> findings = findings_of(c);
  for (size_t i = 0; i < c.thumbs.size(); ++i) {
    const PageThumbnail& t = c.thumbs[i];
    const std::optional<std::pair<int, int>> size = png_size(t.png);
    out += "<figure class=\"thumb\" id=\"pic-" + std::to_string(i + 1) + "\">\n";
    if (size) {
      out += "<div class=\"frame\">";
      out += "<img src=\"data:image/png;base64," + base64(t.png) + "\" width=\"" +
             std::to_string(size->first) + "\" height=\"" + std::to_string(size->second) +
             "\" alt=\"" + esc(t.document) + " " + esc(page_text(c, t.page)) + "\">";
      for (const PageThumbnail::Outline& o : t.outlines) {
        // Percentages of the picture, so the boxes follow the image when it scales.
        const double w = size->first, h = size->second;
        const double x0 = std::clamp<double>(std::min(o.x0, o.x1), 0, w);
        const double x1 = std::clamp<double>(std::max(o.x0, o.x1), 0, w);
        const double y0 = std::clamp<double>(std::min(o.y0, o.y1), 0, h);
        const double y1 = std::clamp<double>(std::max(o.y0, o.y1), 0, h);
        if (x1 <= x0 || y1 <= y0) continue;
        char style[160];
        std::snprintf(style, sizeof style, "left:%.2f%%;top:%.2f%%;width:%.2f%%;height:%.2f%%",
                      100 * x0 / w, 100 * y0 / h, 100 * (x1 - x0) / w, 100 * (y1 - y0) / h);
        const std::string kind =
            o.kind == "seal" || o.kind == "table" || o.kind == "finding" ? o.kind : "other";
        out += "<span class=\"box k-" + kind + "\" style=\"" + style + "\" title=\"" +
               esc(outline_label(c, o.kind)) + "\"></span>";
      }
      out += "</div>\n";
    } else {
      out += "<div class=\"frame missing muted\">";
      out += c.t("（图像无法显示）", "(picture cannot be shown)");
      out += "</div>\n";
    }
    out += "<figcaption>" + path_span(t.document) + " <span class=\"nowrap\">" +
           esc(page_text(c, t.page)) + "</span>";
    for (const json* f : findings) {
      if (str_or(at(*f, "document")) == t.document && get_int(at(*f, "page")) == t.page) {
        out += "<div class=\"cap-finding sev-" + esc(str_or(at(*f, "severity"))) + "-text\">" +
               esc(finding_message(c.s, c.sub, *f, c.lang)) + "</div>";
      }
    }
    out += "</figcaption>\n</figure>\n";
  }
  out += "</div>\n</section>\n";
  return out;
}

// ---- materials checklist ---------------------------------------------------------------------

std::string materials_section(const Ctx& c) {
  const json& materials = at(c.sub, "materials");
  std::string out = "<section class=\"sect pb\" id=\"materials\">\n<h2>";
  out += c.t("申报材料清单（七、申报材料）", "Materials checklist (section 7 of the rules)");
  out += "</h2>\n<table class=\"checklist\">\n<thead><tr><th>";
  out += c.t("序号", "Item");
  out += "</th><th>";
  out += c.t("材料", "Material");
  out += "</th><th>";
  out += c.t("是否必需", "Required");
  out += "</th><th>";
  out += c.t("提交", "Submitted");
  out += "</th><th>";
  out += c.t("公章", "Seal");
  out += "</th><th>";
  out += c.t("文件", "Documents");
  out += "</th></tr></thead>\n<tbody>\n";
  for (const std::string& id : material_order(c.s, c.sub)) {
    const json& m = at(materials, id);
    const bool required = get_bool(at(m, "required")) == true;
    const bool present = get_bool(at(m, "present")) == true;
    const std::optional<bool> sealed = get_bool(at(m, "sealed"));
    std::string row_class;
    if (required && !present) row_class = "row-missing";
    else if (present && sealed == false) row_class = "row-unsealed";
    out += "<tr" + (row_class.empty() ? "" : " class=\"" + row_class + "\"") + "><td class=\"nowrap\">";
    out += esc(material_item(c.s, id, c.lang));
    out += "</td><td>" + esc(material_name(c.s, id, c.lang));
    const std::string note = material_note(c.s, id);
    if (c.lang == Lang::kZh && !note.empty()) out += "<div class=\"small muted\">" + esc(note) + "</div>";
    out += "</td><td class=\"nowrap\">";
    out += required ? c.t("必需", "Required") : std::string("<span class=\"muted\">") +
                                                   c.t("可选", "Optional") + "</span>";
    out += "</td><td class=\"nowrap\">";
    if (present) {
      out += std::string("<span class=\"yes\">✓ ") + c.t("已提交", "Present") + "</span>";
    } else if (required) {
      out += std::string("<span class=\"no\">✗ ") + c.t("缺少", "Missing") + "</span>";
    } else {
      out += std::string("<span class=\"muted\">— ") + c.t("未提交", "None") + "</span>";
    }
    out += "</td><td class=\"nowrap\">";
    if (!present) {
      out += "<span class=\"muted\">—</span>";
    } else if (sealed == true) {
      out += std::string("<span class=\"yes\">✓ ") + c.t("已盖章", "Sealed") + "</span>";
    } else if (sealed == false) {
      out += std::string("<span class=\"no\">✗ ") + c.t("未盖章", "Not sealed") + "</span>";
    } else {
      out += std::string("<span class=\"unk\">? ") + c.t("无法判断", "Undecided") + "</span>";
    }
    out += "</td><td>";
    const json& docs = at(m, "documents");
    bool any = false;
    if (docs.is_array()) {
      for (const json& d : docs) {
        if (!d.is_string()) continue;
        out += "<div>" + path_span(d.get<std::string>()) + "</div>";
        any = true;
      }
    }
    if (!any) out += "<span class=\"muted\">—</span>";
    out += "</td></tr>\n";
  }
  out += "</tbody></table>\n</section>\n";
  return out;
}

// ---- award --------------------------------------------------------------------------------

struct CostSum {
  std::string category;
  int64_t amount_fen = 0;
  std::vector<std::string> items;
};

// Investment rows summed per cost category, in the policy's order, unknown ones after.
std::vector<CostSum> cost_sums(const Ctx& c) {
  std::vector<CostSum> sums;
  auto slot = [&](const std::string& category) -> CostSum& {
    for (CostSum& s : sums) {
      if (s.category == category) return s;
    }
    sums.push_back({category, 0, {}});
    return sums.back();
  };
  const json& order = at(c.s.policy, "cost_categories");
  const json& rows = at_path(c.sub, "extracted.investment.rows");
  if (!rows.is_array() || rows.empty()) return sums;
  if (order.is_array()) {
    for (const json& cc : order) slot(str_or(at(cc, "id")));
  }
  for (const json& r : rows) {
    const std::optional<int64_t> amount = get_int(at(r, "amount_fen"));
    if (!amount) continue;
    CostSum& s = slot(str_or(at(r, "category"), "other"));
    if (__builtin_add_overflow(s.amount_fen, *amount, &s.amount_fen)) s.amount_fen = INT64_MAX;
    if (auto item = get_str(at(r, "item")); item && !item->empty()) s.items.push_back(*item);
  }
  std::erase_if(sums, [](const CostSum& s) { return s.items.empty() && s.amount_fen == 0; });
  return sums;
}

int64_t mul_div_floor(int64_t amount, int64_t num, int64_t den) {
  if (amount <= 0 || num <= 0 || den <= 0) return 0;
  __extension__ typedef __int128 Wide;
  const Wide r = static_cast<Wide>(amount) * num / den;
  return r > INT64_MAX ? INT64_MAX : static_cast<int64_t>(r);
}

std::string fraction(int64_t bp) {
  int64_t a = bp, b = 10000 - bp;
  int64_t x = a, y = b;
  while (y != 0) {
    const int64_t t = x % y;
    x = y;
    y = t;
  }
  if (x <= 0) return "0";
  return std::to_string(a / x) + "/" + std::to_string(b / x);
}

// The calculation in the reader's language, from the record's numbers and the policy's
// rule for its category. Display only: the amounts that count are the record's subsidy.
std::vector<std::string> computed_steps(const Ctx& c, const std::vector<CostSum>& sums) {
  const bool en = c.lang == Lang::kEn;
  std::vector<std::string> steps;
  const json& rule = category_rule(c.s, str_or(at(c.sub, "category")));
  const json& award = at(rule, "award");
  const json& subsidy = at(c.sub, "subsidy");
  const std::optional<int64_t> max_award = get_int(at(subsidy, "max_award_fen"));
  std::optional<int64_t> cap = get_int(at(subsidy, "cap_fen"));
  if (!cap) cap = get_int(at(award, "cap_fen"));
  const std::string clause = clause_text(str_or(at(award, "clause")), c.lang);
  std::optional<int64_t> rate_bp = get_int(at(award, "rate_bp"));
  if (std::optional<double> rate = get_num(at(subsidy, "rate"))) {
    rate_bp = static_cast<int64_t>(std::llround(*rate * 10000));
  }
  const std::string basis = str_or(at(award, "basis"));

  auto rate_and_cap = [&](int64_t basis_fen) {
    if (!rate_bp) return;
    const int64_t amount = mul_div_floor(basis_fen, *rate_bp, 10000);
    const std::string r = percent(*rate_bp / 10000.0);
    steps.push_back(en ? "At most " + r + " of it: " + format_money(basis_fen) + " × " + r +
                             " = " + format_money(amount) + " (fractions of a fen dropped)"
                       : "按不超过" + r + "补助：" + format_money(basis_fen) + "×" + r + "＝" +
                             format_money(amount) + "（分以下舍去）");
    if (!cap) return;
    if (amount > *cap) {
      steps.push_back(en ? "Above the cap of " + format_money(*cap) + " (clause " + clause +
                               "): the award is the cap, " + format_money(*cap)
                         : "超过最高补助" + format_money(*cap) + "（" + clause + "），按" +
                               format_money(*cap) + "核定");
    } else {
      steps.push_back(en ? "Within the cap of " + format_money(*cap) + " (clause " + clause + ")"
                         : "未超过最高补助" + format_money(*cap) + "（" + clause + "）");
    }
  };

  if (rule.is_null()) {
    steps.push_back(en ? "The category is not determined, so the award cannot be computed."
                       : "申报类别未确定，无法计算补助");
  } else if (basis == "rd_cost") {
    if (sums.empty()) {
      steps.push_back(en ? "No investment breakdown was found: the R&D cost and the award cannot "
                           "be computed."
                         : "未找到项目投资明细，无法计算研发成本和补助上限");
    } else {
      std::string breakdown;
      int64_t hardware = 0, other = 0;
      for (const CostSum& s : sums) {
        if (!breakdown.empty()) breakdown += en ? "; " : "；";
        breakdown += cost_category_name(c.s, s.category, c.lang) + (en ? " " : "") +
                     format_money(s.amount_fen);
        int64_t& sum = s.category == "hardware" ? hardware : other;
        if (__builtin_add_overflow(sum, s.amount_fen, &sum)) sum = INT64_MAX;
      }
      other = std::max<int64_t>(other, 0);
      steps.push_back((en ? "R&D cost by category: " : "研发成本按类别：") + breakdown);
      int64_t counted = std::max<int64_t>(hardware, 0);
      if (std::optional<int64_t> share_bp = get_int(at(award, "hardware_share_max_bp"))) {
        const int64_t limit = mul_div_floor(other, *share_bp, 10000 - *share_bp);
        const std::string share = percent(*share_bp / 10000.0);
        const std::string frac = fraction(*share_bp);
        if (hardware > limit) {
          counted = limit;
          steps.push_back(
              en ? "Hardware " + format_money(hardware) + " is over its limit: at most " + share +
                       " of the R&D cost, i.e. " + frac + " of the other costs " +
                       format_money(other) + " = " + format_money(limit) + "; only " +
                       format_money(limit) + " counts"
                 : "硬件设施" + format_money(hardware) + "超过上限：硬件占研发成本不超过" + share +
                       "，即不超过非硬件成本" + format_money(other) + "的" + frac + "＝" +
                       format_money(limit) + "，只计入" + format_money(limit));
        } else {
          steps.push_back(
              en ? "Hardware " + format_money(hardware) + " is within its limit (" + frac +
                       " of the other costs " + format_money(other) + " = " +
                       format_money(limit) + ", i.e. " + share +
                       " of the R&D cost) and counts in full"
                 : "硬件设施" + format_money(hardware) + "，未超过非硬件成本" +
                       format_money(other) + "的" + frac + "（" + format_money(limit) +
                       "），即占研发成本不超过" + share + "，全额计入");
        }
      }
      int64_t eligible = 0;
      if (__builtin_add_overflow(other, counted, &eligible)) eligible = INT64_MAX;
      steps.push_back(en ? "Eligible R&D cost: " + format_money(other) + " + " +
                               format_money(counted) + " = " + format_money(eligible)
                         : "可计入研发成本：" + format_money(other) + "＋" + format_money(counted) +
                               "＝" + format_money(eligible));
      // The record's figure is the one that counts; say so when it differs.
      const std::optional<int64_t> recorded = get_int(at(subsidy, "eligible_cost_fen"));
      if (recorded && *recorded != eligible) {
        eligible = *recorded;
        steps.push_back(en ? "The record's eligible cost is " + format_money(eligible) +
                                 "; it is used below"
                           : "记录的可计入成本为" + format_money(eligible) + "，以下按此计算");
      }
      rate_and_cap(eligible);
    }
  } else if (basis == "industry_tiers") {
    const json& industries = at_path(c.sub, "extracted.adaptation.industries");
    if (!industries.is_array()) {
      steps.push_back(en ? "No list of industries served was found: the tier cannot be "
                           "determined (clause " + clause + ")"
                         : "未找到服务行业清单，无法确定档次（" + clause + "）");
    } else {
      std::vector<std::string> distinct;
      for (const json& i : industries) {
        if (i.is_string() &&
            std::find(distinct.begin(), distinct.end(), i.get<std::string>()) == distinct.end()) {
          distinct.push_back(i.get<std::string>());
        }
      }
      std::string names;
      for (const std::string& n : distinct) names += (names.empty() ? "" : (en ? ", " : "、")) + n;
      const std::optional<int64_t> tier = get_int(at(subsidy, "tier"));
      const std::string count = std::to_string(distinct.size());
      if (tier && cap) {
        steps.push_back(en ? count + " industries served (" + names + "): tier " +
                                 std::to_string(*tier) + ", at most " + format_money(*cap) +
                                 " (clause " + clause + ")"
                           : "覆盖行业" + count + "个（" + names + "），属第" +
                                 std::to_string(*tier) + "档，最高奖励" + format_money(*cap) +
                                 "（" + clause + "）");
      } else {
        steps.push_back(en ? count + " industries served: no tier applies (clause " + clause +
                                 "); the award is 0"
                           : "覆盖行业" + count + "个，不符合任何档次（" + clause + "），奖励为0");
      }
    }
  } else if (basis == "test_fee") {
    const std::optional<int64_t> fee = get_int(at_path(c.sub, "extracted.security.test_fee_fen"));
    const std::optional<bool> first = get_bool(at_path(c.sub, "extracted.security.first_pass"));
    if (!fee) {
      steps.push_back(en ? "No security testing fee was found: the award cannot be computed "
                           "(clause " + clause + ")"
                         : "未找到安全性测试服务费，无法计算补助（" + clause + "）");
    } else {
      steps.push_back((en ? "Security testing fee " : "安全性测试服务费") + format_money(*fee));
      if (first == false) {
        steps.push_back(en ? "Not the product's first pass: only a first pass is supported "
                             "(clause " + clause + "); the award is 0"
                           : "该产品并非首次通过测试，仅支持首次通过测试（" + clause +
                                 "），补助为0");
      } else {
        if (!first) {
          steps.push_back(en ? "Whether this is the first pass is not confirmed (only a first "
                               "pass is supported, clause " + clause +
                                   "); computed as a first pass, check by hand"
                             : "未能确认是否首次通过测试（仅支持首次通过，" + clause +
                                   "），以下按首次通过计算，需人工核对");
        }
        rate_and_cap(std::max<int64_t>(*fee, 0));
      }
    }
  }
  if (max_award) {
    steps.push_back((en ? "Largest award: " : "最高可给予补助") + format_money(*max_award));
  }
  return steps;
}

std::string award_section(const Ctx& c) {
  const json& subsidy = at(c.sub, "subsidy");
  const std::vector<CostSum> sums = cost_sums(c);
  std::string out = "<section class=\"sect pb\" id=\"award\">\n<h2>";
  out += c.t("补助测算", "Award calculation");
  out += "</h2>\n<table class=\"kv award-kv\"><tbody>\n";
  auto row = [&](const char* label, const std::string& value_html, const char* cls = "") {
    out += "<tr><th>" + std::string(label) + "</th><td class=\"num " + cls + "\">" + value_html +
           "</td></tr>\n";
  };
  const std::optional<double> rate = get_num(at(subsidy, "rate"));
  const std::optional<int64_t> tier = get_int(at(subsidy, "tier"));
  std::optional<int64_t> requested = get_int(at(subsidy, "requested_fen"));
  if (!requested) requested = get_int(at_path(c.sub, "extracted.application.requested_fen"));
  const std::optional<int64_t> max_award = get_int(at(subsidy, "max_award_fen"));
  row(c.t("申报类别", "Category"),
      esc(category_name(c.s, str_or(at(c.sub, "category"), "unknown"), c.lang)), "text");
  row(c.t("补助比例（不超过）", "Rate (at most)"), rate ? esc(percent(*rate)) : "—");
  if (tier) row(c.t("档次", "Tier"), std::to_string(*tier));
  row(c.t("补助上限", "Cap"), esc(money_or_dash(get_int(at(subsidy, "cap_fen")))));
  row(c.t("可计入成本", "Eligible cost"),
      esc(money_or_dash(get_int(at(subsidy, "eligible_cost_fen")))));
  row(c.t("最高可给予补助", "Largest award"), "<b>" + esc(money_or_dash(max_award)) + "</b>",
      "strong");
  row(c.t("申请金额", "Requested"), esc(money_or_dash(requested)),
      requested && max_award && *requested > *max_award ? "over" : "");
  out += "</tbody></table>\n";

  if (!sums.empty()) {
    out += "<h3>";
    out += c.t("研发成本按类别（项目投资明细表）", "R&D cost by category (investment breakdown)");
    out += "</h3>\n<table class=\"costs\"><thead><tr><th>";
    out += c.t("类别", "Category");
    out += "</th><th>";
    out += c.t("明细", "Items");
    out += "</th><th class=\"num\">";
    out += c.t("金额", "Amount");
    out += "</th></tr></thead>\n<tbody>\n";
    int64_t total = 0;
    for (const CostSum& s : sums) {
      out += "<tr><td class=\"nowrap\">" + esc(cost_category_name(c.s, s.category, c.lang)) +
             "</td><td>";
      for (size_t i = 0; i < s.items.size(); ++i) {
        out += (i ? (c.lang == Lang::kEn ? ", " : "、") : "") + esc(s.items[i]);
      }
      out += "</td><td class=\"num\">" + esc(format_money(s.amount_fen)) + "</td></tr>\n";
      if (__builtin_add_overflow(total, s.amount_fen, &total)) total = INT64_MAX;
    }
    out += "<tr class=\"total\"><th colspan=\"2\">";
    out += c.t("合计", "Total");
    out += "</th><td class=\"num\">" + esc(format_money(total)) + "</td></tr>\n";
    const std::optional<int64_t> stated = get_int(at_path(c.sub, "extracted.investment.stated_total_fen"));
    if (stated) {
      out += "<tr><th colspan=\"2\">";
      out += c.t("明细表所列总计", "Total stated in the table");
      out += "</th><td class=\"num" + std::string(*stated != total ? " over" : "") + "\">" +
             esc(format_money(*stated)) + "</td></tr>\n";
    }
    if (std::optional<double> share = get_num(at_path(c.sub, "extracted.investment.hardware_share"))) {
      out += "<tr><th colspan=\"2\">";
      out += c.t("硬件设施占研发成本", "Hardware share of the R&D cost");
      out += "</th><td class=\"num\">" + esc(percent(*share)) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }

  std::vector<std::string> steps;
  const json& recorded = at(subsidy, "steps");
  if (c.lang == Lang::kZh && recorded.is_array() && !recorded.empty()) {
    for (const json& s : recorded) {
      if (s.is_string()) steps.push_back(s.get<std::string>());
    }
  } else {
    steps = computed_steps(c, sums);
  }
  if (!steps.empty()) {
    out += "<h3>";
    out += c.t("计算过程", "Step by step");
    out += "</h3>\n<ol class=\"steps\">\n";
    for (const std::string& s : steps) out += "<li>" + esc(s) + "</li>\n";
    out += "</ol>\n";
  }
  out += "</section>\n";
  return out;
}

// ---- extracted facts ----------------------------------------------------------------------

struct FieldLabel {
  const char* path;
  const char* zh;
  const char* en;
};

// The contract's fields in reading order. A field the record carries but this list lacks
// (added to the contract later) still shows, under its path.
const std::vector<FieldLabel>& field_labels() {
  static const std::vector<FieldLabel> kLabels = {
      {"applicant.name", "申报单位", "Applicant"},
      {"applicant.uscc", "统一社会信用代码", "Unified social credit code"},
      {"applicant.uscc_valid", "信用代码校验通过", "Credit code passes its check"},
      {"applicant.address", "住所", "Registered address"},
      {"applicant.in_songjiang", "住所在松江区", "Address in Songjiang"},
      {"applicant.legal_representative", "法定代表人", "Legal representative"},
      {"application.project_name", "项目名称", "Project name"},
      {"application.category_text", "申报类别（原文）", "Category as written"},
      {"application.requested_fen", "申请金额", "Requested amount"},
      {"application.date", "申报日期", "Application date"},
      {"license.uscc", "执照：统一社会信用代码", "Licence: credit code"},
      {"license.name", "执照：名称", "Licence: name"},
      {"license.address", "执照：住所", "Licence: address"},
      {"license.legal_representative", "执照：法定代表人", "Licence: legal representative"},
      {"credit.report_date", "信用报告日期", "Credit report date"},
      {"credit.serious_dishonesty", "列入严重失信主体名单", "On the serious-dishonesty list"},
      {"credit.records_in_two_years", "两年内不良信用记录（条）", "Bad records within two years"},
      {"audit.fiscal_year", "审计年度", "Audited fiscal year"},
      {"audit.total_assets_fen", "资产总计", "Total assets"},
      {"audit.total_liabilities_fen", "负债合计", "Total liabilities"},
      {"audit.owners_equity_fen", "所有者权益", "Owners' equity"},
      {"audit.revenue_fen", "营业收入", "Revenue"},
      {"audit.net_profit_fen", "净利润", "Net profit"},
      {"audit.rd_expense_fen", "研发费用", "R&D expense"},
      {"investment.total_fen", "投资明细合计", "Investment rows total"},
      {"investment.stated_total_fen", "投资明细表所列总计", "Investment total as stated"},
      {"investment.hardware_share", "硬件设施占比", "Hardware share"},
      {"project.total_investment_fen", "项目实际总投资", "Project's actual total investment"},
      {"project.parameters", "模型参数量", "Model parameters"},
      {"filing.number", "备案（登记）编号", "Filing (registration) number"},
      {"filing.kind", "备案或登记", "Filing or registration"},
      {"adaptation.industries", "服务行业", "Industries served"},
      {"security.product_name", "测试产品", "Product tested"},
      {"security.lab_name", "测试机构", "Testing body"},
      {"security.test_fee_fen", "测试服务费", "Testing fee"},
      {"security.first_pass", "首次通过测试", "First pass"},
  };
  return kLabels;
}

struct GroupLabel {
  const char* key;
  const char* zh;
  const char* en;
};

const std::vector<GroupLabel>& group_labels() {
  static const std::vector<GroupLabel> kGroups = {
      {"applicant", "申报单位", "Applicant"},
      {"application", "项目申报书", "Application form"},
      {"license", "营业执照", "Business licence"},
      {"credit", "信用报告", "Credit report"},
      {"audit", "审计报告或财务报表", "Audit report or financial statements"},
      {"investment", "项目投资明细", "Investment breakdown"},
      {"project", "项目情况报告", "Project report"},
      {"filing", "备案或登记", "Filing or registration"},
      {"adaptation", "适配服务", "Adaptation services"},
      {"security", "安全性测试", "Security testing"},
  };
  return kGroups;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string value_html(const Ctx& c, const std::string& path, const json& v) {
  if (v.is_null()) return std::string("<span class=\"muted\">") + c.t("未找到", "not found") + "</span>";
  if (path == "investment.rows" && v.is_array()) {
    return "<a href=\"#award\">" + std::to_string(v.size()) + "</a>";
  }
  if (ends_with(path, "_fen")) {
    if (auto fen = get_int(v)) return esc(format_money(*fen));
  }
  if (v.is_boolean()) {
    const bool b = v.get<bool>();
    // Colour the answers that count against the applicant.
    const bool bad = (path == "credit.serious_dishonesty" && b) ||
                     ((path == "applicant.uscc_valid" || path == "applicant.in_songjiang" ||
                       path == "security.first_pass") &&
                      !b);
    return std::string("<span class=\"") + (bad ? "no" : "") + "\">" + yes_no(c, b) + "</span>";
  }
  if (path == "investment.hardware_share") {
    if (auto n = get_num(v)) return esc(percent(*n));
  }
  if (path == "project.parameters") {
    if (auto n = get_num(v)) return esc(parameters_text(*n, c.lang));
  }
  if (path == "filing.kind" && v.is_string()) {
    if (v == "filing") return c.t("备案", "filing");
    if (v == "registration") return c.t("登记", "registration");
  }
  if (v.is_array()) {
    std::string out;
    for (const json& e : v) {
      if (!out.empty()) out += c.lang == Lang::kEn ? ", " : "、";
      out += e.is_string() ? esc(e.get<std::string>()) : esc(e.dump());
    }
    return out.empty() ? std::string("<span class=\"muted\">") + c.t("（空）", "(none)") + "</span>"
                       : out;
  }
  if (v.is_string()) return esc(v.get<std::string>());
  return esc(v.dump());
}

std::string facts_section(const Ctx& c) {
  const json& extracted = at(c.sub, "extracted");
  const json& evidence = at(extracted, "evidence");
  std::string out = "<section class=\"sect pb\" id=\"facts\">\n<h2>";
  out += c.t("提取的信息及出处", "Extracted facts and their evidence");
  out += "</h2>\n<table class=\"facts\">\n<thead><tr><th>";
  out += c.t("项目", "Field");
  out += "</th><th>";
  out += c.t("值", "Value");
  out += "</th><th>";
  out += c.t("出处", "Source");
  out += "</th><th>";
  out += c.t("原文", "Text read");
  out += "</th></tr></thead>\n";

  // Groups in reading order, then any the record adds.
  std::vector<std::pair<std::string, std::string>> groups;  // key, title
  for (const GroupLabel& g : group_labels()) groups.emplace_back(g.key, T(c.lang, g.zh, g.en));
  if (extracted.is_object()) {
    for (auto it = extracted.begin(); it != extracted.end(); ++it) {
      if (it.key() == "evidence" || !it->is_object()) continue;
      const bool known = std::any_of(groups.begin(), groups.end(),
                                     [&](const auto& g) { return g.first == it.key(); });
      if (!known) groups.emplace_back(it.key(), it.key());
    }
  }
  for (const auto& [key, title] : groups) {
    const json& group = key == "applicant" ? at(c.sub, "applicant") : at(extracted, key);
    if (!group.is_object()) continue;
    std::vector<std::pair<std::string, std::string>> fields;  // path, label
    for (const FieldLabel& f : field_labels()) {
      const std::string_view p = f.path;
      if (p.substr(0, p.find('.')) == key && group.contains(p.substr(p.find('.') + 1))) {
        fields.emplace_back(f.path, T(c.lang, f.zh, f.en));
      }
    }
    for (auto it = group.begin(); it != group.end(); ++it) {
      const std::string path = key + "." + it.key();
      if (path == "investment.rows") continue;  // listed under the award, counted below
      const bool known = std::any_of(fields.begin(), fields.end(),
                                     [&](const auto& f) { return f.first == path; });
      if (!known) fields.emplace_back(path, path);
    }
    const json& rows = at(group, "rows");
    const bool has_rows = key == "investment" && rows.is_array() && !rows.empty();
    if (has_rows) {
      fields.emplace_back("investment.rows",
                          T(c.lang, "明细行数（见补助测算）", "Rows (see the award calculation)"));
    }
    if (fields.empty()) continue;
    const bool nothing_found = std::all_of(fields.begin(), fields.end(), [&](const auto& f) {
      const json& v = at(group, f.first.substr(f.first.find('.') + 1));
      return v.is_null() && at(evidence, f.first).is_null();
    });
    if (nothing_found) {  // one line instead of a column of "not found"
      out += "<tbody><tr class=\"group\"><th colspan=\"4\">" + esc(title) +
             " <span class=\"muted\">— ";
      out += c.t("均未找到", "nothing found");
      out += "</span></th></tr></tbody>\n";
      continue;
    }
    out += "<tbody><tr class=\"group\"><th colspan=\"4\">" + esc(title) + "</th></tr>\n";
    for (const auto& [path, label] : fields) {
      const json& v = at(group, path.substr(path.find('.') + 1));
      // The applicant's values are the licence's, read once: their evidence is the licence's.
      const json* e = &at(evidence, path);
      if (e->is_null() && key == "applicant") e = &at(evidence, "license." + path.substr(10));
      const bool uncertain = get_bool(at(*e, "uncertain")) == true;
      out += std::string("<tr") + (uncertain ? " class=\"row-uncertain\"" : "") + "><td>" +
             esc(label) + "</td><td>" + value_html(c, path, v);
      if (uncertain) {
        out += " <span class=\"badge-unc\">";
        out += c.t("⚠ 待核对（识别置信度低）", "⚠ check (low OCR confidence)");
        out += "</span>";
      }
      out += "</td><td>";
      if (e->is_object()) {
        const std::string doc = str_or(at(*e, "document"));
        const std::optional<int64_t> page = get_int(at(*e, "page"));
        out += doc.empty() ? "" : path_span(doc);
        if (page) out += " <span class=\"nowrap\">" + page_text(c, *page) + "</span>";
        out += picture_link(c, doc, page);
        out += "</td><td class=\"snippet\">";
        const std::string snippet = str_or(at(*e, "snippet"));
        if (!snippet.empty()) out += "<q>" + esc(snippet) + "</q>";
      } else {
        out += "<span class=\"muted\">—</span></td><td>";
      }
      out += "</td></tr>\n";
    }
    out += "</tbody>\n";
  }
  out += "</table>\n</section>\n";
  return out;
}

// ---- documents ----------------------------------------------------------------------------

std::string format_name(const Ctx& c, const std::string& f) {
  if (f == "pdf") return "PDF";
  if (f == "image") return c.t("图片", "Image");
  if (f == "docx") return "Word";
  if (f == "xlsx") return "Excel";
  if (f == "archive") return c.t("压缩包", "Archive");
  if (f == "other") return c.t("其他", "Other");
  return f;
}

std::string text_source_name(const Ctx& c, const std::string& s) {
  if (s == "text_layer") return c.t("文字层", "Text layer");
  if (s == "ocr") return c.t("OCR识别", "OCR");
  if (s == "mixed") return c.t("文字层＋OCR", "Text layer + OCR");
  if (s == "native") return c.t("原生文本", "Native");
  if (s == "none") return c.t("无", "None");
  return s;
}

std::string status_html(const Ctx& c, const std::string& s) {
  if (s == "ok") return std::string("<span class=\"yes\">") + c.t("正常", "OK") + "</span>";
  if (s == "unreadable") return std::string("<span class=\"no\">") + c.t("无法读取", "Unreadable") + "</span>";
  if (s == "rejected") return std::string("<span class=\"no\">") + c.t("已拒绝", "Rejected") + "</span>";
  if (s == "skipped") return std::string("<span class=\"muted\">") + c.t("已跳过", "Skipped") + "</span>";
  return esc(s);
}

std::string documents_section(const Ctx& c) {
  const json& docs = at(c.sub, "documents");
  const size_t n = docs.is_array() ? docs.size() : 0;
  std::string out = "<section class=\"sect pb\" id=\"documents\">\n<h2>";
  out += c.t("文件清单", "Documents");
  out += " <span class=\"count\">" + std::to_string(n) + "</span></h2>\n";
  if (n == 0) {
    out += "<p class=\"muted\">";
    out += c.t("申报包中没有文件。", "The bundle holds no files.");
    out += "</p>\n</section>\n";
    return out;
  }
  out += "<table class=\"docs\">\n<thead><tr><th>";
  out += c.t("文件", "File");
  out += "</th><th>";
  out += c.t("格式", "Format");
  out += "</th><th class=\"num\">";
  out += c.t("页数", "Pages");
  out += "</th><th>";
  out += c.t("文字来源", "Text from");
  out += "</th><th class=\"num\">";
  out += c.t("OCR置信度", "OCR confidence");
  out += "</th><th>";
  out += c.t("状态", "Status");
  out += "</th><th>";
  out += c.t("材料", "Material");
  out += "</th><th>";
  out += c.t("公章", "Seal");
  out += "</th></tr></thead>\n<tbody>\n";
  for (const json& d : docs) {
    const std::string status = str_or(at(d, "status"));
    out += std::string("<tr") + (status != "ok" ? " class=\"row-bad\"" : "") + "><td>" +
           path_span(str_or(at(d, "path")));
    if (auto error = get_str(at(d, "error")); error && !error->empty()) {
      out += "<div class=\"detail\">" + esc(*error) + "</div>";
    }
    out += "</td><td>" + esc(format_name(c, str_or(at(d, "format")))) + "</td><td class=\"num\">";
    if (auto pages = get_int(at(d, "pages"))) out += std::to_string(*pages);
    out += "</td><td>" + esc(text_source_name(c, str_or(at(d, "text_source")))) +
           "</td><td class=\"num\">";
    if (auto conf = get_num(at(d, "ocr_confidence"))) {
      out += std::to_string(static_cast<int>(std::lround(*conf * 100))) + "%";
    } else {
      out += "<span class=\"muted\">—</span>";
    }
    out += "</td><td>" + status_html(c, status) + "</td><td>";
    const std::string material = str_or(at(d, "material"), "unclassified");
    out += item_and_name(c, material);
    const json& sections = at(d, "sections");
    if (sections.is_array() && !sections.empty()) {
      out += "<ul class=\"sections\">";
      for (const json& s : sections) {
        const std::optional<int64_t> first = get_int(at(s, "first_page"));
        const std::optional<int64_t> last = get_int(at(s, "last_page"));
        out += "<li>";
        if (first && last) {
          out += "<span class=\"nowrap\">";
          out += c.lang == Lang::kEn ? "pp. " + std::to_string(*first) + "–" + std::to_string(*last)
                                     : "第" + std::to_string(*first) + "–" + std::to_string(*last) + "页";
          out += "</span> ";
        }
        out += item_and_name(c, str_or(at(s, "material"), "unclassified")) + "</li>";
      }
      out += "</ul>";
    }
    out += "</td><td class=\"nowrap\">";
    const std::optional<bool> sealed = get_bool(at(d, "sealed"));
    if (sealed == true) {
      out += std::string("<span class=\"yes\">✓ ") + c.t("已盖章", "Sealed") + "</span>";
      const json& pages = at(d, "seal_pages");
      if (pages.is_array() && !pages.empty()) {
        std::string list;
        for (const json& p : pages) {
          if (auto v = get_int(p)) list += (list.empty() ? "" : ",") + std::to_string(*v);
        }
        out += " <span class=\"muted small\">" + std::string(c.t("第", "p. ")) + list +
               c.t("页", "") + "</span>";
      }
    } else if (sealed == false) {
      out += std::string("<span class=\"no\">✗ ") + c.t("未盖章", "Not sealed") + "</span>";
    } else {
      out += "<span class=\"muted\">—</span>";
    }
    out += "</td></tr>\n";
  }
  out += "</tbody></table>\n</section>\n";
  return out;
}

std::string footer(const Ctx& c) {
  const json& b = at(c.sub, "bundle");
  std::string out = "<footer>\n";
  out += c.t("申报包 ", "Bundle ") + path_span(str_or(at(b, "id")));
  out += " · ";
  out += c.t("来源 ", "source ") + path_span(str_or(at(b, "source")));
  out += " · SHA-256 <span class=\"path\">" + esc(str_or(at(b, "sha256"))) + "</span><br>";
  out += c.t("处理时间 ", "Processed ") + esc(str_or(at(b, "processed_at")));
  out += " · shenbao " + esc(str_or(at(b, "pipeline_version")));
  out += " · schema " + esc(str_or(at(c.sub, "schema_version")));
  out += "<br>";
  out += c.t("本报告由程序根据申报材料自动生成，供初审参考；以原件和人工审核为准。",
             "Generated automatically from the submitted materials to help the first review; "
             "the originals and the reviewer's judgement prevail.");
  out += "\n</footer>\n";
  return out;
}

std::string_view report_css() {
  return R"CSS(
.banner{display:grid;grid-template-columns:auto 1fr auto;gap:0;border-radius:8px;
overflow:hidden;border:2px solid currentColor;margin-bottom:14px}
.b-complete{color:var(--ok)}.b-incomplete{color:var(--warn)}.b-ineligible{color:var(--bad)}
.b-needs_review{color:var(--info)}.b-unknown{color:var(--muted)}
.verdict-box{background:currentColor;display:flex;flex-direction:column;justify-content:center;
padding:14px 18px;min-width:150px;max-width:260px}
.verdict-label,.verdict-word{color:#fff}
.verdict-label{font-size:12px;opacity:.9}
.verdict-word{font-size:26px;font-weight:700;line-height:1.2}
.who{padding:12px 18px;color:var(--ink);background:var(--paper)}
.who h1{font-size:21px}
.cat{font-size:15px;font-weight:600}
.explain{margin:6px 0 0;font-size:13.5px}
.b-complete .explain{color:var(--ok)}.b-incomplete .explain{color:var(--warn)}
.b-ineligible .explain{color:var(--bad)}.b-needs_review .explain{color:var(--info)}
.award-box{padding:12px 18px;text-align:right;color:var(--ink);background:var(--shade);
display:flex;flex-direction:column;justify-content:center;border-left:1px solid var(--line)}
.award-label{font-size:12px;color:var(--muted)}
.award-amount{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums;white-space:nowrap}
.award-req{font-size:13px;color:var(--muted);white-space:nowrap}
.over{color:var(--bad);font-weight:600}
.attention{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:6px}
.att{flex:1 1 300px;border-radius:6px;padding:8px 12px;border-left:5px solid}
.att ul{margin:4px 0 0;padding-left:20px}
.att li{margin:2px 0}
.att-title{font-weight:700;font-size:15px}
.att-ineligible{background:var(--bad-bg);border-color:var(--bad)}
.att-ineligible .att-title{color:var(--bad)}
.att-missing{background:var(--warn-bg);border-color:var(--warn)}
.att-missing .att-title{color:var(--warn)}
.att-unsealed{background:var(--warn-bg);border-color:var(--warn)}
.att-unsealed .att-title{color:var(--warn)}
.att-more{flex-basis:100%;margin:0}
.att-none{flex-basis:100%;margin:0;color:var(--ok);font-weight:600}
.item{font-weight:600}
.count{display:inline-block;min-width:22px;padding:0 7px;border-radius:10px;background:var(--shade);
color:var(--muted);font-size:13px;text-align:center;font-weight:600}
.sev{display:inline-block;padding:0 8px;border-radius:4px;color:#fff;font-size:13px}
.sev-error{background:var(--bad)}.sev-warning{background:var(--warn)}.sev-info{background:var(--info)}
.sev-error-text{color:var(--bad)}.sev-warning-text{color:var(--warn)}.sev-info-text{color:var(--info)}
table.findings{table-layout:fixed}
table.findings th:nth-child(1){width:44%}table.findings th:nth-child(2){width:24%}
table.findings th:nth-child(3){width:19%}table.findings th:nth-child(4){width:13%}
td.code{overflow-wrap:anywhere}
table.f-error tbody tr td:first-child{border-left:4px solid var(--bad)}
table.f-warning tbody tr td:first-child{border-left:4px solid var(--warn)}
table.f-info tbody tr td:first-child{border-left:4px solid var(--info)}
.detail{color:var(--muted);font-size:12px;margin-top:2px;word-break:break-all}
td.code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:11.5px;color:var(--muted)}
.pic-link{font-size:12px;white-space:nowrap}
.legend .key{display:inline-block;width:14px;height:10px;border-width:2px;border-style:solid;
margin:0 4px 0 10px;vertical-align:middle}
.thumbs{display:flex;flex-wrap:wrap;gap:14px}
.thumb{margin:0;width:260px;break-inside:avoid}
.frame{position:relative;border:1px solid var(--line);background:#fff;line-height:0}
.frame img{display:block;width:100%;height:auto}
.frame.missing{line-height:1.5;padding:20px;text-align:center}
.box{position:absolute;border:2px solid;border-radius:2px}
.k-seal{border-color:#d4242a;background:rgba(212,36,42,.08)}
.k-table{border-color:#1d4ed8;background:rgba(29,78,216,.06)}
.k-finding{border-color:#e08a00;background:rgba(224,138,0,.12);border-style:dashed!important}
.k-other{border-color:#555}
figcaption{font-size:12.5px;margin-top:4px}
.cap-finding{margin-top:2px}
tr.row-missing td{background:var(--bad-bg)}
tr.row-unsealed td{background:var(--warn-bg)}
tr.row-uncertain td{background:var(--warn-bg)}
tr.row-bad td{background:var(--bad-bg)}
table.kv{width:auto;min-width:420px}
table.kv th{width:14em}
td.strong{font-size:16px}
table.kv td.text{text-align:left}
tr.total th,tr.total td{font-weight:700}
ol.steps li{margin:3px 0}
tr.group th{background:#e9edf1;font-size:13px}
td.snippet{font-size:12.5px;color:var(--muted);max-width:28em}
td.snippet q{quotes:"“" "”"}
.badge-unc{color:var(--warn);font-size:12px;font-weight:600;white-space:nowrap}
ul.sections{margin:2px 0 0;padding-left:16px;font-size:12.5px}
@media print{
.sect.pb{break-before:page}
.banner{break-inside:avoid}
.verdict-box{min-width:0;padding:10px 12px}
.verdict-word{font-size:18px}
.thumb{width:30%}
table.findings th:nth-child(1){width:42%}table.findings th:nth-child(4){width:17%}
td.code{font-size:7pt}
}
)CSS";
}

}  // namespace

std::string render_report_html(const json& submission, Lang lang,
                               const std::vector<PageThumbnail>& thumbnails,
                               const ReportSchemas& schemas) {
  Ctx c{submission, lang, schemas, thumbnails, {}};
  for (size_t i = 0; i < thumbnails.size(); ++i) {
    c.pictures.emplace(std::make_pair(thumbnails[i].document, thumbnails[i].page), i + 1);
  }
  const std::optional<std::string> name = get_str(at_path(submission, "applicant.name"));
  const std::string who = name ? *name : str_or(at_path(submission, "bundle.id"));
  const std::string title =
      std::string(T(lang, "初审报告：", "Review report: ")) + who + " — " +
      verdict_text(str_or(at(submission, "verdict")), lang);

  std::string out = page_head(lang, title, /*allow_script=*/false, report_css());
  out += banner(c);
  out += attention(c);
  out += findings_section(c);
  out += pictures_section(c);
  out += materials_section(c);
  out += award_section(c);
  out += facts_section(c);
  out += documents_section(c);
  out += footer(c);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace shenbao
