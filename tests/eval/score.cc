#include "tests/eval/score.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include "pipeline/core/text.h"

namespace shenbao::eval {

using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// Scorecard

void Scorecard::add_counts(const std::string& name, int64_t correct, int64_t total) {
  Figure& f = figures_[name];
  f.correct += correct;
  f.total += total;
}

void Scorecard::merge(const Scorecard& other) {
  for (const auto& [name, f] : other.figures_) add_counts(name, f.correct, f.total);
}

Figure Scorecard::get(const std::string& name) const {
  const auto it = figures_.find(name);
  return it == figures_.end() ? Figure{} : it->second;
}

json Scorecard::to_json() const {
  json out = json::object();
  for (const auto& [name, f] : figures_) {
    json fig = {{"correct", f.correct}, {"total", f.total}, {"ratio", f.ratio()}};
    if (name == kWrongCodeReportedValid) fig["lower_is_better"] = true;
    out[name] = std::move(fig);
  }
  return out;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Value comparison

// The member `key` of `obj`, or nullptr when `obj` is absent, not an object or lacks the key.
const json* member(const json* obj, std::string_view key) {
  if (obj == nullptr || !obj->is_object()) return nullptr;
  const auto it = obj->find(key);
  return it == obj->end() ? nullptr : &*it;
}

const std::string& str(const json& v) { return v.get_ref<const std::string&>(); }

// Absent, null, an empty array, or an object holding nothing but such values.
bool is_nullish(const json* v) {
  if (v == nullptr || v->is_null()) return true;
  if (v->is_array()) return v->empty();
  if (v->is_object()) {
    for (const auto& item : *v) {
      if (!is_nullish(&item)) return false;
    }
    return true;
  }
  return false;
}

std::string show(const json* v) {
  if (v == nullptr) return "absent";
  return v->dump(-1, ' ', false, json::error_handler_t::replace);
}

// A comparable spelling of a value: strings normalised, object members sorted with null members
// and "item" (free-text row names) dropped, arrays sorted (order never matters here).
std::string canonical(const json& v) {
  if (v.is_string()) return "\"" + normalise_for_compare(str(v)) + "\"";
  if (v.is_object()) {
    std::string s = "{";
    for (const auto& [k, x] : v.items()) {  // object keys iterate sorted
      if (k == "item" || x.is_null()) continue;
      s += k + ":" + canonical(x) + ",";
    }
    return s + "}";
  }
  if (v.is_array()) {
    std::vector<std::string> parts;
    for (const auto& x : v) parts.push_back(canonical(x));
    std::sort(parts.begin(), parts.end());
    std::string s = "[";
    for (const auto& p : parts) s += p + ",";
    return s + "]";
  }
  return v.dump();
}

bool arrays_match(const json& expected, const json* output) {
  if (is_nullish(output)) return expected.empty();
  if (!output->is_array()) return false;
  const bool of_objects =
      std::any_of(expected.begin(), expected.end(), [](const json& x) { return x.is_object(); });
  std::vector<std::string> want, got;
  for (const auto& x : expected) want.push_back(canonical(x));
  for (const auto& x : *output) got.push_back(canonical(x));
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  if (!of_objects) {  // sets: duplicates do not count
    want.erase(std::unique(want.begin(), want.end()), want.end());
    got.erase(std::unique(got.begin(), got.end()), got.end());
  }
  return want == got;
}

bool ends_with(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

}  // namespace

bool leaf_matches(std::string_view key, const json& expected, const json* output) {
  if (expected.is_null()) return is_nullish(output);
  if (expected.is_array()) return arrays_match(expected, output);
  if (output == nullptr || output->is_null()) return false;
  if (expected.is_string()) {
    return output->is_string() &&
           normalise_for_compare(str(expected)) == normalise_for_compare(str(*output));
  }
  if (expected.is_boolean()) return output->is_boolean() && *output == expected;
  if (expected.is_number()) {
    if (!output->is_number()) return false;
    if (expected.is_number_float() || ends_with(key, "_share")) {
      // The tiny slack keeps a difference of exactly the tolerance inside it.
      return std::fabs(expected.get<double>() - output->get<double>()) <= kShareTolerance + 1e-12;
    }
    return output->is_number_integer() &&
           *output == expected;  // mixed signedness compares by value
  }
  if (expected.is_object()) {
    if (!output->is_object()) return false;
    for (const auto& [k, v] : expected.items()) {
      if (!leaf_matches(k, v, member(output, k))) return false;
    }
    return true;
  }
  return false;
}

std::string bundle_id_for_source(std::string_view source) {
  std::string name(source);
  if (name.size() >= 4) {
    std::string tail = name.substr(name.size() - 4);
    std::transform(tail.begin(), tail.end(), tail.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (tail == ".zip") name.resize(name.size() - 4);
  }
  std::string id;
  bool leading = true;
  for (char32_t cp : utf8_to_codepoints(name)) {
    const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
    if (control || cp == '/' || cp == '\\' || (leading && cp == '.')) {
      id.push_back('_');
      continue;
    }
    leading = false;
    append_utf8(id, cp);
  }
  return id.empty() ? "_" : id;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Scoring one bundle

class BundleScorer {
 public:
  BundleScorer(const json& expected, const json* output, std::vector<std::string>* misses)
      : e_(expected), out_(output), misses_(misses) {}

  Scorecard run() {
    card_.add("bundles.output_found", out_ != nullptr);
    if (out_ == nullptr) note("no output: every item scored wrong");
    score_applicant_and_extracted();
    score_uscc();
    score_documents();
    score_findings();
    score_scalar("verdict", "verdict");
    score_scalar("category", "category");
    score_award();
    return std::move(card_);
  }

 private:
  bool has_output() const { return out_ != nullptr; }

  void note(std::string line) {
    if (misses_ != nullptr) misses_->push_back(std::move(line));
  }
  // Notes a wrong item; with no output at all the single "no output" line says it already.
  void miss(std::string line) {
    if (has_output()) note(std::move(line));
  }

  // A leaf (or array) of applicant/extracted at `path`, in `group`.
  void score_field(const std::string& path, const std::string& group, std::string_view key,
                   const json& expected, const json* output) {
    if (expected.is_object()) {
      for (const auto& [k, v] : expected.items()) {
        score_field(path + "." + k, group, k, v, member(output, k));
      }
      return;
    }
    const bool right = has_output() && leaf_matches(key, expected, output);
    card_.add("field." + path, right);
    card_.add("fields." + group, right);
    card_.add("fields.all", right);
    if (!right) miss(path + ": expected " + show(&expected) + ", got " + show(output));
  }

  void score_applicant_and_extracted() {
    if (const json* app = member(&e_, "applicant")) {
      score_field("applicant", "applicant", "applicant", *app, member(out_, "applicant"));
    }
    const json* ext = member(&e_, "extracted");
    if (ext == nullptr) return;
    const json* out_ext = member(out_, "extracted");
    if (!ext->is_object()) {
      score_field("extracted", "extracted", "extracted", *ext, out_ext);
      return;
    }
    for (const auto& [group, v] : ext->items()) {
      score_field("extracted." + group, group, group, v, member(out_ext, group));
    }
  }

  void score_uscc() {
    const json* app = member(&e_, "applicant");
    const json* code = member(app, "uscc");
    if (code == nullptr) return;
    const json* out_app = member(out_, "applicant");
    const bool right = has_output() && leaf_matches("uscc", *code, member(out_app, "uscc"));
    card_.add("uscc.exact", right);

    const json* claimed = member(out_app, "uscc_valid");
    const json* truth = member(app, "uscc_valid");
    const bool claims_valid = claimed != nullptr && claimed->is_boolean() && claimed->get<bool>();
    const bool truly_invalid = truth != nullptr && truth->is_boolean() && !truth->get<bool>();
    const bool wrong_valid = has_output() && claims_valid && (!right || truly_invalid);
    card_.add_counts(std::string(kWrongCodeReportedValid), wrong_valid ? 1 : 0, 1);
    if (wrong_valid) {
      miss("applicant.uscc_valid: output calls " + show(member(out_app, "uscc")) +
           " valid, expected " + show(code) + (truly_invalid ? " (invalid)" : ""));
    }
  }

  void score_documents() {
    const json* docs = member(&e_, "documents");
    if (docs == nullptr || !docs->is_array()) return;
    std::map<std::string, const json*> out_docs;
    if (const json* od = member(out_, "documents"); od != nullptr && od->is_array()) {
      for (const auto& d : *od) {
        const json* p = member(&d, "path");
        if (p != nullptr && p->is_string()) out_docs.emplace(str(*p), &d);  // first one wins
      }
    }
    for (const auto& ed : *docs) {
      const json* p = member(&ed, "path");
      if (p == nullptr || !p->is_string()) continue;
      const std::string& path = str(*p);
      const auto it = out_docs.find(path);
      const json* od = it == out_docs.end() ? nullptr : it->second;

      card_.add("documents.listed", od != nullptr);
      if (has_output() && od == nullptr) miss("document " + path + ": not listed");
      score_document_value("material.documents", "material", path, ed, od);
      score_document_value("documents.status", "status", path, ed, od);
      score_sections(path, ed, od);
      score_seals(path, ed, od);
    }
  }

  void score_document_value(const std::string& figure, std::string_view key,
                            const std::string& path, const json& ed, const json* od) {
    const json* want = member(&ed, key);
    if (want == nullptr) return;
    const json* got = member(od, key);
    const bool right = od != nullptr && leaf_matches(key, *want, got);
    card_.add(figure, right);
    if (!right && od != nullptr) {
      miss("document " + path + " " + std::string(key) + ": expected " + show(want) + ", got " +
           show(got));
    }
  }

  void score_sections(const std::string& path, const json& ed, const json* od) {
    const json* sections = member(&ed, "sections");
    if (sections == nullptr || !sections->is_array()) return;
    const json* out_sections = member(od, "sections");
    std::vector<bool> used;
    if (out_sections != nullptr && out_sections->is_array())
      used.assign(out_sections->size(), false);
    for (const auto& es : *sections) {
      bool found = false;
      for (size_t i = 0; i < used.size() && !found; ++i) {
        if (!used[i] && leaf_matches("section", es, &(*out_sections)[i])) used[i] = found = true;
      }
      card_.add("material.sections", found);
      if (!found && od != nullptr)
        miss("document " + path + " section " + show(&es) + ": not found");
    }
  }

  static std::set<int64_t> page_set(const json* pages) {
    std::set<int64_t> out;
    if (pages == nullptr || !pages->is_array()) return out;
    for (const auto& p : *pages) {
      if (p.is_number_integer()) out.insert(p.get<int64_t>());
    }
    return out;
  }

  void score_seals(const std::string& path, const json& ed, const json* od) {
    const json* sealed = member(&ed, "sealed");
    if (sealed != nullptr && sealed->is_null()) return;  // not applicable: not scored
    if (sealed != nullptr && sealed->is_boolean()) {
      const bool want = sealed->get<bool>();
      const json* got = member(od, "sealed");
      const bool says = got != nullptr && got->is_boolean() && got->get<bool>();
      card_.add_counts("seal.document.precision", 0, 0);
      card_.add_counts("seal.document.recall", 0, 0);
      if (want) card_.add("seal.document.recall", says);
      if (says) card_.add("seal.document.precision", want);
      if (want != says && od != nullptr) {
        miss("document " + path + " sealed: expected " + show(sealed) + ", got " + show(got));
      }
    }
    const json* pages = member(&ed, "seal_pages");
    if (pages == nullptr || !pages->is_array()) return;
    const std::set<int64_t> want = page_set(pages);
    const std::set<int64_t> got = page_set(member(od, "seal_pages"));
    int64_t both = 0;
    for (int64_t p : want) both += got.count(p);
    card_.add_counts("seal.page.recall", both, static_cast<int64_t>(want.size()));
    card_.add_counts("seal.page.precision", both, static_cast<int64_t>(got.size()));
    if (want != got && od != nullptr) {
      miss("document " + path + " seal_pages: expected " + show(pages) + ", got " +
           show(member(od, "seal_pages")));
    }
  }

  void score_findings() {
    const json* codes = member(&e_, "findings");
    if (codes != nullptr && codes->is_array()) {
      std::set<std::string> want, got;
      for (const auto& c : *codes) {
        if (c.is_string()) want.insert(str(c));
      }
      if (const json* of = member(out_, "findings"); of != nullptr && of->is_array()) {
        for (const auto& f : *of) {
          const json* c = f.is_string() ? &f : member(&f, "code");
          if (c != nullptr && c->is_string()) got.insert(str(*c));
        }
      }
      int64_t both = 0;
      for (const auto& c : want) {
        const bool found = got.count(c) != 0;
        both += found;
        card_.add("finding." + c + ".recall", found);
        if (!found) miss("finding " + c + ": missing");
      }
      for (const auto& c : got) {
        const bool expected = want.count(c) != 0;
        card_.add("finding." + c + ".precision", expected);
        if (!expected) miss("finding " + c + ": not expected");
      }
      card_.add_counts("findings.recall", both, static_cast<int64_t>(want.size()));
      card_.add_counts("findings.precision", both, static_cast<int64_t>(got.size()));
    }

    const json* details = member(&e_, "finding_details");
    if (details == nullptr || !details->is_array()) return;
    const json* of = member(out_, "findings");
    std::vector<bool> used;
    if (of != nullptr && of->is_array()) used.assign(of->size(), false);
    for (const auto& d : *details) {
      if (!d.is_object()) continue;
      bool found = false;
      for (size_t i = 0; i < used.size() && !found; ++i) {
        if (!used[i] && leaf_matches("finding", d, &(*of)[i])) used[i] = found = true;
      }
      card_.add("findings.details", found);
      if (!found) miss("finding detail " + show(&d) + ": not found");
    }
  }

  void score_scalar(const std::string& figure, std::string_view key) {
    const json* want = member(&e_, key);
    if (want == nullptr) return;
    const json* got = member(out_, key);
    const bool right = has_output() && leaf_matches(key, *want, got);
    card_.add(figure, right);
    if (!right) miss(std::string(key) + ": expected " + show(want) + ", got " + show(got));
  }

  void score_award() {
    const json* subsidy = member(&e_, "subsidy");
    if (subsidy == nullptr) return;
    static const json kNull;
    const json* want = subsidy->is_null() ? &kNull : member(subsidy, "max_award_fen");
    if (want == nullptr) return;
    const json* got = member(member(out_, "subsidy"), "max_award_fen");
    const bool right = has_output() && leaf_matches("max_award_fen", *want, got);
    card_.add("award.exact", right);
    if (!right) miss("subsidy.max_award_fen: expected " + show(want) + ", got " + show(got));
  }

  const json& e_;
  const json* out_;
  std::vector<std::string>* misses_;
  Scorecard card_;
};

// ---------------------------------------------------------------------------------------------
// Reading the directories

Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError("cannot read " + path.string());
  return ss.str();
}

Result<std::vector<std::filesystem::path>> list_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Status::NotFound("not a directory: " + dir.string());
  }
  std::vector<std::filesystem::path> entries;
  std::filesystem::directory_iterator it(dir, ec), end;
  if (ec) return Status::IoError("cannot list " + dir.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IoError("cannot list " + dir.string() + ": " + ec.message());
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

struct Output {
  std::filesystem::path file;
  std::optional<json> doc;  // empty when the file is not a JSON object
};

}  // namespace

Scorecard score_bundle(const json& expected, const json* output, std::vector<std::string>* misses) {
  return BundleScorer(expected, output, misses).run();
}

Result<EvalRun> evaluate(const std::filesystem::path& expected_dir,
                         const std::filesystem::path& out_dir) {
  auto expected_files = list_dir(expected_dir);
  if (!expected_files.ok()) return expected_files.status();
  auto out_entries = list_dir(out_dir);
  if (!out_entries.ok()) return out_entries.status();

  // Every output, by directory name and by the source it names.
  std::map<std::string, Output> outputs;
  std::map<std::string, std::string> dir_by_source;
  for (const auto& dir : out_entries.value()) {
    std::error_code ec;
    const auto file = dir / "submission.json";
    if (!std::filesystem::is_regular_file(file, ec)) continue;
    Output o{file, std::nullopt};
    if (auto text = read_file(file); text.ok()) {
      json doc = json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
      if (doc.is_object()) o.doc = std::move(doc);
    }
    const std::string name = dir.filename().string();
    if (o.doc) {
      const json* source = member(member(&*o.doc, "bundle"), "source");
      if (source != nullptr && source->is_string()) dir_by_source.emplace(str(*source), name);
    }
    outputs.emplace(name, std::move(o));
  }

  EvalRun run;
  for (const auto& file : expected_files.value()) {
    if (file.extension() != ".json") continue;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) continue;
    auto text = read_file(file);
    if (!text.ok()) return text.status();
    const json expected = json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
    if (expected.is_discarded()) return Status::Corrupt("not JSON: " + file.string());
    const json* id = member(&expected, "bundle_id");
    const json* source = member(&expected, "source");
    const bool has_id = id != nullptr && id->is_string();
    const bool has_source = source != nullptr && source->is_string();
    if (!has_id && !has_source) continue;  // not a ground-truth file (an index, a manifest)

    BundleScore score;
    score.expected_file = file;
    score.bundle_id = has_id ? str(*id) : bundle_id_for_source(str(*source));
    auto found = outputs.find(score.bundle_id);
    if (found == outputs.end() && has_source) {
      if (const auto by_source = dir_by_source.find(str(*source));
          by_source != dir_by_source.end()) {
        found = outputs.find(by_source->second);
      }
    }
    const json* output = nullptr;
    if (found != outputs.end()) {
      score.output_file = found->second.file;
      if (found->second.doc) {
        score.output = OutputState::kFound;
        output = &*found->second.doc;
      } else {
        score.output = OutputState::kUnparseable;
      }
    }
    score.card = score_bundle(expected, output, &score.misses);
    run.summary.merge(score.card);
    run.bundles.push_back(std::move(score));
  }
  if (run.bundles.empty()) {
    return Status::InvalidArgument(
        "no ground-truth files (*.json with \"source\" or \"bundle_id\") in " +
        expected_dir.string());
  }
  return run;
}

}  // namespace shenbao::eval
