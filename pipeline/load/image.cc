#include "pipeline/load/image.h"

#include <leptonica/allheaders.h>

#include <cstdio>
#include <memory>
#include <mutex>

namespace shenbao {

namespace {

// Owns a PIX*; pixDestroy is Leptonica's deleter.
struct PixDeleter {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Leptonica reports problems through lept_stderr. While a decode runs on a thread, its
// messages are collected here (for the Status) instead of being printed.
thread_local std::string* t_captured = nullptr;

void leptonica_message_handler(const char* message) {
  if (t_captured != nullptr) {
    if (t_captured->size() < 1024) t_captured->append(message);
  } else {
    std::fputs(message, stderr);
  }
}

class CaptureLeptonicaMessages {
 public:
  CaptureLeptonicaMessages() {
    static std::once_flag once;
    std::call_once(once, [] { leptSetStderrHandler(leptonica_message_handler); });
    previous_ = t_captured;
    t_captured = &text_;
  }
  ~CaptureLeptonicaMessages() { t_captured = previous_; }
  CaptureLeptonicaMessages(const CaptureLeptonicaMessages&) = delete;
  CaptureLeptonicaMessages& operator=(const CaptureLeptonicaMessages&) = delete;
  // The captured text on one line, for a Status message.
  std::string text() const {
    std::string out;
    for (char c : text_) out.push_back(c == '\n' ? ' ' : c);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }

 private:
  std::string text_;
  std::string* previous_ = nullptr;
};

// Resolutions outside Tesseract's credible range are nominal values (72/96 of photos and
// screenshots) or garbage; such images are assumed to be 300 dpi scans.
double credible_dpi(int res) {
  if (res < 70 || res > 2400) return 300;
  return res;
}

const uint8_t* data_of(const std::string& bytes) {
  return reinterpret_cast<const uint8_t*>(bytes.data());
}

Status check_pixels(int64_t w, int64_t h, int64_t max_pixels) {
  if (w <= 0 || h <= 0) return Status::Corrupt("image header declares no pixels");
  if (w * h > max_pixels) {
    return Status::Rejected("image of " + std::to_string(w) + "x" + std::to_string(h) +
                            " pixels exceeds the limit of " + std::to_string(max_pixels));
  }
  return Status::Ok();
}

// Converts any decoded PIX to an 8-bit gray or RGB Image.
Result<Image> pix_to_image(PIX* source) {
  PixPtr owned;
  PIX* pix = source;
  if (pixGetColormap(pix) != nullptr) {
    owned.reset(pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC));
    if (!owned) return Status::Corrupt("cannot expand the colour map");
    pix = owned.get();
  }
  if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4) {
    PixPtr blended(pixAlphaBlendUniform(pix, 0xffffff00));  // onto white
    if (!blended) return Status::Corrupt("cannot blend the alpha channel");
    owned = std::move(blended);
    pix = owned.get();
  }
  if (pixGetDepth(pix) != 8 && pixGetDepth(pix) != 32) {
    PixPtr gray(pixConvertTo8(pix, 0));
    if (!gray)
      return Status::Unsupported("cannot convert a " + std::to_string(pixGetDepth(pix)) +
                                 "-bit image");
    owned = std::move(gray);
    pix = owned.get();
  }

  Image image;
  image.width = pixGetWidth(pix);
  image.height = pixGetHeight(pix);
  image.channels = pixGetDepth(pix) == 32 ? 3 : 1;
  image.dpi = credible_dpi(pixGetXRes(pix));
  image.pixels.resize(static_cast<size_t>(image.width) * image.height * image.channels);
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  uint8_t* out = image.pixels.data();
  for (int y = 0; y < image.height; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    if (image.channels == 1) {
      for (int x = 0; x < image.width; ++x) *out++ = GET_DATA_BYTE(line, x);
    } else {
      for (int x = 0; x < image.width; ++x) {
        const l_uint32 word = line[x];
        *out++ = static_cast<uint8_t>(word >> L_RED_SHIFT);
        *out++ = static_cast<uint8_t>(word >> L_GREEN_SHIFT);
        *out++ = static_cast<uint8_t>(word >> L_BLUE_SHIFT);
      }
    }
  }
  return image;
}

Status with_messages(Status base, const CaptureLeptonicaMessages& capture) {
  const std::string text = capture.text();
  if (text.empty()) return base;
  std::string message = base.message() + " (" + text + ")";
  switch (base.code()) {
    case Status::Code::kUnsupported:
      return Status::Unsupported(std::move(message));
    case Status::Code::kRejected:
      return Status::Rejected(std::move(message));
    default:
      return Status::Corrupt(std::move(message));
  }
}

uint16_t read16(const uint8_t* p, bool little) {
  return little ? static_cast<uint16_t>(p[0] | p[1] << 8) : static_cast<uint16_t>(p[0] << 8 | p[1]);
}
uint32_t read32(const uint8_t* p, bool little) {
  return little
             ? (uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24)
             : (uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | uint32_t{p[3]});
}

// Orientation from a TIFF structure (the body of an Exif APP1 segment).
int orientation_from_tiff(const uint8_t* t, size_t n) {
  if (n < 8) return 1;
  bool little;
  if (t[0] == 'I' && t[1] == 'I')
    little = true;
  else if (t[0] == 'M' && t[1] == 'M')
    little = false;
  else
    return 1;
  if (read16(t + 2, little) != 42) return 1;
  const uint32_t ifd = read32(t + 4, little);
  if (ifd > n || n - ifd < 2) return 1;
  const uint16_t count = read16(t + ifd, little);
  for (uint32_t i = 0; i < count; ++i) {
    const size_t entry = ifd + 2 + size_t{i} * 12;
    if (entry + 12 > n) return 1;
    if (read16(t + entry, little) != 0x0112) continue;  // Orientation tag
    const uint16_t type = read16(t + entry + 2, little);
    if (type != 3) return 1;  // SHORT
    const int value = read16(t + entry + 8, little);
    return value >= 1 && value <= 8 ? value : 1;
  }
  return 1;
}

}  // namespace

int jpeg_exif_orientation(const std::string& jpeg_bytes) {
  const uint8_t* p = data_of(jpeg_bytes);
  const size_t n = jpeg_bytes.size();
  if (n < 4 || p[0] != 0xFF || p[1] != 0xD8) return 1;
  size_t pos = 2;
  // Walk the marker segments up to the start of scan; Exif sits in an APP1 near the start.
  while (pos + 4 <= n) {
    if (p[pos] != 0xFF) return 1;
    const uint8_t marker = p[pos + 1];
    if (marker == 0xFF) {
      ++pos;
      continue;
    }                                                // fill byte
    if (marker == 0xDA || marker == 0xD9) return 1;  // start of scan, end of image
    const size_t length = read16(p + pos + 2, false);
    if (length < 2 || pos + 2 + length > n) return 1;
    const uint8_t* body = p + pos + 4;
    const size_t body_len = length - 2;
    if (marker == 0xE1 && body_len >= 6 &&
        std::string_view(reinterpret_cast<const char*>(body), 6) ==
            std::string_view("Exif\0\0", 6)) {
      return orientation_from_tiff(body + 6, body_len - 6);
    }
    pos += 2 + length;
  }
  return 1;
}

Image crop_image(const Image& image, int x0, int y0, int x1, int y1) {
  x0 = std::max(x0, 0);
  y0 = std::max(y0, 0);
  x1 = std::min(x1, image.width);
  y1 = std::min(y1, image.height);
  Image out;
  if (x1 <= x0 || y1 <= y0 || image.pixels.size() < image.stride() * image.height) return out;
  out.width = x1 - x0;
  out.height = y1 - y0;
  out.channels = image.channels;
  out.dpi = image.dpi;
  out.pixels.reserve(out.stride() * out.height);
  for (int y = y0; y < y1; ++y) {
    const uint8_t* row = image.at(x0, y);
    out.pixels.insert(out.pixels.end(), row, row + out.stride());
  }
  return out;
}

Image apply_exif_orientation(const Image& image, int orientation) {
  if (orientation < 2 || orientation > 8 || image.empty()) return image;
  const int w = image.width, h = image.height, c = image.channels;
  const bool swap = orientation >= 5;
  Image out;
  out.width = swap ? h : w;
  out.height = swap ? w : h;
  out.channels = c;
  out.dpi = image.dpi;
  out.pixels.resize(image.pixels.size());
  uint8_t* dst = out.pixels.data();
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      int sx = x, sy = y;  // the stored pixel shown at (x, y)
      switch (orientation) {
        case 2:
          sx = w - 1 - x;
          sy = y;
          break;  // mirrored horizontally
        case 3:
          sx = w - 1 - x;
          sy = h - 1 - y;
          break;  // rotated 180°
        case 4:
          sx = x;
          sy = h - 1 - y;
          break;  // mirrored vertically
        case 5:
          sx = y;
          sy = x;
          break;  // transposed
        case 6:
          sx = y;
          sy = h - 1 - x;
          break;  // needs 90° clockwise
        case 7:
          sx = w - 1 - y;
          sy = h - 1 - x;
          break;  // transversed
        case 8:
          sx = w - 1 - y;
          sy = x;
          break;  // needs 90° anticlockwise
      }
      const uint8_t* src = image.at(sx, sy);
      for (int k = 0; k < c; ++k) *dst++ = src[k];
    }
  }
  return out;
}

namespace {

struct ImageHeader {
  l_int32 format = IFF_UNKNOWN, width = 0, height = 0;
};

// The format and size an image file declares, checked against max_pixels before anything
// is decoded. Leptonica's messages go into the Status through `capture`.
Result<ImageHeader> read_checked_header(const std::string& bytes, int64_t max_pixels,
                                        const CaptureLeptonicaMessages& capture) {
  if (bytes.empty()) return Status::Corrupt("empty image");
  ImageHeader header;
  l_int32 bps = 0, spp = 0, iscmap = 0;
  if (pixReadHeaderMem(data_of(bytes), bytes.size(), &header.format, &header.width,
                       &header.height, &bps, &spp, &iscmap) != 0) {
    return with_messages(Status::Corrupt("unreadable image header"), capture);
  }
  if (Status s = check_pixels(header.width, header.height, max_pixels); !s.ok()) return s;
  return header;
}

}  // namespace

Result<std::vector<Image>> decode_image_pages(const std::string& bytes, int64_t max_pixels,
                                              int max_pages, bool* more_pages) {
  if (more_pages != nullptr) *more_pages = false;
  CaptureLeptonicaMessages capture;
  Result<ImageHeader> header = read_checked_header(bytes, max_pixels, capture);
  if (!header.ok()) return header.status();
  const uint8_t* data = data_of(bytes);
  const l_int32 format = header->format;
  l_int32 w = header->width, h = header->height, bps = 0, spp = 0;

  std::vector<Image> pages;
  if (L_FORMAT_IS_TIFF(format)) {
    // Reads the header of page n into w, h; false when there is no page n. Its messages
    // are expected noise at the end of the file and are dropped.
    auto tiff_page_header = [&](int n) {
      CaptureLeptonicaMessages quiet;
      l_int32 res = 0, cmap = 0, fmt = 0;
      return readHeaderMemTiff(data, bytes.size(), n, &w, &h, &bps, &spp, &res, &cmap, &fmt) == 0;
    };
    for (int n = 0; n < max_pages; ++n) {
      if (n > 0) {
        if (!tiff_page_header(n)) break;  // no such page: the usual end
        if (Status s = check_pixels(w, h, max_pixels); !s.ok()) return s;
      }
      PixPtr pix(pixReadMemTiff(data, bytes.size(), n));
      if (!pix) {
        return with_messages(Status::Corrupt("undecodable TIFF page " + std::to_string(n + 1)),
                             capture);
      }
      Result<Image> image = pix_to_image(pix.get());
      if (!image.ok()) return image.status();
      pages.push_back(std::move(image).value());
    }
    if (more_pages != nullptr && static_cast<int>(pages.size()) == max_pages) {
      *more_pages = tiff_page_header(max_pages);
    }
    if (pages.empty()) return Status::Corrupt("TIFF without pages");
    return pages;
  }

  PixPtr pix(pixReadMem(data, bytes.size()));
  if (!pix) return with_messages(Status::Corrupt("undecodable image data"), capture);
  // The decoded size must agree with the header; anything else is a damaged file.
  if (Status s = check_pixels(pixGetWidth(pix.get()), pixGetHeight(pix.get()), max_pixels);
      !s.ok()) {
    return s;
  }
  Result<Image> image = pix_to_image(pix.get());
  if (!image.ok()) return image.status();
  if (format == IFF_JFIF_JPEG) {
    const int orientation = jpeg_exif_orientation(bytes);
    if (orientation != 1) image = apply_exif_orientation(image.value(), orientation);
  }
  pages.push_back(std::move(image).value());
  return pages;
}

Image turn_clockwise(const Image& image, int quarter_turns) {
  // EXIF orientations 1, 6, 3 and 8 are exactly 0, 1, 2 and 3 quarter turns clockwise.
  static constexpr int kExifFor[] = {1, 6, 3, 8};
  return apply_exif_orientation(image, kExifFor[((quarter_turns % 4) + 4) % 4]);
}

Result<Image> decode_jpeg_as_stored(const std::string& bytes, int64_t max_pixels) {
  CaptureLeptonicaMessages capture;
  Result<ImageHeader> header = read_checked_header(bytes, max_pixels, capture);
  if (!header.ok()) return header.status();
  if (header->format != IFF_JFIF_JPEG) return Status::Unsupported("not a JPEG");
  PixPtr pix(pixReadMemJpeg(data_of(bytes), bytes.size(), 0, 1, nullptr, 0));
  if (!pix) return with_messages(Status::Corrupt("undecodable JPEG data"), capture);
  if (pixGetWidth(pix.get()) != header->width || pixGetHeight(pix.get()) != header->height) {
    return Status::Corrupt("JPEG size differs from its header");
  }
  Result<Image> image = pix_to_image(pix.get());
  if (image.ok()) image.value().dpi = 300;
  return image;
}

Result<Image> decode_image(const std::string& bytes, int64_t max_pixels) {
  Result<std::vector<Image>> pages = decode_image_pages(bytes, max_pixels, 1);
  if (!pages.ok()) return pages.status();
  return std::move(pages.value().front());
}

}  // namespace shenbao
