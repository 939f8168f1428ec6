#include "pipeline/judge/award.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "pipeline/judge/finding_catalog.h"

namespace shenbao {

namespace {

__extension__ typedef __int128 Int128;  // exact intermediate for fen × basis points

using Params = std::map<std::string, std::string>;

class Steps {
 public:
  Steps(const Policy& policy, Subsidy& s) : policy_(policy), s_(s) {}
  void add(const std::string& name, const Params& params = {}) {
    s_.steps.push_back(render_template(policy_.step_template(name), params));
  }

 private:
  const Policy& policy_;
  Subsidy& s_;
};

// rate × basis, capped; fills eligible_cost/max_award and the steps for it.
void apply_rate_and_cap(const AwardRule& a, int64_t basis_fen, Subsidy& s, Steps& steps) {
  const int64_t amount = mul_div_floor(basis_fen, *a.rate_bp, 10000);
  steps.add("rate", {{"basis", format_yuan(basis_fen)},
                     {"rate", format_percent_bp(*a.rate_bp)},
                     {"amount", format_yuan(amount)}});
  const Params cap = {{"cap", format_yuan(a.cap_fen)}, {"clause", a.clause}};
  if (amount > a.cap_fen) {
    steps.add("cap_applied", cap);
    s.max_award_fen = a.cap_fen;
  } else {
    steps.add("cap_not_reached", cap);
    s.max_award_fen = amount;
  }
}

std::string cost_breakdown(const Policy& policy, const Extracted& x) {
  // Sum per cost category, in the policy's order, then any category the policy does not know.
  std::map<std::string, int64_t> sums;
  std::vector<std::string> order;
  for (const CostCategory& c : policy.cost_categories) order.push_back(c.id);
  for (const InvestmentRow& r : x.investment.rows) {
    if (!sums.count(r.category) &&
        std::find(order.begin(), order.end(), r.category) == order.end()) {
      order.push_back(r.category);
    }
    int64_t& sum = sums[r.category];
    if (__builtin_add_overflow(sum, r.amount_fen, &sum)) sum = std::numeric_limits<int64_t>::max();
  }
  std::string out;
  for (const std::string& id : order) {
    auto it = sums.find(id);
    if (it == sums.end()) continue;
    const CostCategory* c = policy.cost_category(id);
    if (!out.empty()) out += "；";
    out += render_template(policy.step_template("cost_item"),
                           {{"name", c ? c->name_zh : id}, {"amount", format_yuan(it->second)}});
  }
  return out;
}

std::string fraction_of_share(int bp) {
  const int num = bp, den = 10000 - bp;
  const int g = std::gcd(num, den);
  return g == 0 ? "0" : std::to_string(num / g) + "/" + std::to_string(den / g);
}

}  // namespace

int64_t mul_div_floor(int64_t amount, int64_t numerator, int64_t denominator) {
  if (amount <= 0 || numerator <= 0 || denominator <= 0) return 0;
  const Int128 r = static_cast<Int128>(amount) * numerator / denominator;
  if (r > std::numeric_limits<int64_t>::max()) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(r);
}

std::optional<RdCost> compute_rd_cost(const Extracted& x, int hardware_share_max_bp) {
  if (x.investment.rows.empty()) return std::nullopt;
  RdCost c;
  for (const InvestmentRow& r : x.investment.rows) {
    int64_t& sum = r.category == "hardware" ? c.hardware_fen : c.other_fen;
    if (__builtin_add_overflow(sum, r.amount_fen, &sum)) return std::nullopt;
  }
  const int64_t other = std::max<int64_t>(c.other_fen, 0);
  // H ≤ s × (O + H)  ⇔  H ≤ O × s / (1 − s)
  c.hardware_limit_fen = mul_div_floor(other, hardware_share_max_bp, 10000 - hardware_share_max_bp);
  c.hardware_counted_fen =
      std::clamp<int64_t>(c.hardware_fen, 0, std::max<int64_t>(c.hardware_limit_fen, 0));
  c.hardware_capped = c.hardware_fen > c.hardware_limit_fen;
  if (__builtin_add_overflow(other, c.hardware_counted_fen, &c.eligible_fen)) return std::nullopt;
  return c;
}

Subsidy compute_award(const Policy& policy, const std::string& category, const Extracted& x) {
  Subsidy s;
  s.requested_fen = x.application.requested_fen;
  Steps steps(policy, s);
  const CategoryRule* c = policy.category(category);
  if (!c) {
    steps.add("category_unknown");
    return s;
  }
  const AwardRule& a = c->award;
  if (a.rate_bp) s.rate = *a.rate_bp / 10000.0;  // for display only; money uses rate_bp
  s.cap_fen = a.cap_fen;

  switch (a.basis) {
    case AwardBasis::kRdCost: {
      if (c->parameters_exceed && !x.project.parameters) {
        steps.add("parameters_unknown", {{"clause", c->parameters_clause}});
      }
      // Without a hardware limit in the policy, all hardware counts.
      const int share_bp = a.hardware_share_max_bp.value_or(0);
      std::optional<RdCost> rd = compute_rd_cost(x, share_bp);
      if (!rd) {
        steps.add("no_rows");
        break;
      }
      if (!a.hardware_share_max_bp) {
        rd->hardware_counted_fen = std::max<int64_t>(rd->hardware_fen, 0);
        rd->hardware_capped = false;
        rd->eligible_fen = std::max<int64_t>(rd->other_fen, 0) + rd->hardware_counted_fen;
      }
      steps.add("costs", {{"breakdown", cost_breakdown(policy, x)}});
      if (a.hardware_share_max_bp) {
        const Params hw = {{"hardware", format_yuan(rd->hardware_fen)},
                           {"other", format_yuan(std::max<int64_t>(rd->other_fen, 0))},
                           {"fraction", fraction_of_share(share_bp)},
                           {"limit", format_yuan(rd->hardware_limit_fen)},
                           {"share_limit", format_percent_bp(share_bp)}};
        steps.add(rd->hardware_capped ? "hardware_capped" : "hardware_within", hw);
      }
      steps.add("eligible_cost", {{"other", format_yuan(std::max<int64_t>(rd->other_fen, 0))},
                                  {"hardware_counted", format_yuan(rd->hardware_counted_fen)},
                                  {"eligible", format_yuan(rd->eligible_fen)}});
      s.eligible_cost_fen = rd->eligible_fen;
      apply_rate_and_cap(a, rd->eligible_fen, s, steps);
      break;
    }
    case AwardBasis::kIndustryTiers: {
      if (!x.adaptation.found) {
        steps.add("industries_unknown", {{"clause", a.clause}});
        break;
      }
      // Count distinct industries: the same one listed twice is still one industry.
      const std::set<std::string> distinct(x.adaptation.industries.begin(),
                                           x.adaptation.industries.end());
      const int count = static_cast<int>(distinct.size());
      std::string names;
      std::set<std::string> named;
      for (const std::string& i : x.adaptation.industries) {
        if (!named.insert(i).second) continue;
        if (!names.empty()) names += "、";
        names += i;
      }
      const AwardTier* tier = nullptr;
      for (const AwardTier& t : a.tiers) {
        if (count >= t.min_industries && (!t.max_industries || count <= *t.max_industries)) {
          tier = &t;
          break;
        }
      }
      if (!tier) {
        steps.add("no_tier", {{"count", std::to_string(count)}, {"clause", a.clause}});
        s.max_award_fen = 0;
        break;
      }
      s.tier = tier->tier;
      s.cap_fen = tier->cap_fen;
      s.max_award_fen = tier->cap_fen;
      steps.add("tier", {{"count", std::to_string(count)},
                         {"industries", names},
                         {"tier", std::to_string(tier->tier)},
                         {"cap", format_yuan(tier->cap_fen)},
                         {"clause", a.clause}});
      break;
    }
    case AwardBasis::kTestFee: {
      if (!x.security.test_fee_fen) {
        steps.add("test_fee_unknown", {{"clause", a.clause}});
        break;
      }
      const int64_t fee = std::max<int64_t>(*x.security.test_fee_fen, 0);
      s.eligible_cost_fen = fee;
      steps.add("test_fee", {{"fee", format_yuan(fee)}});
      if (a.first_pass_only && x.security.first_pass == false) {
        steps.add("first_pass_false", {{"clause", a.clause}});
        s.max_award_fen = 0;
        break;
      }
      if (a.first_pass_only && !x.security.first_pass) {
        steps.add("first_pass_unknown", {{"clause", a.clause}});
      }
      apply_rate_and_cap(a, fee, s, steps);
      break;
    }
  }
  if (s.max_award_fen) steps.add("result", {{"max_award", format_yuan(*s.max_award_fen)}});
  if (s.requested_fen) steps.add("requested", {{"requested", format_yuan(*s.requested_fen)}});
  return s;
}

}  // namespace shenbao
