#include "extractors/folded_text.h"

#include <doctest/doctest.h>

using namespace shenbao;

TEST_CASE("FoldedText folds full width and maps offsets back to the original") {
  const std::string original = "代码：９１Ａ";
  const FoldedText f(original);
  CHECK(f.text() == "代码:91A");
  const size_t colon = f.text().find(':');
  CHECK(f.original_offset(colon) == std::string("代码").size());
  CHECK(f.raw(colon + 1, f.text().size()) == "９１Ａ");
  CHECK(f.original_offset(f.text().size()) == original.size());
}

TEST_CASE("FoldedText maps an invalid byte to its single original byte") {
  const std::string original = std::string("a\xff") + "１";
  const FoldedText f(original);
  CHECK(f.text() ==
        "a\xEF\xBF\xBD"
        "1");  // U+FFFD then '1'
  CHECK(f.original_offset(1) == 1);
  CHECK(f.original_offset(4) == 2);
  CHECK(f.raw(4, 5) == "１");
}

TEST_CASE("FoldedText raw of an empty or reversed range is empty") {
  const FoldedText f("abc");
  CHECK(f.raw(2, 2).empty());
  CHECK(f.raw(2, 1).empty());
  CHECK(f.raw(0, 99) == "abc");
}

TEST_CASE("code_point_before and code_point_at step over whole code points") {
  const std::string s = "a松b";
  size_t start = 0, len = 0;
  CHECK(code_point_before(s, 4, &start) == U'松');
  CHECK(start == 1);
  CHECK(code_point_at(s, 1, &len) == U'松');
  CHECK(len == 3);
  CHECK(code_point_before(s, 0) == 0);
  CHECK(code_point_at(s, s.size()) == 0);
}
