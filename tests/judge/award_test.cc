// compute_award: every category, the 3/7 hardware rule, caps, tiers, rounding (issue 7.4).
#include "pipeline/judge/award.h"

#include <doctest/doctest.h>

#include "tests/judge/judge_fixtures.h"

using namespace shenbao;
using namespace shenbao::testing;

namespace {

Extracted costs(int64_t hardware_fen, int64_t other_fen) {
  Extracted x;
  if (hardware_fen) x.investment.rows.push_back({"hardware", "服务器", hardware_fen});
  if (other_fen) x.investment.rows.push_back({"development", "开发", other_fen});
  return x;
}

bool has_step_containing(const Subsidy& s, const std::string& needle) {
  return std::any_of(s.steps.begin(), s.steps.end(), [&](const std::string& step) {
    return step.find(needle) != std::string::npos;
  });
}

struct RdCase {
  const char* name;
  const char* category;
  int64_t hardware, other;
  int64_t eligible, award;
  bool hardware_capped;
};

}  // namespace

TEST_CASE("rd_cost_awards_follow_rate_hardware_limit_cap_and_round_down") {
  const RdCase cases[] = {
      // general_model: 50 %, cap 2000万 = 2,000,000,000 fen
      {"no hardware, odd fen rounds down", "general_model", 0, 1'000'001, 1'000'001, 500'000,
       false},
      {"hardware exactly 30 %", "general_model", 3'000'000, 7'000'000, 10'000'000, 5'000'000,
       false},
      {"hardware just below 30 %", "general_model", 2'999'999, 7'000'000, 9'999'999, 4'999'999,
       false},
      {"hardware just above 30 %", "general_model", 3'000'001, 7'000'000, 10'000'000, 5'000'000,
       true},
      {"hardware limit 3/7 of 100 fen is 42", "general_model", 100, 100, 142, 71, true},
      {"all hardware counts nothing", "general_model", 5'000'000, 0, 0, 0, true},
      {"award exactly at the cap", "general_model", 0, 4'000'000'000, 4'000'000'000, 2'000'000'000,
       false},
      {"award one fen above the cap", "general_model", 0, 4'000'000'002, 4'000'000'002,
       2'000'000'000, false},
      {"far above the cap", "general_model", 1'000'000'000, 9'000'000'000, 10'000'000'000,
       2'000'000'000, false},
      // specialized_model: 80 %, cap 500万 = 500,000,000 fen
      {"specialized odd fen", "specialized_model", 0, 1'000'001, 1'000'001, 800'000, false},
      {"specialized hardware above limit", "specialized_model", 4'000'000, 7'000'000, 10'000'000,
       8'000'000, true},
      {"specialized exactly at cap", "specialized_model", 0, 625'000'000, 625'000'000, 500'000'000,
       false},
      {"specialized above cap", "specialized_model", 0, 625'000'002, 625'000'002, 500'000'000,
       false},
  };
  for (const RdCase& c : cases) {
    CAPTURE(c.name);
    const Subsidy s = compute_award(the_policy(), c.category, costs(c.hardware, c.other));
    REQUIRE(s.eligible_cost_fen.has_value());
    CHECK(*s.eligible_cost_fen == c.eligible);
    REQUIRE(s.max_award_fen.has_value());
    CHECK(*s.max_award_fen == c.award);
    CHECK(has_step_containing(s, "超过上限") == c.hardware_capped);
    CHECK_FALSE(s.tier.has_value());
  }
}

TEST_CASE("rd_cost_award_reports_rate_and_cap_of_the_category") {
  const Subsidy g = compute_award(the_policy(), "general_model", costs(0, 100));
  CHECK(g.rate == doctest::Approx(0.5));
  CHECK(g.cap_fen == 2'000'000'000);
  const Subsidy sp = compute_award(the_policy(), "specialized_model", costs(0, 100));
  CHECK(sp.rate == doctest::Approx(0.8));
  CHECK(sp.cap_fen == 500'000'000);
}

TEST_CASE("cap_steps_say_whether_the_cap_was_applied") {
  const Subsidy at = compute_award(the_policy(), "general_model", costs(0, 4'000'000'000));
  CHECK(has_step_containing(at, "未超过最高补助20,000,000.00元"));
  const Subsidy above = compute_award(the_policy(), "general_model", costs(0, 4'000'000'002));
  CHECK(has_step_containing(above, "按20,000,000.00元核定"));
}

TEST_CASE("rd_cost_steps_show_costs_by_category_hardware_limit_rate_and_result") {
  Extracted x = costs(3'000'001, 0);
  x.investment.rows.push_back({"development", "开发", 5'000'000});
  x.investment.rows.push_back({"personnel", "工资", 2'000'000});
  x.project.parameters = 2e11;
  const Subsidy s = compute_award(the_policy(), "general_model", x);
  REQUIRE(s.steps.size() >= 5);
  CHECK(s.steps[0] ==
        "研发成本按类别：硬件设施30,000.01元；开发费用50,000.00元；人员工资20,000.00元");
  CHECK(s.steps[1].find("3/7") != std::string::npos);
  CHECK(s.steps[1].find("30,000.00元") != std::string::npos);
  CHECK(s.steps[2] == "可计入研发成本：70,000.00元＋30,000.00元＝100,000.00元");
  CHECK(s.steps[3].find("50%") != std::string::npos);
  CHECK(has_step_containing(s, "最高可给予补助50,000.00元"));
}

TEST_CASE("rd_cost_award_without_investment_rows_is_unknown_not_zero") {
  Extracted x;
  x.investment.stated_total_fen = wan(1000);  // a total alone does not say what is hardware
  const Subsidy s = compute_award(the_policy(), "general_model", x);
  CHECK_FALSE(s.max_award_fen.has_value());
  CHECK_FALSE(s.eligible_cost_fen.has_value());
  CHECK(s.cap_fen == 2'000'000'000);
  CHECK(has_step_containing(s, "未找到项目投资明细"));
}

TEST_CASE("general_model_award_with_unknown_parameters_is_computed_with_a_note") {
  const Subsidy s = compute_award(the_policy(), "general_model", costs(0, 1000));
  CHECK(s.max_award_fen == 500);
  CHECK(has_step_containing(s, "未找到模型参数量"));
  Extracted x = costs(0, 1000);
  x.project.parameters = 1.5e11;
  CHECK_FALSE(has_step_containing(compute_award(the_policy(), "general_model", x), "参数量"));
}

TEST_CASE("adaptation_tiers_follow_the_number_of_industries") {
  struct TierCase {
    int industries;
    std::optional<int> tier;
    int64_t award;
  };
  const TierCase cases[] = {
      {0, std::nullopt, 0}, {1, 3, 20'000'000},  {2, 3, 20'000'000},  {3, 2, 50'000'000},
      {4, 2, 50'000'000},   {5, 1, 100'000'000}, {6, 1, 100'000'000},
  };
  const std::vector<std::string> names = {"金融", "医疗", "制造", "教育", "交通", "能源"};
  for (const TierCase& c : cases) {
    CAPTURE(c.industries);
    Extracted x;
    x.adaptation.found = true;
    x.adaptation.industries.assign(names.begin(), names.begin() + c.industries);
    const Subsidy s = compute_award(the_policy(), "adaptation_service", x);
    CHECK(s.tier == c.tier);
    REQUIRE(s.max_award_fen.has_value());
    CHECK(*s.max_award_fen == c.award);
    CHECK_FALSE(s.rate.has_value());
    CHECK_FALSE(s.eligible_cost_fen.has_value());
  }
}

TEST_CASE("adaptation_counts_an_industry_listed_twice_once") {
  Extracted x;
  x.adaptation.found = true;
  x.adaptation.industries = {"金融", "金融", "医疗"};
  const Subsidy s = compute_award(the_policy(), "adaptation_service", x);
  CHECK(s.tier == 3);
  CHECK(has_step_containing(s, "覆盖行业2个（金融、医疗）"));
}

TEST_CASE("adaptation_without_industries_list_has_no_award") {
  Extracted x;  // found = false
  const Subsidy s = compute_award(the_policy(), "adaptation_service", x);
  CHECK_FALSE(s.max_award_fen.has_value());
  CHECK_FALSE(s.tier.has_value());
  CHECK(has_step_containing(s, "未找到服务行业清单"));
}

TEST_CASE("security_award_is_half_the_test_fee_capped_first_pass_only") {
  struct FeeCase {
    int64_t fee;
    std::optional<bool> first_pass;
    int64_t award;
  };
  const FeeCase cases[] = {
      {1'000'001, true, 500'000},                                 // odd fen rounds down
      {50'000'000, true, 25'000'000},                             // exactly at the 25万 cap
      {50'000'002, true, 25'000'000},                             // one fen above
      {80'000'000, true, 25'000'000},     {1'000'000, false, 0},  // not the first pass
      {1'000'000, std::nullopt, 500'000},                         // unknown: computed, with a note
  };
  for (const FeeCase& c : cases) {
    CAPTURE(c.fee);
    Extracted x;
    x.security.test_fee_fen = c.fee;
    x.security.first_pass = c.first_pass;
    const Subsidy s = compute_award(the_policy(), "security_testing", x);
    REQUIRE(s.max_award_fen.has_value());
    CHECK(*s.max_award_fen == c.award);
    CHECK(s.eligible_cost_fen == c.fee);
    CHECK(s.cap_fen == 25'000'000);
    CHECK(has_step_containing(s, "并非首次通过") == (c.first_pass == false));
    CHECK(has_step_containing(s, "未能确认是否首次通过") == !c.first_pass.has_value());
  }
}

TEST_CASE("security_without_test_fee_has_no_award") {
  Extracted x;
  x.security.first_pass = true;
  const Subsidy s = compute_award(the_policy(), "security_testing", x);
  CHECK_FALSE(s.max_award_fen.has_value());
  CHECK(has_step_containing(s, "未找到安全性测试服务费"));
}

TEST_CASE("unknown_category_has_no_award_and_says_why") {
  Extracted x = costs(0, 1'000'000);
  x.application.requested_fen = 12345;
  const Subsidy s = compute_award(the_policy(), "unknown", x);
  CHECK_FALSE(s.max_award_fen.has_value());
  CHECK_FALSE(s.cap_fen.has_value());
  CHECK_FALSE(s.rate.has_value());
  CHECK(s.requested_fen == 12345);
  CHECK(has_step_containing(s, "申报类别未确定"));
}

TEST_CASE("requested_amount_is_copied_from_the_application") {
  for (const std::string& c : all_categories()) {
    CAPTURE(c);
    const Submission s = clean_submission(c);
    CHECK(compute_award(the_policy(), c, s.extracted).requested_fen ==
          s.extracted.application.requested_fen);
  }
}

TEST_CASE("mul_div_floor_is_exact_beyond_64_bit_products") {
  CHECK(mul_div_floor(9'000'000'000'000'000'000, 5000, 10000) == 4'500'000'000'000'000'000);
  CHECK(mul_div_floor(7, 3, 7) == 3);
  CHECK(mul_div_floor(-5, 1, 2) == 0);
}
