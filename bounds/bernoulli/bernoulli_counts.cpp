#include "bounds/bernoulli/bernoulli_counts.hpp"

#include <cmath>
#include <limits>

namespace critwin {

void binomial_pmf(std::vector<Ball>& out, long n, const Ball& p, const Ball& q) {
  out.assign(static_cast<size_t>(n + 1), Ball(0));
  const long prec = ball_precision();
  // Degenerate coins (p or q exactly 0, e.g. a mask probability t in {0, 1}) put all mass on one count;
  // the ratio recurrence below would divide by zero.
  if (arb_is_zero(q.get())) { out[static_cast<size_t>(n)] = Ball(1); return; }
  if (arb_is_zero(p.get())) { out[0] = Ball(1); return; }
  // Ratio recurrence pmf[k+1] = pmf[k] (n-k)/(k+1) (p/q): n steps, each a product of positive balls, so the
  // relative radius grows only linearly in n.
  Ball r = p / q;
  out[0] = pow(q, n);
  for (long k = 0; k < n; ++k) {
    arb_ptr dst = out[static_cast<size_t>(k + 1)].get();
    arb_mul(dst, out[static_cast<size_t>(k)].get(), r.get(), prec);
    arb_mul_si(dst, dst, n - k, prec);
    arb_div_si(dst, dst, k + 1, prec);
  }
}

int ball_sign(const Ball& x) {
  if (arb_is_positive(x.get())) return 1;
  if (arb_is_negative(x.get())) return -1;
  return 0;
}

Ball ball_clamp_unit(const Ball& x) {
  if (!x.is_finite()) return x;
  const long prec = ball_precision();
  arf_t lo, hi, zero, one;
  arf_init(lo);
  arf_init(hi);
  arf_init(zero);
  arf_init(one);
  arf_one(one);
  arb_get_lbound_arf(lo, x.get(), prec);
  arb_get_ubound_arf(hi, x.get(), prec);
  if (arf_cmp(lo, zero) < 0) arf_set(lo, zero);
  if (arf_cmp(hi, one) > 0) arf_set(hi, one);
  Ball out = x;
  if (arf_cmp(lo, hi) <= 0) arb_set_interval_arf(out.get(), lo, hi, prec);
  arf_clear(lo);
  arf_clear(hi);
  arf_clear(zero);
  arf_clear(one);
  return out;
}

double ball_log_abs_mid(const Ball& x) {
  const arf_struct* m = arb_midref(x.get());
  if (arf_is_zero(m)) return -std::numeric_limits<double>::infinity();
  arf_t man;
  fmpz_t e;
  arf_init(man);
  fmpz_init(e);
  arf_frexp(man, e, m);  // m = man 2^e with 1/2 <= |man| < 1, so man converts to a double safely
  double r = std::log(std::fabs(arf_get_d(man, ARF_RND_NEAR))) + fmpz_get_d(e) * std::log(2.0);
  arf_clear(man);
  fmpz_clear(e);
  return r;
}

}  // namespace critwin
