// Shared by the HTML pages' sources (html.cc, html_text.cc, html_report.cc, html_index.cc);
// not part of emit's interface.
//
// Everything here reads a submission.json record defensively: a key that is missing or of
// another type reads as "not found", never throws, so a half-filled record of a bundle that
// failed still renders.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/emit/html.h"

namespace shenbao::html {

using nlohmann::json;

// ---- reading the record ------------------------------------------------------------------

// j[key] when j is an object holding key, else a null json.
const json& at(const json& j, std::string_view key);
// at() along a dotted path ("extracted.application.requested_fen").
const json& at_path(const json& j, std::string_view dotted);
std::optional<std::string> get_str(const json& j);
std::optional<int64_t> get_int(const json& j);
std::optional<double> get_num(const json& j);
std::optional<bool> get_bool(const json& j);
std::string str_or(const json& j, std::string_view fallback = "");

// ---- escaping and formatting -------------------------------------------------------------

// html_escape of `s` after repairing invalid UTF-8 (bad bytes become U+FFFD).
std::string esc(std::string_view s);
// "zh" text or "en" text.
inline const char* T(Lang lang, const char* zh, const char* en) {
  return lang == Lang::kEn ? en : zh;
}
// "¥5,000,000.00"; "—" for nullopt.
std::string money_or_dash(std::optional<int64_t> fen);
// 0.5 → "50%", 0.3333 → "33.33%".
std::string percent(double share);
// A parameter count: 1.3e11 → "1300亿" / "130 billion".
std::string parameters_text(double n, Lang lang);
// base64 of bytes, for data: URIs.
std::string base64(std::string_view bytes);
// Width and height from a PNG's IHDR; nullopt when `png` is not a PNG.
std::optional<std::pair<int, int>> png_size(std::string_view png);

// ---- what the rules call things (from the policy JSON) -----------------------------------

// The policy's materials in the rules' order (七、申报材料 (一)…(十)); when the policy is
// missing, the record's own material ids.
std::vector<std::string> material_order(const ReportSchemas& s, const json& submission);
// A material's name as the rules spell it ("街镇审批表（…）") or its English name; the id
// itself when the policy does not know it.
std::string material_name(const ReportSchemas& s, std::string_view id, Lang lang);
// "（三）" / "(3)" from the material's clause "七（三）"; empty when unknown.
std::string material_item(const ReportSchemas& s, std::string_view id, Lang lang);
// The policy's note on a material (Chinese only), may be empty.
std::string material_note(const ReportSchemas& s, std::string_view id);
// "（一）支持通用大模型设计构建" / "(1) General large model design and construction";
// "未确定" / "Not determined" for unknown.
std::string category_name(const ReportSchemas& s, std::string_view id, Lang lang);
// The category's rule object in the policy (null json when unknown).
const json& category_rule(const ReportSchemas& s, std::string_view id);
// A cost category's name ("硬件设施" / "hardware"), the id when unknown.
std::string cost_category_name(const ReportSchemas& s, std::string_view id, Lang lang);
// A clause in English numbering: "三（一）1（2）" → "3(1)1(2)"; "七" → "7".
std::string clause_en(std::string_view clause);
// The clause as shown in `lang`.
std::string clause_text(std::string_view clause, Lang lang);

// ---- findings ----------------------------------------------------------------------------

// The finding's message in `lang`. Chinese: the record's message. English: the catalog's
// "en" template of the code (or of the variant whose Chinese template produced the
// record's message), filled from the finding's "params" when the record carries them, or
// from the values read back out of the Chinese message by matching it against the Chinese
// template. Falls back to the record's Chinese message when no template fits or a value
// is missing, so nothing is ever invented.
std::string finding_message(const ReportSchemas& s, const json& submission, const json& finding,
                            Lang lang);
// The verdict class a code feeds in the catalog ("ineligible" | "incomplete" | "review"),
// empty when the catalog does not know it.
std::string finding_verdict_class(const ReportSchemas& s, std::string_view code);

// Splits "a{x}b{y}" into literal and placeholder pieces, and matches `text` against them:
// the values of the placeholders, or nullopt when the text does not have the template's
// shape. `bound` holds values already known (document, page); a placeholder named twice
// must take the same value both times.
std::optional<std::map<std::string, std::string>> match_template(
    std::string_view tmpl, std::string_view text,
    const std::map<std::string, std::string>& bound = {});
// Replaces each {name} with values[name]; nullopt when a name has no value.
std::optional<std::string> fill_template(std::string_view tmpl,
                                         const std::map<std::string, std::string>& values);

// ---- verdicts and severities -------------------------------------------------------------

std::string verdict_text(std::string_view verdict, Lang lang);
// One line on what the verdict means for the reviewer.
std::string verdict_explanation(std::string_view verdict, Lang lang);
std::string severity_text(std::string_view severity, Lang lang);

// ---- page shell --------------------------------------------------------------------------

// <!DOCTYPE html> … <body>: charset, CSP (scripts allowed only when `allow_script`), the
// page's title and the shared style sheet plus `extra_css`.
std::string page_head(Lang lang, std::string_view title, bool allow_script,
                      std::string_view extra_css);
// The style sheet both pages share (colours of verdicts, tables, print rules).
std::string_view base_css();

}  // namespace shenbao::html
