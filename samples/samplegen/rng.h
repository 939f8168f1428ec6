// A deterministic random source for samplegen.
//
// std::mt19937_64's output sequence is fixed by the C++ standard, but the standard
// distributions (uniform_int_distribution, normal_distribution, …) are not: two standard
// libraries may map the same engine output to different numbers. Rng therefore maps raw
// 64-bit outputs to ranges itself, so a seed draws the same corpus on every toolchain.
//
// fork(salt) derives an independent stream; give each unit of the generator its own fork so
// that adding a draw in one drawer does not shift every value drawn after it elsewhere.
//
// Thread safety: an Rng is a value; do not share one between threads.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace samplegen {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  uint64_t next() { return engine_(); }

  // Uniform integer in [lo, hi] (inclusive). Rejection sampling: exact and portable.
  int64_t uniform(int64_t lo, int64_t hi);
  // Uniform real in [lo, hi): 53 random bits scaled.
  double real(double lo = 0.0, double hi = 1.0);
  // True with probability p.
  bool chance(double p) { return real() < p; }
  // Approximately normal(0, 1): the sum of 12 uniforms minus 6 (Irwin–Hall), no libm.
  double gauss();

  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(uniform(0, static_cast<int64_t>(v.size()) - 1))];
  }
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) {
      size_t j = static_cast<size_t>(uniform(0, static_cast<int64_t>(i) - 1));
      std::swap(v[i - 1], v[j]);
    }
  }

  // An independent stream derived from this one's seed and `salt` (does not advance this).
  Rng fork(std::string_view salt) const;

  // `n` random decimal digits.
  std::string digits(int n);

 private:
  std::mt19937_64 engine_;
  uint64_t seed_fingerprint_ = 0;  // set by the constructor path used in fork()
  friend Rng make_rng(uint64_t seed);
};

// The preferred way to create a root Rng: remembers the seed so fork() is stable.
Rng make_rng(uint64_t seed);

}  // namespace samplegen
