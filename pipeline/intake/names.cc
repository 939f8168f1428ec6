// Names: entry names and file names as UTF-8 (GB18030/CP437 decoding via iconv), entry
// path normalisation, and bundle ids.

#include <iconv.h>

#include <cerrno>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/text.h"
#include "pipeline/intake/bundle.h"
#include "pipeline/intake/intake_internal.h"

namespace shenbao {

namespace {

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvHandle = std::unique_ptr<void, IconvCloser>;

// Converts `in` from `from_charset` to UTF-8; nullopt when the bytes are not valid in that
// charset (EILSEQ, EINVAL for a truncated sequence) or the charset is unavailable.
std::optional<std::string> convert_to_utf8(const std::string& in, const char* from_charset) {
  iconv_t raw = iconv_open("UTF-8", from_charset);
  if (raw == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  IconvHandle cd(raw);

  std::string out(in.size() * 4 + 16, '\0');
  std::vector<char> input(in.begin(), in.end());  // iconv wants a non-const char*
  char* in_ptr = input.data();
  size_t in_left = input.size();
  size_t produced = 0;
  while (in_left > 0) {
    char* out_ptr = out.data() + produced;
    size_t out_left = out.size() - produced;
    const size_t rc = iconv(raw, &in_ptr, &in_left, &out_ptr, &out_left);
    produced = out.size() - out_left;
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    return std::nullopt;  // EILSEQ or EINVAL
  }
  out.resize(produced);
  if (!is_valid_utf8(out)) return std::nullopt;
  return out;
}

bool ends_with_zip(const std::string& s) {
  if (s.size() < 4) return false;
  const std::string tail = s.substr(s.size() - 4);
  return tail[0] == '.' && (tail[1] | 0x20) == 'z' && (tail[2] | 0x20) == 'i' &&
         (tail[3] | 0x20) == 'p';
}

}  // namespace

std::string decode_entry_name(const std::string& raw, bool utf8_flag) {
  // The flag only says what the writer claimed; a flagged name that is not UTF-8 falls
  // through to the same guesses as an unflagged one.
  if (utf8_flag && is_valid_utf8(raw)) return raw;
  if (is_valid_utf8(raw)) return raw;
  if (auto gb = convert_to_utf8(raw, "GB18030")) return *gb;
  if (auto cp = convert_to_utf8(raw, "IBM437")) return *cp;
  // No converter available: keep ASCII, mark every other byte.
  std::string out;
  for (unsigned char c : raw) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      append_utf8(out, 0xFFFD);
    }
  }
  return out;
}

std::string make_bundle_id(const std::string& inbox_name) {
  std::string name = is_valid_utf8(inbox_name) ? inbox_name : decode_entry_name(inbox_name, false);
  if (ends_with_zip(name)) name.resize(name.size() - 4);

  std::string id;
  bool leading = true;
  for (char32_t cp : utf8_to_codepoints(name)) {
    const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
    if (control || cp == '/' || cp == '\\' || (leading && cp == '.')) {
      id.push_back('_');
      continue;
    }
    leading = false;
    append_utf8(id, cp);
  }
  if (id.empty()) id.push_back('_');
  return id;
}

namespace intake_internal {

bool normalise_entry_path(const std::string& name, std::string& clean, Refusal& reason,
                          bool& is_directory) {
  std::string slashed = name;
  for (char& c : slashed) {
    if (c == '\\') c = '/';
  }
  is_directory = !slashed.empty() && slashed.back() == '/';

  const bool drive_letter =
      slashed.size() >= 2 && slashed[1] == ':' &&
      ((slashed[0] >= 'A' && slashed[0] <= 'Z') || (slashed[0] >= 'a' && slashed[0] <= 'z'));
  if (!slashed.empty() && (slashed[0] == '/' || drive_letter)) {
    reason = Refusal::kAbsolutePath;
    return false;
  }

  clean.clear();
  size_t start = 0;
  while (start <= slashed.size()) {
    size_t end = slashed.find('/', start);
    if (end == std::string::npos) end = slashed.size();
    const std::string part = slashed.substr(start, end - start);
    if (part == "..") {
      reason = Refusal::kTraversal;
      return false;
    }
    if (!part.empty() && part != ".") {
      if (!clean.empty()) clean.push_back('/');
      clean += part;
    }
    start = end + 1;
  }
  if (clean.empty() && !is_directory) {
    reason = Refusal::kBadName;
    return false;
  }
  return true;
}

}  // namespace intake_internal

}  // namespace shenbao
