// Certified evaluation of claim expressions with Arb balls: the interval extension of a real term over a box,
// and three-valued truth of a formula (a comparison is "yes"/"no" only when every point of the balls agrees).
#pragma once

#include <map>
#include <string>

#include "model/ball.hpp"
#include "verify/expr.hpp"

namespace critwin::verify {

enum class Truth { yes, no, unknown };

std::string truth_name(Truth t);

using BallEnv = std::map<std::string, Ball>;

// An enclosure of the term's values when each variable ranges over its ball (at the thread's Ball
// precision). Undefined operations (ln of a ball reaching 0, division by a ball containing 0) give a
// non-finite ball, which makes every comparison with it unknown. Throws InputError for an unbound variable.
Ball expr_eval_ball(const ExprPtr& e, const BallEnv& env);

// Kleene three-valued truth of a formula over the balls of `env`.
Truth expr_eval_truth(const ExprPtr& e, const BallEnv& env);

// The ball [lo, hi] from exact endpoints (lo <= hi).
Ball ball_between(const ExactReal& lo, const ExactReal& hi);

}  // namespace critwin::verify
