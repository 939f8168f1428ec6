// samplegen: writes synthetic application bundles and their ground truth.
//
//   samplegen --out DIR --n N --seed S
//
// Bundles go to DIR/inbox/, ground truth to DIR/expected/<bundle source>.json. The same
// seed gives the same bytes. The first 10 bundles follow a fixed script covering every
// category and every finding code (plan.h); later ones are random.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <set>

#include "bundle.h"

int main(int argc, char** argv) {
  CLI::App app{"samplegen: synthetic Songjiang subsidy application bundles with ground truth"};
  std::string out;
  int n = 10;
  uint64_t seed = 2025;
  bool quiet = false;
  app.add_option("--out", out, "output directory (gets inbox/ and expected/)")->required();
  app.add_option("--n", n, "number of bundles")->check(CLI::Range(1, 100000));
  app.add_option("--seed", seed, "random seed");
  app.add_flag("--quiet", quiet, "print nothing but errors");
  CLI11_PARSE(app, argc, argv);

  std::set<std::string> sources;
  for (int i = 0; i < n; ++i) {
    auto bundle = samplegen::generate_bundle(i, seed);
    if (!bundle.ok()) {
      std::fprintf(stderr, "samplegen: bundle %d: %s\n", i, bundle.status().ToString().c_str());
      return 1;
    }
    auto& b = bundle.value();
    if (!sources.insert(b.source).second) {
      // Two companies drew the same name: keep both bundles apart.
      const std::string suffix = "-" + std::to_string(i + 1);
      b.source = b.is_folder ? b.source + suffix
                             : b.source.substr(0, b.source.size() - 4) + suffix + ".zip";
      sources.insert(b.source);
    }
    auto st = samplegen::write_bundle(b, out);
    if (!st.ok()) {
      std::fprintf(stderr, "samplegen: %s\n", st.ToString().c_str());
      return 1;
    }
    if (!quiet) std::printf("%s\n", b.source.c_str());
  }
  return 0;
}
