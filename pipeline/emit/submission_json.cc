#include "pipeline/emit/submission_json.h"

#include <fcntl.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace shenbao {

namespace {

using nlohmann::json;

template <typename T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

// A count (parameters) as an integer when it is whole, so 1.3e11 reads 130000000000.
json count_json(const std::optional<double>& v) {
  if (!v) return nullptr;
  if (*v >= 0 && *v < 9.0e18 && std::floor(*v) == *v) return static_cast<int64_t>(*v);
  return *v;
}

json str_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json to_json(const Evidence& e) {
  json j = {{"document", e.document}, {"page", opt(e.page)}, {"snippet", e.snippet}};
  if (e.box) j["box"] = {e.box->x0, e.box->y0, e.box->x1, e.box->y1};
  if (e.uncertain) j["uncertain"] = true;
  return j;
}

json to_json(const DocumentRecord& d) {
  json j = {
      {"path", d.path},
      {"sha256", d.sha256},
      {"size", d.size},
      {"format", to_string(d.format)},
      {"pages", d.pages},
      {"text_source", to_string(d.text_source)},
      {"material", d.material},
      {"material_score", d.material_score},
      {"sealed", opt(d.sealed)},
      {"seal_pages", d.seal_pages},
      {"ocr_confidence", opt(d.ocr_confidence)},
      {"status", to_string(d.status)},
      {"error", str_or_null(d.error)},
  };
  if (!d.sections.empty()) {
    json sections = json::array();
    for (const Section& s : d.sections) {
      sections.push_back(
          {{"material", s.material}, {"first_page", s.first_page}, {"last_page", s.last_page}});
    }
    j["sections"] = std::move(sections);
  }
  return j;
}

json to_json(const Extracted& x) {
  json rows = json::array();
  for (const InvestmentRow& r : x.investment.rows) {
    rows.push_back({{"category", r.category}, {"item", r.item}, {"amount_fen", r.amount_fen}});
  }
  json evidence = json::object();
  for (const auto& [field, e] : x.evidence) evidence[field] = to_json(e);
  return {
      {"application",
       {{"project_name", opt(x.application.project_name)},
        {"category_text", opt(x.application.category_text)},
        {"requested_fen", opt(x.application.requested_fen)},
        {"date", opt(x.application.date)}}},
      {"license",
       {{"uscc", opt(x.license.uscc)},
        {"name", opt(x.license.name)},
        {"address", opt(x.license.address)},
        {"legal_representative", opt(x.license.legal_representative)}}},
      {"credit",
       {{"report_date", opt(x.credit.report_date)},
        {"serious_dishonesty", opt(x.credit.serious_dishonesty)},
        {"records_in_two_years", opt(x.credit.records_in_two_years)}}},
      {"audit",
       {{"fiscal_year", opt(x.audit.fiscal_year)},
        {"total_assets_fen", opt(x.audit.total_assets_fen)},
        {"total_liabilities_fen", opt(x.audit.total_liabilities_fen)},
        {"owners_equity_fen", opt(x.audit.owners_equity_fen)},
        {"revenue_fen", opt(x.audit.revenue_fen)},
        {"net_profit_fen", opt(x.audit.net_profit_fen)},
        {"rd_expense_fen", opt(x.audit.rd_expense_fen)}}},
      {"investment",
       {{"rows", rows},
        {"total_fen", opt(x.investment.total_fen)},
        {"stated_total_fen", opt(x.investment.stated_total_fen)},
        {"hardware_share", opt(x.investment.hardware_share)}}},
      {"project",
       {{"total_investment_fen", opt(x.project.total_investment_fen)},
        {"parameters", count_json(x.project.parameters)}}},
      {"filing", {{"number", opt(x.filing.number)}, {"kind", opt(x.filing.kind)}}},
      {"adaptation",
       {{"industries", x.adaptation.found ? json(x.adaptation.industries) : json(nullptr)}}},
      {"security",
       {{"product_name", opt(x.security.product_name)},
        {"lab_name", opt(x.security.lab_name)},
        {"test_fee_fen", opt(x.security.test_fee_fen)},
        {"first_pass", opt(x.security.first_pass)}}},
      {"evidence", evidence},
  };
}

}  // namespace

json to_json(const Finding& f) {
  return {{"code", f.code},
          {"severity", to_string(f.severity)},
          {"material", str_or_null(f.material)},
          {"document", str_or_null(f.document)},
          {"page", opt(f.page)},
          {"message", f.message},
          {"detail", str_or_null(f.detail)}};
}

json to_json(const Submission& s) {
  json documents = json::array();
  for (const DocumentRecord& d : s.documents) documents.push_back(to_json(d));
  json materials = json::object();
  for (const auto& [id, m] : s.materials) {
    materials[id] = {{"present", m.present},
                     {"required", m.required},
                     {"documents", m.documents},
                     {"sealed", opt(m.sealed)}};
  }
  json findings = json::array();
  for (const Finding& f : s.findings) findings.push_back(to_json(f));
  const Applicant& a = s.applicant;
  return {
      {"schema_version", s.schema_version},
      {"bundle",
       {{"id", s.bundle.id},
        {"source", s.bundle.source},
        {"sha256", s.bundle.sha256},
        {"processed_at", s.bundle.processed_at},
        {"pipeline_version", s.bundle.pipeline_version}}},
      {"category", s.category},
      {"category_evidence", s.category_evidence},
      {"applicant",
       {{"name", opt(a.name)},
        {"uscc", opt(a.uscc)},
        {"uscc_valid", opt(a.uscc_valid)},
        {"address", opt(a.address)},
        {"in_songjiang", opt(a.in_songjiang)},
        {"legal_representative", opt(a.legal_representative)}}},
      {"documents", documents},
      {"materials", materials},
      {"extracted", to_json(s.extracted)},
      {"findings", findings},
      {"subsidy",
       {{"rate", opt(s.subsidy.rate)},
        {"cap_fen", opt(s.subsidy.cap_fen)},
        {"eligible_cost_fen", opt(s.subsidy.eligible_cost_fen)},
        {"max_award_fen", opt(s.subsidy.max_award_fen)},
        {"requested_fen", opt(s.subsidy.requested_fen)},
        {"tier", opt(s.subsidy.tier)},
        {"steps", s.subsidy.steps}}},
      {"verdict", s.verdict},
  };
}

struct SchemaValidator::Impl {
  valijson::Schema schema;
};

SchemaValidator::SchemaValidator() : impl_(std::make_unique<Impl>()) {}
SchemaValidator::~SchemaValidator() = default;

Result<std::shared_ptr<const SchemaValidator>> SchemaValidator::load(
    const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot open schema " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::InvalidArgument("schema is not JSON: " + file.string());
  std::shared_ptr<SchemaValidator> v(new SchemaValidator());
  try {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, v->impl_->schema);
  } catch (const std::exception& e) {  // valijson reports bad schemas by throwing
    return Status::InvalidArgument("schema " + file.string() + ": " + e.what());
  }
  return std::shared_ptr<const SchemaValidator>(std::move(v));
}

std::vector<std::string> SchemaValidator::validate(const json& doc) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  std::vector<std::string> errors;
  if (validator.validate(impl_->schema, adapter, &results)) return errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string where;
    for (const std::string& part : error.context) where += part;
    errors.push_back(where + ": " + error.description);
  }
  if (errors.empty()) errors.push_back("invalid");
  return errors;
}

Status write_file_atomic(const std::filesystem::path& path, const std::string& content) {
  const std::filesystem::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError("cannot create " + tmp.string());
  size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      ::close(fd);
      std::remove(tmp.c_str());
      return Status::IoError("cannot write " + tmp.string());
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    std::remove(tmp.c_str());
    return Status::IoError("cannot flush " + tmp.string());
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IoError("cannot rename to " + path.string());
  }
  return Status::Ok();
}

}  // namespace shenbao
