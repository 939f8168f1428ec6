// Text utilities shared by every layer: UTF-8 handling, width normalisation, hashing.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shenbao {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);

// Decodes UTF-8 into code points; invalid bytes become U+FFFD.
std::vector<char32_t> utf8_to_codepoints(std::string_view s);
std::string codepoints_to_utf8(const std::vector<char32_t>& cps);
void append_utf8(std::string& out, char32_t cp);

// CJK unified ideographs (basic, extension A, compatibility).
bool is_cjk(char32_t cp);

// Number of CJK ideographs plus ASCII letters and digits (after width folding): the measure
// of "how much real text" a page has.
int count_meaningful_chars(std::string_view s);

// Folds full-width ASCII (Ａ１（) to half-width, the ideographic space to ' ', and Chinese
// punctuation used interchangeably in names (（）【】：，) to ASCII. Used wherever text is
// compared, never on text shown to people.
std::string fold_width(std::string_view s);

// fold_width, then drops all white space: for comparing names and codes.
std::string normalise_for_compare(std::string_view s);

// Levenshtein distance over code points (insertions, deletions, substitutions cost 1).
// O(|a| × |b|) time: for names, words and pages of text, not whole books.
size_t edit_distance(std::string_view a, std::string_view b);

// Lowercase hex SHA-256 of `data` (OpenSSL).
std::string sha256_hex(std::string_view data);

// Escapes for HTML text and attribute values (& < > " ').
std::string html_escape(std::string_view s);

}  // namespace shenbao
