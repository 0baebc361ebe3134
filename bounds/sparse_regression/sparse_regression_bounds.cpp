// Closed forms of THEORY.md §8 (sparse regression), exact (FLINT rationals) or certified (Arb).
#include "bounds/sparse_regression/sparse_regression_bounds.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/minima.hpp>

namespace critwin {

namespace {

// P(ℓ) = C(k, ℓ) C(s − k, k − ℓ) / C(s, k), exact.
ExactReal hypergeometric_mass(long s, long k, long l) {
  if (k - l > s - k) return ExactReal::from_int(0);
  return ExactReal::binomial(k, l) * ExactReal::binomial(s - k, k - l) / ExactReal::binomial(s, k);
}

// The χ²_n CDF at x, P(n/2, x/2) (regularized lower incomplete gamma), as a ball.
Ball chi2_cdf(long n, const Ball& x) { return ball_gamma_lower_regularized(Ball(n) / Ball(2), x / Ball(2)); }

Estimate clip_unit(Estimate e) {
  e.value = std::clamp(e.value, 0.0, 1.0);
  e.lo = std::clamp(e.lo, 0.0, 1.0);
  e.hi = std::clamp(e.hi, 0.0, 1.0);
  return e;
}

}  // namespace

Ball sparse_regression_n_star(const SparseRegressionParams& p) {
  const Ball k(p.sparsity), s(p.dim);
  return Ball(2) * k * log(s / k) / log1p(k / p.noise_variance.ball());
}

ExactReal sparse_regression_chi_square_exact(const SparseRegressionParams& p, long n) {
  const ExactReal v = ExactReal::from_int(p.sparsity) + p.noise_variance;
  ExactReal sum = ExactReal::from_int(0);
  for (long l = 0; l <= p.sparsity; ++l) {
    ExactReal m = hypergeometric_mass(p.dim, p.sparsity, l);
    if (m.sign() == 0) continue;
    sum = sum + m * pow(v / (v - ExactReal::from_int(l)), n);
  }
  return sum - ExactReal::from_int(1);
}

Ball sparse_regression_chi_square(const SparseRegressionParams& p, long n) {
  const Ball v = Ball(p.sparsity) + p.noise_variance.ball();
  Ball sum(0);
  for (long l = 0; l <= p.sparsity; ++l) {
    ExactReal m = hypergeometric_mass(p.dim, p.sparsity, l);
    if (m.sign() == 0) continue;
    sum += m.ball() * exp(Ball(n) * log(v / (v - Ball(l))));
  }
  return sum - Ball(1);
}

Estimate sparse_regression_second_moment_upper(const SparseRegressionParams& p, long n) {
  Estimate e = Estimate::from_ball(Ball(0.5) * sqrt(max(sparse_regression_chi_square(p, n), Ball(0))));
  if (e.lo >= 1) return Estimate{1, 1, 1, Guarantee::exact, false};
  return clip_unit(e);
}

TauBound sparse_regression_scan_test_lower(const SparseRegressionParams& p, long n) {
  const double s2 = p.noise_variance.to_double(), k = static_cast<double>(p.sparsity);
  const double log_count = ball_log_binomial(p.dim, p.sparsity).mid();
  const double a = n / 2.0;
  auto f = [&](double tau) {
    if (!(tau > 0)) return 0.0;
    const double signal = boost::math::gamma_p(a, tau / (2 * s2));
    const double null = std::exp(log_count + std::log(boost::math::gamma_p(a, tau / (2 * (2 * k + s2)))));
    return signal - null;
  };
  // τ lives on the scale of the residual sums: n σ² under the signal, n (2k + σ²) under the null.
  const double top = 4 * n * (2 * k + s2) + 50 * (2 * k + s2);
  const int cells = 2000;
  double best = 0, best_f = -1;
  for (int i = 1; i <= cells; ++i) {
    const double t = top * i / cells, ft = f(t);
    if (ft > best_f) best_f = ft, best = t;
  }
  const double step = top / cells;
  auto r = boost::math::tools::brent_find_minima([&](double t) { return -f(t); }, std::max(step * 1e-3, best - step),
                                                 best + step, 40);
  const double tau = -r.second >= best_f ? r.first : best;
  const Ball t(tau);
  const Ball s2b = p.noise_variance.ball();
  Ball val = chi2_cdf(n, t / s2b) - exp(ball_log_binomial(p.dim, p.sparsity)) *
                                        chi2_cdf(n, t / (Ball(2) * Ball(p.sparsity) + s2b));
  Estimate e = Estimate::from_ball(val);
  if (e.hi <= 0) return TauBound{Estimate{0, 0, 0, Guarantee::exact, false}, tau};
  return TauBound{clip_unit(e), tau};
}

}  // namespace critwin
