// shenbao-eval EXPECTED_DIR OUT_DIR [--json FILE] [--per-bundle]
//
// Scores a pipeline run against the ground truth and prints the figures (tests/eval/README.md).
// Exit status: 0 when scoring ran, whatever the figures; 2 for bad usage, a directory that
// cannot be read, a broken ground-truth file or a --json file that cannot be written.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <string>

#include "tests/eval/score.h"

int main(int argc, char** argv) {
  CLI::App app{"Scores a shenbao run (OUT/<bundle id>/submission.json) against the ground truth",
               "shenbao-eval"};
  std::string expected_dir;
  std::string out_dir;
  std::string json_file;
  bool per_bundle = false;
  app.add_option("EXPECTED_DIR", expected_dir, "ground truth: one <source>.json per bundle")
      ->required();
  app.add_option("OUT_DIR", out_dir, "the run's output: <bundle id>/submission.json")->required();
  app.add_option("--json", json_file, "also write every figure as {name: {correct, total, ratio}}");
  app.add_flag("--per-bundle", per_bundle, "print a row per bundle and the items it got wrong");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  auto run = shenbao::eval::evaluate(expected_dir, out_dir);
  if (!run.ok()) {
    std::cerr << "shenbao-eval: " << run.status().ToString() << "\n";
    return 2;
  }

  size_t found = 0;
  for (const auto& b : run->bundles) found += b.output == shenbao::eval::OutputState::kFound;
  if (per_bundle) std::cout << shenbao::eval::format_per_bundle(run.value()) << "\n";
  std::cout << run->bundles.size() << " bundles scored, " << found << " with an output\n\n"
            << shenbao::eval::format_summary(run->summary);

  if (!json_file.empty()) {
    std::ofstream out(json_file, std::ios::binary | std::ios::trunc);
    out << run->summary.to_json().dump(2) << "\n";
    out.close();
    if (!out) {
      std::cerr << "shenbao-eval: cannot write " << json_file << "\n";
      return 2;
    }
  }
  return 0;
}
