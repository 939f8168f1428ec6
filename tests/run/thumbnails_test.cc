// Which page pictures a report shows, and the seal outlines drawn on them.
#include "pipeline/run/thumbnails.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace shenbao;

namespace {

// A page of `width` × `height` points whose picture is `pixels` wide (the PNG bytes are
// opaque to the selection, so a marker string stands in for them).
Page page(int number, bool sealed, double width = 595, int pixels = 320) {
  Page p;
  p.number = number;
  p.width = width;
  p.height = 842;
  p.thumbnail_png = "png-of-page-" + std::to_string(number);
  p.thumbnail_width = pixels;
  if (sealed) {
    Seal s;
    s.box = {400, 600, 520, 720};
    s.shape = "circle";
    p.seals.push_back(s);
  }
  return p;
}

Document doc(const std::string& path, std::vector<Page> pages) {
  Document d;
  d.path = path;
  d.pages = std::move(pages);
  return d;
}

Finding finding(const std::string& code, const std::string& document, std::optional<int> page) {
  Finding f;
  f.code = code;
  f.document = document;
  f.page = page;
  return f;
}

}  // namespace

TEST_CASE("pages with findings and each document's first sealed page are shown, in bundle order") {
  const std::vector<Document> docs = {
      doc("营业执照.jpg", {page(1, true)}),
      doc("审计报告.pdf", {page(1, false), page(2, true), page(3, true), page(4, false)}),
      doc("承诺书.pdf", {page(1, false)}),
  };
  const std::vector<Finding> findings = {
      finding("AUDIT_INCONSISTENT", "审计报告.pdf", 4),
      finding("SEAL_MISSING", "承诺书.pdf", std::nullopt),  // a whole document: its first page
      finding("CATEGORY_UNKNOWN", "", std::nullopt),        // no document: no picture
  };
  const std::vector<PageThumbnail> pics = report_thumbnails(docs, findings);
  REQUIRE(pics.size() == 4);
  CHECK(pics[0].document == "营业执照.jpg");
  CHECK(pics[0].page == 1);
  CHECK(pics[1].document == "审计报告.pdf");
  CHECK(pics[1].page == 2);  // first sealed page; page 3 is sealed too but not shown
  CHECK(pics[2].document == "审计报告.pdf");
  CHECK(pics[2].page == 4);
  CHECK(pics[3].document == "承诺书.pdf");
  CHECK(pics[3].page == 1);
  CHECK(pics[3].png == "png-of-page-1");
  CHECK(pics[3].outlines.empty());
}

TEST_CASE("seal boxes are scaled from page units to the picture's pixels") {
  // 595 points wide, pictured 297.5 pixels wide: half scale.
  const std::vector<Document> docs = {doc("a.pdf", {page(1, true, 595, 297)})};
  const std::vector<PageThumbnail> pics = report_thumbnails(docs, {});
  REQUIRE(pics.size() == 1);
  REQUIRE(pics[0].outlines.size() == 1);
  const PageThumbnail::Outline& o = pics[0].outlines[0];
  CHECK(o.kind == "seal");
  CHECK(o.x0 == 199);  // floor(400 × 297/595)
  CHECK(o.y0 == 299);
  CHECK(o.x1 == 260);  // ceil(520 × 297/595)
  CHECK(o.y1 == 360);
}

TEST_CASE("findings come first when the number of pictures is capped, and pages without one are skipped") {
  std::vector<Page> pages;
  for (int i = 1; i <= 10; ++i) pages.push_back(page(i, false));
  pages[6].thumbnail_png.clear();  // page 7 could not be pictured
  std::vector<Document> docs = {doc("汇编.pdf", pages), doc("b.pdf", {page(1, true)})};
  std::vector<Finding> findings;
  for (int i = 10; i >= 1; --i) findings.push_back(finding("X", "汇编.pdf", i));
  const std::vector<PageThumbnail> pics = report_thumbnails(docs, findings, 5);
  REQUIRE(pics.size() == 5);
  // Findings filled the five places in the order they were reported (pages 10, 9, 8, 6, 5:
  // page 7 has no picture); b.pdf's sealed page did not fit.
  CHECK(pics[0].page == 5);
  CHECK(pics[1].page == 6);
  CHECK(pics[2].page == 8);
  CHECK(pics[4].page == 10);
  for (const PageThumbnail& p : pics) CHECK(p.document == "汇编.pdf");
}
