// Draws the facts of one applicant for a plan: company, project, money, audit, credit,
// category evidence — with the plan's defects already in the numbers (a hardware share above
// 30 %, an unbalanced sheet, a code with a wrong check character, …).
//
// Thread safety: pure function of its arguments.
#pragma once

#include "award.h"
#include "model.h"
#include "plan.h"
#include "rng.h"

namespace samplegen {

Facts make_facts(const BundlePlan& plan, Rng& rng);

// The award inputs a bundle's documents support, from its facts and plan (a missing or
// unreadable table leaves the inputs empty).
AwardInputs award_inputs(const Facts& f, const BundlePlan& plan);

}  // namespace samplegen
