// The award: the largest subsidy the rules allow for one application (section 三).
//
// compute_award is a pure function of the policy, the category and the extracted facts.
// Money is integer fen throughout and rounded down; rates are basis points, never floating
// point. The result names every step in Chinese (Subsidy::steps) for the report:
//
//   general_model / specialized_model: R&D cost = non-hardware costs O + eligible hardware,
//     where hardware may be at most hardware_share_max of the R&D cost, i.e. at most
//     floor(O × s / (1 − s)) (3/7 × O for 30 %); award = floor(cost × rate), capped.
//   adaptation_service: the tier by number of industries (5+ → 1, 3–4 → 2, 1–2 → 3);
//     award = the tier's cap; 0 industries → 0.
//   security_testing: floor(test fee × rate), capped; a product that is not on its first
//     pass gets 0; an unknown first pass is computed as a first pass, with a note.
//
// max_award_fen is nullopt whenever an input it needs was not found (no investment rows,
// no industries list, no test fee, unknown category): never an invented number.
// requested_fen is copied from extracted.application.requested_fen.
//
// Thread safety: pure.
#pragma once

#include <cstdint>
#include <string>

#include "pipeline/core/submission.h"
#include "pipeline/judge/policy.h"

namespace shenbao {

Subsidy compute_award(const Policy& policy, const std::string& category, const Extracted& x);

// R&D cost split used by the award and the hardware check: hardware rows vs all others.
// nullopt when there are no rows or the sums overflow.
struct RdCost {
  int64_t hardware_fen = 0;          // H
  int64_t other_fen = 0;             // O (development, testing, personnel, other)
  int64_t hardware_limit_fen = 0;    // floor(O × s / (1 − s))
  int64_t hardware_counted_fen = 0;  // min(H, limit), at least 0
  int64_t eligible_fen = 0;          // O + counted
  bool hardware_capped = false;      // H > limit
};
std::optional<RdCost> compute_rd_cost(const Extracted& x, int hardware_share_max_bp);

// floor(amount × numerator / denominator) for amount ≥ 0, exact (128-bit intermediate).
int64_t mul_div_floor(int64_t amount, int64_t numerator, int64_t denominator);

}  // namespace shenbao
