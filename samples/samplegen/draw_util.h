// Helpers shared by the drawers (internal to samplegen's drawers).
#pragma once

#include <string>

#include "drawers.h"
#include "flow.h"

namespace samplegen {

// A flow style for a document in the context's body family.
FlowStyle base_style(const DrawContext& c, double body_size = 12);

// "统一社会信用代码" or, in some variants, "社会信用代码".
std::string uscc_label(const DrawContext& c);

// "第 X 页 共 Y 页" (or "- X -") centred in the bottom margin.
Flow::Decorate page_number_decoration(int style, const std::string& family);

// 骑缝章: the same seal, half on the right edge of every page.
Flow::Decorate edge_seal_decoration(SealSpec seal, double cy);

// Right-aligned signature lines ("申报单位（盖章）：…" and a date) with the company's seal
// over the name when c.company_seal. Adds 84 points to the flow.
void signature_block(Flow& flow, const DrawContext& c, const std::string& label,
                     const std::string& date, const Font& font);

// Money in the unit a table states.
std::string money_in_unit(int64_t fen, bool wan);

}  // namespace samplegen
