// McEngineOptions: the sample count, seed and threads of a Monte Carlo engine, the ExactEngine a family
// offers where no exact path exists (every number it reports has guarantee monte-carlo).
#pragma once

#include <cstdint>

namespace critwin {

struct McEngineOptions {
  uint64_t samples = 100000;  // per estimate (forward TV; outer samples of fr-tv)
  uint64_t seed = 1;
  int threads = 1;            // any count gives bit-identical results
};

}  // namespace critwin
