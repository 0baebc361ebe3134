// Shared by the Monte Carlo tests: bundled models and experiment specs parsed as the CLI parses them,
// interval checks against exact values, and the two-proportion z statistic.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "model/model_file.hpp"
#include "samplers/experiment.hpp"
#include "samplers/wilson.hpp"

namespace critwin::test {

inline Model load(const std::string& name) {
  return model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/" + name);
}

inline ExperimentSpec spec(const Model& m, const std::string& s_init, const std::string& t,
                           ReverseKind r = ReverseKind::jump, int steps = 0) {
  return ExperimentSpec{Subset::parse(s_init, m, "--s-init"), TimePoint::parse(t, m.process, "--t-hat"), r, steps};
}

inline void expect_in(const Proportion& p, double exact, const std::string& what) {
  EXPECT_LE(p.lo, exact) << what << ": " << p.value << " [" << p.lo << ", " << p.hi << "] vs exact " << exact;
  EXPECT_GE(p.hi, exact) << what << ": " << p.value << " [" << p.lo << ", " << p.hi << "] vs exact " << exact;
}

// Two-proportion z statistic.
inline double z_two(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2) {
  double p1 = double(k1) / n1, p2 = double(k2) / n2, p = double(k1 + k2) / (n1 + n2);
  double se = std::sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
  return se == 0 ? 0 : (p1 - p2) / se;
}

}  // namespace critwin::test
