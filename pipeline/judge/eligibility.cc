#include "pipeline/judge/eligibility.h"

#include <cstdio>
#include <cstdlib>
#include <limits>

#include "pipeline/judge/award.h"

namespace shenbao {

namespace {

using Params = std::map<std::string, std::string>;

struct Location {
  std::string document;
  std::optional<int> page;
};

// Where a fact was read: its evidence when the extractor kept one, else the first document
// of the material it belongs to.
Location locate(const Submission& s, const std::string& field, const std::string& material) {
  auto e = s.extracted.evidence.find(field);
  if (e != s.extracted.evidence.end()) return {e->second.document, e->second.page};
  auto m = s.materials.find(material);
  if (m != s.materials.end() && !m->second.documents.empty()) {
    return {m->second.documents.front(), std::nullopt};
  }
  return {};
}

class Raiser {
 public:
  Raiser(const FindingCatalog& catalog, const Submission& s, std::vector<Finding>& out)
      : catalog_(catalog), s_(s), out_(out) {}
  void raise(const std::string& code, const std::string& material, const std::string& field,
             const std::string& detail, Params params) {
    const Location at = locate(s_, field, material);
    out_.push_back(
        make_finding(catalog_, code, material, at.document, at.page, detail, std::move(params)));
  }

 private:
  const FindingCatalog& catalog_;
  const Submission& s_;
  std::vector<Finding>& out_;
};

std::optional<int64_t> checked_sum(const std::vector<InvestmentRow>& rows) {
  int64_t sum = 0;
  for (const InvestmentRow& r : rows) {
    if (__builtin_add_overflow(sum, r.amount_fen, &sum)) return std::nullopt;
  }
  return sum;
}

// |a − b|, nullopt on overflow.
std::optional<int64_t> abs_difference(int64_t a, int64_t b) {
  int64_t d;
  if (__builtin_sub_overflow(a, b, &d) || d == std::numeric_limits<int64_t>::min()) {
    return std::nullopt;
  }
  return d < 0 ? -d : d;
}

// 1.3e11 → "1300亿", 8.5e10 → "850亿", 1.25e9 → "12.5亿".
std::string format_parameters_zh(double n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", n / 1e8);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s + "亿";
}

std::string format_parameters_en(double n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", n / 1e9);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s + " billion";
}

void check_investment(const Policy& policy, const Submission& s, Raiser& r) {
  const auto& inv = s.extracted.investment;
  const int64_t tolerance = policy.thresholds.investment_sum_tolerance_fen;
  std::optional<int64_t> rows_total = inv.total_fen;
  if (!rows_total && !inv.rows.empty()) rows_total = checked_sum(inv.rows);
  if (rows_total && inv.stated_total_fen) {
    auto diff = abs_difference(*rows_total, *inv.stated_total_fen);
    if (!diff || *diff > tolerance) {
      r.raise("INVESTMENT_SUM_MISMATCH", "investment_table", "investment.stated_total_fen",
              "rows total " + std::to_string(*rows_total) + " fen, stated total " +
                  std::to_string(*inv.stated_total_fen) + " fen",
              {{"rows_total", format_yuan(*rows_total)},
               {"stated_total", format_yuan(*inv.stated_total_fen)},
               {"difference", diff ? format_yuan(*diff) : "—"}});
    }
  }
  const std::optional<int64_t> table_total =
      inv.stated_total_fen ? inv.stated_total_fen : rows_total;
  const auto& project_total = s.extracted.project.total_investment_fen;
  if (table_total && project_total) {
    auto diff = abs_difference(*table_total, *project_total);
    if (!diff || *diff > policy.thresholds.report_total_tolerance_fen) {
      r.raise("INVESTMENT_SUM_MISMATCH", "project_report", "project.total_investment_fen",
              "investment table total " + std::to_string(*table_total) +
                  " fen, project report total investment " + std::to_string(*project_total) +
                  " fen",
              {{"variant", "project_total"},
               {"stated_total", format_yuan(*table_total)},
               {"project_total", format_yuan(*project_total)},
               {"difference", diff ? format_yuan(*diff) : "—"}});
    }
  }
}

void check_hardware(const CategoryRule& c, const Submission& s, Raiser& r) {
  if (!c.award.hardware_share_max_bp) return;
  const int limit_bp = *c.award.hardware_share_max_bp;
  const Params base = {{"limit", format_percent_bp(limit_bp)}, {"clause", c.award.clause}};
  if (std::optional<RdCost> rd = compute_rd_cost(s.extracted, limit_bp)) {
    if (!rd->hardware_capped || rd->hardware_fen <= 0) return;
    const int64_t other = std::max<int64_t>(rd->other_fen, 0);
    // H / (H + O) rounded up (= 1 − O / (H + O) rounded down), so that a share just above
    // the limit never prints as the limit itself.
    const int64_t share_bp = 10000 - mul_div_floor(other, 10000, rd->hardware_fen + other);
    Params p = base;
    p["share"] = format_percent_bp(share_bp);
    r.raise("HARDWARE_SHARE_EXCEEDED", "investment_table", "investment.hardware_share",
            "hardware " + std::to_string(rd->hardware_fen) + " fen, other costs " +
                std::to_string(rd->other_fen) + " fen, eligible hardware at most " +
                std::to_string(rd->hardware_limit_fen) + " fen",
            std::move(p));
    return;
  }
  const auto& share = s.extracted.investment.hardware_share;
  if (share && *share * 10000.0 > limit_bp) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", *share * 100.0);
    Params p = base;
    p["share"] = buf;
    r.raise("HARDWARE_SHARE_EXCEEDED", "investment_table", "investment.hardware_share",
            "hardware_share " + std::to_string(*share) + " (no rows)", std::move(p));
  }
}

// The year of extracted.application.date ("YYYY-MM-DD"), when found and plausible.
std::optional<int> form_year(const Submission& s) {
  const auto& date = s.extracted.application.date;
  if (!date || date->size() < 4) return std::nullopt;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    const char ch = (*date)[i];
    if (ch < '0' || ch > '9') return std::nullopt;
    year = year * 10 + (ch - '0');
  }
  if (year < 1990 || year > 2100) return std::nullopt;
  return year;
}

}  // namespace

// The application's year: the form's date; without a form, the credit report's date (it is
// drawn for the application); the run's year only when neither was found.
int application_year(const Submission& s, int run_year) {
  if (auto year = form_year(s)) return *year;
  const auto& report = s.extracted.credit.report_date;
  if (report && report->size() >= 4) {
    int year = 0;
    for (int i = 0; i < 4; ++i) {
      const char ch = (*report)[i];
      if (ch < '0' || ch > '9') return run_year;
      year = year * 10 + (ch - '0');
    }
    if (year >= 1990 && year <= 2100) return year;
  }
  return run_year;
}

std::vector<Finding> check_eligibility(const Policy& policy, const FindingCatalog& catalog,
                                       const Submission& s, int run_year) {
  std::vector<Finding> out;
  Raiser r(catalog, s, out);
  const Extracted& x = s.extracted;
  const PolicyThresholds& t = policy.thresholds;

  if (s.applicant.in_songjiang == false) {
    const std::string address = s.applicant.address ? *s.applicant.address
                                : x.license.address ? *x.license.address
                                                    : "";
    r.raise("NOT_IN_SONGJIANG", "business_license", "license.address", address,
            {{"address", address}, {"clause", t.location_clause}});
  }

  if (x.credit.serious_dishonesty == true) {
    r.raise("CREDIT_SERIOUS_DISHONESTY", "credit_report", "credit.serious_dishonesty", "",
            {{"clause", t.credit_clause}});
  }
  if (x.credit.records_in_two_years && *x.credit.records_in_two_years > 0) {
    r.raise("CREDIT_RECORDS_FOUND", "credit_report", "credit.records_in_two_years",
            "records_in_two_years = " + std::to_string(*x.credit.records_in_two_years),
            {{"count", std::to_string(*x.credit.records_in_two_years)},
             {"years", std::to_string(t.credit_lookback_years)},
             {"clause", t.credit_clause}});
  }

  if (x.audit.fiscal_year) {
    const int year = application_year(s, run_year);
    const int expected = year - t.audit_years_before_application;
    if (*x.audit.fiscal_year != expected) {
      const bool dated = form_year(s).has_value();
      r.raise("AUDIT_YEAR_MISMATCH", "audit_report", "audit.fiscal_year",
              "application year " + std::to_string(year) +
                  (dated ? " (application.date)" : " (run date)") + ", audit fiscal year " +
                  std::to_string(*x.audit.fiscal_year),
              {{"found", std::to_string(*x.audit.fiscal_year)},
               {"expected", std::to_string(expected)},
               {"clause", t.audit_clause}});
    }
  }

  if (x.audit.total_assets_fen && x.audit.total_liabilities_fen && x.audit.owners_equity_fen) {
    int64_t sum;
    const bool overflow =
        __builtin_add_overflow(*x.audit.total_liabilities_fen, *x.audit.owners_equity_fen, &sum);
    std::optional<int64_t> diff =
        overflow ? std::nullopt : abs_difference(*x.audit.total_assets_fen, sum);
    if (!diff || *diff > t.audit_balance_tolerance_fen) {
      r.raise("AUDIT_UNBALANCED", "audit_report", "audit.total_assets_fen",
              "assets " + std::to_string(*x.audit.total_assets_fen) + " fen, liabilities " +
                  std::to_string(*x.audit.total_liabilities_fen) + " fen, equity " +
                  std::to_string(*x.audit.owners_equity_fen) + " fen",
              {{"assets", format_yuan(*x.audit.total_assets_fen)},
               {"liabilities", format_yuan(*x.audit.total_liabilities_fen)},
               {"equity", format_yuan(*x.audit.owners_equity_fen)},
               {"sum", overflow ? "—" : format_yuan(sum)},
               {"difference", diff ? format_yuan(*diff) : "—"}});
    }
  }

  check_investment(policy, s, r);

  if (const CategoryRule* c = policy.category(s.category)) {
    check_hardware(*c, s, r);
    if (c->parameters_exceed && x.project.parameters &&
        *x.project.parameters <= *c->parameters_exceed) {
      r.raise("PARAMETERS_BELOW_THRESHOLD", "project_report", "project.parameters",
              "parameters = " + std::to_string(*x.project.parameters) + ", must exceed " +
                  std::to_string(*c->parameters_exceed),
              {{"parameters", format_parameters_zh(*x.project.parameters)},
               {"parameters_en", format_parameters_en(*x.project.parameters)},
               {"threshold", format_parameters_zh(*c->parameters_exceed)},
               {"clause", c->parameters_clause}});
    }
    const Subsidy& sub = s.subsidy;
    const auto& requested = x.application.requested_fen;
    if (requested && sub.max_award_fen) {
      if (*requested > *sub.max_award_fen) {
        r.raise("REQUEST_EXCEEDS_CAP", "application_form", "application.requested_fen",
                "requested " + std::to_string(*requested) + " fen, max award " +
                    std::to_string(*sub.max_award_fen) + " fen",
                {{"requested", format_yuan(*requested)},
                 {"max_award", format_yuan(*sub.max_award_fen)}});
      }
    } else if (requested && *requested > c->award.cap_fen) {
      r.raise("REQUEST_EXCEEDS_CAP", "application_form", "application.requested_fen",
              "requested " + std::to_string(*requested) + " fen, category cap " +
                  std::to_string(c->award.cap_fen) + " fen (award unknown)",
              {{"variant", "cap"},
               {"requested", format_yuan(*requested)},
               {"cap", format_yuan(c->award.cap_fen)},
               {"clause", c->award.clause}});
    }
  }
  return out;
}

}  // namespace shenbao
