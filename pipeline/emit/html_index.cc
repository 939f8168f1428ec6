// The index of every bundle (OUT/index.html): one row per bundle, newest first, with the
// verdict as a coloured badge and a link to the bundle's report. A small inline script
// (constant text, nothing from input) sorts by a clicked header and filters by verdict and
// text; without it the page is a plain, complete table.
#include <algorithm>

#include "pipeline/emit/html.h"
#include "pipeline/emit/html_internal.h"

namespace shenbao {

namespace {

using namespace html;  // NOLINT: this file is the html namespace's client

const std::vector<std::string>& verdicts() {
  // Most urgent first: the order of the verdict column when sorted.
  static const std::vector<std::string> kOrder = {"ineligible", "incomplete", "needs_review",
                                                  "complete"};
  return kOrder;
}

int verdict_rank(const std::string& v) {
  const auto& order = verdicts();
  auto it = std::find(order.begin(), order.end(), v);
  return it == order.end() ? static_cast<int>(order.size()) : static_cast<int>(it - order.begin());
}

struct Row {
  std::string id;
  const json* record;
  std::string processed_at;
};

// "2025-06-01T08:30:00Z" → "2025-06-01 08:30:00Z": easier to read, same order.
std::string readable_time(std::string t) {
  if (t.size() > 10 && t[10] == 'T') t[10] = ' ';
  return t;
}

std::string_view index_css() {
  return R"CSS(
.idx-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 18px;margin-bottom:10px}
.idx-head h1{margin:0}
.tally{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 12px;padding:0;list-style:none}
.controls{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:0 0 10px;padding:8px 10px;
background:var(--shade);border-radius:6px}
.controls select,.controls input{font:inherit;padding:3px 6px;border:1px solid var(--line);
border-radius:4px;background:#fff}
.controls input{min-width:18em}
#bundles tbody tr:hover td{background:#f0f4f8}
#bundles th[data-key]{cursor:pointer;user-select:none}
#bundles th[data-key]:hover{background:#e6ebf0}
#bundles th[aria-sort=ascending]::after{content:" ▲";font-size:10px}
#bundles th[aria-sort=descending]::after{content:" ▼";font-size:10px}
#bundles td.errors b{color:var(--bad)}
#bundles td.warnings b{color:var(--warn)}
#bundles a{color:#0b57d0;font-weight:600;text-decoration:none}
#bundles a:hover{text-decoration:underline}
.id{display:block;font-size:12px;color:var(--muted);font-weight:400}
@media print{#bundles th::after{content:none!important}}
)CSS";
}

// Sorting and filtering. Constant text: nothing from input ever reaches a script.
// Reads its state from the URL fragment too (#sort=award-desc&verdict=incomplete&q=…), so a
// view can be bookmarked.
std::string_view index_script() {
  return R"JS(
(function () {
  'use strict';
  window.onerror = function (msg) { document.title = 'SCRIPT ERROR: ' + msg; };
  var table = document.getElementById('bundles');
  if (!table || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var rows = Array.prototype.slice.call(body.rows).filter(function (r) {
    return r.hasAttribute('data-verdict');
  });
  var lang = document.documentElement.lang || 'zh-CN';

  function value(row, i, numeric) {
    var cell = row.cells[i];
    var v = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent.trim();
    if (!numeric) return v;
    var n = parseFloat(v);
    return isNaN(n) ? -Infinity : n;
  }
  function sortBy(i, dir) {
    var numeric = heads[i].getAttribute('data-type') === 'num';
    rows.sort(function (a, b) {
      var x = value(a, i, numeric), y = value(b, i, numeric);
      var r = numeric ? (x < y ? -1 : x > y ? 1 : 0) : String(x).localeCompare(String(y), lang);
      return r * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    for (var k = 0; k < heads.length; k++) heads[k].removeAttribute('aria-sort');
    heads[i].setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    if (!th.hasAttribute('data-key')) return;
    th.tabIndex = 0;
    th.title = table.getAttribute('data-sort-hint') || '';
    function toggle() {
      var cur = th.getAttribute('aria-sort');
      var first = th.getAttribute('data-first') ||
                  (th.getAttribute('data-type') === 'num' ? 'desc' : 'asc');
      var dir = cur === 'ascending' ? -1 : cur === 'descending' ? 1 : (first === 'asc' ? 1 : -1);
      sortBy(i, dir);
    }
    th.addEventListener('click', toggle);
    th.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); }
    });
  });

  var controls = document.getElementById('controls');
  var verdict = document.getElementById('f-verdict');
  var text = document.getElementById('f-text');
  var count = document.getElementById('f-count');
  function filter() {
    var v = verdict.value, q = text.value.trim().toLowerCase(), shown = 0;
    rows.forEach(function (r) {
      var ok = (!v || r.getAttribute('data-verdict') === v) &&
               (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = (count.getAttribute('data-format') || '{shown} / {total}')
        .replace('{shown}', shown).replace('{total}', rows.length);
  }
  verdict.addEventListener('change', filter);
  text.addEventListener('input', filter);

  var state = new URLSearchParams(location.hash.replace(/^#/, ''));
  if (state.get('verdict')) verdict.value = state.get('verdict');
  if (state.get('q')) text.value = state.get('q');
  var m = /^([a-z_]+)-(asc|desc)$/.exec(state.get('sort') || '');
  if (m) {
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getAttribute('data-key') === m[1]) sortBy(i, m[2] === 'asc' ? 1 : -1);
    }
  }
  controls.hidden = false;
  filter();
  document.documentElement.setAttribute('data-script', 'ready');
})();
)JS";
}

}  // namespace

std::string render_index_html(const std::map<std::string, json>& records, Lang lang,
                              const ReportSchemas& schemas) {
  std::vector<Row> rows;
  for (const auto& [id, record] : records) {
    rows.push_back({id, &record, str_or(at_path(record, "bundle.processed_at"))});
  }
  // Newest first; ids break ties so the order is stable.
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.processed_at != b.processed_at) return a.processed_at > b.processed_at;
    return a.id < b.id;
  });

  std::map<std::string, int> tally;
  for (const Row& r : rows) ++tally[str_or(at(*r.record, "verdict"), "unknown")];

  const std::string title = T(lang, "申报材料初审汇总", "Application review index");
  std::string out = page_head(lang, title, /*allow_script=*/true, index_css());
  out += "<header class=\"idx-head\"><h1>" + esc(title) + "</h1><span class=\"muted\">";
  out += lang == Lang::kEn ? std::to_string(rows.size()) + " bundle(s), newest first"
                           : "共 " + std::to_string(rows.size()) + " 个申报包，按处理时间由新到旧";
  out += "</span></header>\n<ul class=\"tally\">\n";
  for (const std::string& v : verdicts()) {
    out += "<li><span class=\"badge v-" + v + "\">" + esc(verdict_text(v, lang)) + " " +
           std::to_string(tally.count(v) ? tally[v] : 0) + "</span></li>\n";
  }
  out += "</ul>\n";

  out += "<div id=\"controls\" class=\"controls noprint\" hidden>\n<label>";
  out += T(lang, "初审结论 ", "Verdict ");
  out += "<select id=\"f-verdict\"><option value=\"\">";
  out += T(lang, "全部", "All");
  out += "</option>";
  for (const std::string& v : verdicts()) {
    out += "<option value=\"" + v + "\">" + esc(verdict_text(v, lang)) + "</option>";
  }
  out += "</select></label>\n<label>";
  out += T(lang, "查找 ", "Search ");
  out += "<input id=\"f-text\" type=\"search\" placeholder=\"";
  out += T(lang, "申报单位、类别、申报包", "applicant, category, bundle");
  out += "\" autocomplete=\"off\"></label>\n<span id=\"f-count\" class=\"muted\" data-format=\"";
  out += T(lang, "显示 {shown} / {total}", "showing {shown} of {total}");
  out += "\"></span>\n</div>\n";

  out += "<table id=\"bundles\" data-sort-hint=\"";
  out += T(lang, "点击排序", "click to sort");
  out += "\">\n<thead><tr>";
  auto th = [&](const char* key, const char* type, const char* zh, const char* en,
                bool numeric_align) {
    out += "<th data-key=\"" + std::string(key) + "\"";
    if (*type) out += " data-type=\"" + std::string(type) + "\"";
    if (std::string_view(key) == "verdict") out += " data-first=\"asc\"";  // most urgent first
    if (numeric_align) out += " class=\"num\"";
    out += std::string(">") + T(lang, zh, en) + "</th>";
  };
  th("applicant", "", "申报单位", "Applicant", false);
  th("category", "", "申报类别", "Category", false);
  th("verdict", "num", "初审结论", "Verdict", false);
  th("award", "num", "最高可给予补助", "Largest award", true);
  th("requested", "num", "申请金额", "Requested", true);
  th("errors", "num", "错误", "Errors", true);
  th("warnings", "num", "警告", "Warnings", true);
  th("processed", "", "处理时间", "Processed", false);
  out += "</tr></thead>\n<tbody>\n";

  if (rows.empty()) {
    out += "<tr><td colspan=\"8\" class=\"muted\">";
    out += T(lang, "尚无申报包。", "No bundles yet.");
    out += "</td></tr>\n";
  }
  for (const Row& r : rows) {
    const json& rec = *r.record;
    const std::string verdict = str_or(at(rec, "verdict"), "unknown");
    const bool known_verdict = verdict_rank(verdict) < static_cast<int>(verdicts().size());
    const std::optional<std::string> name = get_str(at_path(rec, "applicant.name"));
    const std::optional<int64_t> award = get_int(at_path(rec, "subsidy.max_award_fen"));
    std::optional<int64_t> requested = get_int(at_path(rec, "subsidy.requested_fen"));
    if (!requested) requested = get_int(at_path(rec, "extracted.application.requested_fen"));
    int errors = 0, warnings = 0;
    const json& findings = at(rec, "findings");
    if (findings.is_array()) {
      for (const json& f : findings) {
        const std::string sev = str_or(at(f, "severity"));
        errors += sev == "error";
        warnings += sev == "warning";
      }
    }
    const std::string href = percent_encode(r.id) + "/report.html";
    const std::string shown_name =
        name ? *name : std::string(T(lang, "（未识别申报单位）", "(applicant not found)"));

    out += "<tr data-verdict=\"" + esc(known_verdict ? verdict : "unknown") + "\">";
    out += "<td data-v=\"" + esc(shown_name) + "\"><a href=\"" + esc(href) + "\">" +
           esc(shown_name) + "</a><span class=\"id path\">" + esc(r.id) + "</span></td>";
    out += "<td>" + esc(category_name(schemas, str_or(at(rec, "category"), "unknown"), lang)) +
           "</td>";
    out += "<td data-v=\"" + std::to_string(verdict_rank(verdict)) + "\"><span class=\"badge v-" +
           esc(known_verdict ? verdict : "unknown") + "\">" + esc(verdict_text(verdict, lang)) +
           "</span></td>";
    out += "<td class=\"num\" data-v=\"" + (award ? std::to_string(*award) : "") + "\">" +
           esc(money_or_dash(award)) + "</td>";
    out += "<td class=\"num\" data-v=\"" + (requested ? std::to_string(*requested) : "") + "\">" +
           esc(money_or_dash(requested)) + "</td>";
    out += "<td class=\"num errors\">" +
           (errors ? "<b>" + std::to_string(errors) + "</b>" : std::string("0")) + "</td>";
    out += "<td class=\"num warnings\">" +
           (warnings ? "<b>" + std::to_string(warnings) + "</b>" : std::string("0")) + "</td>";
    out += "<td class=\"nowrap\" data-v=\"" + esc(r.processed_at) + "\">" +
           esc(readable_time(r.processed_at)) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<footer>";
  out += T(lang, "每个申报包显示最近一次处理的结果。点击申报单位查看初审报告。",
           "Each bundle shows its latest processing. Click an applicant to open its report.");
  out += "</footer>\n<script>";
  out += index_script();
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace shenbao
