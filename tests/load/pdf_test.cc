// PdfDocument: text layers, renders, passwords and damage, on PDFs drawn by the test.
#include "pipeline/load/pdf.h"

#include <doctest/doctest.h>

#include <cmath>

#include "tests/support/files.h"
#include "tests/support/render.h"

using namespace shenbao;
using shenbao::testing::render_text_pdf;
using shenbao::testing::run_qpdf;
using shenbao::testing::TextPage;

namespace {

TextPage licence_page() {
  TextPage page;
  page.lines = {"统一社会信用代码：91310117MA1J2Q4K7A", "上海市松江区", "Hello World 2024"};
  return page;
}

bool inside(const Box& b, double width, double height) {
  return b.x0 >= 0 && b.y0 >= 0 && b.x1 <= width && b.y1 <= height && b.x0 < b.x1 && b.y0 < b.y1;
}

Word word_at(double x0, double y0, double x1, double y1, std::string text) {
  return Word{std::move(text), {x0, y0, x1, y1}, 1.0f, TextSource::kTextLayer};
}

}  // namespace

TEST_CASE("text_page reads Chinese lines of a text-layer PDF in reading order") {
  auto pdf = PdfDocument::open(render_text_pdf({licence_page()}));
  REQUIRE(pdf.ok());
  REQUIRE(pdf->page_count() == 1);
  auto page = pdf->text_page(0);
  REQUIRE(page.ok());
  CHECK(page->number == 1);
  CHECK(page->dpi == 72);
  CHECK(page->text_source == TextSource::kTextLayer);
  CHECK(page->width == doctest::Approx(595.276).epsilon(0.001));
  CHECK(page->height == doctest::Approx(841.890).epsilon(0.001));
  REQUIRE(page->lines.size() == 3);
  CHECK(page->lines[0].text() == "统一社会信用代码：91310117MA1J2Q4K7A");
  CHECK(page->lines[1].text() == "上海市松江区");
  CHECK(page->lines[2].text() == "Hello World 2024");
  CHECK(page->lines[0].box.y1 <= page->lines[1].box.y0);
}

TEST_CASE("text_page word boxes lie inside the page, near where the text was drawn") {
  auto pdf = PdfDocument::open(render_text_pdf({licence_page()}));
  REQUIRE(pdf.ok());
  auto page = pdf->text_page(0);
  REQUIRE(page.ok());
  REQUIRE_FALSE(page->lines.empty());
  for (const Line& line : page->lines) {
    for (const Word& w : line.words) {
      CHECK(inside(w.box, page->width, page->height));
      CHECK(w.source == TextSource::kTextLayer);
      CHECK(w.confidence == 1.0f);
    }
  }
  // Drawn from a 72 pt margin, first line at the top.
  CHECK(page->lines[0].box.x0 == doctest::Approx(72).epsilon(0.05));
  CHECK(page->lines[0].box.y0 < 100);
}

TEST_CASE("a page rotated by /Rotate 90 swaps width and height and keeps words inside") {
  auto rotated = PdfDocument::open(run_qpdf(render_text_pdf({licence_page()}), "--rotate=+90:1"));
  REQUIRE(rotated.ok());
  auto box = rotated->page_box(0);
  REQUIRE(box.ok());
  CHECK(box->width() == doctest::Approx(841.890).epsilon(0.001));
  CHECK(box->height() == doctest::Approx(595.276).epsilon(0.001));
  auto page = rotated->text_page(0);
  REQUIRE(page.ok());
  REQUIRE_FALSE(page->lines.empty());
  for (const Line& line : page->lines)
    for (const Word& w : line.words) CHECK(inside(w.box, page->width, page->height));
  auto image = rotated->render(0, 36, ImageMode::kGray, 1'000'000);
  REQUIRE(image.ok());
  CHECK(image->width > image->height);
}

TEST_CASE("render gives tightly packed gray pixels of the page size at the dpi") {
  auto pdf = PdfDocument::open(render_text_pdf({licence_page()}));
  REQUIRE(pdf.ok());
  auto image = pdf->render(0, 150, ImageMode::kGray, 10'000'000);
  REQUIRE(image.ok());
  CHECK(image->channels == 1);
  CHECK(image->dpi == 150);
  CHECK(std::abs(image->width - 1241) <= 1);   // 595.276 pt at 150 dpi
  CHECK(std::abs(image->height - 1754) <= 1);  // 841.890 pt at 150 dpi
  CHECK(image->pixels.size() == image->stride() * image->height);
  int dark = 0;
  for (uint8_t v : image->pixels) dark += v < 100;
  CHECK(dark > 500);                                          // the text is there
  CHECK(dark < static_cast<int>(image->pixels.size() / 50));  // on white paper
}

TEST_CASE("render in RGB keeps red text red (channel order R, G, B)") {
  TextPage red;
  red.lines = {"印章 红色"};
  red.font_size_pt = 40;
  red.rgb = 0xff0000;
  auto pdf = PdfDocument::open(render_text_pdf({red}));
  REQUIRE(pdf.ok());
  auto image = pdf->render(0, 72, ImageMode::kRgb, 10'000'000);
  REQUIRE(image.ok());
  REQUIRE(image->channels == 3);
  int red_pixels = 0, blue_pixels = 0;
  for (int y = 0; y < image->height; ++y) {
    for (int x = 0; x < image->width; ++x) {
      const uint8_t* p = image->at(x, y);
      red_pixels += p[0] > 200 && p[1] < 80 && p[2] < 80;
      blue_pixels += p[2] > 200 && p[0] < 80 && p[1] < 80;
    }
  }
  CHECK(red_pixels > 100);
  CHECK(blue_pixels == 0);
}

TEST_CASE("render refuses a page over the pixel limit before rendering it") {
  auto pdf = PdfDocument::open(render_text_pdf({licence_page()}));
  REQUIRE(pdf.ok());
  auto image = pdf->render(0, 300, ImageMode::kGray, 1'000'000);
  REQUIRE_FALSE(image.ok());
  CHECK(image.status().code() == Status::Code::kRejected);
}

TEST_CASE("page indexes out of range are invalid arguments, not crashes") {
  auto pdf = PdfDocument::open(render_text_pdf({licence_page()}));
  REQUIRE(pdf.ok());
  CHECK(pdf->text_page(1).status().code() == Status::Code::kInvalidArgument);
  CHECK(pdf->text_page(-1).status().code() == Status::Code::kInvalidArgument);
  CHECK(pdf->render(5, 72, ImageMode::kGray, 1'000'000).status().code() ==
        Status::Code::kInvalidArgument);
}

TEST_CASE("a truncated PDF and non-PDF bytes are corrupt") {
  const std::string bytes = render_text_pdf({licence_page()});
  auto truncated = PdfDocument::open(bytes.substr(0, bytes.size() / 2));
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.status().code() == Status::Code::kCorrupt);
  auto garbage = PdfDocument::open("%PDF-1.7\nthis is not a pdf at all");
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.status().code() == Status::Code::kCorrupt);
}

TEST_CASE("a PDF needing a user password is encrypted while an owner-password-only one opens") {
  const std::string plain = render_text_pdf({licence_page()});
  auto locked = PdfDocument::open(run_qpdf(plain, "--encrypt user owner 256 --"));
  REQUIRE_FALSE(locked.ok());
  CHECK(locked.status().code() == Status::Code::kEncrypted);

  auto restricted = PdfDocument::open(run_qpdf(plain, "--encrypt \"\" owner 256 --"));
  REQUIRE(restricted.ok());
  auto page = restricted->text_page(0);
  REQUIRE(page.ok());
  REQUIRE_FALSE(page->lines.empty());
  CHECK(page->lines[0].text() == "统一社会信用代码：91310117MA1J2Q4K7A");
}

TEST_CASE("group_words_into_lines groups by vertical overlap and sorts by position") {
  std::vector<Word> words = {
      word_at(60, 40, 70, 52, "D"),  // second line, right
      word_at(10, 10, 20, 22, "A"),  // first line, left
      word_at(40, 12, 50, 23, "B"),  // first line, slightly lower
      word_at(10, 41, 20, 53, "C"),  // second line, left
      word_at(30, 30, 40, 34, "x"),  // a small mark between lines touches neither
  };
  const std::vector<Line> lines = group_words_into_lines(words);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text() == "A B");
  CHECK(lines[1].text() == "x");
  CHECK(lines[2].text() == "C D");
  CHECK(lines[0].box.x0 == 10);
  CHECK(lines[0].box.x1 == 50);
  CHECK(lines[0].box.y0 == 10);
  CHECK(lines[0].box.y1 == 23);
}
