// Is an address in Songjiang district (松江区)? The license address decides condition 1 of
// the rules (本区依法设立).
//
// The place names are data (schemas/places.json): Songjiang's own names (松江区, its towns
// and streets 九亭镇 … 九里亭街道, its parks), the other Shanghai districts, and other
// provinces and cities. An address naming a Songjiang place and nothing else is in
// Songjiang; one naming only another district or city is not; one naming both, or neither,
// is undecidable (nullopt) and left to a reviewer. Names are compared after
// normalise_for_compare (full width folded, white space dropped: OCR's "松 江 区").
//
// Thread safety: a loaded Places is immutable; share it freely.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace shenbao {

class Places {
 public:
  // Loads schemas/places.json: {"songjiang": [...], "elsewhere": [...]} (see the file).
  static Result<std::shared_ptr<const Places>> load(const std::filesystem::path& file);
  static Result<std::shared_ptr<const Places>> from_json(const std::string& json_text);

  const std::vector<std::string>& songjiang() const { return songjiang_; }
  const std::vector<std::string>& elsewhere() const { return elsewhere_; }

 private:
  std::vector<std::string> songjiang_;  // normalised names, longest first
  std::vector<std::string> elsewhere_;
};

struct PlaceCheck {
  std::optional<bool> in_songjiang;  // nullopt: no place named, or conflicting places
  std::string evidence;              // the name that decided ("九亭镇"), or both on conflict
  std::string reason;                // English, for logs
};

// The decision with its evidence.
PlaceCheck check_place(const Places& places, std::string_view address);

// check_place(...).in_songjiang.
std::optional<bool> in_songjiang(const Places& places, std::string_view address);

}  // namespace shenbao
