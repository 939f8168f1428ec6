#include "pipeline/judge/finding_catalog.h"

#include <fstream>
#include <sstream>

namespace shenbao {

namespace {

using nlohmann::json;

bool parse_severity(const std::string& s, Severity* out) {
  if (s == "error")
    *out = Severity::kError;
  else if (s == "warning")
    *out = Severity::kWarning;
  else if (s == "info")
    *out = Severity::kInfo;
  else
    return false;
  return true;
}

Status parse_template(const json& j, const std::string& where, bool severity_required,
                      FindingTemplate* t) {
  if (!j.is_object()) return Status::InvalidArgument("findings: " + where + " is not an object");
  if (j.contains("severity")) {
    if (!j["severity"].is_string() ||
        !parse_severity(j["severity"].get<std::string>(), &t->severity)) {
      return Status::InvalidArgument("findings: " + where + ".severity is not error|warning|info");
    }
  } else if (severity_required) {
    return Status::InvalidArgument("findings: " + where + ".severity missing");
  }
  for (const char* lang : {"zh", "en"}) {
    if (!j.contains(lang) || !j[lang].is_string() || j[lang].get<std::string>().empty()) {
      return Status::InvalidArgument("findings: " + where + "." + lang + " missing");
    }
  }
  t->zh = j["zh"].get<std::string>();
  t->en = j["en"].get<std::string>();
  return Status::Ok();
}

}  // namespace

const FindingKind* FindingCatalog::find(const std::string& code) const {
  auto it = codes.find(code);
  return it == codes.end() ? nullptr : &it->second;
}

const FindingTemplate* FindingCatalog::template_for(const std::string& code,
                                                    const std::string& variant) const {
  const FindingKind* k = find(code);
  if (!k) return nullptr;
  if (!variant.empty()) {
    auto it = k->variants.find(variant);
    if (it != k->variants.end()) return &it->second;
  }
  return &k->base;
}

Result<FindingCatalog> parse_finding_catalog(const json& doc) {
  if (!doc.is_object() || !doc.contains("codes") || !doc["codes"].is_object()) {
    return Status::InvalidArgument("findings: no \"codes\" object");
  }
  FindingCatalog c;
  for (const auto& [code, j] : doc["codes"].items()) {
    FindingKind k;
    k.code = code;
    Status st = parse_template(j, code, /*severity_required=*/true, &k.base);
    if (!st.ok()) return st;
    const std::string verdict = j.value("verdict", "");
    if (verdict == "ineligible")
      k.verdict = VerdictClass::kIneligible;
    else if (verdict == "incomplete")
      k.verdict = VerdictClass::kIncomplete;
    else if (verdict == "review")
      k.verdict = VerdictClass::kReview;
    else
      return Status::InvalidArgument("findings: " + code +
                                     ".verdict is not ineligible|incomplete|review");
    if (j.contains("variants")) {
      if (!j["variants"].is_object()) {
        return Status::InvalidArgument("findings: " + code + ".variants is not an object");
      }
      for (const auto& [name, v] : j["variants"].items()) {
        FindingTemplate t;
        t.severity = k.base.severity;  // a variant keeps the code's severity unless it says
        st = parse_template(v, code + ".variants." + name, /*severity_required=*/false, &t);
        if (!st.ok()) return st;
        k.variants.emplace(name, std::move(t));
      }
    }
    c.codes.emplace(code, std::move(k));
  }
  return c;
}

Result<FindingCatalog> load_finding_catalog(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot open finding catalog " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return Status::InvalidArgument("finding catalog is not JSON: " + file.string());
  }
  return parse_finding_catalog(doc);
}

std::filesystem::path finding_catalog_path(const std::filesystem::path& schemas_dir) {
  return schemas_dir / "findings.json";
}

std::string render_template(const std::string& tmpl,
                            const std::map<std::string, std::string>& params,
                            std::vector<std::string>* missing) {
  std::string out;
  out.reserve(tmpl.size());
  size_t i = 0;
  while (i < tmpl.size()) {
    const size_t open = tmpl.find('{', i);
    if (open == std::string::npos) {
      out.append(tmpl, i, std::string::npos);
      break;
    }
    const size_t close = tmpl.find('}', open + 1);
    if (close == std::string::npos) {
      out.append(tmpl, i, std::string::npos);
      break;
    }
    out.append(tmpl, i, open - i);
    const std::string name = tmpl.substr(open + 1, close - open - 1);
    auto it = params.find(name);
    if (it != params.end()) {
      out += it->second;
    } else {
      out.append(tmpl, open, close - open + 1);
      if (missing) missing->push_back(name);
    }
    i = close + 1;
  }
  return out;
}

namespace {

std::map<std::string, std::string> with_location(std::map<std::string, std::string> params,
                                                 const std::string& document,
                                                 std::optional<int> page) {
  params.emplace("document", document);
  params.emplace("page", page ? std::to_string(*page) : "");
  return params;
}

}  // namespace

Finding make_finding(const FindingCatalog& catalog, const std::string& code,
                     const std::string& material, const std::string& document,
                     std::optional<int> page, const std::string& detail,
                     std::map<std::string, std::string> params) {
  Finding f;
  f.code = code;
  f.material = material;
  f.document = document;
  f.page = page;
  f.detail = detail;
  const std::string variant = params.count("variant") ? params.at("variant") : "";
  const FindingTemplate* t = catalog.template_for(code, variant);
  if (t) {
    f.severity = t->severity;
    f.message = render_template(t->zh, with_location(params, document, page));
  } else {
    f.severity = Severity::kError;
    f.message = code;
  }
  f.params = std::move(params);
  return f;
}

std::string render_message(const FindingCatalog& catalog, const Finding& f, Lang lang) {
  if (lang == Lang::kZh) return f.message;
  const std::string variant = f.params.count("variant") ? f.params.at("variant") : "";
  const FindingTemplate* t = catalog.template_for(f.code, variant);
  if (!t) return f.message;
  std::vector<std::string> missing;
  std::string out = render_template(t->en, with_location(f.params, f.document, f.page), &missing);
  return missing.empty() ? out : f.message;
}

std::string render_message(const FindingCatalog& catalog, const nlohmann::json& finding,
                           Lang lang) {
  Finding f;
  if (!finding.is_object()) return "";
  auto text = [&finding](const char* key) {
    auto it = finding.find(key);
    return it != finding.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  f.code = text("code");
  f.message = text("message");
  f.document = text("document");
  if (finding.contains("page") && finding["page"].is_number_integer()) {
    f.page = finding["page"].get<int>();
  }
  if (finding.contains("params") && finding["params"].is_object()) {
    for (const auto& [key, value] : finding["params"].items()) {
      if (value.is_string()) f.params[key] = value.get<std::string>();
    }
  }
  return render_message(catalog, f, lang);
}

std::string format_yuan(int64_t fen) {
  const bool negative = fen < 0;
  // Work in unsigned so that INT64_MIN does not overflow on negation.
  uint64_t v = negative ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  const uint64_t yuan = v / 100, cents = v % 100;
  std::string digits = std::to_string(yuan);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  std::string out = negative ? "-" : "";
  out += grouped + '.' + (cents < 10 ? "0" : "") + std::to_string(cents) + "元";
  return out;
}

std::string format_percent_bp(int64_t bp) {
  std::string out = std::to_string(bp / 100);
  const int64_t frac = bp % 100;
  if (frac != 0) {
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
  }
  return out + "%";
}

}  // namespace shenbao
