// compare's rows against independent computations: the closed forms of THEORY.md §6 for E1, brute-force scans
// over the discrete index sets, direct quadrature of the cloning probability, and finite differences of U.
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/paper/earlier_predictions.hpp"
#include "bounds/retention_halfway.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

std::string fmt_double(double x) { return fmt::format("{}", x); }

Model two_gaussians(const std::string& m, const std::string& variance = "1", const std::string& weights = "[\"1/2\", \"1/2\"]") {
  return model_file_parse("name = \"t\"\n[mixture]\nweights = " + weights +
                          "\n[components]\nkind = \"gaussian\"\ndim = 1\nmeans = [[\"" + m + "\"], [\"-" + m +
                          "\"]]\nvariance = \"" + variance + "\"\n[process]\nkind = \"ou\"\n");
}

std::map<std::string, Prediction> rows_by_method(const Comparison& c) {
  std::map<std::string, Prediction> r;
  for (const auto& p : c.rows) r[p.method] = p;
  return r;
}

Comparison compare(const Model& m, const std::string& eps, bool h = true) {
  auto engine = exact_engine_make(m, 128);
  return compare_predictions(*engine, Subset({0}), Subset::all(m.size()), *ExactReal::parse(eps), h ? engine.get() : nullptr);
}

// 1-D ½N(+μ,1)+½N(−μ,1) at time t: φ(t) = ½ ∫ (G₊² + G₋²)/(G₊ + G₋) dy by a plain trapezoid rule on a wide grid
// (THEORY.md §6) — independent of the logistic-normal form the code uses.
double cloning_trapezoid(double mu, double t) {
  const double a = std::exp(-t) * mu, h = 1e-3;
  double s = 0;
  for (double y = -a - 40; y <= a + 40; y += h) {
    const double gp = std::exp(-(y - a) * (y - a) / 2) / std::sqrt(2 * M_PI), gm = std::exp(-(y + a) * (y + a) / 2) / std::sqrt(2 * M_PI);
    if (gp + gm > 0) s += 0.5 * (gp * gp + gm * gm) / (gp + gm) * h;
  }
  return s;
}

TEST(EarlierPredictions, E1RowsMatchTheoryClosedForms) {
  for (const double m : {2.0, 8.0, 30.0})
    for (const double eps : {0.05, 0.1, 0.3}) {
      const auto rows = rows_by_method(compare(two_gaussians(fmt_double(m)), fmt_double(eps)));
      const double lm = std::log(m);
      // Hellinger route: ½BC <= ε/√2 with BC = exp(−m²e^{−2t}/2) (the proof's own T_after, THEORY.md §6).
      const double h_after = lm - 0.5 * std::log(std::log(1 / (2 * eps * eps)));
      ASSERT_EQ(rows.at("hellinger").t_after.has_value(), h_after >= 0) << m << " " << eps;  // sup of ∅ when BC(0) > √2ε
      if (h_after >= 0) {
        EXPECT_NEAR(rows.at("hellinger").t_after->value, h_after, 1e-12);
      }
      // T_before: TV(p^+, p) = ½TV(p^+, p^−) <= ½√(1 − BC²) = ½√(1 − e^{−m²u}) <= ε.
      EXPECT_NEAR(rows.at("hellinger").t_before->value, 0.5 * std::log(m * m / -std::log1p(-4 * eps * eps)), 1e-12);
      // KL(p^+ ‖ p) <= ½ KL(N(+a,1) ‖ N(−a,1)) = m²e^{−2t}; √(½KL) <= ε.
      EXPECT_NEAR(rows.at("kl-pinsker").t->value, 0.5 * std::log(m * m / (2 * eps * eps)), 1e-12);
      EXPECT_NEAR(rows.at("speciation").t->value, 0.5 * std::log1p(m * m), 1e-12);
      EXPECT_NEAR(rows.at("symmetry-breaking").t->value, 0.5 * std::log(2 * m * m), 1e-12);
      // Upper bounds on TV can only move T_before later.
      EXPECT_GE(rows.at("hellinger").t_before->value, rows.at("exact").t_before->value);
      EXPECT_GE(rows.at("kl-pinsker").t->value, rows.at("exact").t_before->value);
      // The printed E1 closed forms.
      EXPECT_NEAR(rows.at("boe").t_before->value, lm + std::log(2.0) + std::log(1 / eps), 1e-12);
      EXPECT_EQ(rows.size(), 9u);
      // Distances are differences to the exact row (null when the exact T_after is empty).
      ASSERT_EQ(rows.at("speciation").d_after.has_value(), rows.at("exact").t_after.has_value());
      if (rows.at("exact").t_after) {
        EXPECT_NEAR(rows.at("speciation").d_after->value, rows.at("speciation").t->value - rows.at("exact").t_after->value, 1e-12);
      }
    }
}

// The retention API of the exact engine against direct quadratures of THEORY.md §6's integrals.
ExactEngine::Retention retention_at(const ExactEngine& e, int component, double t) {
  return e.retention(Subset({component}), TimePoint{ExactReal::from_double(t), false});
}

TEST(EarlierPredictions, CloningProbabilityMatchesDirectQuadrature) {
  for (const double mu : {1.0, 3.0}) {
    const Model m = two_gaussians(fmt_double(mu));  // the engine keeps a reference to it
    auto e = exact_engine_make(m, 128);
    for (const double t : {0.0, 0.3, 1.0, 2.5}) EXPECT_NEAR(retention_at(*e, 0, t).cloning.value, cloning_trapezoid(mu, t), 1e-9) << mu << " " << t;
    EXPECT_NEAR(e->retention(Subset({0}), TimePoint::inf()).cloning.value, 0.5, 1e-12);  // φ(∞) = Σ w_θ²
    // Symmetric model: latent retention of {+} is φ itself.
    EXPECT_NEAR(retention_at(*e, 0, 0.7).latent.value, retention_at(*e, 0, 0.7).cloning.value, 1e-12);
    const HalfwayTimes h = retention_halfway_times(*e, Subset({0}));
    ASSERT_TRUE(h.cloning) << h.reason;
    EXPECT_NEAR(cloning_trapezoid(mu, h.cloning->value), (cloning_trapezoid(mu, 0) + 0.5) / 2, 1e-8);
    EXPECT_LT(h.cloning->hi - h.cloning->lo, 1e-6);
    // Symmetric: the latent retention's half-way time is the cloning one.
    ASSERT_TRUE(h.retention);
    EXPECT_NEAR(h.retention->value, h.cloning->value, 1e-8);
  }
}

TEST(EarlierPredictions, CloningIsMonotoneAndHalfwayRowPresent) {
  const Model m = two_gaussians("2", "1/4", "[\"1/3\", \"2/3\"]");
  auto e = exact_engine_make(m, 128);
  double prev = 2;
  for (double t = 0; t < 6; t += 0.25) {
    const double v = retention_at(*e, 0, t).cloning.value;
    EXPECT_LE(v, prev + 1e-13);
    prev = v;
  }
  EXPECT_NEAR(e->retention(Subset({0}), TimePoint::inf()).cloning.value, 1.0 / 9 + 4.0 / 9, 1e-12);
  const auto rows = rows_by_method(compare(m, "0.1"));
  ASSERT_EQ(rows.count("cloning-halfway"), 1u);
  EXPECT_GT(rows.at("cloning-halfway").t->value, 0);
}

// R_label by THEORY.md §6's density-ratio identity, R_label(T̂) = E_{x~p}[(E[P(0 | Y_T̂) | X = x]/w₀)·1{label(x) = 0}],
// on plain grids: a different route from the code's (posterior of X′ given Y, then the label's probability).
double label_retention_identity(double mu0, double mu1, double var, double w0, double t) {
  const double w1 = 1 - w0, a = std::exp(-t), s2 = -std::expm1(-2 * t), v = var * a * a + s2;
  auto npdf = [](double x, double m, double vv) { return std::exp(-(x - m) * (x - m) / (2 * vv)) / std::sqrt(2 * M_PI * vv); };
  auto post0 = [&](double y) {
    const double g0 = w0 * npdf(y, a * mu0, v), g1 = w1 * npdf(y, a * mu1, v);
    return g0 / (g0 + g1);
  };
  // The label region {w₀p⁰ >= w₁p¹} is a half-line (equal variances); its end by bisection on the densities.
  auto diff = [&](double x) { return w0 * npdf(x, mu0, var) - w1 * npdf(x, mu1, var); };
  const double sgn = mu0 > mu1 ? 1 : -1;  // along u = sgn·x, diff is negative far below, positive far above
  double lo = -60, hi = 60;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (diff(sgn * mid) > 0 ? hi : lo) = mid;
  }
  const double cut = sgn * (lo + hi) / 2, sd = std::sqrt(var);
  const double x0 = sgn > 0 ? cut : std::min(mu0, mu1) - 14 * sd, x1 = sgn > 0 ? std::max(mu0, mu1) + 14 * sd : cut;
  // Composite Simpson in x (smooth on the half-line), trapezoid in z.
  const int n = 4000;
  const double hx = (x1 - x0) / n;
  double total = 0;
  for (int i = 0; i <= n; ++i) {
    const double x = x0 + i * hx, p0 = w0 * npdf(x, mu0, var), p1 = w1 * npdf(x, mu1, var);
    double inner = 0;
    if (s2 == 0) {
      inner = post0(x);
    } else {
      const double sy = std::sqrt(s2), hz = 0.01;
      for (double z = -10; z <= 10; z += hz) inner += npdf(z, 0, 1) * post0(a * x + sy * z) * hz;
    }
    const double wgt = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2);
    total += wgt * (p0 + p1) * inner / w0;
  }
  return total * hx / 3;
}

TEST(EarlierPredictions, LabelRetentionMatchesTheDensityRatioIdentity) {
  const Model m = two_gaussians("1", "2", "[\"1/4\", \"3/4\"]");
  auto g = exact_engine_make(m, 128);
  // Means ±1, variance 2, weights 1/4, 3/4.
  for (const double t : {0.0, 0.2, 0.7, 1.5, 4.0})
    EXPECT_NEAR(retention_at(*g, 0, t).label.value, label_retention_identity(1, -1, 2, 0.25, t), 2e-5) << t;
  const Model sym = two_gaussians("3");
  auto gs = exact_engine_make(sym, 128);
  EXPECT_NEAR(retention_at(*gs, 0, 30).label.value, 0.5, 1e-9);  // R_label(∞) = P_{x~p}(label(x) = 0) = ½ by symmetry
  EXPECT_NEAR(retention_at(*gs, 1, 0.8).label.value, label_retention_identity(-3, 3, 1, 0.5, 0.8), 2e-5);
}

// U(x) = −½x² − 2 ln p_t(x) along the mean axis; U″ at the midpoint by central differences, from p_t itself.
double u_second_derivative(double mu, double variance, double t) {
  const double a = std::exp(-t), v = variance * a * a + 1 - a * a;
  auto u = [&](double x) {
    const double p = 0.5 * std::exp(-(x - a * mu) * (x - a * mu) / (2 * v)) + 0.5 * std::exp(-(x + a * mu) * (x + a * mu) / (2 * v));
    return -0.5 * x * x - 2 * std::log(p);
  };
  const double h = 1e-4;
  return (u(h) - 2 * u(0) + u(-h)) / (h * h);
}

TEST(EarlierPredictions, SymmetryBreakingIsTheSignChangeOfUSecondDerivative) {
  // Derivation (THEORY.md §6): near the midpoint p_t ∝ exp(−x²/(2v)) cosh(m a x / v), so
  // (ln p_t)″(0) = −1/v + m²a²/v², U″ = −1 + 2/v − 2m²a²/v². With σ² = 1, v = 1: U″ = 1 − 2m²e^{−2t},
  // zero at t_c = ½ ln(2m²). For general σ², u = e^{−2t}: 1 − 2m²u − (σ²−1)²u² = 0 (after multiplying by v²).
  for (const auto& [mu, var] : {std::pair{3.0, 1.0}, {2.0, 0.25}, {1.5, 4.0}, {5.0, 0.0}}) {
    const auto tc = symmetry_breaking_time(*ExactReal::parse(fmt_double(mu * mu)), *ExactReal::parse(fmt_double(var)));
    ASSERT_TRUE(tc);
    const double t = tc->mid();
    EXPECT_LT(u_second_derivative(mu, var, t - 1e-3), 0);
    EXPECT_GT(u_second_derivative(mu, var, t + 1e-3), 0);
  }
  EXPECT_NEAR(symmetry_breaking_time(ExactReal::from_int(9), ExactReal::from_int(1))->mid(), 0.5 * std::log(18.0), 1e-15);
  EXPECT_FALSE(symmetry_breaking_time(*ExactReal::parse("1/4"), ExactReal::from_int(1)));  // 2m² < 1: no breaking
}

TEST(EarlierPredictions, SpeciationThreeComponentsMatchesPowerIteration) {
  const Model m = model_file_parse(
      "name = \"t\"\n[mixture]\nweights = [\"1/5\", \"1/2\", \"3/10\"]\n[components]\nkind = \"gaussian\"\ndim = 3\n"
      "means = [[\"1\", \"2\", \"0\"], [\"-1\", \"0\", \"3\"], [\"2\", \"-2\", \"1\"]]\nvariance = \"3/4\"\n[process]\nkind = \"ou\"\n");
  // Data covariance σ²I + Σ w(μ − μ̄)(μ − μ̄)ᵀ (3 × 3), largest eigenvalue by power iteration.
  const double w[3] = {0.2, 0.5, 0.3}, mu[3][3] = {{1, 2, 0}, {-1, 0, 3}, {2, -2, 1}};
  double bar[3] = {0, 0, 0}, c[3][3] = {};
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 3; ++k) bar[k] += w[i] * mu[i][k];
  for (int i = 0; i < 3; ++i)
    for (int k = 0; k < 3; ++k)
      for (int l = 0; l < 3; ++l) c[k][l] += w[i] * (mu[i][k] - bar[k]) * (mu[i][l] - bar[l]);
  for (int k = 0; k < 3; ++k) c[k][k] += 0.75;
  double x[3] = {1, 1, 1}, lambda = 0;
  for (int it = 0; it < 2000; ++it) {
    double y[3] = {0, 0, 0}, n = 0;
    for (int k = 0; k < 3; ++k)
      for (int l = 0; l < 3; ++l) y[k] += c[k][l] * x[l];
    for (double v : y) n += v * v;
    n = std::sqrt(n);
    lambda = n / std::sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    for (int k = 0; k < 3; ++k) x[k] = y[k] / n;
  }
  const auto ts = speciation_time(m);
  ASSERT_TRUE(ts);
  EXPECT_NEAR(ts->value, 0.5 * std::log(lambda), 1e-10);
  EXPECT_LE(ts->lo, ts->value);
  EXPECT_GE(ts->hi, ts->value);
}

TEST(EarlierPredictions, CoinsByBruteForceOverTruncation) {
  // E5-like: Bernoulli(0.6) vs Bernoulli(0.4), L = 300, truncation: n = L − t visible tokens.
  const Model m = model_file_parse(
      "name = \"t\"\n[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = \"bernoulli-product\"\nlength = 300\n"
      "probs = [\"0.6\", \"0.4\"]\n[process]\nkind = \"truncate\"\n");
  const double eps = 0.05, p = 0.6, q = 0.4, L = 300;
  const auto rows = rows_by_method(compare(m, "0.05", false));
  const double bc1 = std::sqrt(p * q) + std::sqrt((1 - p) * (1 - q)), kl1 = p * std::log(p / q) + (1 - p) * std::log((1 - p) / (1 - q));
  long t_after = -1, t_before = -1, t_kl = -1;
  for (long t = 0; t <= L; ++t) {
    const double n = L - t;
    if (std::pow(bc1, n) <= std::sqrt(2.0) * eps) t_after = t;                                      // sup
    if (t_before < 0 && 0.5 * std::sqrt(1 - std::pow(bc1, 2 * n)) <= eps) t_before = t;              // inf
    if (t_kl < 0 && std::sqrt(0.5 * 0.5 * n * kl1) <= eps) t_kl = t;                                 // inf, KL(p^0‖p) <= ½KL(0‖1)
  }
  EXPECT_EQ(rows.at("hellinger").t_after->value, t_after);
  EXPECT_EQ(rows.at("hellinger").t_before->value, t_before);
  EXPECT_EQ(rows.at("kl-pinsker").t->value, t_kl);
  EXPECT_EQ(rows.count("speciation"), 0u);
  Comparison c = compare(m, "0.05", false);
  bool listed = false;
  for (const auto& om : c.omitted) listed |= om.method == "speciation" && !om.reason.empty();
  EXPECT_TRUE(listed);
}

TEST(EarlierPredictions, CoinsCloningHalfwayByBruteForce) {
  // φ(t) for ½Ber(0.6)^L + ½Ber(0.4)^L under truncation, n = L − t tokens seen: the head count k ~ Bin(n, p_θ) is
  // sufficient, φ(t) = Σ_k Σ_θ w_θ Bin(k; n, p_θ) P(θ | k). The half-way time is the least t with
  // φ(t) <= (φ(0) + φ(L))/2 — summed here in log space, independently of the engine's retention code.
  const long L = 300;
  const Model m = model_file_parse(
      "name = \"t\"\n[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = \"bernoulli-product\"\nlength = 300\n"
      "probs = [\"0.6\", \"0.4\"]\n[process]\nkind = \"truncate\"\n");
  auto phi = [&](long t) {
    const long n = L - t;
    double total = 0;
    for (long k = 0; k <= n; ++k) {
      const double lc = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
      const double l0 = k * std::log(0.6) + (n - k) * std::log(0.4), l1 = k * std::log(0.4) + (n - k) * std::log(0.6);
      const double post0 = 1 / (1 + std::exp(l1 - l0));
      total += 0.5 * std::exp(lc + l0) * post0 + 0.5 * std::exp(lc + l1) * (1 - post0);
    }
    return total;
  };
  const double level = (phi(0) + phi(L)) / 2;
  long expected = -1;
  for (long t = 0; t <= L && expected < 0; ++t)
    if (phi(t) <= level) expected = t;
  const auto rows = rows_by_method(compare(m, "0.05"));
  ASSERT_EQ(rows.count("cloning-halfway"), 1u);
  EXPECT_EQ(rows.at("cloning-halfway").t->value, static_cast<double>(expected));
  EXPECT_EQ(rows.at("cloning-halfway").t->guarantee, Guarantee::exact);
}

TEST(EarlierPredictions, StringsUnderRandomMaskingHellingerIsPowerOfT) {
  // Two strings at Hamming distance 4: BC = t^4, KL route void (point masses).
  const Model m = model_file_parse(
      "name = \"t\"\n[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = \"strings\"\nalphabet = \"ab\"\n"
      "strings = [\"aaaaaa\", \"abbbba\"]\n[process]\nkind = \"random-mask\"\n");
  const auto c = compare(m, "0.1", false);
  const auto rows = rows_by_method(c);
  EXPECT_NEAR(rows.at("hellinger").t_after->value, std::pow(std::sqrt(2.0) * 0.1, 0.25), 1e-12);
  // ½√(1 − t^8) <= ε  ⇔  t >= (1 − 4ε²)^{1/8}
  EXPECT_NEAR(rows.at("hellinger").t_before->value, std::pow(1 - 4 * 0.01, 0.125), 1e-12);
  EXPECT_EQ(rows.count("kl-pinsker"), 0u);
  EXPECT_NEAR(rows.at("boe").t_after->value, std::pow(0.01, 0.25), 1e-12);  // E3 printed (ε²)^{1/d_H}
}

}  // namespace
}  // namespace critwin
