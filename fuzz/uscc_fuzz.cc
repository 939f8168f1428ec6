// Fuzzes validate_uscc / repair_uscc / find_uscc_candidates: a valid candidate's code passes
// validate_uscc, an invalid one has no code, spans hold their raw text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/uscc.h"
#include "fuzz_support.h"

using namespace shenbao;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::patterns();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const UsccValidation v = validate_uscc(text);
  const UsccCandidate r = repair_uscc(text);
  fuzz::require(!v.valid || (r.valid && !r.repaired), "a valid code needs no repair");
  fuzz::require(r.valid == !r.code.empty(), "code set exactly when valid");
  if (r.valid) fuzz::require(validate_uscc(r.code).valid, "repaired code validates");
  for (const UsccCandidate& c : find_uscc_candidates(fuzz::patterns(), text)) {
    fuzz::require_span(text, c.begin, c.end, c.raw);
    fuzz::require(c.valid == !c.code.empty(), "candidate code set exactly when valid");
    if (c.valid) {
      fuzz::require(validate_uscc(c.code).valid, "candidate code validates");
      fuzz::require(!is_resident_id_number(c.code), "never an ID number");
    }
  }
  return 0;
}
