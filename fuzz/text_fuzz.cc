// Fuzzes the remaining value parsers on arbitrary text: parameter counts, filing numbers,
// and the Songjiang place check. No crash, no UB, spans hold their raw text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/identifiers.h"
#include "extractors/place.h"
#include "extractors/quantities.h"
#include "fuzz_support.h"

using namespace shenbao;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::patterns();
  (void)fuzz::places();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const PatternSet& p = fuzz::patterns();
  for (const ParameterCount& c : find_parameter_counts(p, text)) {
    fuzz::require_span(text, c.begin, c.end, c.raw);
    fuzz::require(c.count >= 0, "counts are not negative");
  }
  (void)parse_parameter_count(p, text);
  for (const FilingNumber& n : find_filing_numbers(p, text)) {
    fuzz::require_span(text, n.begin, n.end, n.raw);
    fuzz::require(!n.number.empty(), "a number is not empty");
  }
  const PlaceCheck c = check_place(fuzz::places(), text);
  fuzz::require(c.in_songjiang.has_value() || !c.reason.empty(), "an undecided place says why");
  return 0;
}
