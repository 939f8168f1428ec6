// The pattern registry: every RE2 pattern the extractors use, loaded from schemas/ and
// compiled once at start-up.
//
// Patterns live in schemas/patterns.json as {"name": {"re": "...", "note": "..."}}; the code
// asks for them by name. A pattern that does not compile stops start-up with its name and
// RE2's error (misconfiguration is a bug of the deployment, not of an input).
//
// Thread safety: after load, a PatternSet is immutable and RE2 objects are thread-safe.
#pragma once

#include <re2/re2.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "pipeline/core/status.h"

namespace shenbao {

class PatternSet {
 public:
  // Loads and compiles every pattern of `file`. Errors name the pattern and RE2's error_arg.
  static Result<std::shared_ptr<const PatternSet>> load(const std::filesystem::path& file);
  // From a JSON text (for tests).
  static Result<std::shared_ptr<const PatternSet>> from_json(const std::string& json_text);

  // The compiled pattern; throws std::out_of_range when the name is unknown (a bug).
  const RE2& get(const std::string& name) const;
  bool has(const std::string& name) const { return patterns_.count(name) > 0; }

 private:
  std::map<std::string, std::unique_ptr<RE2>> patterns_;
};

// The schemas directory: $SHENBAO_SCHEMAS, else the source tree's schemas/ (set at build).
std::filesystem::path default_schemas_dir();

}  // namespace shenbao
