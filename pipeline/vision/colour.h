// Internal to the vision stage (not part of its API): colour classification shared by seal
// detection and red suppression.
//
// Thread safety: pure functions.
#pragma once

namespace shenbao::vision_internal {

// Hue in degrees [0, 360) of an RGB triple whose largest component is `mx` and whose
// chroma (max − min) is `chroma` > 0.
inline double hue_degrees(int r, int g, int b, int mx, int chroma) {
  double h;
  if (mx == r) {
    h = 60.0 * (g - b) / chroma;
  } else if (mx == g) {
    h = 60.0 * (b - r) / chroma + 120.0;
  } else {
    h = 60.0 * (r - g) / chroma + 240.0;
  }
  return h < 0 ? h + 360.0 : h;
}

// True for a hue in the red band, which wraps around 0°: [low, 360) ∪ [0, high].
inline bool in_red_band(double hue, double low, double high) { return hue >= low || hue <= high; }

}  // namespace shenbao::vision_internal
