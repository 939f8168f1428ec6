#include "extractors/patterns.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace shenbao {

Result<std::shared_ptr<const PatternSet>> PatternSet::from_json(const std::string& json_text) {
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::InvalidArgument("patterns: not a JSON object");
  }
  auto set = std::make_shared<PatternSet>();
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  for (const auto& [name, entry] : doc.items()) {
    if (name.rfind("$", 0) == 0 || name.rfind("_", 0) == 0) continue;  // $schema, _comment
    if (!entry.is_object() || !entry.contains("re") || !entry["re"].is_string()) {
      return Status::InvalidArgument("pattern " + name + ": needs a string field \"re\"");
    }
    auto re = std::make_unique<RE2>(entry["re"].get<std::string>(), options);
    if (!re->ok()) {
      return Status::InvalidArgument("pattern " + name + ": " + re->error() + " at '" +
                                     re->error_arg() + "'");
    }
    set->patterns_.emplace(name, std::move(re));
  }
  return std::shared_ptr<const PatternSet>(std::move(set));
}

Result<std::shared_ptr<const PatternSet>> PatternSet::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  auto result = from_json(ss.str());
  if (!result.ok()) {
    return Status::InvalidArgument(file.string() + ": " + result.status().message());
  }
  return result;
}

const RE2& PatternSet::get(const std::string& name) const {
  auto it = patterns_.find(name);
  if (it == patterns_.end()) throw std::out_of_range("unknown pattern: " + name);
  return *it->second;
}

std::filesystem::path default_schemas_dir() {
  if (const char* env = std::getenv("SHENBAO_SCHEMAS"); env && *env) return env;
  return SHENBAO_DEFAULT_SCHEMAS_DIR;
}

}  // namespace shenbao
