// Unified social credit codes (统一社会信用代码, GB 32100-2015): validation, finding codes in
// text, and repairing a single OCR confusion.
//
// A code has 18 characters from the 31-symbol alphabet 0-9 A-H J-N P-R T-U W-Y:
//   1     registration authority (9 = market regulation, 1 = 机构编制, 5 = 民政, Y = other …)
//   2     organisation type
//   3–8   administrative division, six digits (310117 = 松江区)
//   9–17  organisation code (GB 11714); its 9th character checks the first 8
//         (weights 3 7 9 10 5 8 4 2, C = 11 − sum mod 11, 10 → X, 11 → 0)
//   18    check character over the first 17
//         (weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28, C = 31 − sum mod 31, 31 → 0)
// Obvious placeholders (one character repeated, 123456789012345678, division 000000, an
// organisation code of one repeated character or a run such as 12345678) are refused even
// when the checks pass; the check order is length, alphabet, division digits, placeholder,
// province, check character, organisation code check.
//
// Example:
//   validate_uscc("91310117MA1J2Q4K7A").valid                    == true
//   repair_uscc("9131O117MA1J2Q4K7A") → code "91310117MA1J2Q4K7A", repaired
//   find_uscc_candidates(patterns, "统一社会信用代码：9131 0117 MA1J 2Q4K 7A")
//
// Patterns (schemas/patterns.json): uscc.run (code-like runs with OCR spacing), uscc.label
// (the label before a code). Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/patterns.h"

namespace shenbao {

// Why a code is not valid; kNone when it is.
enum class UsccError {
  kNone = 0,
  kLength,       // not 18 characters after removing spaces
  kAlphabet,     // a character outside 0-9 A-H J-N P-R T-U W-Y (I, O, Z, S, V, punctuation)
  kDivision,     // characters 3–8 are not six digits, or start with no province code (11–82)
  kCheckChar,    // the 18th character does not match the first 17
  kOrgCheck,     // the organisation code's own check character (17th) is wrong
  kPlaceholder,  // passes the checks but is an obvious placeholder
};

struct UsccValidation {
  bool valid = false;
  UsccError error = UsccError::kNone;
  std::string reason;  // English, for logs and finding details ("check character ...")
};

// Validates one code. The input is width-folded, stripped of white space and upper-cased
// first ("９１３１ ０１１７ma…" is read as "91310117MA…"); nothing else is changed.
UsccValidation validate_uscc(std::string_view code);

// One code as found in a text (or given to repair_uscc).
struct UsccCandidate {
  std::string raw;        // the characters as they stand in the input, spaces included
  std::string code;       // the normalised code, repaired when needed; empty when invalid
  bool valid = false;     // code passes every check (possibly after one repair)
  bool repaired = false;  // one OCR confusion was corrected to make it valid
  bool labelled = false;  // a 统一社会信用代码/社会信用代码/信用代码 label stands before it
  UsccError error = UsccError::kNone;  // for an invalid candidate: what the unrepaired code broke
  std::string reason;                  // English: why valid/invalid, which repair was made
  size_t begin = 0, end = 0;           // byte span of `raw` in the input
};

// Validates `raw` (normalised as in validate_uscc) and, when it fails, tries every single
// OCR confusion (0↔D, O→0/D, 1↔L, I→1/L, Z→2, S→5, 8↔B, 6↔G); a letter that stands in lower
// case in `raw` is itself a misreading (codes are printed in capitals: "9" read as "e"), so
// that position may take any symbol of the alphabet. The repair is accepted only
// when exactly one substitution makes every check pass; otherwise the result is invalid
// with `raw` kept and `code` empty. A 19-character `raw` is repaired by dropping one
// character (OCR split a glyph, or read a stroke as "1"), again only when exactly one valid
// code comes out. begin/end are 0 and raw.size().
UsccCandidate repair_uscc(std::string_view raw);

// Every code-like run of 18 characters in `text` (full-width, OCR spaces inside the code,
// lower case tolerated), each validated and repaired as repair_uscc does; a 19-character
// run right after a label, only when dropping one character repairs it. Not reported:
// runs of other lengths (a 17-character run, phone numbers), 18-digit resident ID
// numbers (身份证号) that pass their own check, and — unless labelled — invalid runs that do
// not look like a modern code (all digits, e.g. bank accounts or damaged ID numbers).
// Spans are byte offsets into `text`, in order.
std::vector<UsccCandidate> find_uscc_candidates(const PatternSet& patterns, std::string_view text);

// True when `s` (18 characters, width-folded) is a resident ID number (GB 11643): 6-digit
// region, a real birth date YYYYMMDD from 1900 on, 3 digits, and its ISO 7064 MOD 11-2
// check digit (0-9 or X).
bool is_resident_id_number(std::string_view s);

}  // namespace shenbao
