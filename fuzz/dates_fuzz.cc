// Fuzzes find_dates / parse_date / parse_iso_date: every date found exists in the calendar,
// round-trips through ISO, and its span holds its raw text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/dates.h"
#include "fuzz_support.h"

using namespace shenbao;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::patterns();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const PatternSet& p = fuzz::patterns();
  size_t last_end = 0;
  for (const DateMatch& d : find_dates(p, text)) {
    fuzz::require_span(text, d.begin, d.end, d.raw);
    fuzz::require(d.begin >= last_end, "dates in order, not overlapping");
    last_end = d.end;
    fuzz::require(is_valid_date(d.date.year, d.date.month, d.date.day), "dates exist");
    fuzz::require(parse_iso_date(d.date.iso()) == d.date, "ISO round trip");
  }
  (void)parse_date(p, text);
  (void)parse_iso_date(text);
  return 0;
}
