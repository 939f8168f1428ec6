#include "extractors/labelled.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extractors/facts.h"
#include "pipeline/core/text.h"

using namespace shenbao;

namespace {

// A word of `text` at x0 with `w` points per character, on the band y0..y1.
Word word(const std::string& text, double x0, double y0, double y1, double per_char,
          TextSource src) {
  Word w;
  w.text = text;
  const double n = static_cast<double>(utf8_to_codepoints(text).size());
  w.box = {x0, y0, x0 + n * per_char, y1};
  w.source = src;
  return w;
}

// A line of words; each entry is (text, x0). Characters are `per_char` wide.
Line line(const std::vector<std::pair<std::string, double>>& words, double y0, double y1,
          double per_char = 16, TextSource src = TextSource::kTextLayer) {
  Line l;
  for (const auto& [t, x] : words) l.words.push_back(word(t, x, y0, y1, per_char, src));
  l.box = l.words.front().box;
  for (const Word& w : l.words) {
    l.box.x0 = std::min(l.box.x0, w.box.x0);
    l.box.x1 = std::max(l.box.x1, w.box.x1);
  }
  return l;
}

Document doc_of(std::vector<Line> lines, TextSource src = TextSource::kTextLayer) {
  Document d;
  d.path = "test.pdf";
  Page p;
  p.number = 1;
  p.text_source = src;
  p.lines = std::move(lines);
  d.pages.push_back(std::move(p));
  return d;
}

const std::vector<std::string> kStops = {"名称", "类型", "住所", "法定代表人", "注册资本",
                                         "成立日期", "经营范围", "统一社会信用代码",
                                         "社会信用代码", "申报单位", "申报类别"};

}  // namespace

TEST_CASE("a project name whose cell wraps onto a second line is read whole") {
  // The cover of an application form: the value wraps under itself, centred.
  const Document d = doc_of({
      line({{"项目名称：面向医学影像辅助诊断的专用大模型研", 111}}, 431, 447),
      line({{"发与应用项目", 246}}, 447, 464),
      line({{"申报单位（盖章）：上海启明数据科技有限公司", 111}}, 490, 506),
  });
  const auto v = find_labelled_value(d, {"项目名称"}, kStops);
  REQUIRE(v);
  CHECK(v->value == "面向医学影像辅助诊断的专用大模型研");
  CHECK(v->wrapped == "发与应用项目");
}

TEST_CASE("the next row of a form is not taken as a wrapped value") {
  // Rows of a grid form: the next line is another field, and a line of prose far below is
  // no continuation either.
  const Document d = doc_of({
      line({{"项目名称", 95}, {"云间通用大模型研发及松江应用场景建设项目", 167}}, 319, 331, 12),
      line({{"申报类别", 95}, {"（一）支持通用大模型设计构建", 167}}, 333, 345, 12),
      line({{"注册地址", 95}, {"上海市松江区泗泾镇泗砖公路3010号3幢6层", 167}}, 365, 377, 12),
      line({{"本项目已完成建设并投入运营。", 167}}, 395, 407, 12),
  });
  const auto name = find_labelled_value(d, {"项目名称"}, kStops);
  REQUIRE(name);
  CHECK(name->value == "云间通用大模型研发及松江应用场景建设项目");
  CHECK(name->wrapped.empty());
  const auto address = find_labelled_value(d, {"注册地址"}, kStops);
  REQUIRE(address);
  CHECK(address->wrapped.empty());
}

TEST_CASE("a code on the line below a wrapped name is not part of the name") {
  const Document d = doc_of({
      line({{"主体名称", 74}, {"上海星衍人工智能科技有限公司", 160}}, 228, 239, 11),
      line({{"91310117MA6HJ7YJ8D", 160}}, 240, 251, 6),
  });
  const auto v = find_labelled_value(d, {"主体名称"}, kStops);
  REQUIRE(v);
  CHECK(v->value == "上海星衍人工智能科技有限公司");
  CHECK(v->wrapped.empty());
}

TEST_CASE("OCR noise between a label's characters does not hide the label") {
  const TextSource ocr = TextSource::kOcr;
  const Document d = doc_of(
      {
          line({{"名", 319}, {"。", 352}, {"”", 368}, {"称", 384}, {"上海云间信息技术有限公司", 430},
                {"注册资本", 850}, {"人民币伍佰万元整", 920}},
               693, 746, 33, ocr),
          line({{"住", 796}, {"”", 829}, {"所", 845}, {"。", 878}, {"上海市松江区泗泾镇泗砖公", 900}},
               802, 835, 22, ocr),
          line({{"路3010号3幢6层", 917}}, 850, 876, 16, ocr),
      },
      ocr);
  const auto name = find_labelled_value(d, {"名称"}, kStops);
  REQUIRE(name);
  CHECK(name->value == "上海云间信息技术有限公司");
  const auto address = find_labelled_value(d, {"住所"}, kStops);
  REQUIRE(address);
  CHECK(address->value == "上海市松江区泗泾镇泗砖公");
  CHECK(address->wrapped == "路3010号3幢6层");
  CHECK(find_label("住”所。上海市", "住所") == 0);
  CHECK(find_label("项目名称", "名称") == std::string::npos);  // inside a longer word
  CHECK(find_label("名、、、称", "名称") == std::string::npos);   // not noise
}

TEST_CASE("a lone label takes the value beside it on the same band") {
  // A license photo: the label column and the value column came out as separate lines.
  const TextSource ocr = TextSource::kOcr;
  const Document d = doc_of(
      {
          line({{"类型", 113}}, 461, 478, 30, ocr),
          line({{"法定代表人", 113}}, 504, 522, 17, ocr),
          line({{"珊", 749}}, 102, 140, 40, ocr),
          line({{"蒋志强", 217}, {"住", 290}, {"”", 307}, {"所", 315}, {"上海市松江区岳阳街道谷阳", 340}},
               503, 523, 20, ocr),
      },
      ocr);
  const auto v = find_labelled_value(d, {"法定代表人"}, kStops);
  REQUIRE(v);
  CHECK(v->value == "蒋志强");
}

TEST_CASE("on an OCR'd line a value ends at a column gap") {
  const TextSource ocr = TextSource::kOcr;
  const Document d = doc_of(
      {line({{"法定代表人", 358}, {"沈海燕", 520}, {"公路1315号11幢3层", 720}}, 839, 881, 30, ocr)},
      ocr);
  const auto v = find_labelled_value(d, {"法定代表人"}, kStops);
  REQUIRE(v);
  CHECK(v->value == "沈海燕");
  // A text layer keeps wide gaps inside one cell: the value is not cut there.
  const Document text_layer = doc_of({line(
      {{"价税合计（大写）", 109}, {"伍拾陆万柒仟元整", 250}, {"（小写）¥567000.00", 400}}, 251,
      262, 9)});
  const auto fee = find_labelled_value(text_layer, {"价税合计"}, kStops);
  REQUIRE(fee);
  CHECK(fee->value.find("567000.00") != std::string::npos);
}

TEST_CASE("parse_person_name takes a 2-4 character name and nothing longer") {
  CHECK(parse_person_name("蒋婷婷") == "蒋婷婷");
  CHECK(parse_person_name("李磊") == "李磊");
  CHECK(parse_person_name("欧阳明月") == "欧阳明月");
  CHECK(parse_person_name("蒋 婷 婷") == "蒋婷婷");          // OCR spacing
  CHECK(parse_person_name("买买提·艾力") == "买买提·艾力");
  CHECK(parse_person_name("John Smith") == "John Smith");
  CHECK_FALSE(parse_person_name("沈海燕公路"));   // a name running into an address
  CHECK_FALSE(parse_person_name("蒋"));
  CHECK_FALSE(parse_person_name("，”姚欣然"));    // leading OCR noise is the caller's to trim
  CHECK_FALSE(parse_person_name("2021年11月"));
}
