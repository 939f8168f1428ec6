// Unified social credit codes (统一社会信用代码, GB 32100-2015) for synthetic companies.
//
// A code is 18 characters over 0-9 A-H J-N P-R T-U W-Y: registration authority (9 = 工商),
// entity kind (1 = 企业), six digits of the issuing division (310117 = 松江区), the nine
// characters of the organisation code (GB 11714: eight characters and their own mod-11
// check), and a mod-31 check character over the first 17.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rng.h"

namespace samplegen {

// The GB 32100 check character for the first 17 characters, or nullopt when one of them is
// outside the code alphabet.
std::optional<char> uscc_check_char(std::string_view first17);

// The GB 11714 check character for the eight body characters of an organisation code
// ('0'-'9', 'X'), or nullopt for a character outside 0-9 A-Z.
std::optional<char> org_code_check_char(std::string_view body8);

// True when `code` is 18 characters, all in the alphabet, characters 3-8 are digits, the
// embedded organisation code checks and the final check character matches.
bool uscc_is_valid(std::string_view code);

// A fresh valid code issued in `division` (six digits, e.g. "310117"): "91" + division +
// "MA" + six random characters + organisation check + USCC check.
std::string make_uscc(Rng& rng, std::string_view division = "310117");

// `code` with its check character replaced so that the result is invalid and no single
// OCR-confusion repair (0/O/D/Q, 1/I/L/T/7, 2/Z, 5/S, 8/B/3, 6/G, U/V, M/N) of any one
// character makes it valid again. Returns the corrupted code.
std::string make_unrepairable_invalid(std::string_view code, Rng& rng);

// True when some single OCR-confusion substitution of one character turns `code` into a
// code that passes the check character (used to verify make_unrepairable_invalid).
bool has_single_confusion_repair(std::string_view code);

}  // namespace samplegen
