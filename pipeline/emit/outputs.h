// The run's outputs under OUT (contract.md, "Outputs under OUT"):
//   OUT/<bundle id>/submission.json   one record, schema-checked, written atomically
//   OUT/submissions.jsonl             the latest record per bundle, one per line
//   OUT/summary.csv                   one row per bundle, UTF-8 with BOM (Excel shows Chinese)
//
// Every file is written to a temporary name and renamed, so a crash leaves the old or the
// new version, never half of one.
//
// Thread safety: call from one thread (the run's), not concurrently on the same OUT.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/core/status.h"

namespace shenbao {

// Writes OUT/<id>/submission.json (pretty, UTF-8). Creates the folder.
Status write_submission(const std::filesystem::path& out_dir, const nlohmann::json& submission);

// Reads OUT/submissions.jsonl into bundle id → record (lines that do not parse are skipped).
std::map<std::string, nlohmann::json> read_latest_records(const std::filesystem::path& out_dir);

// Rewrites OUT/submissions.jsonl from id → record, in bundle id order.
Status write_jsonl(const std::filesystem::path& out_dir,
                   const std::map<std::string, nlohmann::json>& records);

// The columns of summary.csv, in order.
const std::vector<std::string>& summary_columns();

// Rewrites OUT/summary.csv (BOM + header + one row per record, RFC 4180 quoting).
Status write_summary_csv(const std::filesystem::path& out_dir,
                         const std::map<std::string, nlohmann::json>& records);

// One CSV field, quoted when it holds a comma, quote, CR or LF; a leading = + - @ is
// prefixed with ' so spreadsheets never run it as a formula.
std::string csv_field(const std::string& value);

}  // namespace shenbao
