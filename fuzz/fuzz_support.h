// Shared by the fuzz targets: the real schemas, loaded once; a failed load aborts (the
// fuzzer cannot run without them).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "extractors/patterns.h"
#include "extractors/place.h"

namespace shenbao::fuzz {

inline const PatternSet& patterns() {
  static const std::shared_ptr<const PatternSet> set = [] {
    auto r = PatternSet::load(default_schemas_dir() / "patterns.json");
    if (!r.ok()) {
      std::fprintf(stderr, "fuzz: %s\n", r.status().ToString().c_str());
      std::abort();
    }
    return r.value();
  }();
  return *set;
}

inline const Places& places() {
  static const std::shared_ptr<const Places> set = [] {
    auto r = Places::load(default_schemas_dir() / "places.json");
    if (!r.ok()) {
      std::fprintf(stderr, "fuzz: %s\n", r.status().ToString().c_str());
      std::abort();
    }
    return r.value();
  }();
  return *set;
}

// A property that must hold for every input; a violation is a crash libFuzzer records.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz: property violated: %s\n", what);
    std::abort();
  }
}

// A reported span must lie inside the input and hold exactly the reported raw text.
inline void require_span(std::string_view text, size_t begin, size_t end, std::string_view raw) {
  require(begin <= end && end <= text.size(), "span inside the input");
  require(text.substr(begin, end - begin) == raw, "raw is the input at its span");
}

}  // namespace shenbao::fuzz
