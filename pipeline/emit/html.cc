// The pages' common parts: loading what they need from schemas/, reading the record
// defensively, formatting, the page shell and style sheet, and writing the files.
#include "pipeline/emit/html.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "pipeline/core/text.h"
#include "pipeline/emit/html_internal.h"
#include "pipeline/emit/submission_json.h"

namespace shenbao {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

Result<json> read_json_object(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::InvalidArgument("not a JSON object: " + file.string());
  }
  return doc;
}

}  // namespace

Result<ReportSchemas> load_report_schemas(const fs::path& schemas_dir,
                                          const std::string& edition) {
  Result<json> policy = read_json_object(schemas_dir / "policy" / (edition + ".json"));
  if (!policy.ok()) return policy.status();
  Result<json> findings = read_json_object(schemas_dir / "findings.json");
  if (!findings.ok()) return findings.status();
  return ReportSchemas{std::move(policy).value(), std::move(findings).value()};
}

const ReportSchemas& default_report_schemas() {
  static const ReportSchemas kSchemas = [] {
    Result<ReportSchemas> r = load_report_schemas(SHENBAO_DEFAULT_SCHEMAS_DIR);
    return r.ok() ? std::move(r).value() : ReportSchemas{};
  }();
  return kSchemas;
}

std::string format_money(int64_t fen) {
  // Work in unsigned so that INT64_MIN has a magnitude too.
  const bool negative = fen < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  const std::string yuan = std::to_string(magnitude / 100);
  std::string grouped;
  for (size_t i = 0; i < yuan.size(); ++i) {
    if (i > 0 && (yuan.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(yuan[i]);
  }
  char cents[4];
  std::snprintf(cents, sizeof cents, "%02u", static_cast<unsigned>(magnitude % 100));
  return std::string(negative ? "-" : "") + "¥" + grouped + "." + cents;
}

std::string percent_encode(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string render_report_html(const json& submission, Lang lang,
                               const std::vector<PageThumbnail>& thumbnails) {
  return render_report_html(submission, lang, thumbnails, default_report_schemas());
}

std::string render_index_html(const std::map<std::string, json>& records, Lang lang) {
  return render_index_html(records, lang, default_report_schemas());
}

Status write_report_html(const fs::path& out_dir, const json& submission, Lang lang,
                         const std::vector<PageThumbnail>& thumbnails) {
  return write_report_html(out_dir, submission, lang, thumbnails, default_report_schemas());
}

Status write_report_html(const fs::path& out_dir, const json& submission, Lang lang,
                         const std::vector<PageThumbnail>& thumbnails,
                         const ReportSchemas& schemas) {
  const std::optional<std::string> id = html::get_str(html::at_path(submission, "bundle.id"));
  // The id names a folder under OUT: exactly one path component, never "." or "..".
  if (!id || id->empty() || *id == "." || *id == ".." ||
      id->find('/') != std::string::npos || id->find('\0') != std::string::npos) {
    return Status::InvalidArgument("submission has no usable bundle.id");
  }
  const fs::path dir = out_dir / fs::path(*id);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("cannot create " + dir.string() + ": " + ec.message());
  return write_file_atomic(dir / "report.html",
                           render_report_html(submission, lang, thumbnails, schemas));
}

Status write_index_html(const fs::path& out_dir, const std::map<std::string, json>& records,
                        Lang lang) {
  return write_index_html(out_dir, records, lang, default_report_schemas());
}

Status write_index_html(const fs::path& out_dir, const std::map<std::string, json>& records,
                        Lang lang, const ReportSchemas& schemas) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return Status::IoError("cannot create " + out_dir.string() + ": " + ec.message());
  return write_file_atomic(out_dir / "index.html", render_index_html(records, lang, schemas));
}

namespace html {

const json& at(const json& j, std::string_view key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

const json& at_path(const json& j, std::string_view dotted) {
  const json* cur = &j;
  while (true) {
    const size_t dot = dotted.find('.');
    cur = &at(*cur, dotted.substr(0, dot));
    if (dot == std::string_view::npos) return *cur;
    dotted.remove_prefix(dot + 1);
  }
}

std::optional<std::string> get_str(const json& j) {
  if (!j.is_string()) return std::nullopt;
  return j.get<std::string>();
}

std::optional<int64_t> get_int(const json& j) {
  if (j.is_number_integer()) return j.get<int64_t>();
  if (j.is_number_unsigned()) {
    const uint64_t u = j.get<uint64_t>();
    if (u <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(u);
  }
  return std::nullopt;
}

std::optional<double> get_num(const json& j) {
  if (!j.is_number()) return std::nullopt;
  return j.get<double>();
}

std::optional<bool> get_bool(const json& j) {
  if (!j.is_boolean()) return std::nullopt;
  return j.get<bool>();
}

std::string str_or(const json& j, std::string_view fallback) {
  if (j.is_string()) return j.get<std::string>();
  return std::string(fallback);
}

std::string esc(std::string_view s) {
  if (is_valid_utf8(s)) return html_escape(s);
  return html_escape(codepoints_to_utf8(utf8_to_codepoints(s)));
}

std::string money_or_dash(std::optional<int64_t> fen) { return fen ? format_money(*fen) : "—"; }

std::string percent(double share) {
  const double pct = share * 100.0;
  const double rounded = std::round(pct * 100.0) / 100.0;
  char buf[32];
  if (std::fabs(rounded - std::round(rounded)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f%%", rounded);
  } else if (std::fabs(rounded * 10 - std::round(rounded * 10)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.1f%%", rounded);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f%%", rounded);
  }
  return buf;
}

namespace {

// Up to two decimals, trailing zeros dropped: 1300 → "1300", 1.25 → "1.25", 1.5 → "1.5".
std::string short_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string parameters_text(double n, Lang lang) {
  if (lang == Lang::kEn) {
    if (n >= 1e12) return short_number(n / 1e12) + " trillion";
    if (n >= 1e9) return short_number(n / 1e9) + " billion";
    if (n >= 1e6) return short_number(n / 1e6) + " million";
    return short_number(n);
  }
  if (n >= 1e12) return short_number(n / 1e12) + "万亿";
  if (n >= 1e8) return short_number(n / 1e8) + "亿";
  if (n >= 1e4) return short_number(n / 1e4) + "万";
  return short_number(n);
}

std::string base64(std::string_view bytes) {
  static const char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

std::optional<std::pair<int, int>> png_size(std::string_view png) {
  static const char kSignature[] = "\x89PNG\r\n\x1a\n";
  // signature (8), IHDR length (4), "IHDR" (4), width (4), height (4)
  if (png.size() < 24 || png.substr(0, 8) != std::string_view(kSignature, 8) ||
      png.substr(12, 4) != "IHDR") {
    return std::nullopt;
  }
  auto be32 = [&](size_t at) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(png[at])) << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(png[at + 1])) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(png[at + 2])) << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(png[at + 3]));
  };
  const uint32_t w = be32(16), h = be32(20);
  if (w == 0 || h == 0 || w > 100000 || h > 100000) return std::nullopt;
  return std::make_pair(static_cast<int>(w), static_cast<int>(h));
}

std::string verdict_text(std::string_view verdict, Lang lang) {
  if (verdict == "complete") return T(lang, "材料齐全", "Complete");
  if (verdict == "incomplete") return T(lang, "材料不全", "Incomplete");
  if (verdict == "ineligible") return T(lang, "不符合申报条件", "Ineligible");
  if (verdict == "needs_review") return T(lang, "需人工复核", "Needs review");
  return T(lang, "未判定", "Not judged");
}

std::string verdict_explanation(std::string_view verdict, Lang lang) {
  if (verdict == "complete") {
    return T(lang, "必需材料齐全、均已盖章，未发现需人工核对的问题。",
             "Every required material is present and sealed; nothing needs a reviewer's check.");
  }
  if (verdict == "incomplete") {
    return T(lang, "缺少必需材料、公章或备案，需申报单位补正。",
             "Required materials, seals or a filing are missing: the applicant must supply "
             "them.");
  }
  if (verdict == "ineligible") {
    return T(lang, "材料显示不满足申报条件。",
             "The materials show that a condition of the rules is not met.");
  }
  if (verdict == "needs_review") {
    return T(lang, "材料齐全，但有问题需人工核对。",
             "The materials are complete, but some findings need a reviewer's check.");
  }
  return "";
}

std::string severity_text(std::string_view severity, Lang lang) {
  if (severity == "error") return T(lang, "错误", "Error");
  if (severity == "warning") return T(lang, "警告", "Warning");
  if (severity == "info") return T(lang, "提示", "Info");
  return std::string(severity);
}

std::string page_head(Lang lang, std::string_view title, bool allow_script,
                      std::string_view extra_css) {
  std::string csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
  csp += allow_script ? "; script-src 'unsafe-inline'" : "; script-src 'none'";
  csp += "; base-uri 'none'; form-action 'none'";
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out += lang == Lang::kEn ? "en" : "zh-CN";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + esc(csp) + "\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  out += "<title>" + esc(title) + "</title>\n<style>\n";
  out += base_css();
  out += extra_css;
  out += "</style>\n</head>\n<body>\n";
  return out;
}

std::string_view base_css() {
  // Fonts are the reader's own (no web fonts): the CJK faces Debian, Windows and macOS ship.
  return R"CSS(
:root{--ok:#1e7b34;--ok-bg:#e7f5eb;--warn:#a35200;--warn-bg:#fff3df;--bad:#b42318;
--bad-bg:#fdeceb;--info:#1d4ed8;--info-bg:#e8efff;--ink:#1f2328;--muted:#5b6470;
--line:#d8dde3;--paper:#fff;--shade:#f5f7f9}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;padding:24px 32px 48px;color:var(--ink);background:var(--paper);
font:14px/1.55 system-ui,-apple-system,"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC",
"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--ink)}
h3{font-size:15px;margin:16px 0 6px}
table{border-collapse:collapse;width:100%;margin:6px 0 10px}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--shade);font-weight:600;white-space:nowrap}
thead{display:table-header-group}
tr{break-inside:avoid}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.muted{color:var(--muted)}
.small{font-size:12px}
.nowrap{white-space:nowrap}
.path{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px;word-break:break-all}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:12.5px;
white-space:nowrap;border:1px solid currentColor}
.v-complete{color:var(--ok);background:var(--ok-bg)}
.v-incomplete{color:var(--warn);background:var(--warn-bg)}
.v-ineligible{color:var(--bad);background:var(--bad-bg)}
.v-needs_review{color:var(--info);background:var(--info-bg)}
.v-unknown{color:var(--muted);background:var(--shade)}
.yes{color:var(--ok);font-weight:600}
.no{color:var(--bad);font-weight:600}
.unk{color:var(--warn);font-weight:600}
footer{margin-top:32px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);
padding-top:8px}
@page{size:A4;margin:14mm 12mm}
@media print{
body{padding:0;font-size:11pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:inherit;text-decoration:none}
.noprint{display:none!important}
}
)CSS";
}

}  // namespace html

}  // namespace shenbao
