// PdfScanImages and the loader's use of it: a scanner's page is read from its stored JPEG
// at its own resolution, exactly as a render of the page at that resolution would read;
// every other page is still rendered.
#include "pipeline/load/pdf_scan.h"

#include <doctest/doctest.h>

#include "pipeline/load/image.h"
#include "pipeline/load/loader.h"
#include "pipeline/load/pdf.h"
#include "tests/support/files.h"
#include "tests/support/render.h"
#include "load_fixtures.h"

using namespace shenbao;
using shenbao::testing::render_jpeg_scanned_pdf;
using shenbao::testing::render_scanned_pdf;
using shenbao::testing::render_text_pdf;
using shenbao::testing::run_qpdf;
using shenbao::load_test::engine;
using shenbao::load_test::licence_page;
using shenbao::load_test::text_without_spaces;

namespace {

// Every line of licence_page(), as OCR text without spaces.
void check_licence_read(const std::string& text) {
  CAPTURE(text);
  CHECK(text.find("营业执照") != std::string::npos);
  CHECK(text.find("统一社会信用代码:91310117MA1J2Q4K7A") != std::string::npos);
  CHECK(text.find("名称:上海松江智算科技有限公司") != std::string::npos);
  CHECK(text.find("上海市松江区九亭镇沪亭北路99号") != std::string::npos);
}

// The PDF read with its pages rendered at 200 dpi, never from a stored JPEG.
LoadResult load_rendered_at_200(const std::string& pdf) {
  LoadOptions options;
  options.scan_own_dpi_min = 0;
  options.ocr_dpi = 200;
  return load_document("scan.pdf", pdf, options, engine());
}

// Mean absolute difference of two gray images of the same size, per pixel.
double mean_difference(const Image& a, const Image& b) {
  REQUIRE(a.channels == 1);
  REQUIRE(b.channels == 1);
  REQUIRE(a.width == b.width);
  REQUIRE(a.height == b.height);
  double sum = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(int(a.pixels[i]) - int(b.pixels[i]));
  return sum / static_cast<double>(a.pixels.size());
}

}  // namespace

TEST_CASE("the stored JPEG, turned by /Rotate, has the pixels Poppler renders at its dpi") {
  const std::string plain = render_jpeg_scanned_pdf({licence_page()}, 200);
  for (const int turn : {0, 90, 180, 270}) {
    CAPTURE(turn);
    const std::string pdf =
        turn == 0 ? plain : run_qpdf(plain, "--rotate=+" + std::to_string(turn) + ":1");
    const std::optional<PageScan> scan = PdfScanImages(pdf).full_page_jpeg(0);
    REQUIRE(scan.has_value());
    Result<Image> stored = decode_jpeg_as_stored(scan->jpeg, 100'000'000);
    REQUIRE(stored.ok());
    const Image upright = turn_clockwise(stored.value(), turn / 90);
    Result<PdfDocument> doc = PdfDocument::open(pdf);
    REQUIRE(doc.ok());
    Result<Image> rendered = doc->render(0, scan->dpi, ImageMode::kGray, 100'000'000);
    REQUIRE(rendered.ok());
    // Poppler resamples the image on the way (a fraction of a pixel), so not every pixel
    // agrees (measured: 0.1–0.3 levels); a wrong turn or a flip differs by tens of levels.
    const double difference = mean_difference(upright, rendered.value());
    MESSAGE("turn ", turn, ": mean difference ", difference, " levels");
    CHECK(difference < 2);
  }
}

TEST_CASE("a scanner's page is found as its stored JPEG, at its own resolution") {
  for (const double dpi : {200.0, 300.0}) {
    CAPTURE(dpi);
    const std::string pdf = render_jpeg_scanned_pdf({licence_page(), licence_page()}, dpi);
    PdfScanImages scans(pdf);
    for (int page = 0; page < 2; ++page) {
      const std::optional<PageScan> scan = scans.full_page_jpeg(page);
      REQUIRE(scan.has_value());
      CHECK(scan->dpi == doctest::Approx(dpi).epsilon(0.005));
      CHECK(scan->rotate == 0);
      REQUIRE(scan->jpeg.size() > 2);
      CHECK(static_cast<unsigned char>(scan->jpeg[0]) == 0xFF);
      CHECK(static_cast<unsigned char>(scan->jpeg[1]) == 0xD8);
      Result<Image> image = decode_jpeg_as_stored(scan->jpeg, 100'000'000);
      REQUIRE(image.ok());
      CHECK(std::abs(image->width - 595.276 / 72 * dpi) <= 1);
      CHECK(std::abs(image->height - 841.89 / 72 * dpi) <= 1);
    }
    CHECK_FALSE(scans.full_page_jpeg(2).has_value());
    CHECK_FALSE(scans.full_page_jpeg(-1).has_value());
  }
}

TEST_CASE("the page's /Rotate comes with its scan") {
  const std::string pdf = render_jpeg_scanned_pdf({licence_page()}, 200);
  for (const int turn : {90, 180, 270}) {
    CAPTURE(turn);
    const std::string turned = run_qpdf(pdf, "--rotate=+" + std::to_string(turn) + ":1");
    PdfScanImages scans(turned);
    const std::optional<PageScan> scan = scans.full_page_jpeg(0);
    REQUIRE(scan.has_value());
    CHECK(scan->rotate == turn);
  }
}

TEST_CASE("pages that are not one plain full-page JPEG have no stored scan") {
  // A scan stored losslessly (Flate), a text page, and a scan with text laid over it.
  const std::string flate = render_scanned_pdf({licence_page()}, 200);
  CHECK_FALSE(PdfScanImages(flate).full_page_jpeg(0).has_value());
  const std::string text = render_text_pdf({licence_page()});
  CHECK_FALSE(PdfScanImages(text).full_page_jpeg(0).has_value());

  shenbao::testing::TempDir dir;
  shenbao::testing::write_file(dir.path() / "over.pdf", text);
  const std::string overlaid = run_qpdf(render_jpeg_scanned_pdf({licence_page()}, 200),
                                        "--overlay '" + (dir.path() / "over.pdf").string() + "' --");
  CHECK_FALSE(PdfScanImages(overlaid).full_page_jpeg(0).has_value());

  // Not a PDF at all, or a damaged one: no scans, no exception.
  const std::string not_pdf = "not a pdf";
  CHECK_FALSE(PdfScanImages(not_pdf).full_page_jpeg(0).has_value());
  const std::string jpeg_pdf = render_jpeg_scanned_pdf({licence_page()}, 200);
  const std::string cut = jpeg_pdf.substr(0, jpeg_pdf.size() / 3);
  CHECK_FALSE(PdfScanImages(cut).full_page_jpeg(0).has_value());
}

TEST_CASE("a JPEG-scanned page, turned or not, is OCR'd from its JPEG as its render reads") {
  // /Rotate 90 makes the displayed page sideways; the reader turns it back like any other
  // sideways page, from the stored JPEG or from the render alike.
  const std::string plain = render_jpeg_scanned_pdf({licence_page()}, 200);
  for (const int turn : {0, 90}) {
    CAPTURE(turn);
    const std::string pdf = turn == 0 ? plain : run_qpdf(plain, "--rotate=+90:1");
    const LoadResult stored = load_document("scan.pdf", pdf, LoadOptions{}, engine());
    const LoadResult rendered = load_rendered_at_200(pdf);
    REQUIRE(stored.document.pages.size() == 1);
    REQUIRE(rendered.document.pages.size() == 1);
    const Page& a = stored.document.pages[0];
    const Page& b = rendered.document.pages[0];
    CHECK(a.text_source == TextSource::kOcr);
    CHECK(a.dpi == doctest::Approx(200).epsilon(0.005));
    CHECK((a.width > a.height) == (turn == 90));  // a quarter turn: landscape as displayed
    CHECK(std::abs(a.width - b.width) <= 1);
    CHECK(std::abs(a.height - b.height) <= 1);
    // The stored JPEG was decoded, and the page not rendered.
    CHECK(stored.stage_seconds.count("decode") == 1);
    CHECK(stored.stage_seconds.count("render") == 0);
    CHECK(rendered.stage_seconds.count("render") == 1);
    check_licence_read(text_without_spaces(stored.document));
    check_licence_read(text_without_spaces(rendered.document));
  }
}

TEST_CASE("a JPEG scan below the own-resolution range is rendered at ocr_dpi") {
  const std::string pdf = render_jpeg_scanned_pdf({licence_page()}, 150);
  const LoadResult r = load_document("scan.pdf", pdf, LoadOptions{}, engine());
  REQUIRE(r.document.pages.size() == 1);
  CHECK(r.document.pages[0].dpi == 300);
  CHECK(r.stage_seconds.count("render") == 1);
  check_licence_read(text_without_spaces(r.document));
}
