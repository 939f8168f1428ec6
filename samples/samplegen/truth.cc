#include "truth.h"

#include <set>

#include "award.h"
#include "facts.h"
#include "pipeline/core/text.h"
#include "uscc.h"

namespace samplegen {

using nlohmann::json;

namespace {

template <typename T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

bool present(const GeneratedBundle& b, Material m) {
  for (const auto& d : b.documents) {
    if (d.material == m && d.status == "ok") return true;
    for (const auto& s : d.sections)
      if (s.material == m) return true;
  }
  return false;
}

json extracted(const GeneratedBundle& b) {
  const Facts& f = b.facts;
  const BundlePlan& plan = b.plan;
  json x;

  if (present(b, Material::kApplicationForm)) {
    x["application"] = {{"project_name", f.app.project_name},
                        {"category_text", f.app.category_text},
                        {"requested_fen", f.app.requested_fen},
                        {"date", f.app.date.iso()}};
  } else {
    x["application"] = {
        {"project_name", nullptr}, {"category_text", nullptr}, {"requested_fen", nullptr}};
  }

  x["license"] = {{"uscc", f.uscc_for(Material::kBusinessLicense)},
                  {"name", f.name_for(Material::kBusinessLicense)},
                  {"address", f.company.address},
                  {"legal_representative", f.company.legal_rep}};

  if (present(b, Material::kCreditReport)) {
    x["credit"] = {{"report_date", f.credit.report_date.iso()},
                   {"serious_dishonesty", f.credit.serious_dishonesty},
                   {"records_in_two_years", f.credit.records_in_two_years()}};
  } else {
    x["credit"] = {{"report_date", nullptr},
                   {"serious_dishonesty", nullptr},
                   {"records_in_two_years", nullptr}};
  }

  if (present(b, Material::kAuditReport)) {
    const Audit& a = f.audit;
    x["audit"] = {{"fiscal_year", a.fiscal_year},
                  {"total_assets_fen", a.total_assets_fen},
                  {"total_liabilities_fen", a.total_liabilities_fen},
                  {"owners_equity_fen", a.owners_equity_fen},
                  {"revenue_fen", a.revenue_fen},
                  {"net_profit_fen", a.net_profit_fen},
                  {"rd_expense_fen", a.rd_expense_fen}};
  } else {
    x["audit"] = {{"fiscal_year", nullptr},           {"total_assets_fen", nullptr},
                  {"total_liabilities_fen", nullptr}, {"owners_equity_fen", nullptr},
                  {"revenue_fen", nullptr},           {"net_profit_fen", nullptr},
                  {"rd_expense_fen", nullptr}};
  }

  if (present(b, Material::kInvestmentTable)) {
    const Investment& inv = f.investment;
    json rows = json::array();
    for (const auto& r : inv.rows)
      rows.push_back({{"category", inv_category_id(r.category)},
                      {"item", r.item},
                      {"amount_fen", r.amount_fen}});
    x["investment"] = {{"rows", rows},
                       {"total_fen", inv.total_fen()},
                       {"stated_total_fen", inv.stated_total_fen},
                       {"hardware_share", inv.hardware_share()}};
  } else {
    x["investment"] = {{"rows", json::array()},
                       {"total_fen", nullptr},
                       {"stated_total_fen", nullptr},
                       {"hardware_share", nullptr}};
  }

  const bool report = present(b, Material::kProjectReport);
  x["project"] = {
      {"total_investment_fen", report ? json(f.project.total_investment_fen) : json(nullptr)},
      {"parameters", report && f.model ? json(f.model->parameters) : json(nullptr)}};

  if (f.model && !f.model->filing_number.empty())
    x["filing"] = {{"number", f.model->filing_number}, {"kind", f.model->filing_kind}};
  else
    x["filing"] = {{"number", nullptr}, {"kind", nullptr}};

  if (f.adaptation && present(b, Material::kEligibilityProof))
    x["adaptation"] = {{"industries", f.adaptation->industries}};
  else
    x["adaptation"] = {{"industries", nullptr}};

  if (f.security && present(b, Material::kEligibilityProof))
    x["security"] = {{"product_name", f.security->product},
                     {"lab_name", f.security->lab},
                     {"test_fee_fen", f.security->fee_fen},
                     {"first_pass", f.security->first_pass}};
  else
    x["security"] = {{"product_name", nullptr},
                     {"lab_name", nullptr},
                     {"test_fee_fen", nullptr},
                     {"first_pass", nullptr}};
  (void)plan;
  return x;
}

}  // namespace

json make_truth_json(const GeneratedBundle& b) {
  const Facts& f = b.facts;
  const BundlePlan& plan = b.plan;
  json j;
  j["source"] = b.source;
  j["bundle_id"] = b.is_folder ? b.source : b.source.substr(0, b.source.size() - 4);
  j["category"] = plan.has(Defect::kCategoryUnknown) ? "unknown" : category_id(f.category);
  const std::string code = f.uscc_for(Material::kBusinessLicense);
  j["applicant"] = {{"name", f.name_for(Material::kBusinessLicense)},
                    {"uscc", code},
                    {"uscc_valid", uscc_is_valid(code)},
                    {"address", f.company.address},
                    {"in_songjiang", f.company.in_songjiang},
                    {"legal_representative", f.company.legal_rep}};

  json docs = json::array();
  for (const auto& d : b.documents) {
    json o;
    o["path"] = d.path;
    if (d.material) o["material"] = material_id(*d.material);
    o["sealed"] = opt(d.sealed);
    o["seal_pages"] = d.seal_pages;
    o["status"] = d.status;
    if (!d.format.empty()) o["format"] = d.format;
    if (d.pages) o["pages"] = *d.pages;
    if (!d.sha256.empty()) o["sha256"] = d.sha256;
    if (!d.sections.empty()) {
      json s = json::array();
      for (const auto& sec : d.sections)
        s.push_back({{"material", material_id(sec.material)},
                     {"first_page", sec.first_page},
                     {"last_page", sec.last_page}});
      o["sections"] = s;
    }
    docs.push_back(o);
  }
  j["documents"] = docs;
  j["extracted"] = extracted(b);

  std::set<std::string> codes;
  json details = json::array();
  for (const auto& t : b.findings) {
    codes.insert(t.code);
    json o = {{"code", t.code}};
    if (t.material) o["material"] = material_id(*t.material);
    if (!t.document.empty()) o["document"] = t.document;
    details.push_back(o);
  }
  j["findings"] = json(std::vector<std::string>(codes.begin(), codes.end()));
  j["finding_details"] = details;

  const Award a = compute_award(award_inputs(f, plan));
  j["subsidy"] = {{"rate", opt(a.rate)},
                  {"cap_fen", opt(a.cap_fen)},
                  {"eligible_cost_fen", opt(a.eligible_cost_fen)},
                  {"max_award_fen", opt(a.max_award_fen)},
                  {"requested_fen", opt(a.requested_fen)},
                  {"tier", opt(a.tier)}};
  j["verdict"] = verdict_for(codes);
  j["defects"] = b.defects;
  return j;
}

}  // namespace samplegen
