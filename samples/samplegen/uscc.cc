#include "uscc.h"

#include <array>
#include <vector>

namespace samplegen {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // 31 symbols
constexpr std::array<int, 17> kUsccWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                              29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};

int alphabet_index(char c) {
  auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// GB 11714 values: digits are themselves, letters A=10 … Z=35.
int org_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

// Characters OCR mixes up with `c` (both directions); only symbols of the code alphabet
// matter as repair targets, but the groups are listed whole for clarity.
std::vector<char> confusions(char c) {
  static const std::vector<std::string_view> groups = {"0ODQ", "1ILT7", "2Z", "5S",
                                                       "8B3",  "6G",    "UV", "MN"};
  std::vector<char> out;
  for (auto g : groups) {
    if (g.find(c) == std::string_view::npos) continue;
    for (char o : g)
      if (o != c) out.push_back(o);
  }
  return out;
}

}  // namespace

std::optional<char> uscc_check_char(std::string_view first17) {
  if (first17.size() != 17) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    int v = alphabet_index(first17[i]);
    if (v < 0) return std::nullopt;
    sum += v * kUsccWeights[i];
  }
  return kAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
}

std::optional<char> org_code_check_char(std::string_view body8) {
  if (body8.size() != 8) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    int v = org_value(body8[i]);
    if (v < 0) return std::nullopt;
    sum += v * kOrgWeights[i];
  }
  int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

bool uscc_is_valid(std::string_view code) {
  if (code.size() != 18) return false;
  for (char c : code)
    if (alphabet_index(c) < 0) return false;
  for (size_t i = 2; i < 8; ++i)
    if (code[i] < '0' || code[i] > '9') return false;
  auto org = org_code_check_char(code.substr(8, 8));
  if (!org || *org != code[16]) return false;
  auto check = uscc_check_char(code.substr(0, 17));
  return check && *check == code[17];
}

std::string make_uscc(Rng& rng, std::string_view division) {
  for (;;) {
    std::string body = "MA";
    // Third character of new-style codes is a digit in practice (MA1…, MA6…, MA7…).
    body.push_back("1679"[rng.uniform(0, 3)]);
    for (int i = 0; i < 5; ++i) body.push_back(kAlphabet[static_cast<size_t>(rng.uniform(0, 30))]);
    auto org = org_code_check_char(body);
    if (!org) continue;
    std::string code = "91" + std::string(division) + body + *org;
    code.push_back(*uscc_check_char(code));
    if (uscc_is_valid(code)) return code;
  }
}

bool has_single_confusion_repair(std::string_view code) {
  std::string c(code);
  for (size_t i = 0; i < c.size(); ++i) {
    const char original = c[i];
    for (char alt : confusions(original)) {
      c[i] = alt;
      auto check =
          c.size() == 18 ? uscc_check_char(std::string_view(c).substr(0, 17)) : std::nullopt;
      if (check && *check == c[17]) return true;
    }
    c[i] = original;
  }
  return false;
}

std::string make_unrepairable_invalid(std::string_view code, Rng& rng) {
  std::string c(code);
  const char right = c[17];
  const auto near = confusions(right);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    char wrong = kAlphabet[static_cast<size_t>(rng.uniform(0, 30))];
    if (wrong == right) continue;
    bool confusable = false;
    for (char n : near) confusable = confusable || n == wrong;
    if (confusable) continue;
    c[17] = wrong;
    if (!uscc_is_valid(c) && !has_single_confusion_repair(c)) return c;
  }
  // Practically unreachable: some other character choice always works.
  return c;
}

}  // namespace samplegen
