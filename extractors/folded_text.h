// FoldedText: a text after fold_width, with a map back to the original's byte offsets.
//
// The value parsers (uscc, money, dates, quantities, identifiers) match their patterns on
// fold_width(text) — full-width digits and letters as ASCII, the ideographic space as ' ' —
// yet report spans and raw snippets in the text the caller passed in. fold_width maps one
// code point to one code point, so a per-code-point offset table is enough.
//
// Thread safety: a value; const methods are safe to share.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shenbao {

class FoldedText {
 public:
  // Folds `original`. Invalid UTF-8 bytes become U+FFFD in text() and map back to their
  // single byte. `original` is copied only as offsets; it must outlive raw() calls.
  explicit FoldedText(std::string_view original);

  // fold_width(original).
  const std::string& text() const { return text_; }

  // The original byte offset for a byte offset of text() that starts a code point (or is
  // text().size()). Offsets inside a code point map to the start of that code point.
  size_t original_offset(size_t folded_offset) const;

  // The original bytes behind the folded range [begin, end).
  std::string_view raw(size_t folded_begin, size_t folded_end) const;

 private:
  std::string_view original_;
  std::string text_;
  std::vector<size_t> to_original_;  // one entry per byte of text_, plus one for the end
};

// The code point that starts at byte `offset` of `s` (U+FFFD when malformed), and its length
// in bytes through `length` (0 at the end of `s`). For scanning around pattern matches.
char32_t code_point_at(std::string_view s, size_t offset, size_t* length = nullptr);

// The code point that ends just before byte `offset` of `s` (0 at the start of `s`), and the
// offset where it starts through `start`.
char32_t code_point_before(std::string_view s, size_t offset, size_t* start = nullptr);

}  // namespace shenbao
