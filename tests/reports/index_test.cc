// The index of every bundle, checked as HTML text.
#include <doctest/doctest.h>

#include <filesystem>

#include "pipeline/emit/html.h"
#include "tests/reports/report_fixtures.h"
#include "tests/support/files.h"

namespace shenbao::testing {
namespace {

using nlohmann::json;

json record(const std::string& id, const std::string& processed_at, const std::string& verdict,
            std::optional<std::string> applicant, std::optional<int64_t> award_fen) {
  Submission s = incomplete_submission();
  s.bundle.id = id;
  s.bundle.source = id + ".zip";
  s.bundle.processed_at = processed_at;
  s.verdict = verdict;
  s.applicant.name = std::move(applicant);
  s.subsidy.max_award_fen = award_fen;
  return to_json(s);
}

std::map<std::string, json> records() {
  std::map<std::string, json> r;
  r["alpha"] = record("alpha", "2025-06-01T08:00:00Z", "complete", "甲公司", 500000000);
  r["beta #2?"] = record("beta #2?", "2025-06-03T08:00:00Z", "incomplete", "乙公司", 100000);
  r["50% 丙"] = record("50% 丙", "2025-06-02T08:00:00Z", "ineligible", "丙公司", std::nullopt);
  r["<b>x</b>"] = record("<b>x</b>", "2025-05-30T08:00:00Z", "needs_review",
                         "<img src=x onerror=alert(1)>公司", 1);
  return r;
}

TEST_CASE("percent_encode_keeps_unreserved_bytes_and_encodes_the_rest") {
  CHECK(percent_encode("abc-._~XYZ09") == "abc-._~XYZ09");
  CHECK(percent_encode("a b#c?d%e/f") == "a%20b%23c%3Fd%25e%2Ff");
  CHECK(percent_encode("丙") == "%E4%B8%99");
  CHECK(percent_encode("\"<>'&") == "%22%3C%3E%27%26");
}

TEST_CASE("index_lists_every_record_newest_first") {
  const std::string html = render_index_html(records(), Lang::kZh, the_schemas());
  const size_t beta = html.find("乙公司</a>");
  const size_t gamma = html.find("丙公司</a>");
  const size_t alpha = html.find("甲公司</a>");
  const size_t xss = html.find("&lt;img src=x onerror=alert(1)&gt;公司</a>");
  REQUIRE(beta != std::string::npos);
  REQUIRE(gamma != std::string::npos);
  REQUIRE(alpha != std::string::npos);
  REQUIRE(xss != std::string::npos);
  CHECK(beta < gamma);   // 06-03
  CHECK(gamma < alpha);  // 06-02, 06-01
  CHECK(alpha < xss);    // 05-30
  CHECK(count(html, "<tr data-verdict=") == 4);
}

TEST_CASE("index_links_reports_with_percent_encoded_ids") {
  const std::string html = render_index_html(records(), Lang::kZh, the_schemas());
  CHECK(html.find("href=\"beta%20%232%3F/report.html\"") != std::string::npos);
  CHECK(html.find("href=\"50%25%20%E4%B8%99/report.html\"") != std::string::npos);
  CHECK(html.find("href=\"%3Cb%3Ex%3C%2Fb%3E/report.html\"") != std::string::npos);
  CHECK(html.find("href=\"alpha/report.html\"") != std::string::npos);
}

TEST_CASE("index_escapes_names_and_ids") {
  const std::string html = render_index_html(records(), Lang::kZh, the_schemas());
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>x</b>") == std::string::npos);
  CHECK(html.find("&lt;b&gt;x&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("data-v=\"&lt;img src=x onerror=alert(1)&gt;公司\"") != std::string::npos);
  // Exactly one script, the page's own.
  CHECK(count(html, "<script") == 1);
  CHECK(html.find("script-src &#39;unsafe-inline&#39;") != std::string::npos);
}

TEST_CASE("index_row_shows_category_verdict_badge_award_and_counts") {
  const std::string html = render_index_html(records(), Lang::kZh, the_schemas());
  const size_t row = html.find("<tr data-verdict=\"complete\">");
  REQUIRE(row != std::string::npos);
  const std::string tr = html.substr(row, html.find("</tr>", row) - row);
  CHECK(tr.find("（一）支持通用大模型设计构建") != std::string::npos);
  CHECK(tr.find("<span class=\"badge v-complete\">材料齐全</span>") != std::string::npos);
  CHECK(tr.find("data-v=\"500000000\">¥5,000,000.00") != std::string::npos);
  CHECK(tr.find("<td class=\"num errors\"><b>7</b></td>") != std::string::npos);
  CHECK(tr.find("<td class=\"num warnings\"><b>2</b></td>") != std::string::npos);
  CHECK(tr.find("2025-06-01 08:00:00Z") != std::string::npos);
  // A bundle without an award shows a dash.
  const size_t gamma = html.find("<tr data-verdict=\"ineligible\">");
  REQUIRE(gamma != std::string::npos);
  CHECK(html.find("<td class=\"num\" data-v=\"\">—</td>", gamma) < html.find("</tr>", gamma));
  // The tally counts each verdict.
  CHECK(html.find("<span class=\"badge v-incomplete\">材料不全 1</span>") != std::string::npos);
}

TEST_CASE("index_is_readable_without_script") {
  const std::string html = render_index_html(records(), Lang::kZh, the_schemas());
  // The controls only work with the script, so they start hidden; the table is complete.
  CHECK(html.find("<div id=\"controls\" class=\"controls noprint\" hidden>") != std::string::npos);
  CHECK(html.find("<table id=\"bundles\"") < html.find("<script>"));
  CHECK(html.find("<th data-key=\"award\" data-type=\"num\" class=\"num\">最高可给予补助</th>") !=
        std::string::npos);
}

TEST_CASE("index_in_english") {
  const std::string html = render_index_html(records(), Lang::kEn, the_schemas());
  CHECK(html.find("Application review index") != std::string::npos);
  CHECK(html.find(">Applicant</th>") != std::string::npos);
  CHECK(html.find("<span class=\"badge v-needs_review\">Needs review</span>") != std::string::npos);
  CHECK(html.find("(1) General large model design and construction") != std::string::npos);
  CHECK(html.find("申报单位") == std::string::npos);
}

TEST_CASE("index_of_no_records_says_so") {
  const std::string html = render_index_html({}, Lang::kZh, the_schemas());
  CHECK(html.find("尚无申报包") != std::string::npos);
  CHECK(html.find("</html>") != std::string::npos);
}

TEST_CASE("write_index_html_writes_out_index") {
  TempDir out;
  REQUIRE(write_index_html(out.path(), records(), Lang::kZh, the_schemas()).ok());
  CHECK(read_file(out.path() / "index.html") ==
        render_index_html(records(), Lang::kZh, the_schemas()));
}

}  // namespace
}  // namespace shenbao::testing
