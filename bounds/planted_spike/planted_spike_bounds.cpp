// Closed forms of THEORY.md §8 (planted spike), certified with Arb; thresholds τ located in double precision.
#include "bounds/planted_spike/planted_spike_bounds.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include <boost/math/tools/minima.hpp>

namespace critwin {

namespace {

// log Φ(x) in double, finite for every finite x (erfc underflows below x ≈ −38; Mills-ratio series there).
double log_normal_cdf(double x) {
  if (x > -30) return std::log(0.5 * std::erfc(-x / std::sqrt(2.0)));
  const double x2 = x * x;
  return -0.5 * x2 - std::log(-x) - 0.5 * std::log(2 * M_PI) + std::log1p(-1 / x2 + 3 / (x2 * x2));
}

// argmax of f over [a, b]: a grid scan (f need not be unimodal far from the optimum), then Brent in the
// cell around the best grid point.
double grid_brent_argmax(const std::function<double(double)>& f, double a, double b, int cells) {
  double best_x = a, best_f = -std::numeric_limits<double>::infinity();
  const double step = (b - a) / cells;
  for (int i = 0; i <= cells; ++i) {
    double x = a + i * step, fx = f(x);
    if (fx > best_f) best_f = fx, best_x = x;
  }
  auto r = boost::math::tools::brent_find_minima([&](double x) { return -f(x); }, std::max(a, best_x - step),
                                                 std::min(b, best_x + step), 40);
  return -r.second >= best_f ? r.first : best_x;
}

Ball ball_mu_squared(const PlantedSpikeParams& p, long n) { return planted_spike_mu_squared(p, n).ball(); }

Estimate capped_upper(const Ball& b) {
  Estimate e = Estimate::from_ball(b);
  if (e.lo >= 1) return Estimate{1, 1, 1, Guarantee::exact, false};  // the trivial bound TV <= 1 is better
  e.value = std::min(e.value, 1.0);
  e.hi = std::min(e.hi, 1.0);
  return e;
}

Estimate floored_lower(const Ball& b) {
  Estimate e = Estimate::from_ball(b);
  if (e.hi <= 0) return Estimate{0, 0, 0, Guarantee::exact, false};  // the trivial bound TV >= 0 is better
  e.value = std::max(e.value, 0.0);
  e.lo = std::max(e.lo, 0.0);
  return e;
}

Estimate second_moment_upper(long dim, const Ball& mu2) {
  Ball chi2 = expm1(mu2) / Ball(dim);
  return capped_upper(Ball(0.5) * sqrt(chi2));
}

TauBound truncated_upper(long dim, const Ball& mu2) {
  const double mu = std::sqrt(mu2.mid());
  const double lm = std::log(static_cast<double>(dim));
  // log of the conditioned χ² + 1/M, minus nothing: e^{μ²} Φ(τ−2μ) / (M Φ(τ−μ)²).
  auto bound = [&](double tau) {
    double l = mu * mu + log_normal_cdf(tau - 2 * mu) - lm - 2 * log_normal_cdf(tau - mu);
    double chi = std::exp(std::min(l, 700.0)) - 1 / static_cast<double>(dim);
    return 0.5 * std::erfc((tau - mu) / std::sqrt(2.0)) + 0.5 * std::sqrt(std::max(0.0, chi));
  };
  const double tau = grid_brent_argmax([&](double t) { return -bound(t); }, -10, mu + 12, 800);
  const Ball t(tau), m = sqrt(mu2);
  const Ball pt = ball_normal_cdf(t - m);
  Ball chi = exp(mu2) * ball_normal_cdf(t - Ball(2) * m) / (Ball(dim) * pt * pt) - Ball(1) / Ball(dim);
  // χ² of the conditioned law is >= 0 mathematically; an enclosure straddling 0 is clipped there.
  chi = max(chi, Ball(0));
  return TauBound{capped_upper((Ball(1) - pt) + Ball(0.5) * sqrt(chi)), tau};
}

TauBound max_test_lower(long dim, const Ball& mu2) {
  const double mu = std::sqrt(mu2.mid());
  // log of Φ(τ)^{M−1} (Φ(τ) − Φ(τ − μ)); the difference through erfc to keep digits in both tails.
  auto logf = [&](double tau) {
    double d = 0.5 * (std::erfc(-tau / std::sqrt(2.0)) - std::erfc((mu - tau) / std::sqrt(2.0)));
    if (tau > 0) d = 0.5 * (std::erfc((tau - mu) / std::sqrt(2.0)) - std::erfc(tau / std::sqrt(2.0)));
    if (!(d > 0)) return -1e300;
    return static_cast<double>(dim - 1) * log_normal_cdf(tau) + std::log(d);
  };
  const double hi = std::sqrt(2 * std::log(static_cast<double>(dim))) + mu + 10;
  const double tau = grid_brent_argmax(logf, -10, hi, 800);
  const Ball t(tau), m = sqrt(mu2);
  const Ball pt = ball_normal_cdf(t);
  Ball v = pow(pt, dim - 1) * (pt - ball_normal_cdf(t - m));
  return TauBound{floored_lower(v), tau};
}

Estimate moment_lower(long dim, const Ball& mu2) {
  const Ball lm = log(Ball(dim));
  if (!(mu2.lower() > 2 * lm.upper())) return Estimate::exact_value(0);
  const Ball d = sqrt(mu2) / Ball(2) - lm / sqrt(mu2);  // μ/2 − ln M/μ > 0 here
  return floored_lower(Ball(1) - exp(-(d * d) / Ball(2)));
}

}  // namespace

Ball ball_normal_cdf(const Ball& x) { return erfc(-x / ball_sqrt2()) / Ball(2); }

ExactReal planted_spike_mu_squared(const PlantedSpikeParams& p, long n) {
  return p.snr * p.snr * ExactReal::from_int(n);
}

Ball planted_spike_n_star(const PlantedSpikeParams& p) {
  Ball l = p.snr.ball();
  return Ball(2) * log(Ball(p.dim)) / (l * l);
}

Ball planted_spike_chi_square(const PlantedSpikeParams& p, long n) {
  return expm1(ball_mu_squared(p, n)) / Ball(p.dim);
}

Estimate planted_spike_second_moment_upper(const PlantedSpikeParams& p, long n) {
  return second_moment_upper(p.dim, ball_mu_squared(p, n));
}
TauBound planted_spike_truncated_second_moment_upper(const PlantedSpikeParams& p, long n) {
  return truncated_upper(p.dim, ball_mu_squared(p, n));
}
TauBound planted_spike_max_test_lower(const PlantedSpikeParams& p, long n) {
  return max_test_lower(p.dim, ball_mu_squared(p, n));
}

Estimate planted_spike_moment_lower(const PlantedSpikeParams& p, long n) {
  return moment_lower(p.dim, ball_mu_squared(p, n));
}
Estimate planted_spike_moment_lower_mu(long dim, double mu) { return moment_lower(dim, Ball(mu) * Ball(mu)); }

double planted_spike_moment_gap(long dim, double mu) {
  const double lm = std::log(static_cast<double>(dim));
  if (!(mu * mu > 2 * lm)) return 1;
  const double d = mu / 2 - lm / mu;
  // Floored at the least positive double: ε underflows past μ ≈ 77, and 0 would claim TV = 1.
  return std::clamp(std::exp(-d * d / 2) * (1 + 1e-12), std::numeric_limits<double>::denorm_min(), 1.0);
}

Estimate planted_spike_second_moment_upper_mu(long dim, double mu) { return second_moment_upper(dim, Ball(mu) * Ball(mu)); }
TauBound planted_spike_truncated_second_moment_upper_mu(long dim, double mu) {
  return truncated_upper(dim, Ball(mu) * Ball(mu));
}
TauBound planted_spike_max_test_lower_mu(long dim, double mu) { return max_test_lower(dim, Ball(mu) * Ball(mu)); }

}  // namespace critwin
