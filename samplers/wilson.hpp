// Wilson score intervals for a binomial proportion (the confidence intervals of label frequencies).
#pragma once

#include <cstdint>

namespace critwin {

inline constexpr double kZ999 = 3.2905267314919255;  // two-sided 99.9% standard-normal quantile

struct Proportion {
  double value = 0, lo = 0, hi = 0;
};

// The Wilson score interval for k successes in n >= 1 trials at two-sided level given by z.
Proportion wilson_interval(uint64_t k, uint64_t n, double z = kZ999);

}  // namespace critwin
