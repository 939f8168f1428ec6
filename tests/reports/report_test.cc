// The report page of one bundle, checked as HTML text against a submission built in code.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "pipeline/core/text.h"
#include "pipeline/emit/html.h"
#include "tests/reports/report_fixtures.h"
#include "tests/support/files.h"

namespace shenbao::testing {
namespace {

using nlohmann::json;

std::string render(const Submission& s, Lang lang = Lang::kZh,
                   const std::vector<PageThumbnail>& thumbs = {}) {
  return render_report_html(to_json(s), lang, thumbs, the_schemas());
}

TEST_CASE("report_banner_states_verdict_applicant_category_and_award") {
  const std::string html = render(incomplete_submission());
  const std::string banner = section(html, "verdict");
  REQUIRE_FALSE(banner.empty());
  CHECK(html.find("<header class=\"banner b-incomplete\" id=\"verdict\">") != std::string::npos);
  CHECK(banner.find("材料不全") != std::string::npos);
  CHECK(banner.find("上海华智未来人工智能科技有限公司") != std::string::npos);
  CHECK(banner.find("（一）支持通用大模型设计构建") != std::string::npos);
  CHECK(banner.find("¥6,428,571.42") != std::string::npos);  // max_award_fen 642857142
  CHECK(banner.find("¥6,000,000.00") != std::string::npos);  // requested alongside
  // The banner comes first, the missing items right after it, the findings after those.
  CHECK(html.find("id=\"verdict\"") < html.find("id=\"attention\""));
  CHECK(html.find("id=\"attention\"") < html.find("id=\"findings\""));
}

TEST_CASE("report_banner_colour_follows_the_verdict") {
  for (const std::string v : {"complete", "incomplete", "ineligible", "needs_review"}) {
    Submission s = incomplete_submission();
    s.verdict = v;
    const std::string html = render(s);
    CAPTURE(v);
    CHECK(html.find("<header class=\"banner b-" + v + "\"") != std::string::npos);
  }
  Submission s = incomplete_submission();
  s.verdict = "complete";
  CHECK(render(s).find("材料齐全") != std::string::npos);
  s.verdict = "ineligible";
  CHECK(render(s).find("不符合申报条件") != std::string::npos);
  s.verdict = "needs_review";
  CHECK(render(s).find("需人工复核") != std::string::npos);
}

TEST_CASE("format_money_groups_thousands_and_keeps_fen") {
  CHECK(format_money(500000000) == "¥5,000,000.00");
  CHECK(format_money(0) == "¥0.00");
  CHECK(format_money(5) == "¥0.05");
  CHECK(format_money(123456) == "¥1,234.56");
  CHECK(format_money(-123456) == "-¥1,234.56");
  CHECK(format_money(INT64_MIN) == "-¥92,233,720,368,547,758.08");
}

TEST_CASE("report_top_names_every_missing_and_unsealed_item") {
  const std::string top = section(render(incomplete_submission()), "attention");
  REQUIRE_FALSE(top.empty());
  CHECK(top.find("缺少材料 (4)") != std::string::npos);  // three materials and the filing
  CHECK(top.find("街镇审批表（松江区产业专项补贴项目街镇初审意见表）") != std::string::npos);
  CHECK(top.find("“信用中国”企业信用信息报告") != std::string::npos);
  CHECK(top.find("符合奖励条件的认定公示、成效等相关证明材料") != std::string::npos);
  CHECK(top.find("未找到生成式人工智能服务备案编号（三（一）1（2））") != std::string::npos);
  CHECK(top.find("未盖公章 (1)") != std::string::npos);
  CHECK(top.find("02 营业执照.jpg") != std::string::npos);
  // The rest is counted, not listed: 2 errors (unreadable, rejected), 2 warnings.
  CHECK(top.find("另有 2 个错误、2 个警告") != std::string::npos);
}

TEST_CASE("report_top_does_not_call_an_unsealed_other_document_unsealed") {
  Submission s = incomplete_submission();
  MaterialState& other = s.materials["other"];
  other.required = false;
  other.present = true;
  other.sealed = false;
  other.documents = {"关于组织开展2025年度申报工作的通知.pdf"};
  const std::string top = section(render(s), "attention");
  CHECK(top.find("未盖公章 (1)") != std::string::npos);  // still only the license
  CHECK(top.find("其它") == std::string::npos);
}

TEST_CASE("report_top_lists_disqualifying_findings_first") {
  Submission s = incomplete_submission();
  s.findings.push_back(finding("NOT_IN_SONGJIANG", Severity::kError, "business_license", "",
                               std::nullopt,
                               "营业执照住所不在松江区：上海市闵行区XX路1号（二（一））"));
  s.verdict = "ineligible";
  const std::string top = section(render(s), "attention");
  const size_t ineligible = top.find("不符合申报条件 (1)");
  REQUIRE(ineligible != std::string::npos);
  CHECK(ineligible < top.find("缺少材料"));
  CHECK(top.find("营业执照住所不在松江区：上海市闵行区XX路1号") != std::string::npos);
}

TEST_CASE("report_of_a_clean_bundle_says_nothing_needs_doing") {
  Submission s = incomplete_submission();
  s.findings.clear();
  for (auto& [id, m] : s.materials) {
    if (m.required) m.present = true, m.sealed = true;
  }
  s.verdict = "complete";
  const std::string html = render(s);
  CHECK(section(html, "attention").find("未发现缺少、未盖章或需核对的问题") != std::string::npos);
  CHECK(section(html, "findings").find("未发现问题") != std::string::npos);
}

TEST_CASE("report_shows_every_finding_message_grouped_by_severity") {
  const Submission s = incomplete_submission();
  const std::string findings = section(render(s), "findings");
  const size_t errors = findings.find("sev-error");
  const size_t warnings = findings.find("sev-warning");
  const size_t infos = findings.find("sev-info");
  REQUIRE(errors != std::string::npos);
  REQUIRE(warnings != std::string::npos);
  REQUIRE(infos != std::string::npos);
  CHECK(errors < warnings);
  CHECK(warnings < infos);
  for (const Finding& f : s.findings) {
    CAPTURE(f.code);
    const size_t at = findings.find(html_escape(f.message));
    REQUIRE(at != std::string::npos);
    if (f.severity == Severity::kError) CHECK((at > errors && at < warnings));
    if (f.severity == Severity::kWarning) CHECK((at > warnings && at < infos));
    if (f.severity == Severity::kInfo) CHECK(at > infos);
  }
  // Each finding names its material (the rules' name), document and page.
  CHECK(findings.find("工商营业执照复印件") != std::string::npos);
  CHECK(findings.find("第1页") != std::string::npos);
  CHECK(findings.find("corrupt: xref table broken") != std::string::npos);  // detail
}

TEST_CASE("report_checklist_follows_the_rules_order_and_wording") {
  const std::string list = section(render(incomplete_submission()), "materials");
  REQUIRE_FALSE(list.empty());
  size_t last = 0;
  const json& materials = the_schemas().policy["materials"];
  REQUIRE(materials.size() == 10);
  for (const json& m : materials) {
    const std::string item = m["clause"].get<std::string>().substr(3);  // "七（三）" → "（三）"
    const std::string name = html_escape(m["name_zh"].get<std::string>());
    CAPTURE(name);
    const size_t at = list.find(item + "</td><td>" + name);
    REQUIRE(at != std::string::npos);
    CHECK(at > last);
    last = at;
  }
  // Present, missing, unsealed, optional; documents listed.
  CHECK(count(list, "✗ 缺少") == 3);
  CHECK(count(list, "✗ 未盖章") == 1);
  CHECK(count(list, "class=\"row-missing\"") == 3);
  CHECK(list.find("05 投资明细.xlsx") != std::string::npos);
  CHECK(list.find("? 无法判断") != std::string::npos);  // the spreadsheet's seal is undecidable
  CHECK(count(list, "可选") == 2);
}

TEST_CASE("report_computes_award_steps_with_the_hardware_cap_when_none_are_recorded") {
  const std::string award = section(render(incomplete_submission()), "award");
  REQUIRE_FALSE(award.empty());
  // Costs by category, in the rules' names.
  CHECK(award.find("硬件设施</td><td>GPU服务器</td><td class=\"num\">¥4,000,000.00") !=
        std::string::npos);
  CHECK(award.find("开发费用") != std::string::npos);
  CHECK(award.find("测试费用") != std::string::npos);
  CHECK(award.find("人员工资") != std::string::npos);
  // 3/7 of the other costs (9,000,000) is the hardware limit; only that counts.
  CHECK(award.find("只计入¥3,857,142.85") != std::string::npos);
  CHECK(award.find("可计入研发成本：¥9,000,000.00＋¥3,857,142.85＝¥12,857,142.85") !=
        std::string::npos);
  CHECK(award.find("¥12,857,142.85×50%＝¥6,428,571.42") != std::string::npos);
  CHECK(award.find("未超过最高补助¥20,000,000.00（三（一）2）") != std::string::npos);
}

TEST_CASE("report_says_when_the_recorded_eligible_cost_differs_from_the_rows") {
  Submission s = incomplete_submission();
  s.subsidy.eligible_cost_fen = yuan(10'000'000);
  const std::string award = section(render(s, Lang::kEn), "award");
  CHECK(award.find("= ¥12,857,142.85") != std::string::npos);
  CHECK(award.find("The record&#39;s eligible cost is ¥10,000,000.00; it is used below") !=
        std::string::npos);
  CHECK(award.find("¥10,000,000.00 × 50% = ¥5,000,000.00") != std::string::npos);
}

TEST_CASE("report_shows_the_recorded_award_steps_in_chinese") {
  Submission s = incomplete_submission();
  s.subsidy.steps = {"第一步：记录的计算过程", "最高可给予补助6,428,571.42元"};
  const std::string award = section(render(s), "award");
  CHECK(award.find("<li>第一步：记录的计算过程</li>") != std::string::npos);
  CHECK(award.find("只计入") == std::string::npos);  // the recorded steps replace the computed
}

TEST_CASE("report_shows_extracted_facts_with_evidence_and_marks_uncertain_ones") {
  const std::string facts = section(render(incomplete_submission()), "facts");
  REQUIRE_FALSE(facts.empty());
  CHECK(facts.find("申请金额") != std::string::npos);
  CHECK(facts.find("01 项目申报书.pdf") != std::string::npos);
  CHECK(facts.find("第2页") != std::string::npos);
  CHECK(facts.find("<q>申请金额：600万元</q>") != std::string::npos);
  // The licence's code was read from a low-confidence scan.
  const size_t code = facts.find("执照：统一社会信用代码");
  REQUIRE(code != std::string::npos);
  const size_t row_start = facts.rfind("<tr", code);
  const std::string uncertain_row = "<tr class=\"row-uncertain\"><td>";
  CHECK(facts.compare(row_start, uncertain_row.size(), uncertain_row) == 0);
  CHECK(facts.find("⚠ 待核对", code) < facts.find("</tr>", code));
  CHECK(facts.find("1300亿") != std::string::npos);  // parameters in Chinese units
  CHECK(facts.find("未找到") != std::string::npos);   // null values say so
  // A group with nothing found is one line; the investment rows are counted, not "not found".
  CHECK(facts.find("信用报告 <span class=\"muted\">— 均未找到</span>") != std::string::npos);
  CHECK(facts.find("明细行数（见补助测算）</td><td><a href=\"#award\">4</a>") != std::string::npos);
}

TEST_CASE("report_inventory_lists_every_document") {
  const Submission s = incomplete_submission();
  const std::string docs = section(render(s), "documents");
  for (const DocumentRecord& d : s.documents) {
    CAPTURE(d.path);
    CHECK(docs.find(html_escape(d.path)) != std::string::npos);
  }
  CHECK(docs.find("71%") != std::string::npos);
  CHECK(docs.find("无法读取") != std::string::npos);
  CHECK(docs.find("corrupt: xref table broken") != std::string::npos);
  CHECK(docs.find("OCR识别") != std::string::npos);
  CHECK(docs.find("✓ 已盖章</span> <span class=\"muted small\">第3页</span>") != std::string::npos);
}

TEST_CASE("report_escapes_file_names_and_extracted_text") {
  const std::string html = render(incomplete_submission(), Lang::kZh, {licence_thumbnail()});
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;.pdf") != std::string::npos);
  CHECK(html.find("<img src=x") == std::string::npos);
  CHECK(count(html, "onerror=alert") == count(html, "&lt;img src=x onerror=alert(1)&gt;"));
  // The only <img> is the page picture, from a data: URI.
  CHECK(count(html, "<img ") == 1);
  CHECK(count(html, "<img src=\"data:image/png;base64,") == 1);
  // No script from anywhere: the report has none of its own.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;华智大模型") != std::string::npos);
  CHECK(html.find("模型参数量达&lt;b&gt;1300亿&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("default-src &#39;none&#39;; img-src data:; style-src &#39;unsafe-inline&#39;; "
                  "script-src &#39;none&#39;") != std::string::npos);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
}

TEST_CASE("report_escapes_a_bundle_id_that_looks_like_markup") {
  Submission s = incomplete_submission();
  s.bundle.id = "\"><svg onload=alert(1)>";
  s.applicant.name = std::nullopt;
  const std::string html = render(s);
  CHECK(html.find("<svg") == std::string::npos);
  CHECK(html.find("&quot;&gt;&lt;svg onload=alert(1)&gt;") != std::string::npos);
  CHECK(html.find("申报单位名称未识别") != std::string::npos);
}

TEST_CASE("report_repairs_invalid_utf8_instead_of_passing_it_through") {
  Submission s = incomplete_submission();
  s.applicant.name = std::string("坏\xff\xfe名");
  const std::string html = render(s);
  CHECK(is_valid_utf8(html));
  CHECK(html.find("坏\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
}

TEST_CASE("report_draws_outlines_over_the_page_picture") {
  const PageThumbnail t = licence_thumbnail();
  const std::string pics = section(render(incomplete_submission(), Lang::kZh, {t}), "pictures");
  REQUIRE_FALSE(pics.empty());
  CHECK(pics.find("width=\"331\" height=\"468\"") != std::string::npos);
  // Boxes in percent of the picture, one per outline, coloured by kind.
  CHECK(count(pics, "<span class=\"box k-") == 3);
  CHECK(pics.find("class=\"box k-seal\" style=\"left:60.42%;top:70.51%;width:30.21%;height:21.37%\"") !=
        std::string::npos);
  // The caption names the page and the findings on it; findings link to the picture.
  CHECK(pics.find("未加盖企业公章：02 营业执照.jpg") != std::string::npos);
  const std::string html = render(incomplete_submission(), Lang::kZh, {t});
  CHECK(count(section(html, "findings"), "href=\"#pic-1\"") == 2);  // seal and OCR findings
}

TEST_CASE("report_in_english_translates_labels_names_and_finding_messages") {
  const std::string html = render(incomplete_submission(), Lang::kEn);
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
  CHECK(html.find(">Incomplete<") != std::string::npos);
  CHECK(html.find("(1) General large model design and construction") != std::string::npos);
  CHECK(html.find("Required material missing: Town approval form (Songjiang industry subsidy "
                  "preliminary review opinion form)") != std::string::npos);
  CHECK(html.find("No company seal: 02 营业执照.jpg (Copy of the business licence)") !=
        std::string::npos);
  CHECK(html.find("No generative-AI service filing number found (clause 3(1)1(2))") !=
        std::string::npos);
  CHECK(html.find("02 营业执照.jpg page 1: OCR confidence is low") != std::string::npos);
  CHECK(html.find("Hardware is 30.77% of the R&amp;D cost, above the 30% limit (clause 3(1)2)") !=
        std::string::npos);
  // Built without the catalog: the record's Chinese message is kept, nothing invented.
  CHECK(html.find("企业名称写法略有不同（自定义提示）") != std::string::npos);
  CHECK(html.find("Materials checklist") != std::string::npos);
  CHECK(html.find("Largest award") != std::string::npos);
  CHECK(html.find("材料不全") == std::string::npos);
  CHECK(html.find("申报材料清单") == std::string::npos);
}

TEST_CASE("english_report_of_ascii_data_holds_no_chinese_at_all") {
  const std::string html = render(ascii_submission(), Lang::kEn, {});
  std::string offenders;
  const std::vector<char32_t> cps = utf8_to_codepoints(html);
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] >= 0x2E80 && cps[i] != 0xFFFD) {  // CJK, full-width punctuation
      std::vector<char32_t> around(cps.begin() + (i > 30 ? i - 30 : 0),
                                   cps.begin() + std::min(cps.size(), i + 30));
      offenders += codepoints_to_utf8(around) + "\n";
      if (offenders.size() > 2000) break;
    }
  }
  CHECK_MESSAGE(offenders.empty(), offenders);
  // The catalog's English, with values read back from the Chinese messages.
  CHECK(html.find("The general model has 70 billion parameters, not more than 100 billion "
                  "(clause 3(1)1(1))") != std::string::npos);
  CHECK(html.find("The requested amount ¥30,000,000.00 exceeds the category&#39;s cap "
                  "¥20,000,000.00 (clause 3(1)2)") != std::string::npos);
  CHECK(html.find("Missing what General large model design and construction requires: model "
                  "parameter count (stated in the project report) (clause 3(1)1(1))") !=
        std::string::npos);
  // English award steps, computed (the recorded ones are Chinese).
  CHECK(html.find("Hardware ¥4,000,000.00 is over its limit") != std::string::npos);
  CHECK(html.find("Eligible R&amp;D cost: ¥9,000,000.00 + ¥3,857,142.85 = ¥12,857,142.85") !=
        std::string::npos);
  CHECK(html.find("Largest award: ¥6,428,571.42") != std::string::npos);
  CHECK(html.find("Also 3 warning(s) to check") != std::string::npos);  // no "0 error(s)"
  CHECK(html.find(">Ineligible<") != std::string::npos);
}

TEST_CASE("report_renders_a_record_with_missing_parts") {
  const json partial = {{"bundle", {{"id", "x"}}}, {"verdict", 42}, {"findings", "oops"}};
  const std::string html = render_report_html(partial, Lang::kZh, {}, the_schemas());
  CHECK(html.find("</html>") != std::string::npos);
  CHECK(html.find("未判定") != std::string::npos);
  // Without schemas, ids stand in for names.
  const std::string bare = render_report_html(to_json(incomplete_submission()), Lang::kZh, {},
                                              ReportSchemas{});
  CHECK(bare.find("street_approval") != std::string::npos);
  CHECK(bare.find("缺少必需材料：街镇审批表") != std::string::npos);
}

TEST_CASE("write_report_html_creates_the_bundle_folder_atomically") {
  TempDir out;
  const json sub = to_json(incomplete_submission());
  REQUIRE(write_report_html(out.path(), sub, Lang::kZh, {}, the_schemas()).ok());
  const std::filesystem::path file = out.path() / "华智科技 #1?%" / "report.html";
  REQUIRE(std::filesystem::exists(file));
  CHECK(read_file(file) == render_report_html(sub, Lang::kZh, {}, the_schemas()));
  int entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(file.parent_path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);  // no temporary file left behind
  json bad = sub;
  bad["bundle"]["id"] = "../escape";
  CHECK_FALSE(write_report_html(out.path(), bad, Lang::kZh, {}, the_schemas()).ok());
  bad["bundle"]["id"] = "..";
  CHECK_FALSE(write_report_html(out.path(), bad, Lang::kZh, {}, the_schemas()).ok());
}

TEST_CASE("default_report_schemas_are_the_source_trees") {
  const ReportSchemas& s = default_report_schemas();
  REQUIRE(s.policy.is_object());
  CHECK(s.policy["id"] == "songjiang-2025");
  CHECK(s.findings["codes"].contains("SEAL_MISSING"));
  const std::string html = render_report_html(to_json(incomplete_submission()), Lang::kZh, {});
  CHECK(html.find("（一）支持通用大模型设计构建") != std::string::npos);
}

}  // namespace
}  // namespace shenbao::testing
