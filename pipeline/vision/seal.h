// Seal detection (印章检测): finds the round and oval ink seals stamped on a page image.
//
// A Chinese company seal (公章, 合同专用章) is a red ring about 38–45 mm across with the
// company name along the rim and a five-pointed star in the middle; an invoice seal
// (发票专用章) is an oval ring of about 40 × 28 mm with the tax number inside; a seal
// stamped across the edge of stacked pages (骑缝章) shows on each page as a part circle at
// the left or right border. detect_seals finds those by colour and shape:
//
//   1. the page is reduced to about SealOptions::work_dpi by block averaging, and every
//      reduced pixel is classified by hue and chroma: seal red, blue/purple, or neither
//      (black text, paper, grey are neither);
//   2. long straight runs (rules, table grids) are removed from each ink mask, so a seal
//      stamped across a red rule or an invoice's grid stands alone; the mask is closed
//      (bricks of closing_mm and wide_closing_mm) so a ring broken by wear or by black text
//      crossing it stays in one piece, then split into connected components;
//   3. a component is a seal when its bounding box is seal-sized at the image's dpi, no
//      more oval than max_aspect, its ink lies on an ellipse inscribed in that box (a rim
//      covered all around, little ink outside the rim, corners empty), the rim is denser
//      than the inside (a ring, not a filled logo), and there is some ink inside (the star,
//      the text). Components touching the left or right border are tested as part circles;
//      of overlapping seals found, the largest is kept (a whole ring over a fragment).
//
// Red title text of a 红头文件 (wide lines of big characters), red rules, red table grids,
// square red frames, filled logos, pen circles and small red logos fail these tests. Grey
// images (1 channel) carry no colour and give no seals.
//
// Costs: one pass over the full-resolution pixels plus work on the reduced image; about
// 10–12 ms of CPU for an A4 page at 100–300 dpi (measured by tests/vision/seal_test.cc).
//
// Thread safety: pure function; may run on many threads at once.
#pragma once

#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/load/image.h"

namespace shenbao {

struct SealOptions {
  // Resolution the page is reduced to before analysis, by an integer block factor (so the
  // effective resolution lies between work_dpi and twice it; a 100 dpi image is not
  // reduced). Lower is faster; a seal's ring (about 1 mm) must stay a few pixels thick.
  double work_dpi = 75;

  // Colour classification of a reduced pixel (r, g, b in 0..255; chroma = max − min).
  int min_chroma = 30;           // below: grey, black or paper, never seal ink
  int min_value = 70;            // max(r, g, b) below this: too dark to tell a colour
  double red_hue_low = 330;      // a hue (degrees) at or above this ...
  double red_hue_high = 25;      // ... or at or below this is red ink (red, pink, orange-red)
  double blue_hue_low = 190;     // a hue in [blue_hue_low, blue_hue_high) is blue/purple ink
  double blue_hue_high = 330;
  double purple_hue_from = 275;  // blue ink whose mean hue is at least this is "other"

  // Morphology on each ink mask.
  double min_line_mm = 28;         // straight runs this long are rules, removed first (0: keep)
  double line_tolerance_mm = 0.6;  // how far a rule may drift across (a skewed scan)
  double closing_mm = 2.0;         // side of the closing brick that joins a broken ring
  double wide_closing_mm = 4.5;    // a second, wider closing for worn rings (0: none)

  // Size of a whole seal: the longer side of its box, and the shorter one.
  double min_diameter_mm = 28;   // company seals are 38–45 mm, invoice ovals ~40 mm wide
  double max_diameter_mm = 52;
  double min_minor_mm = 20;      // the shorter side (an invoice oval is ~28 mm tall)
  double max_aspect = 1.6;       // longer / shorter side; above: a line of text, a rule
  double ellipse_aspect = 1.15;  // at or above: reported as "ellipse", below: "circle"

  // Shape tests, on the normalised radius ρ (1 on the ellipse inscribed in the box).
  double rim_inner = 0.88;       // the rim band is rim_inner ≤ ρ ≤ rim_outer
  double rim_outer = 1.06;
  double inner_radius = 0.60;    // the inside (star, inner text) is ρ < inner_radius; for a
                                 // part circle ρ < rim_inner (its star may be off the page)
  double outside_radius = 1.15;  // ink at ρ > outside_radius lies outside (box corners)
  int angle_bins = 48;           // the rim is cut into this many sectors
  double min_rim_coverage = 0.70;   // share of (visible) sectors with ink on the rim
  double max_outside_share = 0.06;  // share of the box's ink lying outside
  double min_ring_ratio = 1.5;      // rim ink density / inside ink density (filled disc: ~0.6)
  double min_ring_ratio_part = 1.0;  // the same for a part circle, whose inside includes the
                                     // dense text band (a filled part disc gives ~0.5)
  double min_inner_density = 0.02;   // inside ink density at least (an empty pen circle: 0)
  double max_inner_density = 0.32;   // and at most (a filled logo disc with letters: ~0.4+)
  double max_inner_density_part = 0.5;  // the same for a part circle (text band included)

  // Part circles at the left or right page edge (骑缝章). A component touching one of those
  // borders and narrower than it is tall is tested as a circle whose diameter is its height.
  bool detect_edge_seals = true;
  double min_edge_fraction = 0.2;   // visible width / diameter at least this
  double max_edge_fraction = 0.92;  // below this the shape is "half", else "circle"
  int min_visible_bins = 10;        // rim sectors inside the image, at least
};

// Finds the seals on a page image (RGB; a 1-channel image returns none). Boxes are in the
// image's pixels (Page::dpi = image.dpi); for a part seal, the part inside the image. Shape
// "circle" | "ellipse" | "half", colour "red" | "blue" | "other"; score 0.5..1, 0.5 when the
// shape tests are only just passed, growing with rim coverage, ring contrast, inner ink and
// how little ink lies outside. Seals are ordered top to bottom, then left to right.
// Never fails: an empty or malformed image gives no seals.
//
// Known blind spots: seals on grey scans; square seals (财务专用章, 法人章); two seals
// overlapping each other (one merged blob, too big or too oval); a seal whose rim runs
// along a red rule for a long stretch; part seals at the top or bottom edge.
std::vector<Seal> detect_seals(const Image& page, const SealOptions& options = {});

}  // namespace shenbao
