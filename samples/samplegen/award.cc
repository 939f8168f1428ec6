#include "award.h"

#include <algorithm>

namespace samplegen {

namespace {
constexpr int64_t kWan = 1'000'000;  // fen in 1 万元
}  // namespace

int64_t eligible_rd_cost(int64_t hardware_fen, int64_t other_fen) {
  // "研发成本包括…硬件设施（占比不超过30%）": H / (H + O) <= 0.3  ⇔  H <= 3/7 × O.
  const int64_t hardware_allowed = other_fen * 3 / 7;
  return other_fen + std::min(hardware_fen, hardware_allowed);
}

Award compute_award(const AwardInputs& in) {
  Award a;
  a.requested_fen = in.requested_fen;
  switch (in.category) {
    case Category::kGeneral:
      // (一) "按照不超过研发成本50%的标准…最高可给予2000万元".
      a.rate = 0.5;
      a.cap_fen = 2000 * kWan;
      if (in.hardware_fen && in.other_fen) {
        a.eligible_cost_fen = eligible_rd_cost(*in.hardware_fen, *in.other_fen);
        a.max_award_fen = std::min(*a.cap_fen, *a.eligible_cost_fen * 50 / 100);
      }
      break;
    case Category::kSpecialized:
      // (二) "按照不超过研发成本80%的标准…单个项目补助金额最高不超过500万元".
      a.rate = 0.8;
      a.cap_fen = 500 * kWan;
      if (in.hardware_fen && in.other_fen) {
        a.eligible_cost_fen = eligible_rd_cost(*in.hardware_fen, *in.other_fen);
        a.max_award_fen = std::min(*a.cap_fen, *a.eligible_cost_fen * 80 / 100);
      }
      break;
    case Category::kAdaptation:
      // (三) 一档 多个行业 ≤100万 (read as 5 or more), 二档 3-4个行业 ≤50万, 三档 1-2个行业 ≤20万.
      if (in.industries && *in.industries > 0) {
        const int n = *in.industries;
        a.tier = n >= 5 ? 1 : n >= 3 ? 2 : 3;
        a.cap_fen = (*a.tier == 1 ? 100 : *a.tier == 2 ? 50 : 20) * kWan;
        a.max_award_fen = a.cap_fen;
      }
      break;
    case Category::kSecurity:
      // (四) "按不超过安全性测试服务费的50%给予送检单位最高25万元补助；…仅支持首次通过测试".
      a.rate = 0.5;
      a.cap_fen = 25 * kWan;
      if (in.test_fee_fen) {
        a.eligible_cost_fen = *in.test_fee_fen;
        if (in.first_pass.has_value())
          a.max_award_fen = *in.first_pass ? std::min(*a.cap_fen, *in.test_fee_fen * 50 / 100) : 0;
      }
      break;
    case Category::kUnknown:
      break;
  }
  return a;
}

std::string verdict_for(const std::set<std::string>& codes) {
  auto any = [&](std::initializer_list<const char*> list) {
    for (const char* c : list)
      if (codes.count(c)) return true;
    return false;
  };
  if (any({"NOT_IN_SONGJIANG", "CREDIT_SERIOUS_DISHONESTY", "PARAMETERS_BELOW_THRESHOLD"}))
    return "ineligible";
  if (any({"MATERIAL_MISSING", "SEAL_MISSING", "FILING_MISSING"})) return "incomplete";
  // Every other code of the contract is an error or warning a reviewer must look at.
  if (!codes.empty()) return "needs_review";
  return "complete";
}

}  // namespace samplegen
