#include "degrade.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <memory>

namespace samplegen {

namespace {

struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

PixPtr to_pix(const RgbImage& img) {
  PixPtr pix(pixCreate(img.width, img.height, 32));
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < img.height; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < img.width; ++x) {
      const uint8_t* p = img.at(x, y);
      line[x] = (l_uint32(p[0]) << L_RED_SHIFT) | (l_uint32(p[1]) << L_GREEN_SHIFT) |
                (l_uint32(p[2]) << L_BLUE_SHIFT);
    }
  }
  pixSetResolution(pix.get(), static_cast<int>(img.dpi), static_cast<int>(img.dpi));
  return pix;
}

RgbImage from_pix(PIX* pix, double dpi) {
  RgbImage img;
  img.width = static_cast<int>(pixGetWidth(pix));
  img.height = static_cast<int>(pixGetHeight(pix));
  img.dpi = dpi;
  img.rgb.resize(static_cast<size_t>(img.width) * img.height * 3);
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < img.height; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < img.width; ++x) {
      uint8_t* p = img.at(x, y);
      p[0] = (line[x] >> L_RED_SHIFT) & 0xFF;
      p[1] = (line[x] >> L_GREEN_SHIFT) & 0xFF;
      p[2] = (line[x] >> L_BLUE_SHIFT) & 0xFF;
    }
  }
  return img;
}

// A table of normal deviates, indexed by random bits: cheap per-pixel grain that is still
// drawn from the seeded stream.
struct GrainTable {
  std::array<float, 4096> v;
  explicit GrainTable(Rng& rng) {
    for (float& x : v) x = static_cast<float>(rng.gauss());
  }
};

uint8_t clamp8(double v) { return static_cast<uint8_t>(std::clamp(std::lround(v), 0L, 255L)); }

// Paper tint, fading, grain and (for photos) uneven light, in one pass.
void tone(RgbImage& img, const ScanOptions& o, Rng& rng, bool vignette) {
  GrainTable grain(rng);
  const double tint[3] = {1.0 - o.paper_tint * 0.2, 1.0 - o.paper_tint * 0.45, 1.0 - o.paper_tint};
  const double lx = rng.real(-0.5, 0.5), ly = rng.real(-0.5, 0.5);  // light centre offset
  uint64_t bits = 0;
  int left = 0;
  for (int y = 0; y < img.height; ++y) {
    for (int x = 0; x < img.width; ++x) {
      double light = 1.0;
      if (vignette) {
        double dx = static_cast<double>(x) / img.width - 0.5 - lx * 0.4;
        double dy = static_cast<double>(y) / img.height - 0.5 - ly * 0.4;
        light = 1.0 - 0.45 * (dx * dx + dy * dy);
      }
      if (left == 0) {
        bits = rng.next();
        left = 5;
      }
      uint8_t* p = img.at(x, y);
      // Scanners leave white paper nearly clean; grain shows mostly in the ink.
      const double dark = 1.0 - (p[0] + p[1] + p[2]) / 765.0;
      const double g = o.noise * (0.3 + 0.7 * dark) * grain.v[bits & 4095];
      bits >>= 12;
      --left;
      for (int c = 0; c < 3; ++c) {
        double v = p[c];
        v = 255.0 - (255.0 - v) * (1.0 - o.fade);
        p[c] = clamp8(v * tint[c] * light + g);
      }
    }
  }
}

// The page on a desk, photographed at an angle: perspective onto a larger canvas.
PixPtr phone_photo(PIX* page, Rng& rng) {
  const int w = static_cast<int>(pixGetWidth(page)), h = static_cast<int>(pixGetHeight(page));
  const int mx = w / 8, my = h / 10;
  const int cw = w + 2 * mx, ch = h + 2 * my;
  // Desk colour: grey-brown.
  const int dr = static_cast<int>(rng.uniform(95, 150)),
            dg = dr - static_cast<int>(rng.uniform(8, 25)),
            db = dg - static_cast<int>(rng.uniform(10, 30));
  l_uint32 desk = (l_uint32(dr) << L_RED_SHIFT) | (l_uint32(dg) << L_GREEN_SHIFT) |
                  (l_uint32(std::max(db, 30)) << L_BLUE_SHIFT);
  PixPtr canvas(pixCreate(cw, ch, 32));
  pixSetAllArbitrary(canvas.get(), desk);
  pixRasterop(canvas.get(), mx, my, w, h, PIX_SRC, page, 0, 0);

  PTA* src = ptaCreate(4);
  PTA* dst = ptaCreate(4);
  const double corners[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  for (const auto& c : corners) {
    const double sx = mx + c[0] * w, sy = my + c[1] * h;
    ptaAddPt(src, static_cast<float>(sx), static_cast<float>(sy));
    // Top edge further away (smaller), plus some randomness on every corner.
    double ix = (c[1] == 0 ? (c[0] == 0 ? 1 : -1) * w * rng.real(0.03, 0.08) : 0) +
                w * rng.real(-0.025, 0.025);
    double iy = h * rng.real(-0.02, 0.02);
    ptaAddPt(dst, static_cast<float>(sx + ix), static_cast<float>(sy + iy));
  }
  PixPtr warped(pixProjectivePtaColor(canvas.get(), dst, src, desk));
  ptaDestroy(&src);
  ptaDestroy(&dst);
  return warped;
}

}  // namespace

RgbImage degrade(const RgbImage& clean, const ScanOptions& o, Rng& rng) {
  PixPtr pix = to_pix(clean);
  const bool phone = o.capture == Capture::kPhone;
  if (phone) pix = phone_photo(pix.get(), rng);
  if (o.blur > 0) pix.reset(pixBlockconv(pix.get(), o.blur, o.blur));
  if (std::abs(o.skew_deg) > 0.01) {
    const float rad = static_cast<float>(o.skew_deg * 3.14159265358979323846 / 180.0);
    pix.reset(pixRotate(pix.get(), rad, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  }
  if (o.quarter_turns % 4 != 0) pix.reset(pixRotateOrth(pix.get(), o.quarter_turns % 4));
  RgbImage out = from_pix(pix.get(), clean.dpi);
  tone(out, o, rng, phone);
  if (phone) out.dpi = 72;  // phones write 72 dpi into their JPEGs
  return out;
}

std::string encode_jpeg(const RgbImage& img, int quality) {
  PixPtr pix = to_pix(img);
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemJpeg(&data, &size, pix.get(), quality, 0) != 0 || !data) return {};
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

std::string encode_png(const RgbImage& img) {
  PixPtr pix = to_pix(img);
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemPng(&data, &size, pix.get(), 0.0f) != 0 || !data) return {};
  std::string out(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return out;
}

ScannedPage scan_page(const PageDraft& page, const ScanOptions& o, Rng& rng) {
  ScannedPage out;
  RgbImage clean = rasterize(page, o.dpi, &out.sealed);
  out.image = degrade(clean, o, rng);
  out.jpeg = encode_jpeg(out.image, o.jpeg_quality);
  return out;
}

}  // namespace samplegen
