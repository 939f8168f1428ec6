// shenbao-eval as a program: its exit status, its tables and its --json file.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "tests/eval/eval_fixture.h"

using namespace shenbao::eval::testing;

namespace {

struct Ran {
  int exit_code = -1;
  std::string out;  // stdout
};

// Runs shenbao-eval with `args` (already quoted), stderr dropped.
Ran run_eval(const std::string& args) {
  const std::string command = std::string("'") + SHENBAO_EVAL_EXE + "' " + args + " 2>/dev/null";
  Ran ran;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) ran.out.append(buf, n);
  const int status = ::pclose(pipe);
  if (WIFEXITED(status)) ran.exit_code = WEXITSTATUS(status);
  return ran;
}

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("shenbao-eval writes every figure to --json and exits 0") {
  TempDir expected, out, report;
  write_synthetic_expected(expected.path());
  write_perfect_outputs(expected.path(), out.path());
  const auto json_file = report.path() / "figures.json";
  const Ran ran =
      run_eval(quoted(expected.path()) + " " + quoted(out.path()) + " --json " + quoted(json_file));
  CHECK(ran.exit_code == 0);
  CHECK(ran.out.find("2 bundles scored, 2 with an output") != std::string::npos);
  std::ifstream in(json_file);
  const json figures = json::parse(in, nullptr, false);
  REQUIRE(figures.is_object());
  CHECK(figures["fields.all"]["correct"] == 47);
  CHECK(figures["fields.all"]["total"] == 47);
  CHECK(figures["findings.recall"]["ratio"] == 1.0);
  CHECK(figures.contains("field.extracted.audit.total_assets_fen"));
}

TEST_CASE("shenbao-eval exits 0 with zero figures when the output directory is empty") {
  TempDir expected, out, report;
  write_synthetic_expected(expected.path());
  const auto json_file = report.path() / "figures.json";
  const Ran ran = run_eval(quoted(expected.path()) + " " + quoted(out.path()) + " --json " +
                           quoted(json_file) + " --per-bundle");
  CHECK(ran.exit_code == 0);
  CHECK(ran.out.find("missing") != std::string::npos);
  std::ifstream in(json_file);
  const json figures = json::parse(in, nullptr, false);
  REQUIRE(figures.is_object());
  CHECK(figures["fields.all"]["ratio"] == 0.0);
  CHECK(figures["fields.all"]["total"] == 47);
}

TEST_CASE("shenbao-eval --per-bundle prints a row per bundle and what it got wrong") {
  TempDir expected, out;
  write_synthetic_expected(expected.path());
  json a = perfect_output(bundle_a());
  a["verdict"] = "complete";
  write_json(out.path() / "申报-松江甲智能科技" / "submission.json", a);
  const Ran ran = run_eval(quoted(expected.path()) + " " + quoted(out.path()) + " --per-bundle");
  CHECK(ran.exit_code == 0);
  CHECK(ran.out.find("申报-松江甲智能科技") != std::string::npos);
  CHECK(ran.out.find("松江乙数据服务") != std::string::npos);
  CHECK(ran.out.find("verdict: expected \"incomplete\", got \"complete\"") != std::string::npos);
  CHECK(ran.out.find("no output: every item scored wrong") != std::string::npos);
}

TEST_CASE("shenbao-eval exits 2 on an unreadable directory or bad usage") {
  TempDir expected, out;
  write_synthetic_expected(expected.path());
  CHECK(run_eval(quoted(expected.path() / "nope") + " " + quoted(out.path())).exit_code == 2);
  CHECK(run_eval(quoted(expected.path()) + " " + quoted(out.path() / "nope")).exit_code == 2);
  CHECK(run_eval(quoted(expected.path())).exit_code == 2);
  CHECK(run_eval(quoted(expected.path()) + " " + quoted(out.path()) + " --bogus").exit_code == 2);
  CHECK(run_eval(quoted(expected.path()) + " " + quoted(out.path()) + " --json " +
                 quoted(out.path() / "no" / "such" / "dir.json"))
            .exit_code == 2);
  CHECK(run_eval("--help").exit_code == 0);
}
