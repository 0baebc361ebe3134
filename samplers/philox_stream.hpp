// PhiloxStream: the random numbers of one Monte Carlo sample — Random123 Philox4x32-10 keyed by the seed,
// with the counter (draw number, sample index, stream) so every sample has its own reproducible stream.
#pragma once

#include <cmath>
#include <cstdint>

#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>
#include <Random123/uniform.hpp>

namespace critwin {

// Distinct purposes (forward–reverse experiment, TV estimator, …) use distinct streams of one seed.
enum class RngStream : uint32_t { forward_reverse = 0, tv_outer = 1, tv_inner = 2 };

class PhiloxStream {
 public:
  using Gen = r123::Philox4x32;
  PhiloxStream(uint64_t seed, RngStream stream, uint64_t sample_index, uint32_t sub = 0)
      : key_{{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}},
        ctr_{{0, static_cast<uint32_t>(sample_index), static_cast<uint32_t>(sample_index >> 32),
              static_cast<uint32_t>(stream) | (sub << 8)}} {}

  uint32_t next_u32() {
    if (pos_ == 4) refill();
    return buf_.v[pos_++];
  }
  uint64_t next_u64() {
    uint64_t lo = next_u32();
    return lo | (static_cast<uint64_t>(next_u32()) << 32);
  }
  // Uniform in (0, 1], never 0 (Random123's u01 on 64 bits).
  double uniform() { return r123::u01<double>(next_u64()); }
  // Standard normal by Random123's Box–Muller; the second variate of a pair is kept for the next call.
  double normal() {
    if (have_spare_) {
      have_spare_ = false;
      return spare_;
    }
    uint64_t a = next_u64();
    uint64_t b = next_u64();
    r123::double2 z = r123::boxmuller(a, b);
    spare_ = z.y;
    have_spare_ = true;
    return z.x;
  }

 private:
  void refill() {
    buf_ = gen_(ctr_, key_);
    ++ctr_.v[0];
    pos_ = 0;
  }
  Gen gen_;
  Gen::key_type key_;
  Gen::ctr_type ctr_;
  Gen::ctr_type buf_{};
  int pos_ = 4;
  bool have_spare_ = false;
  double spare_ = 0;
};

}  // namespace critwin
