// Fuzzes parse_money, find_money_amounts, find_money_unit, decimal_to_fen and
// parse_uppercase_fen: no crash, no UB, spans inside the input, amounts marked as stated.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extractors/money.h"
#include "fuzz_support.h"

using namespace shenbao;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::patterns();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const PatternSet& p = fuzz::patterns();
  for (MoneyUnit unit :
       {MoneyUnit::kYuan, MoneyUnit::kThousandYuan, MoneyUnit::kWan, MoneyUnit::kYi}) {
    if (auto a = parse_money(p, text, unit)) fuzz::require_span(text, a->begin, a->end, a->raw);
    (void)decimal_to_fen(text, unit);
  }
  for (const MoneyAmount& a : find_money_amounts(p, text)) {
    fuzz::require_span(text, a.begin, a.end, a.raw);
    fuzz::require(a.unit_stated, "running-text amounts carry their unit");
  }
  (void)find_money_unit(p, text);
  (void)parse_uppercase_fen(text);
  return 0;
}
