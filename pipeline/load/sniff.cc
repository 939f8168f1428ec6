#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/load/loader.h"
#include "pipeline/load/ooxml.h"

namespace shenbao {

namespace {

bool starts_with(const std::string& bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && std::string_view(bytes).substr(0, magic.size()) == magic;
}

// "BM" alone is too weak a signature (any text file may start with it): also require a
// known DIB header size at offset 14.
bool looks_like_bmp(const std::string& bytes) {
  if (!starts_with(bytes, "BM") || bytes.size() < 18) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data()) + 14;
  const uint32_t dib =
      uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
  return dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124;
}

}  // namespace

Format sniff_format(const std::string& bytes) {
  using namespace std::string_view_literals;
  if (starts_with(bytes, "%PDF")) return Format::kPdf;
  if (starts_with(bytes, "\xFF\xD8\xFF"sv)) return Format::kImage;       // JPEG
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n"sv)) return Format::kImage;  // PNG
  if (starts_with(bytes, "II*\0"sv) || starts_with(bytes, "MM\0*"sv))
    return Format::kImage;  // TIFF
  if (looks_like_bmp(bytes)) return Format::kImage;
  if (starts_with(bytes, "PK\x03\x04"sv) || starts_with(bytes, "PK\x05\x06"sv)) {
    return sniff_ooxml(bytes);  // docx, xlsx, or another ZIP (an archive)
  }
  // PDF readers accept a header anywhere in the first 1024 bytes (after junk a mailer or
  // a scanner driver put in front).
  if (std::string_view(bytes).substr(0, 1024).find("%PDF-") != std::string_view::npos) {
    return Format::kPdf;
  }
  return Format::kOther;
}

}  // namespace shenbao
