// Filing and registration numbers of generative-AI services (生成式人工智能服务备案 / 登记).
//
// Forms read (after fold_width, OCR spaces around '-' tolerated):
//   Shanghai-XiaoMou-202405230046         province pinyin - service pinyin - date and serial
//   Shanghai-XiaoMou-DJ-20240523001       the same with a short letter segment (DJ: 登记)
//   网信算备310117123456789012345678号    the CAC algorithm filing number (digits 12–36)
//   备案编号：ABC-2024-0001 / 登记编号：…   an ASCII number right after such a label
// The kind comes from the words around the number: 登记 → registration, 备案/算备 →
// filing, the nearest one before the number winning (a 网信算备 number is a filing by its
// own name); kUnknown when neither is near.
//
// Patterns (schemas/patterns.json): filing.pinyin, filing.cac, filing.labelled,
// filing.word.registration, filing.word.filing. Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/patterns.h"

namespace shenbao {

enum class FilingKind {
  kUnknown,       // no 备案/登记 word near the number
  kFiling,        // 备案
  kRegistration,  // 登记
};

// "filing", "registration", or "" for kUnknown (the contract's values).
std::string_view filing_kind_name(FilingKind kind);

struct FilingNumber {
  std::string number;  // normalised: width-folded, spaces removed
  FilingKind kind = FilingKind::kUnknown;
  std::string evidence;       // the context word that decided the kind ("登记"), if any
  std::string raw;            // as it stands in the input
  size_t begin = 0, end = 0;  // byte span of `raw` in the input
};

// Every filing/registration number in `text`, in order, not overlapping. `context` is how
// many bytes before a number are searched for 备案/登记 (the label usually sits just before).
std::vector<FilingNumber> find_filing_numbers(const PatternSet& patterns, std::string_view text,
                                              size_t context = 90);

// The first number find_filing_numbers sees, or nullopt.
std::optional<FilingNumber> parse_filing_number(const PatternSet& patterns, std::string_view text);

}  // namespace shenbao
