// End to end: the real `shenbao` binary on real bundles, every output checked against the
// contract's schema. The committed corpus (samples/inbox) is scored against its ground truth
// (samples/expected) with shenbao-eval, and the figures are held to floors: raise a floor
// when the pipeline improves, never lower one to pass.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "pipeline/emit/submission_json.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kSource = SHENBAO_SOURCE_DIR;
const fs::path kBinary = fs::path(SHENBAO_BINARY_DIR) / "shenbao";
const fs::path kEval = fs::path(SHENBAO_BINARY_DIR) / "tests" / "eval" / "shenbao-eval";

std::string quote(const fs::path& p) { return "'" + p.string() + "'"; }

// Runs a shell command; returns its exit status.
int run(const std::string& command) {
  const int rc = std::system(command.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

json read_json(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str());
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("shenbao-e2e-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The committed corpus, run and scored once by tests/e2e/run-corpus: CTest runs that script as
// the setup of the e2e fixture; a test binary started by hand runs it itself.
const fs::path kCorpusWork = fs::path(SHENBAO_BINARY_DIR) / "e2e-corpus";

const json& corpus_scores() {
  static const json scores = [] {
    if (!fs::exists(kCorpusWork / "scores.json")) {
      const int rc = run("bash " + quote(kSource / "tests/e2e/run-corpus") + " " + quote(kBinary) +
                         " " + quote(kEval) + " " + quote(kSource) + " " + quote(kCorpusWork) +
                         " > /dev/null");
      if (rc != 0) return json();
    }
    json s = read_json(kCorpusWork / "scores.json");
    s["_out"] = (kCorpusWork / "out").string();
    return s;
  }();
  REQUIRE_MESSAGE(scores.is_object(), "the corpus run failed: see " << kCorpusWork);
  return scores;
}

double ratio(const std::string& figure) {
  const json& s = corpus_scores();
  const json& f = s.contains("figures") ? s["figures"] : s;
  REQUIRE_MESSAGE(f.contains(figure), "no figure " << figure);
  return f[figure].value("ratio", 0.0);
}

}  // namespace

TEST_CASE("every bundle of the corpus gets a submission.json that validates against the schema") {
  const fs::path out = corpus_scores()["_out"].get<std::string>();
  auto validator = shenbao::SchemaValidator::load(kSource / "schemas/submission.schema.json");
  REQUIRE(validator.ok());
  int bundles = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "samples/inbox")) {
    (void)entry;
    ++bundles;
  }
  int written = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    if (!entry.is_directory()) continue;
    const fs::path file = entry.path() / "submission.json";
    REQUIRE(fs::exists(file));
    const auto problems = validator.value()->validate(read_json(file));
    CHECK_MESSAGE(problems.empty(), file << ": " << (problems.empty() ? "" : problems.front()));
    ++written;
  }
  CHECK(written == bundles);
  // submissions.jsonl: one line per bundle.
  std::ifstream jsonl(out / "submissions.jsonl");
  int lines = 0;
  for (std::string line; std::getline(jsonl, line);) lines += !line.empty();
  CHECK(lines == bundles);
}

TEST_CASE("corpus accuracy holds its floors") {
  // Floors: where the pipeline stood when they were set (2026-11-28: documents 1.0,
  // materials 0.98, category 1.0, seals 1.0/1.0, findings recall 0.955 / precision 0.75,
  // verdict 0.8, award 0.8, fields 0.76, USCC 0.9), rounded down to the next 0.05 because
  // the corpus was regenerated after that measurement. Raise them as the pipeline improves.
  // Field extraction raised 2026-11-28 (fields 0.965, applicant 0.983, application 1.0,
  // filing 1.0, license 0.825, adaptation 1.0, USCC 1.0, findings precision 0.885,
  // verdict 0.9, award 1.0), each less a
  // margin of a miss or two for OCR that reads a photo slightly differently.
  // Raised again 2026-11-29 after red ink was suppressed only in seals and upside-down pages
  // were turned (fields 0.984, license 0.975, audit 0.986, sections 7/9, findings recall
  // 1.0 / precision 0.958, verdict 1.0, seals 1.0): findings, verdict and seals now at the
  // issues' acceptance figures (0.95, 0.95, 0.97), which leave no room for a new miss.
  // Then the amounts of scanned ruled tables were read cell by cell (fields 0.995,
  // investment and audit 1.0, findings precision 1.0): investment total and hardware share
  // held at issue 5's 0.95. Mismatch findings then named the document that differs
  // (findings.details 0.913 → 1.0): held at 0.95. A security test's fee invoice became that
  // category's evidence (material.documents 0.99 → 1.0): held at 0.98.
  const std::map<std::string, double> floors = {
      {"documents.listed", 1.0},
      {"documents.status", 0.98},
      {"bundles.output_found", 1.0},
      {"category", 1.0},
      {"material.documents", 0.98},
      {"seal.document.precision", 0.97},
      {"seal.document.recall", 0.97},
      {"seal.page.precision", 0.97},
      {"seal.page.recall", 0.97},
      {"findings.recall", 0.95},
      {"findings.precision", 0.95},
      {"findings.details", 0.95},
      {"verdict", 0.95},
      {"award.exact", 0.95},
      {"fields.all", 0.98},
      {"uscc.exact", 0.95},
      {"fields.applicant", 0.95},
      {"fields.application", 0.95},
      {"fields.filing", 0.95},
      {"fields.license", 0.9},
      {"fields.adaptation", 0.9},
      {"field.extracted.application.project_name", 0.9},
      {"field.extracted.filing.number", 0.9},
      {"field.applicant.legal_representative", 0.9},
      {"fields.credit", 0.95},
      {"fields.investment", 0.95},
      {"field.extracted.investment.total_fen", 0.95},
      {"field.extracted.investment.hardware_share", 0.95},
      {"fields.audit", 0.95},
      {"material.sections", 0.85},
  };
  for (const auto& [figure, floor] : floors) {
    const double reached = ratio(figure);
    CHECK_MESSAGE(reached >= floor, figure << " = " << reached << " < floor " << floor);
  }
}

TEST_CASE("a garbage bundle does not stop the run: the other bundles are processed, exit 1") {
  const fs::path dir = fresh_dir("garbage");
  const fs::path inbox = dir / "inbox";
  fs::create_directories(inbox / "好的申报");
  {
    std::ofstream(inbox / "garbage.zip") << "this is not a zip file at all";
    std::ofstream(inbox / "stray.txt") << "营业执照";
    // A DOCX-less folder bundle with one unsupported file: still listed, still judged.
    std::ofstream(inbox / "好的申报" / "说明.txt") << "项目情况报告";
  }
  const int rc = run(quote(kBinary) + " run " + quote(inbox) + " --out " + quote(dir / "out") +
                     " --quiet > " + quote(dir / "stdout.txt"));
  CHECK(rc == 1);
  CHECK(fs::exists(dir / "out" / "好的申报" / "submission.json"));
  const json garbage = read_json(dir / "out" / "garbage" / "submission.json");
  bool reported = false;
  for (const json& f : garbage["findings"]) reported |= f["code"] == "DOCUMENT_UNREADABLE";
  CHECK(reported);
  std::ifstream summary(dir / "stdout.txt");
  std::stringstream ss;
  ss << summary.rdbuf();
  CHECK(ss.str().find("not a bundle: stray.txt") != std::string::npos);
}

TEST_CASE("check prints the submission of one bundle and validate accepts it") {
  const fs::path dir = fresh_dir("check");
  fs::create_directories(dir / "bundle");
  std::ofstream(dir / "bundle" / "a.txt") << "hello";
  REQUIRE(run(quote(kBinary) + " check " + quote(dir / "bundle") + " > " + quote(dir / "s.json")) == 0);
  const json s = read_json(dir / "s.json");
  CHECK(s["schema_version"] == "1");
  REQUIRE(s["documents"].size() == 1);
  CHECK(s["documents"][0]["path"] == "a.txt");
  CHECK(run(quote(kBinary) + " validate " + quote(dir / "s.json") + " > /dev/null") == 0);
  std::ofstream(dir / "bad.json") << R"({"schema_version": "2"})";
  CHECK(run(quote(kBinary) + " validate " + quote(dir / "bad.json") + " 2> /dev/null") == 1);
  CHECK(run(quote(kBinary) + " run 2> /dev/null") == 2);
}

TEST_CASE("every corpus report shows page pictures with the seals outlined") {
  // Every bundle of the corpus has sealed pages, so every report has pictures.
  const fs::path out = corpus_scores()["_out"].get<std::string>();
  int reports = 0;
  for (const auto& entry : fs::directory_iterator(out)) {
    if (!entry.is_directory()) continue;
    std::ifstream in(entry.path() / "report.html");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string html = ss.str();
    CHECK_MESSAGE(html.find("id=\"pictures\"") != std::string::npos, entry.path());
    CHECK_MESSAGE(html.find("data:image/png;base64,") != std::string::npos, entry.path());
    CHECK_MESSAGE(html.find("class=\"box k-seal\"") != std::string::npos, entry.path());
    ++reports;
  }
  const fs::directory_iterator inbox(kSource / "samples/inbox");
  CHECK(reports == std::distance(fs::begin(inbox), fs::end(inbox)));
}
