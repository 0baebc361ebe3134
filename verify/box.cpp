#include "verify/box.hpp"

namespace critwin::verify {

BallEnv box_env(const Box& box) {
  BallEnv env;
  for (const auto& r : box) env[r.name] = ball_between(r.lo, r.hi);
  return env;
}

std::map<std::string, ExactReal> box_midpoint(const Box& box) {
  std::map<std::string, ExactReal> out;
  for (const auto& r : box) out[r.name] = midpoint(r.lo, r.hi);
  return out;
}

}  // namespace critwin::verify
