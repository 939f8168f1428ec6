#include "extractors/facts.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "extractors/dates.h"
#include "extractors/audit.h"
#include "extractors/identifiers.h"
#include "extractors/investment.h"
#include "extractors/labelled.h"
#include "extractors/money.h"
#include "extractors/quantities.h"
#include "extractors/uscc.h"
#include "pipeline/core/text.h"

namespace shenbao {

namespace {

using nlohmann::json;

Result<json> read_json(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::InvalidArgument(file.string() + ": not JSON");
  return doc;
}

std::vector<std::string> strings(const json& j) {
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const json& v : j) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

bool contains(const std::string& hay, const std::string& needle) {
  return !needle.empty() && hay.find(needle) != std::string::npos;
}

// A document, or the pages of one section of a merged document, seen as one material.
struct MaterialView {
  Document doc;       // pages restricted to the section
  size_t index = 0;   // in the bundle's documents
};

}  // namespace

std::optional<std::string> parse_person_name(const std::string& value) {
  // A Chinese name is 2–4 characters (more only with the separator · of a transcribed
  // name); OCR may space its characters out. The name is the leading run; a longer run is
  // the name running into other text, which cannot be told apart, so nothing is taken.
  std::string out;
  int n = 0;
  bool dot = false;
  for (char32_t cp : utf8_to_codepoints(value)) {
    if (cp == U' ' || cp == 0x3000) continue;
    if (!is_cjk(cp) && cp != U'·') break;
    dot = dot || cp == U'·';
    append_utf8(out, cp);
    ++n;
  }
  if (n >= 2 && (n <= 4 || (dot && n <= 16))) return out;
  if (n > 0) return std::nullopt;
  // A name in Latin letters ("John Smith").
  const bool latin = std::all_of(value.begin(), value.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == ' ' || c == '.' || c == '-';
  });
  if (latin && count_meaningful_chars(value) >= 2) return value;
  return std::nullopt;
}

namespace {

class Extractor {
 public:
  Extractor(const std::vector<Document>& docs, const ExtractRules& rules, Submission& s)
      : docs_(docs), rules_(rules), s_(s) {}

  void run() {
    classify();
    read_fields();
    read_uscc();
    read_names();
    read_credit();
    read_filing();
    read_parameters();
    read_industries();
    read_security();
    read_tables();
  }

 private:
  const PatternSet& patterns() const { return *rules_.patterns; }

  // Findings raised before classification (loading: OCR_LOW_CONFIDENCE, a page that could
  // not be read) about document `path` get its material, or its page's section's.
  void name_material_of_findings(const std::string& path, const Classification& c) {
    if (c.material == "unclassified") return;
    for (Finding& f : s_.findings) {
      if (f.document != path || !f.material.empty()) continue;
      f.material = c.material;
      for (const Section& sec : c.sections) {
        if (f.page && *f.page >= sec.first_page && *f.page <= sec.last_page) f.material = sec.material;
      }
    }
  }

  // The material of document `path` at `page`: its section's for a merged document, else
  // the document's own; "" when unclassified or unknown.
  std::string material_at(const std::string& path, std::optional<int> page) const {
    for (const DocumentRecord& r : s_.documents) {
      if (r.path != path) continue;
      for (const Section& sec : r.sections) {
        if (page && *page >= sec.first_page && *page <= sec.last_page) return sec.material;
      }
      return r.material == "unclassified" ? "" : r.material;
    }
    return "";
  }

  void classify() {
    std::vector<const Document*> ptrs;
    std::vector<std::string> materials;
    for (size_t i = 0; i < docs_.size(); ++i) {
      const Classification c = classify_document(docs_[i], rules_.classify);
      DocumentRecord& r = s_.documents[i];
      r.material = c.material;
      r.material_score = c.score;
      r.sections = c.sections;
      if (c.sections.empty()) {
        views_[c.material].push_back({docs_[i], i});
      } else {
        for (const Section& sec : c.sections) {
          MaterialView v{docs_[i], i};
          v.doc.pages.clear();
          for (const Page& p : docs_[i].pages) {
            if (p.number >= sec.first_page && p.number <= sec.last_page) v.doc.pages.push_back(p);
          }
          views_[sec.material].push_back(std::move(v));
        }
      }
      ptrs.push_back(&docs_[i]);
      materials.push_back(c.material);
      name_material_of_findings(docs_[i].path, c);
    }
    // The category: application form first, via views so merged documents count.
    std::vector<const Document*> cat_docs;
    std::vector<std::string> cat_materials;
    for (const auto& [material, views] : views_) {
      for (const MaterialView& v : views) {
        cat_docs.push_back(&v.doc);
        cat_materials.push_back(material);
      }
    }
    const CategoryDecision d = decide_category(cat_docs, cat_materials, rules_.classify);
    s_.category = d.category;
    s_.category_evidence = d.evidence;
    if (!d.category_text.empty()) s_.extracted.application.category_text = d.category_text;
    apply_category_materials(d.category);
    if (d.category == "unknown") {
      add_finding("CATEGORY_UNKNOWN", Severity::kError, "application_form", "", std::nullopt,
                  "无法确定申报类别（申报书中未找到“申报类别”或扶持内容名称）", "");
    }
  }

  // Documents that are another material in the decided category (classify.json
  // category_materials): under security testing, the invoice for the test's fee is the
  // category's evidence, not a voucher of the investment table.
  void apply_category_materials(const std::string& category) {
    const auto moves = rules_.classify.category_materials.find(category);
    if (moves == rules_.classify.category_materials.end()) return;
    for (const ClassifyRules::CategoryMaterial& move : moves->second) {
      const auto from = views_.find(move.from);
      if (from == views_.end()) continue;
      std::vector<MaterialView>& list = from->second;
      for (size_t k = 0; k < list.size();) {
        DocumentRecord& r = s_.documents[list[k].index];
        if (!r.sections.empty() || !invoice_naming(docs_[list[k].index], move.invoice_with_any)) {
          ++k;
          continue;
        }
        r.material = move.to;
        for (Finding& f : s_.findings) {
          if (f.document == r.path && f.material == move.from) f.material = move.to;
        }
        views_[move.to].push_back(std::move(list[k]));
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(k));
      }
    }
  }

  // Every page of `d` is an invoice (tables.json invoice_words), and one names a keyword.
  bool invoice_naming(const Document& d, const std::vector<std::string>& keywords) const {
    if (d.pages.empty()) return false;
    for (const Page& p : d.pages) {
      if (!is_invoice_page(p, rules_.tables)) return false;
    }
    const std::string text = normalise_for_compare(d.text());
    for (const std::string& k : keywords) {
      if (text.find(k) != std::string::npos) return true;
    }
    return false;
  }

  // Views of the materials of `rule`, in its order.
  std::vector<const MaterialView*> views_for(const std::vector<std::string>& materials) const {
    std::vector<const MaterialView*> out;
    for (const std::string& m : materials) {
      auto it = views_.find(m);
      if (it == views_.end()) continue;
      for (const MaterialView& v : it->second) out.push_back(&v);
    }
    return out;
  }

  Evidence evidence_of(const LabelledValue& v, size_t doc_index) const {
    Evidence e;
    e.document = docs_[doc_index].path;
    if (v.page > 0) e.page = v.page;
    e.snippet = v.snippet;
    e.box = v.box;
    e.uncertain = page_uncertain(docs_[doc_index], v.page);
    return e;
  }

  static bool page_uncertain(const Document& d, int page) {
    for (const Page& p : d.pages) {
      if (p.number == page && p.ocr_confidence && *p.ocr_confidence < 0.6) return true;
    }
    return false;
  }

  // The first value of a field that parses as its kind.
  template <typename T, typename Parse>
  std::optional<T> field(const std::string& name, Parse parse) {
    auto it = rules_.fields.fields.find(name);
    if (it == rules_.fields.fields.end()) return std::nullopt;
    const FieldRule& rule = it->second;
    if (!applies(rule.categories)) return std::nullopt;
    for (const MaterialView* v : views_for(rule.materials)) {
      for (const LabelledValue& lv :
           find_all_labelled_values(v->doc, rule.labels, rules_.fields.stop_labels)) {
        std::optional<T> value = parse(lv.value, lv);
        if (!value) continue;
        s_.extracted.evidence[name] = evidence_of(lv, v->index);
        return value;
      }
    }
    return std::nullopt;
  }

  // True when a field limited to `categories` applies to this bundle's category.
  bool applies(const std::vector<std::string>& categories) const {
    return categories.empty() ||
           std::find(categories.begin(), categories.end(), s_.category) != categories.end();
  }

  // A money value in running text: a prose phrase followed (within a few characters) by an
  // amount with its unit. Lines are joined so a phrase broken by a line wrap still matches.
  std::optional<int64_t> money_in_prose(const std::string& name) {
    auto it = rules_.fields.fields.find(name);
    if (it == rules_.fields.fields.end() || !applies(it->second.categories)) return std::nullopt;
    for (const MaterialView* v : views_for(it->second.materials)) {
      for (const Page& p : v->doc.pages) {
        std::string joined;
        for (const Line& l : p.lines) joined += normalise_for_compare(l.text());
        for (const std::string& phrase : it->second.prose) {
          const std::string folded = normalise_for_compare(phrase);
          for (size_t at = joined.find(folded); at != std::string::npos;
               at = joined.find(folded, at + 1)) {
            const size_t from = at + folded.size();
            for (const MoneyAmount& m : find_money_amounts(patterns(), joined.substr(from, 60))) {
              if (m.begin > 9) break;  // the amount must follow the phrase closely
              Evidence e{docs_[v->index].path, p.number, joined.substr(at, folded.size() + m.end),
                         std::nullopt, page_uncertain(docs_[v->index], p.number)};
              s_.extracted.evidence[name] = e;
              return m.fen;
            }
          }
        }
      }
    }
    return std::nullopt;
  }

  std::optional<std::string> text_field(const std::string& name) {
    return field<std::string>(name, [](const std::string& value, const LabelledValue& lv) {
      // A text value must hold some real text, not only punctuation or a stray digit.
      return count_meaningful_chars(value) >= 2 ? std::optional<std::string>(value + lv.wrapped)
                                                : std::nullopt;
    });
  }

  std::optional<std::string> name_field(const std::string& name) {
    return field<std::string>(name, [](const std::string& value, const LabelledValue&) {
      return parse_person_name(value);
    });
  }

  std::optional<int64_t> money_field(const std::string& name) {
    return field<int64_t>(name, [this](const std::string& value, const LabelledValue& lv) {
      // A bare number takes the unit the label states ("申请金额（万元）：1937.00").
      const MoneyUnit unit = find_money_unit(patterns(), lv.snippet).value_or(MoneyUnit::kYuan);
      auto amount = parse_money(patterns(), value, unit);
      if (!amount) return std::optional<int64_t>();
      return std::optional<int64_t>(amount->fen);
    });
  }

  std::optional<std::string> date_field(const std::string& name) {
    return field<std::string>(name, [this](const std::string& value, const LabelledValue&) {
      auto d = parse_date(patterns(), value);
      return d ? std::optional<std::string>(d->iso()) : std::nullopt;
    });
  }

  void read_fields() {
    Extracted& x = s_.extracted;
    x.license.name = text_field("license.name");
    x.license.address = text_field("license.address");
    x.license.legal_representative = name_field("license.legal_representative");
    x.application.project_name = text_field("application.project_name");
    x.application.requested_fen = money_field("application.requested_fen");
    if (!x.application.requested_fen) x.application.requested_fen = money_in_prose("application.requested_fen");
    x.application.date = date_field("application.date");
    x.credit.report_date = date_field("credit.report_date");
    x.project.total_investment_fen = money_field("project.total_investment_fen");
    if (!x.project.total_investment_fen) {
      x.project.total_investment_fen = money_in_prose("project.total_investment_fen");
    }
    x.security.product_name = text_field("security.product_name");
    x.security.lab_name = text_field("security.lab_name");
    x.security.test_fee_fen = money_field("security.test_fee_fen");
    if (!x.security.test_fee_fen) x.security.test_fee_fen = money_in_prose("security.test_fee_fen");

    // The application form states the address and the legal representative too, usually
    // as typed text: it corrects small OCR slips in the license photo's readings, and the
    // applicant's representative is taken from it rather than from an OCR'd license (a
    // person's name of 2–4 characters has no context that would show a misread one).
    // The credit report states them as well (and stands in when there is no form).
    // The first typed reading of `fields` (else the first OCR'd one), and whether it is typed.
    auto first_reading = [this](std::initializer_list<const char*> fields, auto read) {
      std::optional<std::string> value;
      bool typed = false;
      for (const char* f : fields) {
        auto v = read(f);
        if (!v || (value && (typed || from_ocr(f)))) continue;
        value = v;
        typed = !from_ocr(f);
      }
      return std::pair{value, typed};
    };
    const auto [form_address, form_address_clean] = first_reading(
        {"application.address", "credit.address"}, [this](const char* f) { return text_field(f); });
    const auto [form_rep, form_rep_clean] =
        first_reading({"application.legal_representative", "credit.legal_representative"},
                      [this](const char* f) { return name_field(f); });
    if (x.license.address && form_address_clean && from_ocr("license.address") &&
        ocr_slip(*x.license.address, *form_address, /*cut_off=*/true)) {
      x.license.address = form_address;
    }
    if (x.license.legal_representative && form_rep_clean &&
        from_ocr("license.legal_representative") &&
        ocr_slip(*x.license.legal_representative, *form_rep)) {
      x.license.legal_representative = form_rep;
    }

    // A license photo whose 法定代表人 label OCR lost may still show the typed name.
    if (!x.license.legal_representative && form_rep_clean) {
      if (auto e = find_on_license(*form_rep, /*slips=*/false)) {
        x.license.legal_representative = form_rep;
        s_.extracted.evidence["license.legal_representative"] = *e;
      }
    }

    Applicant& a = s_.applicant;
    a.address = x.license.address ? x.license.address : form_address;
    a.legal_representative = x.license.legal_representative;
    if (!a.legal_representative || (form_rep_clean && from_ocr("license.legal_representative"))) {
      if (form_rep) a.legal_representative = form_rep;
    }
    if (a.address) a.in_songjiang = in_songjiang(*rules_.places, *a.address);
  }

  // Where `value` (a clean reading from another document) stands on an OCR'd page of the
  // business license: a run of its length that equals it, or with `slips` differs by a
  // slip (see ocr_slip; only for values of six characters or more). nullopt when nowhere.
  std::optional<Evidence> find_on_license(const std::string& value, bool slips) const {
    const std::vector<char32_t> want = utf8_to_codepoints(normalise_for_compare(value));
    const size_t n = want.size();
    if (n < 2) return std::nullopt;
    auto it = views_.find("business_license");
    if (it == views_.end()) return std::nullopt;
    for (const MaterialView& v : it->second) {
      for (const Page& p : v.doc.pages) {
        if (p.text_source != TextSource::kOcr) continue;
        for (const Line& l : p.lines) {
          const std::string text = l.text();
          const std::vector<char32_t> cps = utf8_to_codepoints(normalise_for_compare(text));
          for (size_t i = 0; i + n <= cps.size(); ++i) {
            const std::vector<char32_t> window(cps.begin() + i, cps.begin() + i + n);
            const bool same = window == want;
            if (same || (slips && n >= 6 &&
                         edit_distance(codepoints_to_utf8(window), codepoints_to_utf8(want)) <=
                             std::max<size_t>(1, n / 8))) {
              return Evidence{docs_[v.index].path, p.number, text, l.box,
                              page_uncertain(docs_[v.index], p.number)};
            }
          }
        }
      }
    }
    return std::nullopt;
  }

  // True when the evidence kept for `field` lies on an OCR'd page.
  bool from_ocr(const std::string& field) const {
    auto it = s_.extracted.evidence.find(field);
    if (it == s_.extracted.evidence.end()) return false;
    const Evidence& e = it->second;
    for (const Document& d : docs_) {
      if (d.path != e.document) continue;
      for (const Page& p : d.pages) {
        if (e.page && p.number == *e.page) return p.text_source == TextSource::kOcr;
      }
    }
    return false;
  }

  // True when an OCR'd reading differs from a clean one of the same value by at most one
  // character in eight (at least one): a misread character, not a different value. With
  // `cut_off`, a reading of at least ten characters that matches the start of the clean one
  // that way counts too (its last line was lost: a wrapped address).
  static bool ocr_slip(const std::string& ocr, const std::string& clean, bool cut_off = false) {
    const std::string a = normalise_for_compare(ocr), b = normalise_for_compare(clean);
    const auto bc = utf8_to_codepoints(b);
    const size_t n = bc.size();
    if (n < 3 || a == b) return false;
    if (edit_distance(a, b) <= std::max<size_t>(1, n / 8)) return true;
    const size_t m = utf8_to_codepoints(a).size();
    if (!cut_off || m < 10 || m >= n) return false;
    const std::string head = codepoints_to_utf8(std::vector<char32_t>(bc.begin(), bc.begin() + m));
    return edit_distance(a, head) <= std::max<size_t>(1, m / 8);
  }

  void read_uscc() {
    struct Found {
      std::string code;
      size_t doc;
      int page;
      std::string snippet;
      bool valid;
      std::string material;
    };
    std::vector<Found> found;
    for (const std::string& material : rules_.fields.uscc_materials) {
      auto it = views_.find(material);
      if (it == views_.end()) continue;
      for (const MaterialView& v : it->second) {
        bool got_one = false;
        for (const Page& p : v.doc.pages) {
          const std::string text = p.text();
          for (const UsccCandidate& c : find_uscc_candidates(patterns(), text)) {
            if (!c.labelled && !c.valid) continue;
            std::string code = c.valid ? c.code : normalise_for_compare(c.raw);
            // Compared and reported in capitals: an OCR'd lower-case letter is no difference.
            for (char& ch : code) {
              if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
            }
            found.push_back({code, v.index, p.number, c.raw, c.valid, material});
            if (!c.valid) {
              add_finding("USCC_INVALID", Severity::kError, material, docs_[v.index].path,
                          p.number, "统一社会信用代码校验失败：" + c.raw,
                          c.reason);
            }
            got_one = true;
            break;  // the first code of a page is the company's own
          }
          if (got_one) break;
        }
      }
    }
    // The applicant's code: the license's, else the first valid one, else the first found.
    const Found* chosen = nullptr;
    for (const Found& f : found) {
      if (f.material == "business_license") { chosen = &f; break; }
    }
    if (!chosen) {
      for (const Found& f : found) {
        if (f.valid) { chosen = &f; break; }
      }
    }
    if (!chosen && !found.empty()) chosen = &found.front();
    if (chosen) {
      s_.applicant.uscc = chosen->code;
      s_.applicant.uscc_valid = chosen->valid;
      Evidence e{docs_[chosen->doc].path, chosen->page, chosen->snippet, std::nullopt, false};
      s_.extracted.evidence["applicant.uscc"] = e;
    }
    for (const Found& f : found) {
      if (f.material == "business_license") {
        s_.extracted.license.uscc = f.code;
        break;
      }
    }
    // USCC_MISMATCH: two valid codes that differ, across documents.
    std::map<std::string, std::string> first_doc_of;
    for (const Found& f : found) {
      if (!f.valid) continue;
      first_doc_of.emplace(f.code, docs_[f.doc].path);
    }
    if (first_doc_of.size() > 1) {
      std::string detail;
      for (const auto& [code, doc] : first_doc_of) {
        detail += (detail.empty() ? "" : "; ") + code + " (" + doc + ")";
      }
      // The finding points at the first document whose code differs from the applicant's
      // (the license's when it has a valid one; else the first valid code found).
      // Two valid codes differ here, so both searches find one.
      auto valid = [](const Found& f) { return f.valid; };
      const std::string reference = chosen && chosen->valid
                                        ? chosen->code
                                        : std::find_if(found.begin(), found.end(), valid)->code;
      const Found& odd = *std::find_if(found.begin(), found.end(), [&](const Found& f) {
        return f.valid && f.code != reference;
      });
      add_finding("USCC_MISMATCH", Severity::kError, odd.material, docs_[odd.doc].path, odd.page,
                  "各材料中的统一社会信用代码不一致", detail);
    }
  }

  void read_names() {
    struct Named {
      std::string name, field, document;
      bool ocr;
      std::optional<int> page;
    };
    std::vector<Named> names;
    for (const std::string& f : rules_.fields.applicant_name_fields) {
      if (auto v = text_field(f)) {
        const Evidence& e = s_.extracted.evidence[f];
        bool ocr = false;
        for (const Document& d : docs_) {
          if (d.path != e.document) continue;
          for (const Page& p : d.pages) {
            if (e.page && p.number == *e.page) ocr = p.text_source == TextSource::kOcr;
          }
        }
        names.push_back({*v, f, e.document, ocr, e.page});
      }
    }
    // An OCR'd name one slip away from a clean reading in another document is that name.
    for (Named& n : names) {
      if (!n.ocr) continue;
      for (const Named& clean : names) {
        if (clean.ocr || !ocr_slip(n.name, clean.name)) continue;
        n.name = clean.name;
        if (n.field == "license.name") s_.extracted.license.name = clean.name;
        break;
      }
    }
    // A license photo whose 名称 label OCR lost may still show the name another document
    // types: found there (up to a slip), it is the license's name.
    if (!s_.extracted.license.name) {
      for (const Named& clean : names) {
        if (clean.ocr) continue;
        if (auto e = find_on_license(clean.name, /*slips=*/true)) {
          s_.extracted.license.name = clean.name;
          s_.extracted.evidence["license.name"] = *e;
          names.insert(names.begin(), {clean.name, "license.name", e->document, true, e->page});
          break;
        }
      }
    }
    if (!names.empty()) s_.applicant.name = names.front().name;
    // NAME_MISMATCH: names that differ after normalising width, brackets and spaces. A
    // one-character difference where OCR read either side is taken as an OCR slip.
    for (size_t i = 1; i < names.size(); ++i) {
      const std::string a = normalise_for_compare(names[0].name);
      const std::string b = normalise_for_compare(names[i].name);
      if (a == b) continue;
      if ((names[0].ocr || names[i].ocr) && edit_distance(a, b) <= 1) continue;
      add_finding("NAME_MISMATCH", Severity::kWarning,
                  material_at(names[i].document, names[i].page), names[i].document, names[i].page,
                  "各材料中的企业名称不一致：“" + names[0].name + "”与“" + names[i].name + "”",
                  names[0].field + " vs " + names[i].field);
      break;
    }
  }

  // Lines of a section: from the line holding one of `headers` to the next section header.
  // `*header_at` (optional) receives the index of the header line among all the lines.
  std::vector<std::string> section_lines(const Document& d, const std::vector<std::string>& headers,
                                         bool* found, size_t* header_at = nullptr) const {
    std::vector<std::string> all;
    for (const Page& p : d.pages)
      for (const Line& l : p.lines) all.push_back(normalise_for_compare(l.text()));
    std::vector<std::string> out;
    *found = false;
    for (size_t i = 0; i < all.size(); ++i) {
      const bool is_header = std::any_of(headers.begin(), headers.end(),
                                         [&](const std::string& h) { return contains(all[i], h); });
      if (!is_header) continue;
      *found = true;
      if (header_at) *header_at = i;
      // The header line's own tail ("严重失信主体名单信息：无").
      std::string tail = all[i];
      for (const std::string& h : headers) {
        const size_t at = tail.find(h);
        if (at != std::string::npos) tail = tail.substr(at + h.size());
      }
      if (!tail.empty()) out.push_back(tail);
      for (size_t k = i + 1; k < all.size(); ++k) {
        if (is_section_header(all[k])) break;
        out.push_back(all[k]);
      }
      break;
    }
    return out;
  }

  bool is_section_header(const std::string& line) const {
    const auto& c = rules_.fields.credit;
    for (const auto* list : {&c.serious_section, &c.record_sections}) {
      for (const std::string& h : *list) {
        if (contains(line, h)) return true;
      }
    }
    // Numbered headings ("三、严重失信主体名单信息", "（三）行政检查信息") end a section too.
    return RE2::PartialMatch(line, patterns().get("heading.numbered"));
  }

  bool says_none(const std::vector<std::string>& lines) const {
    for (const std::string& l : lines) {
      std::string t = l;
      while (!t.empty() && (t[0] == ':' || t[0] == ' ')) t.erase(0, 1);
      for (const std::string& w : rules_.fields.credit.none_words) {
        const std::string nw = normalise_for_compare(w);
        if (t == nw || t.rfind(nw, 0) == 0 || (nw.size() > 3 && contains(t, nw))) return true;
      }
    }
    return false;
  }

  void read_credit() {
    auto it = views_.find("credit_report");
    if (it == views_.end()) return;
    const MaterialView& v = it->second.front();
    const auto& rules = rules_.fields.credit;
    bool found = false;
    const auto serious = section_lines(v.doc, rules.serious_section, &found);
    if (found) {
      const bool none = says_none(serious) || serious.empty();
      s_.extracted.credit.serious_dishonesty = !none;
    }
    // Bad records within the lookback window before the report date.
    std::optional<Date> report = s_.extracted.credit.report_date
                                     ? parse_iso_date(*s_.extracted.credit.report_date)
                                     : std::nullopt;
    // The window as yyyymmdd numbers (plain ints: GCC cannot see through the optional).
    const bool dated = report.has_value();
    const int report_key = dated ? report->year * 10000 + report->month * 100 + report->day : 0;
    const int window_start = report_key - rules.lookback_years * 10000;
    int records = 0;
    bool any_section = false;
    std::set<size_t> counted;  // header lines: 行政处罚 and 行政处罚信息 name one section
    for (const std::string& header : rules.record_sections) {
      bool sec_found = false;
      size_t header_at = 0;
      const auto lines = section_lines(v.doc, {header}, &sec_found, &header_at);
      if (!sec_found) continue;
      any_section = true;
      if (!counted.insert(header_at).second) continue;
      if (says_none(lines)) continue;
      for (const std::string& l : lines) {
        const auto dates = find_dates(patterns(), l);
        if (dates.empty()) continue;
        const Date& d = dates.front().date;
        const int key = d.year * 10000 + d.month * 100 + d.day;
        if (!dated || (key <= report_key && key >= window_start)) {
          ++records;
        }
      }
    }
    if (any_section) s_.extracted.credit.records_in_two_years = records;
    // CREDIT_SERIOUS_DISHONESTY and CREDIT_RECORDS_FOUND are the judge's, from these facts.
  }

  // The applicant's name without the place before it and the legal form after it
  // (上海云间信息技术有限公司 → 云间信息技术): what a table cell that wraps the name, or a
  // short mention, still shows.
  std::string name_core(const std::string& name) const {
    std::string core = normalise_for_compare(name);
    for (const std::string& prefix : rules_.fields.name_prefixes) {
      if (core.rfind(prefix, 0) == 0 && core.size() > prefix.size()) {
        core.erase(0, prefix.size());
        break;
      }
    }
    for (const std::string& suffix : rules_.fields.name_suffixes) {
      if (core.size() > suffix.size() &&
          core.compare(core.size() - suffix.size(), suffix.size(), suffix) == 0) {
        core.erase(core.size() - suffix.size());
        break;
      }
    }
    return utf8_to_codepoints(core).size() >= 2 ? core : std::string();
  }

  // The filing (or registration) number of this applicant. A filing proof is often a public
  // list of several companies' numbers (节选), so every number found is weighed: one on a
  // line (or beside a line) naming the applicant counts most, one that several documents
  // state counts more; the first found wins a tie.
  void read_filing() {
    if (!applies(rules_.fields.filing_categories)) return;
    struct Candidate {
      FilingNumber number;
      size_t doc;
      int page;
      bool names_applicant = false;
      std::set<size_t> docs;
    };
    std::vector<Candidate> found;
    const std::string name =
        s_.applicant.name ? normalise_for_compare(*s_.applicant.name) : std::string();
    const std::string core = s_.applicant.name ? name_core(*s_.applicant.name) : std::string();
    for (const MaterialView* v :
         views_for({"eligibility_proof", "project_report", "application_form", "other"})) {
      for (const Page& p : v->doc.pages) {
        std::vector<std::string> lines;
        for (const Line& l : p.lines) lines.push_back(normalise_for_compare(l.text()));
        const std::string text = p.text();
        for (FilingNumber& f : find_filing_numbers(patterns(), text)) {
          // The line of the number, and its neighbours (a wrapped cell of the same row).
          const size_t line = static_cast<size_t>(
              std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(f.begin), '\n'));
          bool names = false;
          for (size_t k = line > 0 ? line - 1 : 0; k <= line + 1 && k < lines.size(); ++k) {
            if ((!name.empty() && contains(lines[k], name)) ||
                (!core.empty() && contains(lines[k], core))) {
              names = true;
            }
          }
          auto same = std::find_if(found.begin(), found.end(), [&](const Candidate& c) {
            return c.number.number == f.number;
          });
          if (same != found.end()) {
            same->docs.insert(v->index);
            same->names_applicant = same->names_applicant || names;
            if (same->number.kind == FilingKind::kUnknown) same->number.kind = f.kind;
            continue;
          }
          Candidate c{std::move(f), v->index, p.number, names, {v->index}};
          found.push_back(std::move(c));
        }
      }
    }
    const Candidate* best = nullptr;
    int best_score = -1;
    for (const Candidate& c : found) {
      const int score = (c.names_applicant ? 3 : 0) + 2 * static_cast<int>(c.docs.size() - 1);
      if (score > best_score) {
        best = &c;
        best_score = score;
      }
    }
    if (!best) return;
    s_.extracted.filing.number = best->number.number;
    const std::string kind(filing_kind_name(best->number.kind));
    if (!kind.empty()) s_.extracted.filing.kind = kind;
    s_.extracted.evidence["filing.number"] =
        Evidence{docs_[best->doc].path, best->page, best->number.raw, std::nullopt,
                 page_uncertain(docs_[best->doc], best->page)};
  }

  void read_parameters() {
    auto from_field = field<double>("project.parameters", [this](const std::string& value,
                                                                 const LabelledValue& lv) {
      auto c = parse_parameter_count(patterns(), value);
      if (!c) c = parse_parameter_count(patterns(), lv.snippet);
      return c ? std::optional<double>(static_cast<double>(c->count)) : std::nullopt;
    });
    if (from_field) {
      s_.extracted.project.parameters = from_field;
      return;
    }
    for (const MaterialView* v : views_for({"project_report", "eligibility_proof", "application_form"})) {
      for (const Page& p : v->doc.pages) {
        for (const ParameterCount& c : find_parameter_counts(patterns(), p.text())) {
          if (!c.near_keyword) continue;
          s_.extracted.project.parameters = static_cast<double>(c.count);
          s_.extracted.evidence["project.parameters"] =
              Evidence{docs_[v->index].path, p.number, c.raw, std::nullopt,
                       page_uncertain(docs_[v->index], p.number)};
          return;
        }
      }
    }
  }

  // Industries named in a list ("物流、政务、金融等"): pieces split at list separators, a
  // trailing 等/行业/领域 dropped, duplicates and one-character pieces left out.
  static std::vector<std::string> industries_of(const std::string& list) {
    std::vector<std::string> pieces;
    std::string cur;
    for (char32_t cp : utf8_to_codepoints(list)) {
      if (cp == U'、' || cp == U'，' || cp == U',' || cp == U'；' || cp == U';' ||
          cp == U'/' || cp == U' ' || cp == U'及' || cp == U'和' || cp == U'。') {
        if (!cur.empty()) pieces.push_back(cur);
        cur.clear();
      } else {
        append_utf8(cur, cp);
      }
    }
    if (!cur.empty()) pieces.push_back(cur);
    std::vector<std::string> industries;
    for (std::string& piece : pieces) {
      // Drop a trailing 等 / 行业 / 领域 ("金融等行业").
      for (const std::string suffix : {"等行业", "等领域", "行业", "领域", "等"}) {
        if (piece.size() > suffix.size() &&
            piece.compare(piece.size() - suffix.size(), suffix.size(), suffix) == 0) {
          piece.erase(piece.size() - suffix.size());
        }
      }
      if (count_meaningful_chars(piece) < 2) continue;
      if (std::find(industries.begin(), industries.end(), piece) == industries.end()) {
        industries.push_back(piece);
      }
    }
    return industries;
  }

  void read_industries() {
    const auto& rules = rules_.fields.adaptation;
    if (!applies(rules.categories)) return;
    const std::vector<const MaterialView*> views =
        views_for({"eligibility_proof", "project_report", "application_form"});
    for (const MaterialView* v : views) {
      for (const LabelledValue& lv :
           find_all_labelled_values(v->doc, rules.labels, rules_.fields.stop_labels)) {
        std::vector<std::string> industries = industries_of(lv.value + lv.wrapped);
        if (industries.empty()) continue;
        s_.extracted.adaptation.industries = industries;
        s_.extracted.adaptation.found = true;
        s_.extracted.evidence["adaptation.industries"] = evidence_of(lv, v->index);
        return;
      }
    }
    // Running text: "产品已在物流、政务、金融等6个行业落地应用" (lines joined, so a list
    // broken by a line wrap still reads).
    const RE2& prose = patterns().get("industries.prose");
    for (const MaterialView* v : views) {
      for (const Page& p : v->doc.pages) {
        std::string joined;
        for (const Line& l : p.lines) joined += normalise_for_compare(l.text());
        re2::StringPiece m[2];
        if (!prose.Match(joined, 0, joined.size(), RE2::UNANCHORED, m, 2)) continue;
        std::vector<std::string> industries = industries_of(std::string(m[1]));
        if (industries.size() < 2) continue;
        s_.extracted.adaptation.industries = industries;
        s_.extracted.adaptation.found = true;
        s_.extracted.evidence["adaptation.industries"] =
            Evidence{docs_[v->index].path, p.number, std::string(m[0]), std::nullopt,
                     page_uncertain(docs_[v->index], p.number)};
        return;
      }
    }
  }

  void read_security() {
    const auto& rules = rules_.fields.security;
    if (!applies(rules_.fields.fields.at("security.test_fee_fen").categories)) return;
    for (const MaterialView* v : views_for({"eligibility_proof", "project_report", "application_form"})) {
      const std::string text = normalise_for_compare(v->doc.text());
      for (const std::string& w : rules.retest_words) {
        if (contains(text, w)) {
          s_.extracted.security.first_pass = false;
          return;
        }
      }
      for (const std::string& w : rules.first_pass_words) {
        if (contains(text, w) && (contains(text, "测试") || contains(text, "检测"))) {
          s_.extracted.security.first_pass = true;
          return;
        }
      }
    }
  }

  // The investment table and the audited statements (extractors/investment, audit).
  void read_tables() {
    auto docs_of = [this](const std::string& material) {
      std::vector<const Document*> out;
      auto it = views_.find(material);
      if (it != views_.end()) {
        for (const MaterialView& v : it->second) out.push_back(&v.doc);
      }
      return out;
    };
    extract_investment(docs_of("investment_table"), patterns(), rules_.tables, s_.extracted);
    extract_audit(docs_of("audit_report"), patterns(), rules_.tables, s_.extracted);
  }

  void add_finding(const std::string& code, Severity severity, const std::string& material,
                   const std::string& document, std::optional<int> page, const std::string& message,
                   const std::string& detail) {
    Finding f;
    f.code = code;
    f.severity = severity;
    f.material = material;
    f.document = document;
    f.page = page;
    f.message = message;
    f.detail = detail;
    s_.findings.push_back(std::move(f));
  }

  const std::vector<Document>& docs_;
  const ExtractRules& rules_;
  Submission& s_;
  std::map<std::string, std::vector<MaterialView>> views_;
};

}  // namespace

Result<FieldRules> load_field_rules(const std::filesystem::path& file) {
  auto doc = read_json(file);
  if (!doc.ok()) return doc.status();
  const json& j = doc.value();
  FieldRules r;
  const json fields = j.value("fields", json::object());  // keep alive for items()
  for (const auto& [name, f] : fields.items()) {
    FieldRule rule;
    rule.materials = strings(f.value("materials", json::array()));
    rule.labels = strings(f.value("labels", json::array()));
    rule.kind = f.value("kind", "text");
    rule.prose = strings(f.value("prose", json::array()));
    rule.categories = strings(f.value("categories", json::array()));
    r.fields[name] = std::move(rule);
  }
  r.stop_labels = strings(j.value("stop_labels", json::array()));
  r.applicant_name_fields = strings(j.value("applicant_name_fields", json::array()));
  r.uscc_materials = strings(j.value("uscc_materials", json::array()));
  const json credit = j.value("credit", json::object());
  r.credit.serious_section = strings(credit.value("serious_section", json::array()));
  r.credit.record_sections = strings(credit.value("record_sections", json::array()));
  r.credit.none_words = strings(credit.value("none_words", json::array()));
  r.credit.section_end_words = strings(credit.value("section_end_words", json::array()));
  r.credit.lookback_years = credit.value("lookback_years", 2);
  const json sec = j.value("security", json::object());
  r.security.first_pass_words = strings(sec.value("first_pass_words", json::array()));
  r.security.retest_words = strings(sec.value("retest_words", json::array()));
  const json ad = j.value("adaptation", json::object());
  r.adaptation.labels = strings(ad.value("labels", json::array()));
  r.adaptation.industries = strings(ad.value("industries", json::array()));
  r.adaptation.categories = strings(ad.value("categories", json::array()));
  r.filing_categories = strings(j.value("filing_categories", json::array()));
  r.name_prefixes = strings(j.value("name_prefixes", json::array()));
  r.name_suffixes = strings(j.value("name_suffixes", json::array()));
  return r;
}

Result<std::shared_ptr<const ExtractRules>> load_extract_rules(
    const std::filesystem::path& schemas_dir) {
  auto rules = std::make_shared<ExtractRules>();
  auto patterns = PatternSet::load(schemas_dir / "patterns.json");
  if (!patterns.ok()) return patterns.status();
  rules->patterns = patterns.value();
  auto classify = load_classify_rules(schemas_dir / "classify.json");
  if (!classify.ok()) return classify.status();
  rules->classify = std::move(classify.value());
  auto fields = load_field_rules(schemas_dir / "fields.json");
  if (!fields.ok()) return fields.status();
  rules->fields = std::move(fields.value());
  auto places = Places::load(schemas_dir / "places.json");
  if (!places.ok()) return places.status();
  rules->places = places.value();
  auto tables = load_table_rules(schemas_dir / "tables.json");
  if (!tables.ok()) return tables.status();
  rules->tables = std::move(tables.value());
  return std::shared_ptr<const ExtractRules>(std::move(rules));
}

void extract_facts(const std::vector<Document>& docs, const ExtractRules& rules, Submission& s) {
  Extractor(docs, rules, s).run();
}

}  // namespace shenbao
