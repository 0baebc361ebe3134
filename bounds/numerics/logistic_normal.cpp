#include "bounds/numerics/logistic_normal.hpp"

#include <cmath>

#include "bounds/numerics/gaussian_trapezoid.hpp"

namespace critwin::gauss {

namespace {

double logistic(double u) {
  if (u >= 0) return 1 / (1 + std::exp(-u));
  const double e = std::exp(u);
  return e / (1 + e);
}

constexpr double kStep = 1.0 / 32;

// σ(α + γz) has poles at z = (±iπ − α)/γ; exponent 75 leaves the rule exact to rounding.
GaussianTrapezoid logistic_normal_rule(double gamma) { return gaussian_trapezoid_make(std::abs(gamma), 75); }

LogisticNormalValue logistic_normal_sum(double alpha, double gamma, const GaussianTrapezoid& rule) {
  gamma = std::abs(gamma);  // Z and −Z have the same law
  if (gamma == 0) {
    const double s = logistic(alpha), d1 = s * (1 - s);
    return {s, d1, d1 * (1 - 2 * s)};
  }
  LogisticNormalValue out{0, 0, 0};
  for (std::size_t k = 0; k < rule.z.size(); ++k) {
    const double s = logistic(alpha + gamma * rule.z[k]), d1 = s * (1 - s);
    out.value += rule.w[k] * s;
    out.d1 += rule.w[k] * d1;
    out.d2 += rule.w[k] * d1 * (1 - 2 * s);
  }
  return out;
}

boost::math::interpolators::cardinal_quintic_hermite<std::vector<double>> table_make(double gamma, double end) {
  const int n = static_cast<int>(std::ceil(end / kStep)) + 1;
  std::vector<double> y(n), d1(n), d2(n);
  const GaussianTrapezoid rule = logistic_normal_rule(gamma);
  for (int i = 0; i < n; ++i) {
    const auto v = logistic_normal_sum(i * kStep, gamma, rule);
    y[i] = v.value;
    d1[i] = v.d1;
    d2[i] = v.d2;
  }
  return {std::move(y), std::move(d1), std::move(d2), 0.0, kStep};
}

}  // namespace

LogisticNormalValue logistic_normal_direct(double alpha, double gamma) {
  return logistic_normal_sum(alpha, gamma, logistic_normal_rule(gamma));
}

double LogisticNormalTable::error_bound() {
  // (h/2)⁶/720 with max|σ⁽⁶⁾| < 1 (it is about 0.42), plus rounding in the direct rule's sum of a few
  // hundred terms and in the interpolation (≲ 1e-15).
  return std::pow(kStep / 2, 6) / 720 + 1e-15;
}

LogisticNormalTable::LogisticNormalTable(double gamma)
    : end_(40 + gamma * gamma / 2), spline_(table_make(gamma, end_ + kStep)) {}

}  // namespace critwin::gauss
