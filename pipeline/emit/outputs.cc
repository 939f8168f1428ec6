#include "pipeline/emit/outputs.h"

#include <fstream>
#include <sstream>

#include "pipeline/emit/submission_json.h"

namespace shenbao {

namespace fs = std::filesystem;
using nlohmann::json;

Status write_submission(const fs::path& out_dir, const json& submission) {
  const fs::path dir = out_dir / submission.at("bundle").at("id").get<std::string>();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir.string() + ": " + ec.message());
  return write_file_atomic(dir / "submission.json", submission.dump(2) + "\n");
}

std::map<std::string, json> read_latest_records(const fs::path& out_dir) {
  std::map<std::string, json> records;
  std::ifstream in(out_dir / "submissions.jsonl", std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object() || !j.contains("bundle")) continue;
    const json& id = j["bundle"]["id"];
    if (id.is_string()) records[id.get<std::string>()] = std::move(j);
  }
  return records;
}

Status write_jsonl(const fs::path& out_dir, const std::map<std::string, json>& records) {
  std::string text;
  for (const auto& [id, record] : records) {
    text += record.dump();
    text += '\n';
  }
  return write_file_atomic(out_dir / "submissions.jsonl", text);
}

const std::vector<std::string>& summary_columns() {
  static const std::vector<std::string> kColumns = {
      "bundle_id", "source",        "processed_at", "applicant",  "uscc",
      "category",  "verdict",       "errors",       "warnings",   "documents",
      "missing_materials", "requested_yuan", "max_award_yuan", "report"};
  return kColumns;
}

std::string csv_field(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  out += '"';
  return out;
}

namespace {

std::string text_of(const json& j) {
  if (j.is_null()) return "";
  if (j.is_string()) return j.get<std::string>();
  return j.dump();
}

// Fen to a yuan string with two decimals ("1234.50"); empty for null.
std::string yuan(const json& fen) {
  if (!fen.is_number_integer()) return "";
  const int64_t v = fen.get<int64_t>();
  const int64_t a = v < 0 ? -v : v;
  std::ostringstream os;
  os << (v < 0 ? "-" : "") << a / 100 << '.' << (a % 100 < 10 ? "0" : "") << a % 100;
  return os.str();
}

}  // namespace

Status write_summary_csv(const fs::path& out_dir, const std::map<std::string, json>& records) {
  std::string text = "\xEF\xBB\xBF";  // BOM: Excel reads the file as UTF-8
  const auto& cols = summary_columns();
  for (size_t i = 0; i < cols.size(); ++i) text += (i ? "," : "") + cols[i];
  text += "\r\n";
  for (const auto& [id, r] : records) {
    int errors = 0, warnings = 0;
    const json findings = r.value("findings", json::array());
    for (const json& f : findings) {
      const std::string sev = f.value("severity", "");
      errors += sev == "error";
      warnings += sev == "warning";
    }
    std::string missing;
    const json materials = r.value("materials", json::object());  // keep alive for items()
    for (const auto& [mid, m] : materials.items()) {
      if (m.value("required", false) && !m.value("present", false)) {
        missing += (missing.empty() ? "" : " ") + mid;
      }
    }
    const json applicant = r.value("applicant", json::object());
    const json subsidy = r.value("subsidy", json::object());
    const std::vector<std::string> row = {
        id,
        text_of(r["bundle"].value("source", json())),
        text_of(r["bundle"].value("processed_at", json())),
        text_of(applicant.value("name", json())),
        text_of(applicant.value("uscc", json())),
        text_of(r.value("category", json())),
        text_of(r.value("verdict", json())),
        std::to_string(errors),
        std::to_string(warnings),
        std::to_string(r.value("documents", json::array()).size()),
        missing,
        yuan(subsidy.value("requested_fen", json())),
        yuan(subsidy.value("max_award_fen", json())),
        id + "/report.html"};
    for (size_t i = 0; i < row.size(); ++i) text += (i ? "," : "") + csv_field(row[i]);
    text += "\r\n";
  }
  return write_file_atomic(out_dir / "summary.csv", text);
}

}  // namespace shenbao
