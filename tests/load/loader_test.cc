// load_document and sniff_format: by content, never crashing, findings for what fails.
#include "pipeline/load/loader.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "pipeline/core/text.h"
#include "tests/support/files.h"
#include "tests/support/render.h"
#include "load_fixtures.h"

using namespace shenbao;
using shenbao::testing::render_scanned_pdf;
using shenbao::testing::render_text_pdf;
using shenbao::testing::run_qpdf;
using shenbao::testing::TextPage;
using shenbao::load_test::engine;
using shenbao::load_test::licence_page;
using shenbao::load_test::text_without_spaces;

namespace {



bool has_unreadable_finding(const LoadResult& r, Severity severity, const std::string& message) {
  return std::any_of(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
    return f.code == "DOCUMENT_UNREADABLE" && f.severity == severity &&
           f.message.find(message) != std::string::npos && f.document == r.document.path;
  });
}


std::string zip_of(const std::string& name, const std::string& content) {
  shenbao::testing::TempDir dir;
  shenbao::testing::write_file(dir.path() / name, content);
  const std::string command = "cd '" + dir.path().string() + "' && zip -q out.zip '" + name + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  return shenbao::testing::read_file(dir.path() / "out.zip");
}

}  // namespace

TEST_CASE("sniff_format recognises formats by their bytes, not their names") {
  using namespace std::string_literals;
  CHECK(sniff_format("%PDF-1.7\n...") == Format::kPdf);
  CHECK(sniff_format(std::string(100, 'x') + "%PDF-1.4\n") == Format::kPdf);     // junk before
  CHECK(sniff_format(std::string(2000, 'x') + "%PDF-1.4\n") == Format::kOther);  // too far
  CHECK(sniff_format("\xFF\xD8\xFF\xE0\x00\x10JFIF"s) == Format::kImage);
  CHECK(sniff_format("\x89PNG\r\n\x1A\n\x00\x00"s) == Format::kImage);
  CHECK(sniff_format("II*\x00\x08\x00\x00\x00"s) == Format::kImage);
  CHECK(sniff_format("MM\x00*\x00\x00\x00\x08"s) == Format::kImage);
  CHECK(sniff_format("BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"s) ==
        Format::kImage);
  CHECK(sniff_format("BMW cars are listed in this plain text file") == Format::kOther);
  CHECK(sniff_format("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s) == Format::kOther);  // old .doc
  CHECK(sniff_format("") == Format::kOther);
  CHECK(sniff_format("PK") == Format::kOther);
  CHECK(sniff_format(zip_of("readme.txt", "hello")) == Format::kArchive);
}

TEST_CASE("decide_page_ocr OCRs pages with too little text and keeps the others") {
  LoadOptions options;
  options.min_text_chars = 20;
  Page empty;
  const OcrDecision blank = decide_page_ocr(empty, options);
  CHECK(blank.ocr);
  CHECK(blank.reason.find("0 meaningful") != std::string::npos);

  Page little;
  little.lines.push_back(Line{{Word{"第 1 页 ……………………", {}, 1, TextSource::kTextLayer}}, {}});
  CHECK(decide_page_ocr(little, options).ocr);  // punctuation does not count

  Page full;
  full.lines.push_back(
      Line{{Word{"统一社会信用代码：91310117MA1J2Q4K7A", {}, 1, TextSource::kTextLayer}}, {}});
  const OcrDecision keep = decide_page_ocr(full, options);
  CHECK_FALSE(keep.ocr);
  CHECK(keep.reason.find("26 meaningful") != std::string::npos);
}

TEST_CASE("a text-layer PDF loads with its text, hash and size, without OCR") {
  const std::string bytes = render_text_pdf({licence_page()});
  const LoadResult r = load_document("材料/营业执照.pdf", bytes, LoadOptions{}, engine());
  const Document& doc = r.document;
  CHECK(doc.path == "材料/营业执照.pdf");
  CHECK(doc.format == Format::kPdf);
  CHECK(doc.status == DocStatus::kOk);
  CHECK(doc.size == static_cast<int64_t>(bytes.size()));
  CHECK(doc.sha256 == sha256_hex(bytes));
  CHECK(r.findings.empty());
  REQUIRE(doc.pages.size() == 1);
  CHECK(doc.pages[0].text_source == TextSource::kTextLayer);
  CHECK(doc.text_source() == TextSource::kTextLayer);
  CHECK_FALSE(doc.ocr_confidence().has_value());
  CHECK(doc.text().find("统一社会信用代码：91310117MA1J2Q4K7A") != std::string::npos);
  CHECK(doc.text().find("上海市松江区") != std::string::npos);
}

TEST_CASE("a scanned PDF page is rendered at 300 dpi and OCR'd, reading the code exactly") {
  const std::string bytes = render_scanned_pdf({licence_page()}, 300);
  const auto start = std::chrono::steady_clock::now();
  const LoadResult r = load_document("scan.pdf", bytes, LoadOptions{}, engine());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE("render + OCR of one A4 page at 300 dpi: " << seconds << " s");
  const Document& doc = r.document;
  CHECK(doc.status == DocStatus::kOk);
  CHECK(r.findings.empty());
  REQUIRE(doc.pages.size() == 1);
  const Page& page = doc.pages[0];
  CHECK(page.number == 1);
  CHECK(page.text_source == TextSource::kOcr);
  CHECK(page.dpi == 300);
  CHECK(std::abs(page.width - 2481) <= 1);
  CHECK(doc.text_source() == TextSource::kOcr);
  const std::string text = text_without_spaces(doc);
  CAPTURE(text);
  CHECK(text.find("统一社会信用代码") != std::string::npos);
  CHECK(text.find("91310117MA1J2Q4K7A") != std::string::npos);
  CHECK(text.find("上海市松江区") != std::string::npos);
  REQUIRE(doc.ocr_confidence().has_value());
  CHECK(*doc.ocr_confidence() > 0.0);
  CHECK(*doc.ocr_confidence() <= 1.0);
  for (const Line& line : page.lines)
    for (const Word& w : line.words) {
      CHECK(w.source == TextSource::kOcr);
      CHECK(w.box.x1 <= page.width);
      CHECK(w.box.y1 <= page.height);
    }
}

TEST_CASE("a PNG scan is OCR'd as one page of format image") {
  TextPage page = licence_page();
  page.height_pt = 300;  // a strip, to keep the test quick
  const std::string png = shenbao::testing::render_png(page, 300);
  const LoadResult r = load_document("执照.png", png, LoadOptions{}, engine());
  const Document& doc = r.document;
  CHECK(doc.format == Format::kImage);
  CHECK(doc.status == DocStatus::kOk);
  REQUIRE(doc.pages.size() == 1);
  CHECK(doc.pages[0].text_source == TextSource::kOcr);
  CHECK(doc.pages[0].dpi == 300);
  const std::string text = text_without_spaces(doc);
  CAPTURE(text);
  CHECK(text.find("统一社会信用代码") != std::string::npos);
  CHECK(text.find("91310117MA1J2Q4K7A") != std::string::npos);
  REQUIRE(doc.ocr_confidence().has_value());
  CHECK(*doc.ocr_confidence() > 0.5);
}

TEST_CASE("a truncated PDF is unreadable with a DOCUMENT_UNREADABLE error") {
  const std::string bytes = render_text_pdf({licence_page()});
  const LoadResult r =
      load_document("broken.pdf", bytes.substr(0, bytes.size() / 2), LoadOptions{}, engine());
  CHECK(r.document.format == Format::kPdf);
  CHECK(r.document.status == DocStatus::kUnreadable);
  CHECK(r.document.error.find("corrupt") != std::string::npos);
  CHECK(r.document.pages.empty());
  CHECK(has_unreadable_finding(r, Severity::kError, "PDF 文件已损坏"));
}

TEST_CASE("a PDF needing a user password is unreadable with an encryption message") {
  const std::string locked =
      run_qpdf(render_text_pdf({licence_page()}), "--encrypt user owner 256 --");
  const LoadResult r = load_document("locked.pdf", locked, LoadOptions{}, engine());
  CHECK(r.document.status == DocStatus::kUnreadable);
  CHECK(r.document.error.find("encrypted") != std::string::npos);
  CHECK(has_unreadable_finding(r, Severity::kError, "文件无法打开：PDF 已加密，需要密码"));
}

TEST_CASE("a PDF with only an owner password is read normally") {
  const std::string restricted =
      run_qpdf(render_text_pdf({licence_page()}), "--encrypt \"\" owner 256 --");
  const LoadResult r = load_document("restricted.pdf", restricted, LoadOptions{}, engine());
  CHECK(r.document.status == DocStatus::kOk);
  CHECK(r.findings.empty());
  CHECK(r.document.text_source() == TextSource::kTextLayer);
  CHECK(r.document.text().find("91310117MA1J2Q4K7A") != std::string::npos);
}

TEST_CASE("pages beyond max_pages are not read and a warning says so") {
  TextPage a = licence_page(), b = licence_page(), c = licence_page();
  b.lines[0] = "第二页 第二页 第二页";
  c.lines[0] = "第三页 第三页 第三页";
  LoadOptions options;
  options.max_pages = 2;
  const LoadResult r = load_document("long.pdf", render_text_pdf({a, b, c}), options, engine());
  CHECK(r.document.status == DocStatus::kOk);
  REQUIRE(r.document.pages.size() == 2);
  CHECK(r.document.pages[1].number == 2);
  CHECK(r.document.text().find("第二页") != std::string::npos);
  CHECK(r.document.text().find("第三页") == std::string::npos);
  CHECK(has_unreadable_finding(r, Severity::kWarning, "文件页数超过上限，仅读取前 2 页"));
}

TEST_CASE("a PDF loaded page by page and joined is the PDF loaded whole") {
  // Text, a JPEG scan, text, and a fourth page past max_pages.
  TextPage a = licence_page(), b = licence_page(), c = licence_page();
  b.lines[0] = "第二页 第二页 第二页";
  c.lines[0] = "第四页 第四页 第四页";
  shenbao::testing::TempDir dir;
  shenbao::testing::write_file(dir.path() / "scan.pdf",
                               shenbao::testing::render_jpeg_scanned_pdf({licence_page()}, 200));
  const std::string pdf = run_qpdf(render_text_pdf({a, b, c}),
                                   "--pages . 1 '" + (dir.path() / "scan.pdf").string() +
                                       "' 1 . 2-3 --");
  LoadOptions options;
  options.max_pages = 3;
  const LoadResult whole = load_document("mixed.pdf", pdf, options, engine());
  REQUIRE(pdf_pages_to_read(pdf, options) == 3);
  std::vector<LoadResult> parts;
  for (int page = 0; page < 3; ++page) {
    parts.push_back(load_pdf_part("mixed.pdf", pdf, options, engine(), page, 1));
  }
  CHECK(parts[0].findings.size() == 1);  // the page-limit note, with the first page only
  CHECK(parts[1].findings.empty());
  const LoadResult joined = join_parts(std::move(parts));

  CHECK(joined.document.path == whole.document.path);
  CHECK(joined.document.size == whole.document.size);
  CHECK(joined.document.format == Format::kPdf);
  CHECK(joined.document.status == whole.document.status);
  CHECK(joined.document.sha256.empty());  // the caller's to fill
  REQUIRE(joined.document.pages.size() == 3);
  REQUIRE(whole.document.pages.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    const Page& x = joined.document.pages[i];
    const Page& y = whole.document.pages[i];
    CHECK(x.number == static_cast<int>(i) + 1);
    CHECK(x.number == y.number);
    CHECK(x.text_source == y.text_source);
    CHECK(x.dpi == y.dpi);
    CHECK(x.text() == y.text());
  }
  CHECK(joined.document.pages[1].text_source == TextSource::kOcr);
  REQUIRE(joined.findings.size() == whole.findings.size());
  for (size_t i = 0; i < whole.findings.size(); ++i) {
    CHECK(joined.findings[i].code == whole.findings[i].code);
    CHECK(joined.findings[i].message == whole.findings[i].message);
  }
  CHECK(joined.stage_seconds.count("ocr") == 1);
}

TEST_CASE("a PDF that does not open has no pages to read in parts, and its failure is one") {
  CHECK(pdf_pages_to_read("%PDF-1.4 broken", LoadOptions{}) == 0);
  CHECK(pdf_pages_to_read(shenbao::testing::render_png(licence_page(), 20), LoadOptions{}) == 0);
  const std::string locked =
      run_qpdf(render_text_pdf({licence_page(), licence_page()}), "--encrypt user owner 256 --");
  CHECK(pdf_pages_to_read(locked, LoadOptions{}) == 0);
  std::vector<LoadResult> parts;
  for (int page = 0; page < 2; ++page) {
    parts.push_back(load_pdf_part("locked.pdf", locked, LoadOptions{}, engine(), page, 1));
  }
  const LoadResult joined = join_parts(std::move(parts));
  CHECK(joined.document.status == DocStatus::kUnreadable);
  CHECK(joined.document.pages.empty());
  CHECK(joined.findings.size() == 1);
}

TEST_CASE("an image over the pixel limit is unreadable, refused from its header") {
  const std::string png = shenbao::testing::render_png(licence_page(), 72);  // 596 x 842
  LoadOptions options;
  options.max_image_pixels = 100'000;
  const LoadResult r = load_document("huge.png", png, options, engine());
  CHECK(r.document.format == Format::kImage);
  CHECK(r.document.status == DocStatus::kUnreadable);
  CHECK(r.document.error.find("rejected") != std::string::npos);
  CHECK(r.document.pages.empty());
  CHECK(has_unreadable_finding(r, Severity::kError, "图片像素超过上限"));
}

TEST_CASE("a PDF page too large to render within the pixel limit is kept, with a warning") {
  LoadOptions options;
  options.max_image_pixels = 1'000'000;  // A4 fits only at ~100 dpi, below min_ocr_dpi
  const LoadResult r =
      load_document("scan.pdf", render_scanned_pdf({licence_page()}, 100), options, engine());
  CHECK(r.document.status == DocStatus::kOk);
  REQUIRE(r.document.pages.size() == 1);
  CHECK_FALSE(r.document.pages[0].error.empty());
  CHECK(r.document.pages[0].text_source == TextSource::kNone);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].page == 1);
  CHECK(has_unreadable_finding(r, Severity::kWarning, "第 1 页尺寸过大"));
}

TEST_CASE("an empty file is unreadable with a finding") {
  const LoadResult r = load_document("空.pdf", "", LoadOptions{}, engine());
  CHECK(r.document.status == DocStatus::kUnreadable);
  CHECK(r.document.size == 0);
  CHECK(r.document.sha256 == sha256_hex(""));
  CHECK(has_unreadable_finding(r, Severity::kError, "文件为空"));
}

TEST_CASE("an unsupported format is skipped with a warning") {
  const LoadResult r = load_document("说明.txt", "申报说明：见附件", LoadOptions{}, engine());
  CHECK(r.document.format == Format::kOther);
  CHECK(r.document.status == DocStatus::kSkipped);
  CHECK(r.document.error == "unsupported format");
  CHECK(has_unreadable_finding(r, Severity::kWarning, "文件格式不受支持"));
}

TEST_CASE("a ZIP that is not an Office document is skipped without a finding") {
  const LoadResult r = load_document("附件.zip", zip_of("a.txt", "hello"), LoadOptions{}, engine());
  CHECK(r.document.format == Format::kArchive);
  CHECK(r.document.status == DocStatus::kSkipped);
  CHECK(r.findings.empty());
}

TEST_CASE("load_document runs on several threads at once, each with its own engine") {
  const std::string good = render_text_pdf({licence_page()});
  const std::string broken = good.substr(0, good.size() / 2);
  std::vector<std::string> failures(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      OcrEngine own;  // never initialised: no page here needs OCR
      for (int i = 0; i < 10; ++i) {
        const LoadResult ok = load_document("a.pdf", good, LoadOptions{}, own);
        if (ok.document.text().find("91310117MA1J2Q4K7A") == std::string::npos)
          failures[t] = "text lost";
        const LoadResult bad = load_document("b.pdf", broken, LoadOptions{}, own);
        if (bad.document.status != DocStatus::kUnreadable) failures[t] = "corrupt file read";
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (const std::string& f : failures) CHECK(f.empty());
}

TEST_CASE("load_document reports the seconds of each step it ran, for --timings") {
  LoadOptions options;
  int inspected = 0;
  options.hooks.inspect = [&](const Image&, Page&) { ++inspected; };

  const LoadResult text = load_document("text.pdf", render_text_pdf({licence_page()}), options,
                                        engine());
  CHECK(inspected == 1);
  CHECK(text.stage_seconds.count("text") == 1);
  CHECK(text.stage_seconds.count("render") == 1);  // the low-resolution seal-check render
  CHECK(text.stage_seconds.count("seal") == 1);
  CHECK(text.stage_seconds.count("ocr") == 0);

  TextPage strip = licence_page();
  strip.height_pt = 300;  // a strip, to keep the test quick
  const LoadResult scan =
      load_document("scan.pdf", render_scanned_pdf({strip}, 300), options, engine());
  CHECK(inspected == 2);
  for (const char* step : {"text", "render", "ocr", "seal"}) {
    CAPTURE(step);
    REQUIRE(scan.stage_seconds.count(step) == 1);
    CHECK(scan.stage_seconds.at(step) >= 0.0);
  }
  CHECK(scan.stage_seconds.at("ocr") > 0.0);
  CHECK(scan.stage_seconds.count("ocr_prep") == 0);  // no prepare_for_ocr hook
  CHECK(scan.stage_seconds.count("decode") == 0);

  const LoadResult png =
      load_document("执照.png", shenbao::testing::render_png(strip, 300), options, engine());
  CHECK(png.stage_seconds.count("decode") == 1);
  CHECK(png.stage_seconds.count("ocr") == 1);
  CHECK(png.stage_seconds.count("render") == 0);
}
