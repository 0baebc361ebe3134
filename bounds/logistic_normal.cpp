#include "bounds/logistic_normal.hpp"

#include <cmath>

namespace critwin::gauss {

namespace {

double logistic(double u) {
  if (u >= 0) return 1 / (1 + std::exp(-u));
  const double e = std::exp(u);
  return e / (1 + e);
}

constexpr double kStep = 1.0 / 32;

}  // namespace

LogisticNormalValue logistic_normal_direct(double alpha, double gamma) {
  gamma = std::abs(gamma);  // Z and −Z have the same law
  if (gamma == 0) {
    const double s = logistic(alpha), d1 = s * (1 - s);
    return {s, d1, d1 * (1 - 2 * s)};
  }
  // Strip half-width d: at most 3 (φ grows like e^{d²/2} there), and 10% short of σ's poles at
  // z = (±iπ − α)/γ. The error of the trapezoidal rule is about 2M e^{−2πd/h}; h = 2πd/75 makes it e^{−75}M.
  const double pi = 3.14159265358979323846;
  const double d = std::min(3.0, 0.9 * pi / gamma);
  const double h = 2 * pi * d / 75;
  const double zmax = 9.5;  // 2Φ(−9.5) < 5e-21
  const int k_max = static_cast<int>(std::ceil(zmax / h));
  const double c = h / std::sqrt(2 * pi);
  LogisticNormalValue out{0, 0, 0};
  for (int k = -k_max; k <= k_max; ++k) {
    const double z = k * h;
    const double w = c * std::exp(-z * z / 2);
    const double s = logistic(alpha + gamma * z), d1 = s * (1 - s);
    out.value += w * s;
    out.d1 += w * d1;
    out.d2 += w * d1 * (1 - 2 * s);
  }
  return out;
}

double LogisticNormalTable::error_bound() {
  // (h/2)⁶/720 with max|σ⁽⁶⁾| < 1 (it is about 0.42), plus rounding in the direct rule's sum of a few
  // hundred terms and in the interpolation (≲ 1e-15).
  return std::pow(kStep / 2, 6) / 720 + 1e-15;
}

namespace {

boost::math::interpolators::cardinal_quintic_hermite<std::vector<double>> table_make(double gamma, double end) {
  const int n = static_cast<int>(std::ceil(end / kStep)) + 1;
  std::vector<double> y(n), d1(n), d2(n);
  for (int i = 0; i < n; ++i) {
    const auto v = logistic_normal_direct(i * kStep, gamma);
    y[i] = v.value;
    d1[i] = v.d1;
    d2[i] = v.d2;
  }
  return {std::move(y), std::move(d1), std::move(d2), 0.0, kStep};
}

}  // namespace

LogisticNormalTable::LogisticNormalTable(double gamma)
    : end_(40 + gamma * gamma / 2), spline_(table_make(gamma, end_ + kStep)) {}

}  // namespace critwin::gauss
