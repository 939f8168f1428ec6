// The award oracle: the largest subsidy the district's rules allow (沪松数〔2025〕16号,
// section 三 "扶持内容"), computed plainly and independently of the pipeline's judge, so the
// corpus can check the judge. Also the contract's verdict rule.
//
// All money is int64 fen and every division rounds down (the rules say "不超过": never
// award a fen more than allowed). A result is nullopt where the needed input is missing.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "model.h"

namespace samplegen {

struct AwardInputs {
  Category category = Category::kUnknown;
  // Categories 1 and 2: the investment rows split into hardware (硬件设施) and all the rest
  // (开发费用, 测试费用, 人员工资). nullopt when no investment table could be read.
  std::optional<int64_t> hardware_fen, other_fen;
  // Category 3: how many industries the adaptation product serves.
  std::optional<int> industries;
  // Category 4: the cryptographic test fee and whether this was the product's first pass.
  std::optional<int64_t> test_fee_fen;
  std::optional<bool> first_pass;
  std::optional<int64_t> requested_fen;
};

struct Award {
  std::optional<double> rate;                // 0.5, 0.8; none for the tiered category
  std::optional<int64_t> cap_fen;            // the category's (or tier's) ceiling
  std::optional<int64_t> eligible_cost_fen;  // the cost the rate applies to
  std::optional<int64_t> max_award_fen;      // min(cap, rate × eligible), rounded down
  std::optional<int64_t> requested_fen;      // echoed from the inputs
  std::optional<int> tier;                   // 1..3 for adaptation services
};

Award compute_award(const AwardInputs& in);

// The R&D cost the rates apply to (categories 1 and 2): hardware may be at most 30 % of it,
// so with other costs O and hardware H only min(H, 3/7 × O) of the hardware counts.
int64_t eligible_rd_cost(int64_t hardware_fen, int64_t other_fen);

// The contract's verdict for a set of finding codes (contract.md, "Verdict").
std::string verdict_for(const std::set<std::string>& codes);

}  // namespace samplegen
