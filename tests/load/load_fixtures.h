// Fixtures shared by the load area's tests: a license page drawn by the test, one OCR
// engine per test binary, and OCR text compared without the spaces Tesseract puts between
// Chinese characters.
#pragma once

#include <string>

#include "pipeline/core/document.h"
#include "pipeline/load/ocr.h"
#include "tests/support/render.h"

namespace shenbao::load_test {

inline shenbao::testing::TextPage licence_page() {
  shenbao::testing::TextPage page;
  page.lines = {"营业执照", "统一社会信用代码：91310117MA1J2Q4K7A",
                "名称：上海松江智算科技有限公司", "住所：上海市松江区九亭镇沪亭北路 99 号"};
  return page;
}

// One engine for the whole test binary: Tesseract's start-up is the slow part.
inline OcrEngine& engine() {
  static OcrEngine ocr;
  return ocr;
}

inline std::string text_without_spaces(const Document& doc) {
  std::string out;
  for (char c : doc.text())
    if (c != ' ') out.push_back(c);
  return out;
}

}  // namespace shenbao::load_test
