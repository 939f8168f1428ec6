#include "extractors/facts.h"
#include "pipeline/core/text.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace shenbao;

namespace {

const ExtractRules& rules() {
  static const std::shared_ptr<const ExtractRules> r = [] {
    auto loaded = load_extract_rules(SHENBAO_SOURCE_DIR "/schemas");
    REQUIRE(loaded.ok());
    return loaded.value();
  }();
  return *r;
}

// A one-page document whose lines are `texts`, one line each, 14 points apart.
Document document(const std::string& path, const std::vector<std::string>& texts,
                  TextSource src = TextSource::kTextLayer) {
  Document d;
  d.path = path;
  d.format = Format::kPdf;
  Page p;
  p.number = 1;
  p.width = 595;
  p.height = 842;
  p.text_source = src;
  if (src == TextSource::kOcr) p.ocr_confidence = 0.8;
  double y = 70;
  for (const std::string& t : texts) {
    Line l;
    Word w;
    w.text = t;
    w.box = {71, y, 71 + 12.0 * static_cast<double>(utf8_to_codepoints(t).size()), y + 12};
    w.source = src;
    l.words.push_back(w);
    l.box = w.box;
    p.lines.push_back(std::move(l));
    y += 20;
  }
  d.pages.push_back(std::move(p));
  return d;
}

Submission extract(const std::vector<Document>& docs) {
  Submission s;
  for (const Document& d : docs) {
    DocumentRecord r;
    r.path = d.path;
    s.documents.push_back(r);
  }
  extract_facts(docs, rules(), s);
  return s;
}

const std::vector<std::string> kForm = {
    "松江区智算服务业专项支持项目申报书",
    "项目名称：云间通用大模型研发及松江应用场景建设项目",
    "申报单位：上海云间信息技术有限公司",
    "申报类别：（一）支持通用大模型设计构建",
    "注册地址：上海市松江区泗泾镇泗砖公路3010号3幢6层",
    "法定代表人：蒋婷婷",
    "申请金额：1937.00万元",
};

}  // namespace

TEST_CASE("of a public list of filings, the applicant's own number is taken") {
  const Document form = document("项目申报书.pdf", kForm);
  const Document list = document(
      "生成式人工智能服务备案证明.pdf",
      {"生成式人工智能服务已备案信息", "序号属地模型/应用名称备案单位备案编号",
       "上海星辰语言智能科技有限公",
       "30上海市星辰智能客服大模型Shanghai-XingChen-202402239832", "司",
       "上海云间信息技术有限公",
       "31上海市云间通用大模型Shanghai-YunJian-202412279061", "司"});
  const Submission s = extract({form, list});
  REQUIRE(s.category == "general_model");
  REQUIRE(s.extracted.filing.number);
  CHECK(*s.extracted.filing.number == "Shanghai-YunJian-202412279061");
}

TEST_CASE("a filing number stated by two documents wins over one of a list") {
  const Document form = document("项目申报书.pdf", kForm);
  const Document list = document(
      "生成式人工智能服务备案证明.pdf",
      {"生成式人工智能服务已备案信息", "序号属地模型/应用名称备案单位备案编号",
       "30上海市星辰智能客服大模型Shanghai-XingChen-202402239832",
       "31上海市某某大模型Shanghai-YunJian-202412279061"});
  const Document report = document(
      "项目情况报告.pdf", {"项目情况报告", "该模型已完成生成式人工智能服务备案，",
                           "备案号：Shanghai-YunJian-202412279061。"});
  const Submission s = extract({form, list, report});
  REQUIRE(s.extracted.filing.number);
  CHECK(*s.extracted.filing.number == "Shanghai-YunJian-202412279061");
  CHECK(s.extracted.filing.kind == std::optional<std::string>("filing"));
}

TEST_CASE("an OCR slip in the license is corrected by the typed application form") {
  const Document form = document("项目申报书.pdf", kForm);
  const Document license = document(
      "营业执照.jpg",
      {"营业执照", "统一社会信用代码 91310117MA13JE3A4Y", "名称 上海云间信息技术有限公司",
       "类型 有限责任公司", "住所 上海市松江区泗泾镇泗砖公路3010号3慷6层", "法定代表人 菏婷婷"},
      TextSource::kOcr);
  const Submission s = extract({form, license});
  REQUIRE(s.extracted.license.address);
  CHECK(*s.extracted.license.address == "上海市松江区泗泾镇泗砖公路3010号3幢6层");
  REQUIRE(s.extracted.license.legal_representative);
  CHECK(*s.extracted.license.legal_representative == "蒋婷婷");
  CHECK(s.applicant.legal_representative == std::optional<std::string>("蒋婷婷"));
}

TEST_CASE("a credit code or a name that differs points at the document that differs") {
  std::vector<std::string> form_lines = kForm;
  form_lines[2] = "申报单位：上海云间网络科技有限公司";
  form_lines.push_back("统一社会信用代码：91310117MA1J2Q4K7A");
  const Document form = document("项目申报书.pdf", form_lines);
  const Document license = document(
      "营业执照.pdf", {"营业执照", "统一社会信用代码 91310117MA13JE3A4Y",
                       "名称 上海云间信息技术有限公司", "法定代表人 蒋婷婷"});
  // Either order of the documents: the license's code and name are the applicant's.
  for (const bool license_first : {true, false}) {
    CAPTURE(license_first);
    const Submission s = license_first ? extract({license, form}) : extract({form, license});
    REQUIRE(s.applicant.uscc);
    CHECK(*s.applicant.uscc == "91310117MA13JE3A4Y");
    int seen = 0;
    for (const Finding& f : s.findings) {
      if (f.code != "USCC_MISMATCH" && f.code != "NAME_MISMATCH") continue;
      CAPTURE(f.code);
      ++seen;
      CHECK(f.document == "项目申报书.pdf");
      CHECK(f.material == "application_form");
      CHECK(f.page == std::optional<int>(1));
    }
    CHECK(seen == 2);
  }
}

TEST_CASE("a test-fee invoice is the security-testing category's evidence, elsewhere a voucher") {
  const std::vector<std::string> invoice_lines = {
      "电子发票（增值税专用发票）", "发票号码：25312000598427373923", "开票日期：2025年04月24日",
      "购买方 名称：上海云间信息技术有限公司", "销售方 名称：华东商用密码检测技术研究院",
      "*检测服务*密码安全性测试服务费 1 534905.66", "价税合计（小写）¥567000.00"};
  const Document invoice = document("附件材料/检测服务费发票.pdf", invoice_lines);
  const Document hardware = document(
      "服务器发票.pdf", {"电子发票（增值税专用发票）", "发票号码：25312000598427370001",
                         "开票日期：2025年03月02日", "*计算机*GPU服务器 2 1200000.00",
                         "价税合计（小写）¥2712000.00"});
  for (const bool security : {true, false}) {
    CAPTURE(security);
    std::vector<std::string> form_lines = kForm;
    form_lines[3] = security ? "申报类别：（四）支持自主安全" : "申报类别：（一）支持通用大模型设计构建";
    const Submission s = extract({document("项目申报书.pdf", form_lines), invoice, hardware});
    CHECK(s.category == (security ? "security_testing" : "general_model"));
    CHECK(s.documents[1].material == (security ? "eligibility_proof" : "investment_table"));
    CHECK(s.documents[2].material == "investment_table");  // not a testing fee
  }
}

TEST_CASE("a license value that differs by more than a slip is kept as read") {
  const Document form = document("项目申报书.pdf", kForm);
  const Document license = document(
      "营业执照.jpg",
      {"营业执照", "统一社会信用代码 91310117MA13JE3A4Y", "名称 上海云间信息技术有限公司",
       "住所 上海市闵行区梅陇镇莲花南路317号4幢6层", "法定代表人 孙嘉伟"},
      TextSource::kOcr);
  const Submission s = extract({form, license});
  REQUIRE(s.extracted.license.address);
  CHECK(*s.extracted.license.address == "上海市闵行区梅陇镇莲花南路317号4幢6层");
  CHECK(s.applicant.address == s.extracted.license.address);
  CHECK(s.extracted.license.legal_representative == std::optional<std::string>("孙嘉伟"));
  // The applicant's representative is the typed one.
  CHECK(s.applicant.legal_representative == std::optional<std::string>("蒋婷婷"));
}

TEST_CASE("a license address cut at its wrap is completed only by a matching typed one") {
  const Document form = document("项目申报书.pdf", kForm);
  const Document cut = document(
      "营业执照.jpg",
      {"营业执照", "名称 上海云间信息技术有限公司", "住所 上海市松江区泗泾镇泗砖公"},
      TextSource::kOcr);
  Submission s = extract({form, cut});
  CHECK(s.extracted.license.address ==
        std::optional<std::string>("上海市松江区泗泾镇泗砖公路3010号3幢6层"));
  // Another district's address that starts alike is not the form's.
  const Document elsewhere = document(
      "营业执照.jpg", {"营业执照", "名称 上海云间信息技术有限公司", "住所 上海市闵行区梅陇镇莲花"},
      TextSource::kOcr);
  s = extract({form, elsewhere});
  CHECK(s.extracted.license.address == std::optional<std::string>("上海市闵行区梅陇镇莲花"));
  CHECK(s.applicant.in_songjiang == std::optional<bool>(false));
}

TEST_CASE("a license photo that lost its labels still shows the typed name and representative") {
  const Document form = document("项目申报书.pdf", kForm);
  // OCR lost 名称 and 法定代表人 (the label column), and misread one character of the name.
  const Document license = document(
      "营业执照.jpg",
      {"营业执照", "统一社会信用代码 91310117MA13JE3A4Y", "上海云问信息技术有限公司注册资本人民币伍佰万元整",
       "有限责任公司(自然人投资或控股)成立日期2021年11月04日", "蒋婷婷腾路2538号8幢9层"},
      TextSource::kOcr);
  const Submission s = extract({form, license});
  CHECK(s.extracted.license.name == std::optional<std::string>("上海云间信息技术有限公司"));
  CHECK(s.extracted.license.legal_representative == std::optional<std::string>("蒋婷婷"));
  // A different company or person is not found there.
  const Document other = document(
      "营业执照.jpg",
      {"营业执照", "上海海川人工智能研究有限公司注册资本人民币伍佰万元整", "孙嘉伟"},
      TextSource::kOcr);
  const Submission t = extract({form, other});
  CHECK_FALSE(t.extracted.license.name);
  CHECK_FALSE(t.extracted.license.legal_representative);
}

TEST_CASE("industries served are read from running text with their count") {
  std::vector<std::string> form = kForm;
  form[3] = "申报类别：（三）支持实用适配服务";
  const Document report = document(
      "项目情况报告.pdf",
      {"项目情况报告", "三、重点方向与服务领域",
       "产品已在物流、政务、金融、交通、制造、能源等6个行业落地应用，详见《适配",
       "产品行业应用清单》。"});
  Submission s = extract({document("项目申报书.pdf", form), report});
  REQUIRE(s.category == "adaptation_service");
  REQUIRE(s.extracted.adaptation.found);
  CHECK(s.extracted.adaptation.industries ==
        std::vector<std::string>{"物流", "政务", "金融", "交通", "制造", "能源"});
  // Broken by a line wrap, and counted with 共.
  const Document wrapped = document(
      "项目情况报告.pdf", {"项目情况报告", "截至2025年6月15日，产品已在政务、教育、",
                           "制造共3个行业的3家客户单位上线使用。"});
  s = extract({document("项目申报书.pdf", form), wrapped});
  REQUIRE(s.extracted.adaptation.found);
  CHECK(s.extracted.adaptation.industries == std::vector<std::string>{"政务", "教育", "制造"});
  // Places and a figure without 个行业 are no industries.
  const Document none = document(
      "项目情况报告.pdf", {"项目情况报告", "公司在上海、北京、深圳设有研发中心，服务客户3家。"});
  s = extract({document("项目申报书.pdf", form), none});
  CHECK_FALSE(s.extracted.adaptation.found);
  CHECK(s.extracted.adaptation.industries.empty());
}

TEST_CASE("a finding raised while loading a document is told the document's material") {
  const std::vector<Document> docs = {document("a.pdf", kForm),
                                      document("场地租赁合同.pdf", {"房屋租赁合同", "出租方将位于松江区某路某号的房屋出租给承租方作为办公场所使用"})};
  Submission s;
  for (const Document& d : docs) {
    DocumentRecord r;
    r.path = d.path;
    s.documents.push_back(r);
  }
  Finding low;
  low.code = "OCR_LOW_CONFIDENCE";
  low.document = "a.pdf";
  low.page = 1;
  s.findings.push_back(low);
  Finding elsewhere = low;
  elsewhere.document = "场地租赁合同.pdf";
  s.findings.push_back(elsewhere);
  extract_facts(docs, rules(), s);
  CHECK(s.findings[0].material == "application_form");
  CHECK(s.documents[1].material == "other");
  CHECK(s.findings[1].material == "other");
}

TEST_CASE("bad credit records are counted once per section, within two years, and stop at the next heading") {
  const std::vector<std::string> report = {
      "法人和非法人组织公共信用信息报告",
      "报告主体：上海浦南网络科技有限公司",
      "报告日期：2025年06月10日",
      "一、登记注册基础信息",
      "成立日期 2016-03-08",
      "二、行政管理信息",
      "（一）行政许可信息",
      "无",
      "（二）行政处罚信息",
      "决定书文号 处罚事由 处罚内容 处罚机关 处罚决定日期",
      "沪市监松处〔2024〕 发布虚假广告 罚款人民币伍万元整 2024-09-24",
      "沪松税简罚〔2021〕 未按照规定期限办理纳税申报 2021-09-07",
      "（三）行政检查信息",
      "抽查日期 2025-03-01 未发现问题",
      "三、严重失信主体名单信息",
      "无",
      "四、经营异常名录信息",
      "列入原因 作出决定机关 列入日期",
      "通过登记的住所或者经营场所无法联系 上海市松江区市场监督管理局 2024-05-13",
      "五、信用承诺信息",
      "该主体于2025年5月1日作出信用承诺",
      "六、诚实守信相关荣誉信息",
      "授予日期 2024-12-12",
      "报告日期：2025-06-10",
  };
  const Submission s = extract({document("信用中国信用报告.pdf", report)});
  REQUIRE(s.extracted.credit.records_in_two_years.has_value());
  // The 2024 penalty and the 2024 listing; not the 2021 penalty, the inspection, the
  // commitment, the honour or the footer's date.
  CHECK(*s.extracted.credit.records_in_two_years == 2);
  CHECK(s.extracted.credit.serious_dishonesty == std::optional<bool>(false));
}
