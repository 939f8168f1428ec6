#include <doctest/doctest.h>

#include "pipeline/core/document.h"
#include "pipeline/core/text.h"

using namespace shenbao;

TEST_CASE("fold_width folds full-width digits, letters and brackets") {
  CHECK(fold_width("９１３１０１１７ＭＡ１Ｊ２Ｑ４Ｋ７Ａ") == "91310117MA1J2Q4K7A");
  CHECK(normalise_for_compare("上海某某科技有限公司（松江）") ==
        normalise_for_compare("上海某某科技有限公司 (松江)"));
}

TEST_CASE("sha256_hex matches the known digest of 'abc'") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("is_valid_utf8 rejects GBK bytes and accepts Chinese UTF-8") {
  CHECK(is_valid_utf8("申报材料"));
  CHECK_FALSE(is_valid_utf8("\xc9\xea\xb1\xa8"));  // 申报 in GBK
}

TEST_CASE("count_meaningful_chars counts CJK and ASCII alphanumerics, not punctuation") {
  CHECK(count_meaningful_chars("统一社会信用代码：91310117") == 16);
  CHECK(count_meaningful_chars(" ,.;（）") == 0);
}

TEST_CASE("Line::text puts spaces only between non-CJK words") {
  Line line;
  line.words = {{"统一", {}, 1, TextSource::kOcr}, {"代码", {}, 1, TextSource::kOcr},
                {"91310117MA1J2Q4K7A", {}, 1, TextSource::kOcr}, {"ok", {}, 1, TextSource::kOcr}};
  CHECK(line.text() == "统一代码91310117MA1J2Q4K7A ok");
}

TEST_CASE("html_escape neutralises markup") {
  CHECK(html_escape("<img src=x onerror=alert(1)>.pdf") ==
        "&lt;img src=x onerror=alert(1)&gt;.pdf");
}

TEST_CASE("edit_distance counts code points, not bytes") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("孙嘉伟", "孙嘉伟") == 0);
  CHECK(edit_distance("孙嘉伟", "孙喜伟") == 1);     // one substitution (3 bytes each)
  CHECK(edit_distance("孙嘉伟", "和孙喜伟") == 2);   // an insertion and a substitution
  CHECK(edit_distance("13.53", "1353") == 1);
  CHECK(edit_distance("abc", "") == 3);
}
