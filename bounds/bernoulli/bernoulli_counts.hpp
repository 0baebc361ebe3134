// Binomial count tables for the Bernoulli-product engine: pmfs of the number of ones as Arb balls, plus the
// small sign and log-magnitude tools the sign-change shortcuts need. Arb exponents are unbounded, so
// C(n,k) p^k q^(n-k) never underflows, even for n = 10^5 and beyond.
#pragma once

#include <vector>

#include "model/ball.hpp"

namespace critwin {

// out[k] = C(n,k) p^k q^(n-k) for k = 0..n (q = 1 - p given separately so it stays exact when p is).
void binomial_pmf(std::vector<Ball>& out, long n, const Ball& p, const Ball& q);

// +1 or -1 when every point of the ball has that sign, 0 otherwise (the ball contains 0).
int ball_sign(const Ball& x);

// x ∩ [0, 1]: a total variation is a probability difference, so rounding slack outside [0, 1] is dropped.
Ball ball_clamp_unit(const Ball& x);

// log|mid(x)| as a double even when |x| is far outside the double range; -inf for a zero midpoint.
double ball_log_abs_mid(const Ball& x);

}  // namespace critwin
