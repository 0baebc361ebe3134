// Laplace inversion for E[(1 − L)_+], L an average of M i.i.d. lognormals (see the header for the method).
#include "bounds/planted_spike/planted_spike_tv.hpp"

#include <algorithm>
#include <cmath>
#include <complex>

#include <tbb/parallel_for.h>

#include "bounds/planted_spike/planted_spike_bounds.hpp"

namespace critwin {

namespace {

using cplx = std::complex<double>;

constexpr double kPi = 3.14159265358979323846;
constexpr double kC = 14;  // abscissa of the Bromwich line
constexpr double kT = 2;   // aliasing period: outer step h = 2π/T = π, aliasing ~ e^{−cT} = e^{−28}
constexpr int kEulerTerms = 24;   // m of the Euler transform
constexpr long kEulerStride = 16; // the Euler value is compared between starting points n and n − 16
constexpr double kTailTol = 1e-12;
constexpr double kInnerDigits = 50;  // inner trapezoid: discretisation error ~ e^{−50} relative
constexpr double kEps = 2.3e-16;
constexpr double kMomentSwitch = 1e-10;  // answer by the moment bound once its gap ε is this small

// [1 − ε, 1] with the midpoint as value; the lower end stays below 1 when 1 − ε rounds to 1 (TV < 1 for
// every finite μ).
Estimate moment_interval(double eps) {
  const double lo = std::max(0.0, std::min(1 - eps, std::nextafter(1.0, 0.0)));
  return Estimate{lo + (1 - lo) / 2, lo, 1.0, Guarantee::estimated, false, 53};
}

// Plain complex product: std::complex's operator* calls __muldc3 (inf/NaN recovery) unless -ffast-math, and
// no operand here can be inf or NaN.
inline cplx mul(cplx a, cplx b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}

// log(1 + q) accurate for small |q| (std::log(1 + q) loses the low digits of q).
cplx log1p_c(cplx q) {
  const double re = q.real(), im = q.imag();
  return {0.5 * std::log1p(2 * re + re * re + im * im), std::atan2(im, 1 + re)};
}

// e^{−x} − 1 + x by its Taylor series for |x| < 1/4 (the direct form cancels there).
cplx h_series(cplx x) {
  cplx term = mul(x, x) / 2.0, sum = term;
  for (int k = 3; k <= 16; ++k) {
    term = mul(term, -x / static_cast<double>(k));
    sum += term;
  }
  return sum;
}

// Per-μ tables: nodes v_j, X_j = e^{μ v_j − μ²/2}, expm1 of the same exponent, φ(v_j).
struct InnerGrid {
  double mu = 0;
  double a = 0;
  int count = 0;
  double hv = 0;
  std::vector<double> x, xm1, phi;
};

// Grid for a strip half-width d (the integrand's analyticity strip); step 2πd/digits.
InnerGrid make_grid(double mu, double d) {
  InnerGrid g;
  g.mu = mu;
  g.a = -10.5;
  // Mass of φ·|h(zY)| lies in [−10, 2μ+10] (h ~ x²/2 peaks at 2μ, ~x at μ). The exponent μv − μ²/2 is kept
  // <= 700 (no overflow); beyond, |z| X > 1e300 (|z| >= c/M > 1e-18), so h ~ zY and φ|h| ~ |z| e^{−(v−μ)²/2},
  // negligible there for the μ <= 18.5 that reach the quadrature.
  const double b = std::min(2 * mu + 10.5, (700 + mu * mu / 2) / mu);
  g.hv = 2 * kPi * d / kInnerDigits;
  g.count = static_cast<int>(std::ceil((b - g.a) / g.hv)) + 1;
  g.x.resize(g.count);
  g.xm1.resize(g.count);
  g.phi.resize(g.count);
  for (int j = 0; j < g.count; ++j) {
    const double v = g.a + j * g.hv, e = mu * v - mu * mu / 2;
    g.x[j] = std::exp(e);
    g.xm1[j] = std::expm1(e);
    g.phi[j] = std::exp(-v * v / 2) / std::sqrt(2 * kPi);
  }
  return g;
}

struct InnerValue {
  cplx q;
  double abs_sum;  // Σ |w h| (|Re| + |Im|), the scale of the rounding and discretisation errors
};

// q(z) = E[e^{−zY} − 1 + zY] on the shifted contour u = v − iβ. With the full shift (β = arg z/μ),
// zX = |z| X_j is real, so e^{−zY} = e^{z} e^{−|z| X_j} costs one real exponential per node.
InnerValue inner_q(const InnerGrid& g, cplx z, double beta, bool full_shift) {
  const double mu = g.mu, theta = mu * beta;
  const double sh = std::sin(theta / 2), two_sin2 = 2 * sh * sh, sin_t = std::sin(theta);
  const double lead = g.hv * std::exp(beta * beta / 2);
  const cplx step = std::polar(1.0, g.hv * beta);
  const cplx ez = std::exp(z);
  const double az = std::abs(z);
  cplx rot;  // e^{i v_j β}, by recurrence, re-seeded every 128 nodes to bound the drift
  cplx sum = 0;
  double abs_sum = 0;
  for (int j = 0; j < g.count; ++j) {
    if ((j & 127) == 0) rot = std::polar(1.0, (g.a + j * g.hv) * beta);
    const cplx y(g.xm1[j] - g.x[j] * two_sin2, -g.x[j] * sin_t);
    const cplx x = mul(z, y);
    cplx hx;
    if (std::abs(x.real()) + std::abs(x.imag()) < 0.25) {
      hx = h_series(x);
    } else if (full_shift) {
      hx = ez * std::exp(-az * g.x[j]) - 1.0 + x;
    } else {
      hx = x.real() > 745 ? x - 1.0 : std::exp(-x) - 1.0 + x;
    }
    const cplx t = (lead * g.phi[j]) * mul(rot, hx);
    sum += t;
    abs_sum += std::abs(t.real()) + std::abs(t.imag());
    rot = mul(rot, step);
  }
  return {sum, abs_sum};
}

}  // namespace

PlantedSpikeTv planted_spike_tv(long dim, double mu, long max_nodes) {
  PlantedSpikeTv r;
  if (!(mu > 0)) {
    r.tv = Estimate::exact_value(0);
    return r;
  }
  const double gap = planted_spike_moment_gap(dim, mu);
  if (gap <= kMomentSwitch) {
    r.by_moment_bound = true;
    r.tv = moment_interval(gap);
    return r;
  }
  const double M = static_cast<double>(dim);
  const double h = 2 * kPi / kT;
  // Two inner grids: the full shift makes the strip π/(2μ) wide (narrow for large μ); a capped shift
  // (|arg z| > 2μ, only when μ < π/4) leaves a residual phase ρ and a strip (π/2 − |ρ|)/μ >= 2.
  const double d_full = std::min(3.0, 0.9 * (kPi / 2) / mu);
  const InnerGrid full = make_grid(mu, d_full);
  const InnerGrid capped = mu < kPi / 4 ? make_grid(mu, std::min(3.0, 0.9 * 2.0)) : InnerGrid{};

  // Terms a_j = weight · Re F(c + ijh); with T = 2 the factor e^{s} alternates in sign from node to node,
  // so once the terms are dominated by that alternation (slow decay: fine structure of L's law near 0) the
  // tail is summed by Euler's transform of the partial sums (binomial averages of S_n … S_{n+m}), as in
  // Abate & Whitt's EULER algorithm; its error is estimated by comparing two starting points n.
  std::vector<double> partial;  // S_j
  partial.reserve(1024);
  double round_err = 0, tail = 0, euler_value = 0, euler_err = 0;
  bool by_euler = false;
  int small_run = 0;
  std::vector<double> binom(kEulerTerms + 1);
  for (int k = 0; k <= kEulerTerms; ++k)
    binom[k] = std::exp(std::lgamma(kEulerTerms + 1.0) - std::lgamma(k + 1.0) - std::lgamma(kEulerTerms - k + 1.0) -
                        kEulerTerms * std::log(2.0));
  auto euler = [&](long n) {
    double e = 0;
    for (int k = 0; k <= kEulerTerms; ++k) e += binom[k] * partial[n + k];
    return e;
  };
  long j = 0;
  for (;; ++j) {
    const cplx s(kC, j * h);
    const cplx z = s / M;
    const double alpha = std::arg(z);
    const double beta = std::clamp(alpha / mu, -2.0, 2.0);
    const bool use_full = std::abs(alpha / mu) <= 2.0;
    const InnerValue iv = inner_q(use_full ? full : capped, z, beta, use_full);
    const cplx lq = log1p_c(iv.q);
    const cplx f = std::exp(M * lq) / mul(s, s);
    const double weight = j == 0 ? 0.5 : 1.0;
    partial.push_back((j == 0 ? 0.0 : partial.back()) + weight * f.real());
    const double af = std::abs(f);
    // Relative error of (1+q)^M is about M |δq| / |1 + q|, δq from rounding and the inner rule.
    const double dq = (kEps * 16 + std::exp(-kInnerDigits)) * iv.abs_sum + kEps * std::abs(iv.q);
    round_err += weight * af * (M * dq / std::abs(1.0 + iv.q) + 4 * kEps);
    // Tail beyond y_j, assuming no faster than 1/y² decay: ∫_{y}^{∞} |F| dy ≈ |F(y)| y.
    tail = af * (j * h);
    if (j > 4 && tail / kPi < kTailTol) {
      if (++small_run >= 3) break;
    } else {
      small_run = 0;
    }
    const long n = j - kEulerTerms;
    if (n >= 2 * kEulerStride && n % kEulerStride == 0) {
      const double e1 = euler(n), e0 = euler(n - kEulerStride);
      if (std::abs(e1 - e0) * h / kPi < kTailTol) {
        by_euler = true;
        euler_value = e1;
        euler_err = std::abs(e1 - e0);
        break;
      }
    }
    if (j + 1 >= max_nodes) {
      r.capped = true;
      break;
    }
  }
  const double sum = by_euler ? euler_value : partial.back();
  if (by_euler) tail = euler_err * kPi;  // reported as truncation below (× h/π like the sum)
  double value = h / kPi * sum;
  // Aliasing: the trapezoid equals Σ_k e^{−ckT} g(1 + kT), g(t) = E(t − L)_+ = t − 1 + E(L − t)_+.
  double main_alias = 0;
  for (int k = 1; k <= 4; ++k) main_alias += std::exp(-kC * k * kT) * k * kT;
  value -= main_alias;
  r.aliasing = 1 / std::expm1(kC * kT);
  r.truncation = by_euler ? euler_err * h / kPi : tail / kPi;
  r.rounding = h / kPi * round_err;
  r.outer_nodes = j + 1;
  const double err = r.aliasing + r.truncation + r.rounding;
  if (!std::isfinite(value) || !std::isfinite(err)) {
    r.tv = moment_interval(gap);
    return r;
  }
  const double lo = std::max({0.0, value - err, 1 - gap});
  const double hi = std::min(1.0, value + err);
  r.tv = Estimate{std::clamp(value, lo, hi), lo, std::max(lo, hi), Guarantee::estimated, false, 53};  // double path
  return r;
}

std::vector<PlantedSpikeTv> planted_spike_tv_curve(long dim, const std::vector<double>& mus, long max_nodes) {
  std::vector<PlantedSpikeTv> out(mus.size());
  tbb::parallel_for(std::size_t{0}, mus.size(), [&](std::size_t i) { out[i] = planted_spike_tv(dim, mus[i], max_nodes); });
  return out;
}

}  // namespace critwin
