#include "bounds/bernoulli/bernoulli_counts.hpp"

namespace critwin {

void binomial_pmf(std::vector<Ball>& out, long n, const Ball& p, const Ball& q) {
  out.assign(static_cast<size_t>(n + 1), Ball(0));
  // Degenerate coins (p or q exactly 0, e.g. a mask probability t in {0, 1}) put all mass on one count;
  // the ratio recurrence below would divide by zero.
  if (q.is_zero()) { out[static_cast<size_t>(n)] = Ball(1); return; }
  if (p.is_zero()) { out[0] = Ball(1); return; }
  // Ratio recurrence pmf[k+1] = pmf[k] (n-k)/(k+1) (p/q): n steps, each a product of positive balls, so the
  // relative radius grows only linearly in n.
  Ball r = p / q;
  out[0] = pow(q, n);
  for (long k = 0; k < n; ++k)
    out[static_cast<size_t>(k + 1)].assign_mul(out[static_cast<size_t>(k)], r).mul_si(n - k).div_si(k + 1);
}

}  // namespace critwin
