#include "bounds/paper/two_gaussian_retention.hpp"

#include <cmath>
#include <limits>

#include <boost/math/quadrature/sinh_sinh.hpp>
#include <boost/math/tools/toms748_solve.hpp>

namespace critwin {

namespace {

// 1/(1 + e^x) without overflow.
double logistic_complement(double x) { return x > 0 ? std::exp(-x) / (1 + std::exp(-x)) : 1 / (1 + std::exp(x)); }

// E[1/(1 + r·exp(−s²/2 − sZ))], Z ~ N(0,1), and the quadrature's error estimate.
std::pair<double, double> retention_of_snr(double s, double r) {
  if (std::isinf(s)) return {1.0, 0.0};
  const double lr = std::log(r);
  auto f = [&](double z) {
    return logistic_complement(lr - s * s / 2 - s * z) * std::exp(-z * z / 2) / std::sqrt(2 * M_PI);
  };
  boost::math::quadrature::sinh_sinh<double> integrator;
  double err = 0;
  const double v = integrator.integrate(f, 1e-13, &err);
  return {v, err};
}

}  // namespace

std::optional<TwoGaussianRetention> TwoGaussianRetention::from_model(const Model& m) {
  const auto* g = m.family<GaussianComponents>();
  if (!g || m.size() != 2) return std::nullopt;
  ExactReal d2;
  for (int c = 0; c < g->dim; ++c) {
    const ExactReal diff = g->means[0][static_cast<size_t>(c)] - g->means[1][static_cast<size_t>(c)];
    d2 += diff * diff;
  }
  if (d2.sign() == 0) return std::nullopt;
  return TwoGaussianRetention{std::sqrt(d2.to_double()), g->variance.to_double(), m.weights[0].to_double(),
                              m.weights[1].to_double()};
}

double TwoGaussianRetention::snr(double t) const {
  const double u = std::exp(-2 * t), v = variance * u + (1 - u);
  if (v == 0) return std::numeric_limits<double>::infinity();
  return std::sqrt(u) * d / std::sqrt(v);
}

double TwoGaussianRetention::time_of_snr(double s) const {
  // s² = u d²/(σ²u + 1 − u)  ⇔  u = s²/(d² + s²(1 − σ²)).
  const double u = s * s / (d * d + s * s * (1 - variance));
  return -0.5 * std::log(u);
}

double TwoGaussianRetention::retention(int component, double t) const {
  const double r = component == 0 ? w1 / w0 : w0 / w1;
  return retention_of_snr(snr(t), r).first;
}

double TwoGaussianRetention::label_retention(int component, double t) const {
  if (variance == 0) return retention(component, t);
  const double wi = component == 0 ? w0 : w1, wo = component == 0 ? w1 : w0;
  const double sigma = std::sqrt(variance), cut = variance * std::log(wo / wi) / d;
  const double phi_arg0 = (d / 2 - cut) / sigma;
  if (t == 0) return 0.5 * std::erfc(-phi_arg0 / std::sqrt(2.0));
  const double a = std::exp(-t), one_a2 = -std::expm1(-2 * t), v = variance * a * a + one_a2;
  const double s = std::sqrt(variance * one_a2 / v), lr = std::log(wo / wi);
  auto normal_cdf = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  auto f = [&](double z) {
    const double y = a * d / 2 + std::sqrt(v) * z;
    const double p_i = logistic_complement(lr - a * d * y / v);  // P(θ = component | y)
    const double m_i = (one_a2 * d / 2 + a * variance * y) / v, m_o = (-one_a2 * d / 2 + a * variance * y) / v;
    const double inside = p_i * normal_cdf((m_i - cut) / s) + (1 - p_i) * normal_cdf((m_o - cut) / s);
    return inside * std::exp(-z * z / 2) / std::sqrt(2 * M_PI);
  };
  boost::math::quadrature::sinh_sinh<double> integrator;
  return integrator.integrate(f, 1e-13);
}

double TwoGaussianRetention::cloning(double t) const { return w0 * retention(0, t) + w1 * retention(1, t); }

namespace {

// The s in (0, s(0)) where value(s) = level for value increasing in s, mapped to t; with an error estimate.
std::optional<Estimate> halfway_time(const TwoGaussianRetention& g, const std::function<std::pair<double, double>(double)>& value,
                                     double level) {
  const double s0 = g.snr(0);
  double hi = std::isinf(s0) ? 1.0 : s0, lo = 0;
  if (std::isinf(s0))
    while (value(hi).first < level) hi *= 2;
  if (!(value(hi).first > level)) return std::nullopt;
  auto f = [&](double s) { return value(s).first - level; };
  boost::uintmax_t iters = 200;
  auto [a, b] = boost::math::tools::toms748_solve(f, lo, hi, boost::math::tools::eps_tolerance<double>(50), iters);
  const double s = a + (b - a) / 2;
  if (s <= 0) return std::nullopt;
  // Error in s: the bracket plus the quadrature error over the slope; carried to t through dt/ds.
  const double h = std::max(1e-6 * s, 1e-9);
  const double slope = (value(s + h).first - value(s - h).first) / (2 * h);
  const double s_err = (b - a) + value(s).second / std::max(slope, 1e-300) + 1e-14 * s;
  const double t = g.time_of_snr(s);
  const double dt_ds = std::abs(g.time_of_snr(s + h) - g.time_of_snr(s - h)) / (2 * h);
  const double err = dt_ds * s_err + 4 * std::numeric_limits<double>::epsilon() * std::abs(t);
  return Estimate::with_error(t, err, 53);
}

}  // namespace

std::optional<Estimate> two_gaussian_retention_halfway(const TwoGaussianRetention& g, int component) {
  const double r = component == 0 ? g.w1 / g.w0 : g.w0 / g.w1, w = component == 0 ? g.w0 : g.w1;
  auto value = [&](double s) { return retention_of_snr(s, r); };
  const double start = value(g.snr(0)).first;
  return halfway_time(g, value, (start + w) / 2);
}

std::optional<Estimate> two_gaussian_cloning_halfway(const TwoGaussianRetention& g) {
  auto value = [&](double s) {
    auto [a, ea] = retention_of_snr(s, g.w1 / g.w0);
    auto [b, eb] = retention_of_snr(s, g.w0 / g.w1);
    return std::pair<double, double>{g.w0 * a + g.w1 * b, g.w0 * ea + g.w1 * eb};
  };
  const double start = value(g.snr(0)).first;
  return halfway_time(g, value, (start + g.w0 * g.w0 + g.w1 * g.w1) / 2);
}

HalfwayTime two_gaussian_halfway_times(const Model& m, const Subset& s_after) {
  HalfwayTime h;
  const auto g = TwoGaussianRetention::from_model(m);
  if (!g) {
    h.reason = "computed for two-component Gaussian models only (the generic retention API is not on main yet)";
    return h;
  }
  h.source = "Biroli et al. 2024 cloning probability φ(t) = Σ_θ w_θ E[P(θ | Y_t) | θ], half-way between φ(0) and φ(∞)";
  h.cloning = two_gaussian_cloning_halfway(*g);
  if (!h.cloning) h.reason = "φ(0) = φ(∞): the components are indistinguishable";
  if (s_after.size() == 1) h.retention = two_gaussian_retention_halfway(*g, s_after.indices()[0]);
  return h;
}

}  // namespace critwin
