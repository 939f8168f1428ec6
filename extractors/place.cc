#include "extractors/place.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline/core/text.h"

namespace shenbao {

namespace {

Status read_names(const nlohmann::json& doc, const char* key, std::vector<std::string>& out) {
  if (!doc.contains(key) || !doc[key].is_object()) {
    return Status::InvalidArgument(std::string("places: needs an object \"") + key + "\"");
  }
  for (const auto& [group, names] : doc[key].items()) {
    if (group.rfind("_", 0) == 0) continue;  // _comment
    if (!names.is_array()) {
      return Status::InvalidArgument(std::string("places: ") + key + "." + group +
                                     " must be an array of names");
    }
    for (const auto& n : names) {
      if (!n.is_string() || n.get<std::string>().empty()) {
        return Status::InvalidArgument(std::string("places: ") + key + "." + group +
                                       " holds a non-string or empty name");
      }
      out.push_back(normalise_for_compare(n.get<std::string>()));
    }
  }
  // Longest first, so that evidence names the most specific place.
  std::stable_sort(out.begin(), out.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return Status::Ok();
}

// The first name of `names` found in `s`, or nullptr.
const std::string* first_found(const std::vector<std::string>& names, const std::string& s) {
  for (const auto& n : names) {
    if (s.find(n) != std::string::npos) return &n;
  }
  return nullptr;
}

}  // namespace

Result<std::shared_ptr<const Places>> Places::from_json(const std::string& json_text) {
  const nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::InvalidArgument("places: not a JSON object");
  }
  auto places = std::make_shared<Places>();
  if (Status s = read_names(doc, "songjiang", places->songjiang_); !s.ok()) return s;
  if (Status s = read_names(doc, "elsewhere", places->elsewhere_); !s.ok()) return s;
  if (places->songjiang_.empty()) return Status::InvalidArgument("places: no Songjiang names");
  return std::shared_ptr<const Places>(std::move(places));
}

Result<std::shared_ptr<const Places>> Places::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  auto result = from_json(ss.str());
  if (!result.ok())
    return Status::InvalidArgument(file.string() + ": " + result.status().message());
  return result;
}

PlaceCheck check_place(const Places& places, std::string_view address) {
  const std::string s = normalise_for_compare(address);
  const std::string* here = first_found(places.songjiang(), s);
  const std::string* there = first_found(places.elsewhere(), s);
  PlaceCheck out;
  if (here && there) {
    out.evidence = *here + " / " + *there;
    out.reason = "names both a Songjiang place and another district or city";
  } else if (here) {
    out.in_songjiang = true;
    out.evidence = *here;
    out.reason = "names a Songjiang place";
  } else if (there) {
    out.in_songjiang = false;
    out.evidence = *there;
    out.reason = "names another district or city";
  } else {
    out.reason = "names no known district, town or city";
  }
  return out;
}

std::optional<bool> in_songjiang(const Places& places, std::string_view address) {
  return check_place(places, address).in_songjiang;
}

}  // namespace shenbao
