#include "rng.h"

namespace samplegen {

namespace {
// FNV-1a over the salt, mixed with the parent's fingerprint (splitmix64 finaliser).
uint64_t mix(uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}
}  // namespace

Rng make_rng(uint64_t seed) {
  Rng r(mix(seed));
  r.seed_fingerprint_ = mix(seed ^ 0x5eed5eed5eed5eedULL);
  return r;
}

int64_t Rng::uniform(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;  // 0 means the full 2^64 range
  if (span == 0) return static_cast<int64_t>(next());
  // Reject the top partial bucket so every value is equally likely.
  const uint64_t limit = UINT64_MAX - (UINT64_MAX % span);
  uint64_t x;
  do {
    x = next();
  } while (x >= limit);
  return lo + static_cast<int64_t>(x % span);
}

double Rng::real(double lo, double hi) {
  const double unit = static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
  return lo + (hi - lo) * unit;
}

double Rng::gauss() {
  double s = 0;
  for (int i = 0; i < 12; ++i) s += real();
  return s - 6.0;
}

Rng Rng::fork(std::string_view salt) const {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : salt) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  Rng r(mix(h ^ seed_fingerprint_));
  r.seed_fingerprint_ = mix(h + seed_fingerprint_ * 31);
  return r;
}

std::string Rng::digits(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + uniform(0, 9)));
  return s;
}

}  // namespace samplegen
