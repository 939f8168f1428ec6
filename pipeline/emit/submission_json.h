// submission.json: the Submission record as the contract's JSON, and its schema check.
//
// to_json is the one place that spells the contract's keys. SchemaValidator loads
// schemas/submission.schema.json once (valijson, draft-07) and checks any JSON against it.
//
// Thread safety: to_json is pure. A SchemaValidator is immutable after construction and may
// be shared by threads.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/core/status.h"
#include "pipeline/core/submission.h"

namespace shenbao {

nlohmann::json to_json(const Submission& s);
nlohmann::json to_json(const Finding& f);

class SchemaValidator {
 public:
  // Loads and parses a JSON Schema file. Errors: kNotFound, kInvalidArgument (bad schema).
  static Result<std::shared_ptr<const SchemaValidator>> load(const std::filesystem::path& file);
  ~SchemaValidator();

  // Empty when `doc` is valid; otherwise one line per violation ("/documents/0/format: ...").
  std::vector<std::string> validate(const nlohmann::json& doc) const;

 private:
  SchemaValidator();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes `content` to `path` atomically: a temporary file in the same folder, fsync, rename.
// Readers see the old file or the new one, never a half-written one.
Status write_file_atomic(const std::filesystem::path& path, const std::string& content);

}  // namespace shenbao
