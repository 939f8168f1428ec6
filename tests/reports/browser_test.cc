// The pages in a real browser: headless Chromium loads a report and the index from files,
// and its DOM, console and screenshots are checked. Chromium is required (CI installs it
// with scripts/install-deps): when it is missing the test fails rather than skips.
//
// Artifacts (DOM dumps, console logs, screenshots) are kept under
// <build>/test-artifacts/reports/ for people to look at.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "pipeline/emit/html.h"
#include "tests/reports/report_fixtures.h"
#include "tests/support/files.h"

namespace shenbao::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// file:// URL of an absolute path, each segment percent-encoded.
std::string file_url(const fs::path& p) {
  std::string url = "file://";
  for (const fs::path& part : p.relative_path()) url += "/" + percent_encode(part.string());
  return url;
}

// As a browser serialises a text node: & < > escaped, quotes kept.
std::string dom_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out.push_back(c);
  }
  return out;
}

std::string console_lines(const std::string& log) {
  std::string lines;
  size_t pos = 0;
  while (pos < log.size()) {
    size_t end = log.find('\n', pos);
    if (end == std::string::npos) end = log.size();
    const std::string line = log.substr(pos, end - pos);
    if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos) {
      lines += line + "\n";
    }
    pos = end + 1;
  }
  return lines;
}

std::pair<int, int> png_dimensions(const std::string& png) {
  if (png.size() < 24 || png.compare(1, 3, "PNG") != 0) return {0, 0};
  auto be32 = [&](size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) |
           (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  return {be32(16), be32(20)};
}

// Several bundles of different categories and verdicts, for the index, each with the
// findings its verdict implies.
std::map<std::string, json> index_records() {
  std::map<std::string, json> r;
  auto add = [&](const std::string& id, const std::string& at, const std::string& category,
                 const std::string& verdict, std::optional<std::string> name,
                 std::optional<int64_t> award, int64_t requested_yuan,
                 const std::set<std::string>& codes) {
    Submission s = incomplete_submission();
    s.bundle.id = id;
    s.bundle.source = id + ".zip";
    s.bundle.processed_at = at;
    s.category = category;
    s.verdict = verdict;
    s.applicant.name = std::move(name);
    s.subsidy.max_award_fen = award;
    s.subsidy.requested_fen = yuan(requested_yuan);
    std::erase_if(s.findings, [&](const Finding& f) { return !codes.count(f.code); });
    if (verdict == "ineligible") {
      s.findings.push_back(finding("NOT_IN_SONGJIANG", Severity::kError, "business_license", "",
                                   std::nullopt, "营业执照住所不在松江区：上海市闵行区（二（一））"));
    }
    r[id] = to_json(s);
  };
  const std::set<std::string> all = {"MATERIAL_MISSING", "SEAL_MISSING", "FILING_MISSING",
                                     "DOCUMENT_UNREADABLE", "ARCHIVE_REJECTED",
                                     "HARDWARE_SHARE_EXCEEDED", "OCR_LOW_CONFIDENCE",
                                     "NAME_MISMATCH"};
  add("华智科技 #1?%", "2025-06-02T09:15:00Z", "general_model", "incomplete",
      "上海华智未来人工智能科技有限公司", 642857142, 6'000'000, all);
  add("云启医疗", "2025-06-02T09:20:00Z", "specialized_model", "complete",
      "上海云启医疗大模型有限公司", 500000000, 4'500'000, {});
  add("适配-003", "2025-06-01T16:40:00Z", "adaptation_service", "needs_review",
      "上海松数适配软件有限公司", 50000000, 800'000, {"OCR_LOW_CONFIDENCE", "NAME_MISMATCH"});
  add("安测", "2025-06-01T11:05:00Z", "security_testing", "ineligible", "上海安测信息技术有限公司",
      12500000, 250'000, {});
  add("<img src=x onerror=alert(1)>", "2025-05-30T08:00:00Z", "unknown", "needs_review",
      std::nullopt, std::nullopt, 1'000'000, {"DOCUMENT_UNREADABLE", "ARCHIVE_REJECTED"});
  return r;
}

TEST_CASE("report_and_index_render_in_chromium_without_console_errors") {
  REQUIRE_MESSAGE(std::system("command -v chromium > /dev/null 2>&1") == 0,
                  "chromium is not installed: run scripts/install-deps");

  const fs::path artifacts = fs::path(SHENBAO_BINARY_DIR) / "test-artifacts" / "reports";
  fs::remove_all(artifacts);
  fs::create_directories(artifacts);
  const fs::path out = artifacts / "out";
  const Submission sub = incomplete_submission();
  REQUIRE(write_report_html(out, to_json(sub), Lang::kZh, {licence_thumbnail()}, the_schemas()).ok());
  REQUIRE(write_index_html(out, index_records(), Lang::kZh, the_schemas()).ok());

  TempDir profile_a, profile_b;
  const std::string flags =
      "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--enable-logging=stderr --v=0 --window-size=1200,1600 ";
  auto browse = [&](const TempDir& profile, const std::string& name, const std::string& url) {
    const fs::path a = artifacts / name;
    return "timeout 60 chromium " + flags + "--user-data-dir='" + profile.path().string() +
           "' --screenshot='" + a.string() + ".png' --dump-dom '" + url + "' > '" + a.string() +
           ".dom' 2> '" + a.string() + ".log'";
  };
  // Both pages at once: Chromium's start-up dominates the time.
  const std::string report_url = file_url(out / "华智科技 #1?%" / "report.html");
  const std::string index_url = file_url(out / "index.html") + "#sort=award-desc";
  const std::string command = "(" + browse(profile_a, "report", report_url) + ") & p1=$!; (" +
                              browse(profile_b, "index", index_url) +
                              ") & p2=$!; wait $p1 || exit 1; wait $p2";
  REQUIRE(std::system(command.c_str()) == 0);

  {  // the report (no SUBCASE: each would start the browsers again)
    const std::string dom = read_file(artifacts / "report.dom");
    const std::string log = read_file(artifacts / "report.log");
    REQUIRE(dom.find("</html>") != std::string::npos);
    CHECK_MESSAGE(console_lines(log).empty(), console_lines(log));
    CHECK(dom.find("材料不全") != std::string::npos);
    CHECK(dom.find("¥6,428,571.42") != std::string::npos);
    for (const Finding& f : sub.findings) {
      CAPTURE(f.message);
      CHECK(dom.find(dom_text(f.message)) != std::string::npos);
    }
    CHECK(dom.find("申报材料清单") != std::string::npos);
    for (const json& m : the_schemas().policy["materials"]) {
      CHECK(dom.find(dom_text(m["name_zh"].get<std::string>())) != std::string::npos);
    }
    // The file named like a tag stayed text; the only image is the page picture.
    CHECK(dom.find("&lt;img src=x onerror=alert(1)&gt;.pdf") != std::string::npos);
    CHECK(count(dom, "<img") == 1);
    CHECK(dom.find("onerror=\"") == std::string::npos);
    CHECK(dom.find("<script") == std::string::npos);
    const std::string png = read_file(artifacts / "report.png");
    CHECK(png_dimensions(png) == std::make_pair(1200, 1600));
  }
  {  // the index
    const std::string dom = read_file(artifacts / "index.dom");
    const std::string log = read_file(artifacts / "index.log");
    REQUIRE(dom.find("</html>") != std::string::npos);
    CHECK_MESSAGE(console_lines(log).empty(), console_lines(log));
    // The script ran to its end without an error and showed the controls.
    CHECK(dom.find("data-script=\"ready\"") != std::string::npos);
    CHECK(dom.find("<title>SCRIPT ERROR") == std::string::npos);  // window.onerror sets it
    CHECK(dom.find("<div id=\"controls\" class=\"controls noprint\">") != std::string::npos);
    CHECK(dom.find("显示 5 / 5") != std::string::npos);
    // Sorted by the fragment's request: largest award first, none last.
    const size_t a = dom.find("上海华智未来人工智能科技有限公司");
    const size_t b = dom.find("上海云启医疗大模型有限公司");
    const size_t c = dom.find("上海松数适配软件有限公司");
    const size_t d = dom.find("上海安测信息技术有限公司");
    const size_t e = dom.find("（未识别申报单位）");
    CHECK(a < b);
    CHECK(b < c);
    CHECK(c < d);
    CHECK(d < e);
    CHECK(e != std::string::npos);
    CHECK(dom.find("aria-sort=\"descending\"") != std::string::npos);
    CHECK(count(dom, "<img") == 0);
    CHECK(dom.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(dom.find("href=\"%E5%8D%8E%E6%99%BA%E7%A7%91%E6%8A%80%20%231%3F%25/report.html\"") !=
          std::string::npos);
    const std::string png = read_file(artifacts / "index.png");
    CHECK(png_dimensions(png) == std::make_pair(1200, 1600));
  }
}

}  // namespace
}  // namespace shenbao::testing
