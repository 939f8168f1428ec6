// The real schemas/ files of the source tree, loaded once per test binary.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>

#include "extractors/patterns.h"
#include "extractors/place.h"

namespace shenbao::testing {

inline const PatternSet& patterns() {
  static const std::shared_ptr<const PatternSet> set = [] {
    auto r = PatternSet::load(SHENBAO_SOURCE_DIR "/schemas/patterns.json");
    if (!r.ok()) throw std::runtime_error(r.status().ToString());
    return r.value();
  }();
  return *set;
}

inline const Places& places() {
  static const std::shared_ptr<const Places> set = [] {
    auto r = Places::load(SHENBAO_SOURCE_DIR "/schemas/places.json");
    if (!r.ok()) throw std::runtime_error(r.status().ToString());
    return r.value();
  }();
  return *set;
}

}  // namespace shenbao::testing
