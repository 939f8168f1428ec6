#include "pipeline/judge/completeness.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "pipeline/emit/submission_json.h"

namespace shenbao {

namespace {

using nlohmann::json;

// What a constrained location of the schema stands for.
struct Target {
  enum class Kind { kMaterial, kEvidence } kind = Kind::kMaterial;
  std::string material;  // kMaterial
  size_t evidence = 0;   // kEvidence: index into the category's evidence
  size_t check = 0;      // kEvidence: index into the rule's checks
};

std::vector<std::string> split_dots(const std::string& dotted) {
  std::vector<std::string> parts;
  std::stringstream ss(dotted);
  std::string part;
  while (std::getline(ss, part, '.')) parts.push_back(part);
  return parts;
}

// Walks (creating) nested object schemas along `parts` under `node`, each key required.
json& ensure_object_path(json& node, const std::vector<std::string>& parts) {
  json* cur = &node;
  for (const std::string& part : parts) {
    (*cur)["type"] = "object";
    json& required = (*cur)["required"];
    if (!required.is_array()) required = json::array();
    if (std::find(required.begin(), required.end(), part) == required.end()) {
      required.push_back(part);
    }
    cur = &(*cur)["properties"][part];
  }
  return *cur;
}

std::vector<std::string> sealed_materials(const Policy& policy) {
  std::vector<std::string> out;
  for (const MaterialRule& m : policy.materials) {
    if (m.must_seal) out.push_back(m.id);
  }
  return out;
}

// The schema plus, alongside it, what each leaf location means ("/materials/x/present").
json generate(const Policy& policy, const std::string& category_id,
              std::map<std::string, Target>* targets) {
  const CategoryRule* category = policy.category(category_id);
  const std::string category_key = category ? category->id : "unknown";
  json schema = {
      {"$schema", "http://json-schema.org/draft-07/schema#"},
      {"$id", "https://shenbao.local/schemas/completeness/" +
                  completeness_schema_file_name(policy, category_key)},
      {"title", policy.title + "：申报材料完整性（" +
                    (category ? category->name_zh + "，" + category->clause
                              : std::string("申报类别未确定")) +
                    "）"},
      {"description",
       "Generated from schemas/policy/" + policy.id +
           ".json by shenbao (pipeline/judge/completeness.cc); do not edit. A submission.json "
           "that satisfies it is complete for this category: required materials present, "
           "documents of materials that must be sealed not unsealed, category evidence found."},
      {"type", "object"},
      {"required", {"materials", "documents", "extracted"}},
  };

  // Required materials present.
  json materials = {
      {"type", "object"}, {"required", json::array()}, {"properties", json::object()}};
  for (const std::string& id : policy.required_materials(category_key)) {
    const MaterialRule& m = *policy.material(id);
    materials["required"].push_back(id);
    materials["properties"][id] = {
        {"type", "object"},
        {"required", {"present"}},
        {"properties",
         {{"present",
           {{"const", true},
            {"description", m.clause + " " + m.name_zh + "：必需材料（MATERIAL_MISSING）"}}}}}};
    (*targets)["/materials/" + id + "/present"] = {Target::Kind::kMaterial, id, 0, 0};
  }
  schema["properties"]["materials"] = std::move(materials);

  // Documents of materials that must be sealed: not shown unsealed.
  const std::vector<std::string> sealed = sealed_materials(policy);
  json documents = {{"type", "array"}};
  if (!sealed.empty()) {
    const json is_sealed_material = {{"enum", sealed}};
    documents["items"] = {
        {"if",
         {{"anyOf",
           {{{"required", {"material"}}, {"properties", {{"material", is_sealed_material}}}},
            {{"required", {"sections"}},
             {"properties",
              {{"sections",
                {{"contains", {{"properties", {{"material", is_sealed_material}}}}}}}}}}}}}},
        {"then",
         {{"properties",
           {{"sealed",
             {{"not", {{"const", false}}},
              {"description",
               policy.seal_clause + " 申报材料均需加盖企业公章（SEAL_MISSING）"}}}}}}}};
  }
  schema["properties"]["documents"] = std::move(documents);

  // Category evidence.
  json extracted = {{"type", "object"}};
  if (category) {
    for (size_t e = 0; e < category->evidence.size(); ++e) {
      const EvidenceRule& rule = category->evidence[e];
      if (rule.finding.empty()) continue;  // documented, not a completeness condition
      for (size_t k = 0; k < rule.checks.size(); ++k) {
        const EvidenceCheck& check = rule.checks[k];
        json& leaf = ensure_object_path(extracted, split_dots(check.field));
        if (check.rule == EvidenceCheck::Rule::kPresent) {
          leaf["not"] = {{"type", "null"}};
        } else {
          leaf["enum"] = check.values;
        }
        leaf["description"] = rule.clause + " " + rule.name_zh + "（" + rule.finding + "）";
        std::string path = "/extracted";
        for (const std::string& part : split_dots(check.field)) path += "/" + part;
        (*targets)[path] = {Target::Kind::kEvidence, "", e, k};
      }
    }
  }
  schema["properties"]["extracted"] = std::move(extracted);
  return schema;
}

// valijson's context {"<root>", "[documents]", "[3]", "[sealed]"} → "/documents/3/sealed".
std::string context_path(const std::vector<std::string>& context) {
  std::string path;
  for (const std::string& part : context) {
    if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
      std::string key = part.substr(1, part.size() - 2);
      // valijson quotes property names that look like numbers: strip the quotes.
      if (key.size() >= 2 && key.front() == '"' && key.back() == '"') {
        key = key.substr(1, key.size() - 2);
      }
      path += "/" + key;
    }
  }
  return path;
}

// "Missing required property 'number'." → "number"
std::string missing_property(const std::string& description) {
  static const std::string kPrefix = "Missing required property '";
  if (description.rfind(kPrefix, 0) != 0) return "";
  const size_t end = description.find('\'', kPrefix.size());
  if (end == std::string::npos) return "";
  return description.substr(kPrefix.size(), end - kPrefix.size());
}

std::string value_text(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

const json* find_path(const json& root, const std::string& dotted) {
  const json* cur = &root;
  for (const std::string& part : split_dots(dotted)) {
    if (!cur->is_object() || !cur->contains(part)) return nullptr;
    cur = &(*cur)[part];
  }
  return cur;
}

}  // namespace

std::string completeness_schema_file_name(const Policy& policy, const std::string& category) {
  return policy.id + "." + (policy.category(category) ? category : "unknown") + ".schema.json";
}

json completeness_schema(const Policy& policy, const std::string& category) {
  std::map<std::string, Target> targets;
  return generate(policy, category, &targets);
}

std::vector<std::string> completeness_categories(const Policy& policy) {
  std::vector<std::string> out;
  for (const CategoryRule& c : policy.categories) out.push_back(c.id);
  out.push_back("unknown");
  return out;
}

std::string completeness_schema_text(const Policy& policy, const std::string& category) {
  return completeness_schema(policy, category).dump(2) + "\n";
}

Status write_completeness_schemas(const Policy& policy, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir.string() + ": " + ec.message());
  for (const std::string& c : completeness_categories(policy)) {
    Status st = write_file_atomic(dir / completeness_schema_file_name(policy, c),
                                  completeness_schema_text(policy, c));
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

struct CompletenessValidator::Impl {
  valijson::Schema schema;
  std::map<std::string, Target> targets;
  std::set<std::string> sealed;  // materials that must be sealed
};

CompletenessValidator::CompletenessValidator() : impl_(std::make_unique<Impl>()) {}
CompletenessValidator::~CompletenessValidator() = default;

Result<std::shared_ptr<const CompletenessValidator>> CompletenessValidator::build(
    const Policy& policy, const std::string& category) {
  std::shared_ptr<CompletenessValidator> v(new CompletenessValidator());
  v->category_ = policy.category(category) ? category : "unknown";
  v->schema_ = generate(policy, v->category_, &v->impl_->targets);
  for (const std::string& id : sealed_materials(policy)) v->impl_->sealed.insert(id);
  try {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(v->schema_);
    parser.populateSchema(adapter, v->impl_->schema);
  } catch (const std::exception& e) {  // valijson reports bad schemas by throwing
    return Status::Internal("completeness schema of " + v->category_ + ": " + e.what());
  }
  return std::shared_ptr<const CompletenessValidator>(std::move(v));
}

std::vector<std::string> CompletenessValidator::violations(const json& doc) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  std::vector<std::string> out;
  if (validator.validate(impl_->schema, adapter, &results)) return out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string where;
    for (const std::string& part : error.context) where += part;
    out.push_back(where + ": " + error.description);
  }
  return out;
}

std::vector<Finding> CompletenessValidator::check(const json& doc, const Policy& policy,
                                                  const FindingCatalog& catalog) const {
  std::vector<Finding> findings;
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(doc);
  if (validator.validate(impl_->schema, adapter, &results)) return findings;

  // Leaf violations by location; parents ("Failed to validate against schema associated
  // with property …") carry no new information and map to nothing.
  std::map<std::string, std::string> hits;  // path → description
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path = context_path(error.context);
    const std::string missing = missing_property(error.description);
    if (missing.empty()) {
      hits.emplace(path, error.description);
      continue;
    }
    // A missing key fails every location below it ("materials.x" → "materials.x.present").
    path += "/" + missing;
    for (const auto& [target, what] : impl_->targets) {
      if (target == path || target.rfind(path + "/", 0) == 0) {
        hits.emplace(target, error.description);
      }
    }
  }

  // MATERIAL_MISSING, in the order of section 七.
  for (const MaterialRule& m : policy.materials) {
    auto hit = hits.find("/materials/" + m.id + "/present");
    if (hit == hits.end() || !impl_->targets.count(hit->first)) continue;
    findings.push_back(make_finding(
        catalog, "MATERIAL_MISSING", m.id, "", std::nullopt,
        "materials." + m.id + ".present: " + hit->second,
        {{"material_name", m.name_zh}, {"material_name_en", m.name_en}, {"clause", m.clause}}));
  }

  // SEAL_MISSING, one per document, in document order.
  const json& documents = doc.contains("documents") ? doc["documents"] : json::array();
  for (size_t i = 0; i < documents.size(); ++i) {
    auto hit = hits.find("/documents/" + std::to_string(i) + "/sealed");
    if (hit == hits.end()) continue;
    const json& d = documents[i];
    std::string material = d.value("material", "");
    if (!impl_->sealed.count(material) && d.contains("sections")) {
      for (const json& s : d["sections"]) {
        if (impl_->sealed.count(s.value("material", ""))) {
          material = s.value("material", "");
          break;
        }
      }
    }
    const MaterialRule* m = policy.material(material);
    findings.push_back(make_finding(catalog, "SEAL_MISSING", m ? material : "", d.value("path", ""),
                                    std::nullopt,
                                    "documents[" + std::to_string(i) + "].sealed is false",
                                    {{"material_name", m ? m->name_zh : material},
                                     {"material_name_en", m ? m->name_en : material},
                                     {"clause", policy.seal_clause}}));
  }

  // Category evidence: one finding per rule, named after its first failing check.
  const CategoryRule* category = policy.category(category_);
  if (category) {
    std::map<size_t, size_t> failed;  // evidence index → first failing check
    for (const auto& [path, description] : hits) {
      auto t = impl_->targets.find(path);
      if (t == impl_->targets.end() || t->second.kind != Target::Kind::kEvidence) continue;
      auto [it, inserted] = failed.emplace(t->second.evidence, t->second.check);
      if (!inserted && t->second.check < it->second) it->second = t->second.check;
    }
    const json extracted = doc.contains("extracted") ? doc["extracted"] : json::object();
    for (const auto& [e, k] : failed) {
      const EvidenceRule& rule = category->evidence[e];
      const EvidenceCheck& check = rule.checks[k];
      const MaterialRule* m = policy.material(rule.material);
      std::map<std::string, std::string> params = {
          {"evidence_name", rule.name_zh},
          {"evidence_name_en", rule.name_en},
          {"clause", rule.clause},
          {"category_name", category->name_zh},
          {"category_name_en", category->name_en},
          {"material_name", m ? m->name_zh : rule.material},
          {"material_name_en", m ? m->name_en : rule.material},
      };
      if (!check.variant.empty()) params["variant"] = check.variant;
      // The checked values by their last key ("number", "kind"), for the message.
      for (const EvidenceCheck& c : rule.checks) {
        const json* v = find_path(extracted, c.field);
        params[split_dots(c.field).back()] = v ? value_text(*v) : "";
      }
      const json* v = find_path(extracted, check.field);
      findings.push_back(make_finding(
          catalog, rule.finding, rule.material, "", std::nullopt,
          "extracted." + check.field + " = " + (v ? v->dump() : std::string("(absent)")),
          std::move(params)));
    }
  }
  return findings;
}

}  // namespace shenbao
