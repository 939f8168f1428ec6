#include "extractors/folded_text.h"

#include "pipeline/core/text.h"

namespace shenbao {

namespace {

// Length of the well-formed UTF-8 sequence at s[i], or 0 when malformed. Mirrors the decoder
// of pipeline/core/text.cc (no overlongs, no surrogates, nothing above U+10FFFF).
size_t sequence_length(std::string_view s, size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t len = 0;
  char32_t min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

FoldedText::FoldedText(std::string_view original)
    : original_(original), text_(fold_width(original)) {
  // fold_width turns each decoded code point (an invalid byte being one U+FFFD) into exactly
  // one code point, so the two strings can be walked side by side.
  to_original_.reserve(text_.size() + 1);
  size_t i = 0, j = 0;
  while (i < original.size() && j < text_.size()) {
    char32_t cp = 0;
    size_t lo = sequence_length(original, i, cp);
    if (lo == 0) lo = 1;
    size_t lf = sequence_length(text_, j, cp);
    if (lf == 0) lf = 1;  // cannot happen: fold_width writes valid UTF-8
    to_original_.insert(to_original_.end(), lf, i);
    i += lo;
    j += lf;
  }
  to_original_.resize(text_.size(), original.size());
  to_original_.push_back(original.size());
}

size_t FoldedText::original_offset(size_t folded_offset) const {
  if (folded_offset >= to_original_.size()) return original_.size();
  return to_original_[folded_offset];
}

std::string_view FoldedText::raw(size_t folded_begin, size_t folded_end) const {
  const size_t b = original_offset(folded_begin);
  const size_t e = original_offset(folded_end);
  if (e <= b) return {};
  return original_.substr(b, e - b);
}

char32_t code_point_at(std::string_view s, size_t offset, size_t* length) {
  if (offset >= s.size()) {
    if (length) *length = 0;
    return 0;
  }
  char32_t cp = 0;
  size_t len = sequence_length(s, offset, cp);
  if (len == 0) {
    cp = 0xFFFD;
    len = 1;
  }
  if (length) *length = len;
  return cp;
}

char32_t code_point_before(std::string_view s, size_t offset, size_t* start) {
  if (offset == 0 || offset > s.size()) {
    if (start) *start = 0;
    return 0;
  }
  // Step back over at most three continuation bytes to a lead byte.
  size_t i = offset - 1;
  for (int k = 0; k < 3 && i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; ++k) --i;
  size_t len = 0;
  char32_t cp = code_point_at(s, i, &len);
  if (i + len != offset) {  // malformed: treat the last byte alone
    i = offset - 1;
    cp = 0xFFFD;
  }
  if (start) *start = i;
  return cp;
}

}  // namespace shenbao
