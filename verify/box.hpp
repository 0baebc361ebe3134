// Box: the parameter ranges of an inequality or region claim (one closed exact interval per variable), and
// its Arb view. Kept apart from the Z3 bridge so that only that bridge includes <z3++.h>.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/exact_real.hpp"
#include "verify/expr_ball.hpp"

namespace critwin::verify {

// A closed range [lo, hi] for one variable of a claim.
struct VarRange {
  std::string name;
  ExactReal lo, hi;
};
using Box = std::vector<VarRange>;

// Each variable as the ball [lo, hi].
BallEnv box_env(const Box& box);
// The box's centre as exact values.
std::map<std::string, ExactReal> box_midpoint(const Box& box);

}  // namespace critwin::verify
