// Binomial count tables for the Bernoulli-product engine: pmfs of the number of ones as Arb balls. Arb
// exponents are unbounded, so C(n,k) p^k q^(n-k) never underflows, even for n = 10^5 and beyond.
#pragma once

#include <vector>

#include "model/ball.hpp"

namespace critwin {

// out[k] = C(n,k) p^k q^(n-k) for k = 0..n (q = 1 - p given separately so it stays exact when p is).
void binomial_pmf(std::vector<Ball>& out, long n, const Ball& p, const Ball& q);

}  // namespace critwin
