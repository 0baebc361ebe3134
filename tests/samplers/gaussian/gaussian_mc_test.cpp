// Gaussian forward–reverse sampling against independent quadrature of the exact laws, the multi-step
// sampler against the one-jump sampler, and the SDE/ODE discretizations converging as steps grow.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "model/model_file.hpp"
#include "samplers/experiment.hpp"
#include "../mc_test_support.hpp"

using namespace critwin;

namespace {

using namespace critwin::test;

double npdf(double x, double m, double v) { return std::exp(-(x - m) * (x - m) / (2 * v)) / std::sqrt(2 * M_PI * v); }
double ncdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// ∫ f over [a, b] by the composite Simpson rule with 2·20000 panels.
double simpson(const std::function<double(double)>& f, double a, double b) {
  const int n = 40000;
  const double h = (b - a) / n;
  double s = f(a) + f(b);
  for (int i = 1; i < n; ++i) s += f(a + i * h) * (i % 2 ? 4 : 2);
  return s * h / 3;
}

// Exact P(label(X') = 1) of the one-jump experiment for two 1-D Gaussians (means m0, m1, weights w0, w1,
// variance s2), X ~ p^{S} with P(θ = 0) = q0, at e = e^{-T̂}: a 1-D integral over y, written out from scratch.
double two_gaussian_label1(double m0, double m1, double w0, double w1, double s2, double q0, double e) {
  const double v = e * e * s2 + 1 - e * e;
  const double xb = (std::log(w0 / w1) + (m1 * m1 - m0 * m0) / (2 * s2)) * s2 / (m1 - m0);  // label boundary
  auto f = [&](double y) {
    double py = q0 * npdf(y, e * m0, v) + (1 - q0) * npdf(y, e * m1, v);
    double a0 = w0 * npdf(y, e * m0, v), a1 = w1 * npdf(y, e * m1, v);
    double r = 0;
    for (int th = 0; th < 2; ++th) {
      double m = th ? m1 : m0;
      double mean = m + e * s2 / v * (y - e * m), sd = std::sqrt(s2 * (1 - e * e) / v);
      double above = 1 - ncdf((xb - mean) / sd);  // P(X' > boundary)
      r += (th ? a1 : a0) / (a0 + a1) * (m1 > m0 ? above : 1 - above);
    }
    return py * r;
  };
  double c = e * 0.5 * (m0 + m1), span = std::abs(m1 - m0) + 20 * std::sqrt(v);
  return simpson(f, c - span, c + span);
}

}  // namespace

// The public check: two Gaussians ±8, T̂ = 1.5, S_init = {plus}: the `minus` frequency contains 0.0555531343…
TEST(GaussianMc, PublicCheckE1) {
  Model m = load("e1_two_gaussians.toml");
  const double e = std::exp(-1.5);
  const double exact = two_gaussian_label1(8, -8, 0.5, 0.5, 1, 1.0, e);
  EXPECT_NEAR(exact, 0.0555531343, 1e-9);  // the quadrature reproduces the published value
  for (bool fast : {true, false}) {
    LabelCounts c = forward_reverse_run(m, spec(m, "plus", "1.5"), 400000, 20250101, 2, {}, fast);
    expect_in(c.freq(1), 0.0555531343, fast ? "batched kernel" : "generic sampler");
    EXPECT_EQ(c.counts[0] + c.counts[1], 400000u);
  }
}

// Unequal weights, overlapping components, both S_init choices, several T̂, including T̂ = 0 and inf.
TEST(GaussianMc, UnequalWeightsAgainstQuadrature) {
  Model m = load("mc_unequal_two_gaussians.toml");
  struct Case { std::string s, t; double q0; };
  for (const Case& c : {Case{"left", "0", 1.0}, Case{"left", "1", 1.0}, Case{"right", "0.3", 0.0},
                        Case{"left,right", "0.7", 0.25}, Case{"left", "inf", 1.0}}) {
    double e = c.t == "inf" ? 0.0 : std::exp(-std::stod(c.t));
    double exact = two_gaussian_label1(-2, 3, 0.25, 0.75, 2, c.q0, e);
    for (bool fast : {true, false}) {
      LabelCounts r = forward_reverse_run(m, spec(m, c.s, c.t), 200000, 7, 2, {}, fast);
      expect_in(r.freq(1), exact, "S_init=" + c.s + " T=" + c.t + (fast ? " fast" : " generic"));
    }
  }
}

// Three components in 2-D: label frequencies against P(θ' = j) = E[π_j(Y)] by a 2-D Simpson product rule
// (components are separated by >= 11σ, so label(X') = θ' up to ~1e-8).
TEST(GaussianMc, ThreeComponents2dAgainstQuadrature) {
  Model m = load("mc_three_gaussians.toml");
  const double mu[3][2] = {{7, 0}, {-7, 0}, {0, 9}}, w[3] = {0.5, 0.3, 0.2};
  for (double t : {0.8, 1.6}) {
    const double e = std::exp(-t), v = 1.0;
    double post[3] = {0, 0, 0};
    const int n = 600;
    const double h = 16.0 / n;
    for (int i = 0; i <= n; ++i)
      for (int j = 0; j <= n; ++j) {
        double y0 = e * mu[0][0] - 8 + i * h, y1 = e * mu[0][1] - 8 + j * h;
        double wi = (i == 0 || i == n ? 1 : i % 2 ? 4 : 2) * (j == 0 || j == n ? 1 : j % 2 ? 4 : 2);
        double dens = npdf(y0, e * mu[0][0], v) * npdf(y1, e * mu[0][1], v);
        double a[3], s = 0;
        for (int k = 0; k < 3; ++k) s += a[k] = w[k] * npdf(y0, e * mu[k][0], v) * npdf(y1, e * mu[k][1], v);
        for (int k = 0; k < 3; ++k) post[k] += wi * dens * a[k] / s;
      }
    for (double& p : post) p *= h * h / 9;
    LabelCounts c = forward_reverse_run(m, spec(m, "a", std::to_string(t)), 200000, 99, 2);
    for (int k = 0; k < 3; ++k) expect_in(c.freq(k), post[k], "T=" + std::to_string(t) + " label " + std::to_string(k));
  }
}

// BoE Definition 2: the multi-step sampler with exact transitions has the same law as one jump.
TEST(GaussianMc, LocalizeEqualsJumpInLaw) {
  for (auto [file, s_init, t] : {std::tuple{"mc_three_gaussians.toml", "b", "1.2"},
                                 std::tuple{"mc_unequal_two_gaussians.toml", "right", "0.6"}}) {
    Model m = load(file);
    const uint64_t n = 150000;
    LabelCounts j = forward_reverse_run(m, spec(m, s_init, t), n, 5, 2, {}, false);
    LabelCounts l = forward_reverse_run(m, spec(m, s_init, t, ReverseKind::localize, 7), n, 6, 2);
    for (int k = 0; k < m.size(); ++k)
      EXPECT_LT(std::abs(z_two(j.counts[k], n, l.counts[k], n)), 4.5) << file << " label " << k;
    double se = std::sqrt(j.stat_variance() / n + l.stat_variance() / n);
    EXPECT_LT(std::abs(j.stat_mean() - l.stat_mean()), 4.5 * se) << file << " mean of x'_0";
  }
}

// Euler–Maruyama on the reverse SDE: the label frequency moves towards the exact value as steps grow.
TEST(GaussianMc, SdeDiscretizationErrorShrinks) {
  Model m = load("e1_two_gaussians.toml");
  const double exact = 0.0555531343, n = 300000;
  double err[3];
  int steps[3] = {2, 8, 64};
  for (int i = 0; i < 3; ++i) {
    LabelCounts c = forward_reverse_run(m, spec(m, "plus", "1.5", ReverseKind::sde, steps[i]), n, 17, 2);
    err[i] = std::abs(c.freq(1).value - exact);
  }
  const double sd = std::sqrt(exact * (1 - exact) / n);
  EXPECT_GT(err[0], 8 * sd);           // two steps visibly move the window
  EXPECT_GT(err[0] - err[1], 3 * sd);  // and the error shrinks with more steps
  EXPECT_LT(err[2], 4.5 * sd);         // 64 steps are within Monte Carlo error
}

// The probability-flow ODE is a deterministic map, so its experiment converges to the law of the flow map
// applied to Y_T̂ — in 1-D the monotone transport F_0^{-1} ∘ F_T̂ — not to p^{S_init,T̂}. Exact limit:
// P(label = minus) = P(Y_T̂ < F_T̂^{-1}(F_0(x*))) with x* the label boundary.
TEST(GaussianMc, OdeConvergesToTransportMap) {
  Model m = load("mc_unequal_two_gaussians.toml");
  const double t = 2.0, e = std::exp(-t), s2 = 2, v = e * e * s2 + 1 - e * e, w0 = 0.25, w1 = 0.75, m0 = -2, m1 = 3;
  const double xb = (std::log(w0 / w1) + (m1 * m1 - m0 * m0) / (2 * s2)) * s2 / (m1 - m0);
  auto F0 = [&](double x) { return w0 * ncdf((x - m0) / std::sqrt(s2)) + w1 * ncdf((x - m1) / std::sqrt(s2)); };
  auto Ft = [&](double y) { return w0 * ncdf((y - e * m0) / std::sqrt(v)) + w1 * ncdf((y - e * m1) / std::sqrt(v)); };
  double lo = -50, hi = 50, target = F0(xb);
  for (int i = 0; i < 200; ++i) {
    double mid = 0.5 * (lo + hi);
    (Ft(mid) < target ? lo : hi) = mid;
  }
  const double exact = ncdf((lo - e * m0) / std::sqrt(v));  // S_init = {left}: Y ~ N(e m0, v)
  const uint64_t n = 200000;
  double err[3];
  int steps[3] = {1, 2, 32};
  for (int i = 0; i < 3; ++i) {
    LabelCounts c = forward_reverse_run(m, spec(m, "left", "2", ReverseKind::ode, steps[i]), n, 3, 2);
    err[i] = std::abs(c.freq(0).value - exact);
  }
  const double sd = std::sqrt(exact * (1 - exact) / n);
  EXPECT_GT(err[0], 8 * sd);
  EXPECT_GT(err[0] - err[1], 4 * sd);
  EXPECT_LT(err[2], 4.5 * sd);
}
