// One ±1 walk absorbed at ±A, simulated through its sufficient statistic (steps taken, height, up-steps):
// while the walk is k + 1 or more steps from both barriers, its next k steps cannot absorb it, so they are
// one exact Binomial(k, p) draw; only next to a barrier does it go step by step.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "samplers/binomial_sample.hpp"
#include "samplers/philox_stream.hpp"

namespace critwin {

struct WalkState {
  int64_t pos = 0;     // tokens emitted that are steps: the absorption time once absorbed
  int64_t height = 0;
  int64_t ups = 0;
  bool absorbed = false;

  // The prefix's likelihood under up-probability p, in logs: ups·log p + (pos − ups)·log(1 − p) (pads add 0).
  double log_like(double log_p, double log_q) const {
    return static_cast<double>(ups) * log_p + static_cast<double>(pos - ups) * log_q;
  }
};

// Advances the walk with up-probability p until `target` positions are emitted or it is absorbed at ±barrier.
inline void walk_extend(WalkState& w, int64_t target, int64_t barrier, double p, PhiloxStream& rng) {
  while (!w.absorbed && w.pos < target) {
    const int64_t room = barrier - 1 - std::llabs(w.height);
    const int64_t k = room < target - w.pos ? room : target - w.pos;
    if (k >= 1) {
      const int64_t u = binomial_sample(k, p, rng.uniform());
      w.ups += u;
      w.height += 2 * u - k;
      w.pos += k;
    } else {
      const bool up = rng.uniform() <= p;
      w.ups += up;
      w.height += up ? 1 : -1;
      w.pos += 1;
      w.absorbed = std::llabs(w.height) >= barrier;
    }
  }
}

}  // namespace critwin
