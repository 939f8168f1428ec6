// The ground truth of one bundle (samples/EXPECTED_FORMAT.md), built from the same facts
// and rendering results that made the bundle's files — never typed twice.
//
// Values a document does not show (a missing material, a category that cannot be told) are
// null; keys that should not be scored (the material of an unreadable file) are absent.
//
// Thread safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include "bundle.h"

namespace samplegen {

nlohmann::json make_truth_json(const GeneratedBundle& bundle);

}  // namespace samplegen
