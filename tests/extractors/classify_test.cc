// Material classification and category detection on hand-built document models.
#include <doctest/doctest.h>

#include "extractors/classify.h"

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace shenbao;

namespace {

const ClassifyRules& rules() {
  static const ClassifyRules r = [] {
    auto loaded = load_classify_rules(std::string(SHENBAO_SOURCE_DIR) + "/schemas/classify.json");
    REQUIRE(loaded.ok());
    return loaded.value();
  }();
  return r;
}

Page page_of(int number, std::vector<std::string> lines) {
  Page p;
  p.number = number;
  p.text_source = TextSource::kTextLayer;
  for (std::string& text : lines) {
    Line line;
    line.words.push_back({std::move(text), {}, 1.0f, TextSource::kTextLayer});
    p.lines.push_back(std::move(line));
  }
  return p;
}

Document doc_of(std::string path, std::vector<Page> pages) {
  Document d;
  d.path = std::move(path);
  d.format = Format::kPdf;
  d.pages = std::move(pages);
  return d;
}

}  // namespace

TEST_CASE("materials keep the order classify.json writes them in (ties go to the earlier)") {
  // A reordered copy: "other" first, the application form last.
  const std::filesystem::path file = std::filesystem::temp_directory_path() /
                                     ("classify-order-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(file);
    out << R"({"materials": {"other": {"title": ["其它"]}, "honors": {"title": ["荣誉证书"]},
               "application_form": {"title": ["申报书"]}}})";
  }
  auto loaded = load_classify_rules(file);
  std::filesystem::remove(file);
  REQUIRE(loaded.ok());
  REQUIRE(loaded->materials.size() == 3);
  CHECK(loaded->materials[0].id == "other");
  CHECK(loaded->materials[1].id == "honors");
  CHECK(loaded->materials[2].id == "application_form");
  // The committed rules: the order of the policy's materials.
  REQUIRE_FALSE(rules().materials.empty());
  CHECK(rules().materials.front().id == "application_form");
  CHECK(rules().materials.back().id == "other");
}

TEST_CASE("classifies a business license by its title and fields, whatever the file name") {
  const Document d = doc_of("scan001.jpg", {page_of(1, {"营 业 执 照", "统一社会信用代码 91310117MA1J2Q4K7A",
                                                       "名称 上海松智科技有限公司", "法定代表人 张伟",
                                                       "住所 上海市松江区九亭镇", "经营范围 人工智能"})});
  const Classification c = classify_document(d, rules());
  CHECK(c.material == "business_license");
  CHECK(c.score > 0.5);
  CHECK(c.sections.empty());
}

TEST_CASE("the file name alone classifies an otherwise textless scan") {
  Document d = doc_of("申报材料/信用报告.pdf", {page_of(1, {})});
  CHECK(classify_document(d, rules()).material == "credit_report");
}

TEST_CASE("a file named as some proof is not taken for the eligibility proof by that word alone") {
  // 证明 names many papers (a lease's 场地使用证明, 在职证明, 纳税证明); the rules' proof
  // material is the 成效/运营 proof of eligibility.
  const Document lease = doc_of("场地使用证明.pdf", {page_of(1, {})});
  CHECK(classify_document(lease, rules()).material != "eligibility_proof");
  const Document results = doc_of("服务成效证明.pdf", {page_of(1, {})});
  CHECK(classify_document(results, rules()).material == "eligibility_proof");
}

TEST_CASE("a document with no signal stays unclassified") {
  const Document d = doc_of("a.pdf", {page_of(1, {"会议纪要", "今天天气很好。"})});
  CHECK(classify_document(d, rules()).material == "unclassified");
}

TEST_CASE("an unreadable document is not classified") {
  Document d = doc_of("营业执照.pdf", {});
  d.status = DocStatus::kUnreadable;
  CHECK(classify_document(d, rules()).material == "unclassified");
}

TEST_CASE("a merged PDF is split into sections by page titles") {
  const Document d = doc_of("申报材料汇编.pdf",
                            {page_of(1, {"项目申报书", "项目名称：松江智算大模型", "申报类别：（一）支持通用大模型设计构建"}),
                             page_of(2, {"申报单位：上海松智科技有限公司", "申请金额：500万元"}),
                             page_of(3, {"营业执照", "统一社会信用代码 91310117MA1J2Q4K7A", "法定代表人 张伟"}),
                             page_of(4, {"审计报告", "我们审计了后附的财务报表", "会计师事务所"}),
                             page_of(5, {"资产负债表", "资产总计 1,000.00", "负债合计 400.00"})});
  const Classification c = classify_document(d, rules());
  REQUIRE(c.sections.size() == 3);
  CHECK(c.sections[0].material == "application_form");
  CHECK(c.sections[0].first_page == 1);
  CHECK(c.sections[0].last_page == 2);
  CHECK(c.sections[1].material == "business_license");
  CHECK(c.sections[1].first_page == 3);
  CHECK(c.sections[1].last_page == 3);
  CHECK(c.sections[2].material == "audit_report");
  CHECK(c.sections[2].first_page == 4);
  CHECK(c.sections[2].last_page == 5);
}

TEST_CASE("a heading with one character misread by OCR still starts its section") {
  const Document d = doc_of("申报材料汇编.pdf",
                            {page_of(1, {"项目投资明细表", "硬件设施 GPU服务器 26.76", "合计 183.27"}),
                             page_of(2, {"荣誉证市", "上海智渊智能科技有限公司：", "特发此证，以资鼓励。"})});
  const Classification c = classify_document(d, rules());
  REQUIRE(c.sections.size() == 2);
  CHECK(c.sections[1].material == "honors");
  CHECK(c.sections[1].first_page == 2);
  // One slip is tolerated in a short heading only, not inside a sentence, and not in a
  // short keyword (申报书 → 申报表 is another word, not a slip).
  const Document sentence = doc_of("a.pdf", {page_of(1, {"我们于二〇二四年收到贵单位寄来的荣誉证市场推广资料若干份，现予以退回并说明情况"})});
  CHECK(classify_document(sentence, rules()).material != "honors");
  // The bounds are data (classify.json heading_slip): keywords of five or more only, and
  // the four-character 荣誉证书 no longer forgives the slip.
  ClassifyRules strict = rules();
  strict.slip_min_chars = 5;
  CHECK(classify_document(d, strict).sections.size() < 2);
}

TEST_CASE("the category comes from the 申报类别 line of the application form") {
  const Document form = doc_of("申报书.pdf", {page_of(1, {"项目申报书", "申报类别：（二）支持专用细分模型研发应用"})});
  const Document report = doc_of("报告.pdf", {page_of(1, {"项目情况报告", "本项目基于通用大模型开展研发"})});
  const CategoryDecision d =
      decide_category({&report, &form}, {"project_report", "application_form"}, rules());
  CHECK(d.category == "specialized_model");
  CHECK(d.category_text == "（二）支持专用细分模型研发应用");
}

TEST_CASE("the category falls back to the project report, then stays unknown") {
  const Document report = doc_of("报告.pdf", {page_of(1, {"项目情况报告", "本项目为实用适配服务，覆盖制造、金融行业"})});
  CHECK(decide_category({&report}, {"project_report"}, rules()).category == "adaptation_service");
  const Document other = doc_of("x.pdf", {page_of(1, {"其它说明"})});
  CHECK(decide_category({&other}, {"other"}, rules()).category == "unknown");
}
