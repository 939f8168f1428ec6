// decode_image and EXIF orientation, on images encoded by the test.
#include "pipeline/load/image.h"

#include <doctest/doctest.h>

#include "tests/support/render.h"

using namespace shenbao;
using shenbao::testing::GrayRaster;

namespace {

uint32_t crc32(const std::string& bytes) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void put_be32(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s.push_back(static_cast<char>((v >> shift) & 0xff));
}

std::string png_chunk(const std::string& type, const std::string& data) {
  std::string chunk;
  put_be32(chunk, static_cast<uint32_t>(data.size()));
  chunk += type + data;
  put_be32(chunk, crc32(type + data));
  return chunk;
}

// A PNG that is only a signature, an IHDR declaring width × height (8-bit RGB) and IEND:
// no pixel data at all, so any attempt to decode it fails as corrupt.
std::string png_header_only(uint32_t width, uint32_t height) {
  std::string ihdr;
  put_be32(ihdr, width);
  put_be32(ihdr, height);
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IEND", "");
}

// 64 × 32 white with a black 16 × 16 block in the top-left corner.
GrayRaster marked_raster() {
  GrayRaster r;
  r.width = 64;
  r.height = 32;
  r.pixels.assign(64 * 32, 255);
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 16; ++x) r.pixels[y * 64 + x] = 0;
  return r;
}

bool dark(const Image& image, int x, int y) { return image.at(x, y)[0] < 80; }

}  // namespace

TEST_CASE("an image declaring 100000 x 100000 pixels is refused from its header alone") {
  auto image = decode_image(png_header_only(100000, 100000), 120'000'000);
  REQUIRE_FALSE(image.ok());
  // kRejected, not kCorrupt: the missing pixel data was never looked at.
  CHECK(image.status().code() == Status::Code::kRejected);
  // The same header under the limit is tried, and fails as corrupt.
  auto small = decode_image(png_header_only(100, 100), 120'000'000);
  REQUIRE_FALSE(small.ok());
  CHECK(small.status().code() == Status::Code::kCorrupt);
}

TEST_CASE("a PNG without resolution decodes to RGB at an assumed 300 dpi") {
  shenbao::testing::TextPage page;
  page.lines = {"上海市松江区"};
  page.width_pt = 200;
  page.height_pt = 100;
  page.margin_pt = 10;
  auto image = decode_image(shenbao::testing::render_png(page, 144), 120'000'000);
  REQUIRE(image.ok());
  CHECK(image->width == 400);
  CHECK(image->height == 200);
  CHECK(image->channels == 3);
  CHECK(image->dpi == 300);
  CHECK(image->pixels.size() == 400u * 200u * 3u);
  CHECK(image->at(0, 0)[0] == 255);  // white paper
}

TEST_CASE("a transparent PNG is blended onto white paper, keeping its dark text") {
  shenbao::testing::TextPage page;
  page.lines = {"上海市松江区"};
  page.width_pt = 200;
  page.height_pt = 60;
  page.margin_pt = 10;
  page.font_size_pt = 24;
  auto image =
      decode_image(shenbao::testing::render_png(page, 72, /*transparent=*/true), 120'000'000);
  REQUIRE(image.ok());
  REQUIRE(image->channels == 3);
  const uint8_t* corner = image->at(199, 59);  // transparent paper (black in RGB terms)
  CHECK(corner[0] == 255);
  CHECK(corner[1] == 255);
  CHECK(corner[2] == 255);
  int dark_pixels = 0;
  for (int y = 0; y < image->height; ++y)
    for (int x = 0; x < image->width; ++x) dark_pixels += image->at(x, y)[0] < 80;
  CHECK(dark_pixels > 50);
}

TEST_CASE("truncated and unknown image bytes are corrupt, not crashes") {
  const std::string png = shenbao::testing::render_png(shenbao::testing::TextPage{}, 36);
  auto truncated = decode_image(png.substr(0, png.size() / 2), 120'000'000);
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.status().code() == Status::Code::kCorrupt);
  CHECK_FALSE(decode_image("not an image", 120'000'000).ok());
  CHECK_FALSE(decode_image("", 120'000'000).ok());
}

TEST_CASE("a JPEG without Exif keeps its orientation") {
  const std::string jpeg = shenbao::testing::encode_jpeg(marked_raster());
  CHECK(jpeg_exif_orientation(jpeg) == 1);
  auto image = decode_image(jpeg, 120'000'000);
  REQUIRE(image.ok());
  CHECK(image->channels == 1);
  CHECK(image->width == 64);
  CHECK(image->height == 32);
  CHECK(dark(image.value(), 4, 4));
  CHECK_FALSE(dark(image.value(), 60, 28));
}

TEST_CASE("JPEG Exif orientation is applied on decode, in both byte orders") {
  const std::string jpeg = shenbao::testing::encode_jpeg(marked_raster());
  for (bool big_endian : {true, false}) {
    CAPTURE(big_endian);
    // 6: the camera was turned; the upright picture is the stored one turned clockwise,
    // so the stored top-left corner ends up top-right.
    const std::string turned = shenbao::testing::with_exif_orientation(jpeg, 6, big_endian);
    CHECK(jpeg_exif_orientation(turned) == 6);
    auto six = decode_image(turned, 120'000'000);
    REQUIRE(six.ok());
    CHECK(six->width == 32);
    CHECK(six->height == 64);
    CHECK(dark(six.value(), 28, 4));
    CHECK_FALSE(dark(six.value(), 4, 4));

    auto eight =
        decode_image(shenbao::testing::with_exif_orientation(jpeg, 8, big_endian), 120'000'000);
    REQUIRE(eight.ok());
    CHECK(eight->width == 32);
    CHECK(dark(eight.value(), 4, 60));  // top-left → bottom-left
    CHECK_FALSE(dark(eight.value(), 4, 4));

    auto three =
        decode_image(shenbao::testing::with_exif_orientation(jpeg, 3, big_endian), 120'000'000);
    REQUIRE(three.ok());
    CHECK(three->width == 64);
    CHECK(dark(three.value(), 60, 28));  // top-left → bottom-right
    CHECK_FALSE(dark(three.value(), 4, 4));
  }
}

TEST_CASE("decode_jpeg_as_stored keeps the stored pixels, as a PDF shows a JPEG") {
  const std::string jpeg = shenbao::testing::encode_jpeg(marked_raster());
  // PDF viewers ignore Exif: orientation 6 leaves the stored top-left mark where it is.
  auto image = decode_jpeg_as_stored(shenbao::testing::with_exif_orientation(jpeg, 6, true),
                                     120'000'000);
  REQUIRE(image.ok());
  CHECK(image->width == 64);
  CHECK(image->height == 32);
  CHECK(dark(image.value(), 4, 4));
  // Not a JPEG, too many pixels, damaged data.
  const std::string png = shenbao::testing::render_png(shenbao::testing::TextPage{}, 20);
  CHECK(decode_jpeg_as_stored(png, 120'000'000).status().code() == Status::Code::kUnsupported);
  CHECK(decode_jpeg_as_stored(jpeg, 64 * 32 - 1).status().code() == Status::Code::kRejected);
  CHECK_FALSE(decode_jpeg_as_stored(jpeg.substr(0, 40), 120'000'000).ok());
  CHECK_FALSE(decode_jpeg_as_stored("", 120'000'000).ok());
}

TEST_CASE("turn_clockwise turns by quarter turns, any integer") {
  auto decoded = decode_image(shenbao::testing::encode_jpeg(marked_raster()), 120'000'000);
  REQUIRE(decoded.ok());
  const Image& image = decoded.value();  // 64 × 32, dark top-left corner
  const Image one = turn_clockwise(image, 1);
  CHECK(one.width == 32);
  CHECK(one.height == 64);
  CHECK(dark(one, 28, 4));  // top-left → top-right
  const Image two = turn_clockwise(image, 2);
  CHECK(two.width == 64);
  CHECK(dark(two, 60, 28));  // → bottom-right
  const Image back = turn_clockwise(image, -1);
  CHECK(back.width == 32);
  CHECK(dark(back, 4, 60));  // → bottom-left
  CHECK(turn_clockwise(image, 4).pixels == image.pixels);
  CHECK(turn_clockwise(image, 5).pixels == one.pixels);
}

TEST_CASE("apply_exif_orientation maps every orientation value") {
  // 3 × 2 image with distinct pixel values 0..5 (row-major).
  Image image;
  image.width = 3;
  image.height = 2;
  image.channels = 1;
  image.pixels = {0, 1, 2, 3, 4, 5};
  struct Case {
    int orientation, width, height;
    std::vector<uint8_t> pixels;
  };
  const Case cases[] = {
      {1, 3, 2, {0, 1, 2, 3, 4, 5}}, {2, 3, 2, {2, 1, 0, 5, 4, 3}}, {3, 3, 2, {5, 4, 3, 2, 1, 0}},
      {4, 3, 2, {3, 4, 5, 0, 1, 2}}, {5, 2, 3, {0, 3, 1, 4, 2, 5}}, {6, 2, 3, {3, 0, 4, 1, 5, 2}},
      {7, 2, 3, {5, 2, 4, 1, 3, 0}}, {8, 2, 3, {2, 5, 1, 4, 0, 3}}, {9, 3, 2, {0, 1, 2, 3, 4, 5}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.orientation);
    const Image out = apply_exif_orientation(image, c.orientation);
    CHECK(out.width == c.width);
    CHECK(out.height == c.height);
    CHECK(out.pixels == c.pixels);
  }
}

TEST_CASE("jpeg_exif_orientation ignores damaged segments") {
  const std::string jpeg = shenbao::testing::encode_jpeg(marked_raster());
  std::string damaged = shenbao::testing::with_exif_orientation(jpeg, 6, true);
  damaged.resize(30);  // cut inside the Exif segment
  CHECK(jpeg_exif_orientation(damaged) == 1);
  CHECK(jpeg_exif_orientation("\xFF\xD8") == 1);
  CHECK(jpeg_exif_orientation("") == 1);
}

TEST_CASE("every page of a multi-page TIFF is decoded, up to max_pages") {
  GrayRaster a = marked_raster();
  GrayRaster b = marked_raster();
  b.pixels.assign(b.pixels.size(), 255);  // blank second page
  GrayRaster c = marked_raster();
  const std::string tiff = shenbao::testing::encode_tiff({a, b, c});

  bool more = true;
  auto all = decode_image_pages(tiff, 120'000'000, 10, &more);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 3);
  CHECK_FALSE(more);
  CHECK(dark(all.value()[0], 4, 4));
  CHECK_FALSE(dark(all.value()[1], 4, 4));

  auto two = decode_image_pages(tiff, 120'000'000, 2, &more);
  REQUIRE(two.ok());
  CHECK(two->size() == 2);
  CHECK(more);

  auto first = decode_image(tiff, 120'000'000);
  REQUIRE(first.ok());
  CHECK(first->width == 64);

  auto refused = decode_image_pages(tiff, 1000, 10);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == Status::Code::kRejected);
}

TEST_CASE("crop_image copies a window of pixels, clipped to the image") {
  Image rgb;
  rgb.width = 4;
  rgb.height = 3;
  rgb.channels = 3;
  rgb.dpi = 200;
  for (int i = 0; i < 4 * 3 * 3; ++i) rgb.pixels.push_back(static_cast<uint8_t>(i));
  const Image mid = crop_image(rgb, 1, 1, 3, 3);
  REQUIRE(mid.width == 2);
  REQUIRE(mid.height == 2);
  CHECK(mid.channels == 3);
  CHECK(mid.dpi == 200);
  // Row 1, columns 1..2 start at byte (1 * 4 + 1) * 3 = 15; row 2 at (2 * 4 + 1) * 3 = 27.
  CHECK(mid.pixels == std::vector<uint8_t>{15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32});
  const Image clipped = crop_image(rgb, -5, 2, 10, 9);  // beyond every edge
  CHECK(clipped.width == 4);
  CHECK(clipped.height == 1);
  CHECK(crop_image(rgb, 3, 0, 3, 2).empty());  // no columns left
}
