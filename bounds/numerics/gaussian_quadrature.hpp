// High-precision numerics for the Gaussian engine: the floating types, tanh-sinh quadrature with an error
// estimate, normal CDF pieces, and roots of exponential sums (the sign changes of a signed sum of
// equal-variance Gaussian densities). Values here are estimates, never certified.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/multiprecision/mpfr.hpp>

#include "model/interrupt.hpp"
#include "model/mpfr_bridge.hpp"

namespace critwin::gauss {

// Fixed-precision MPFR numbers: a per-type precision avoids Boost's one global default precision.
// Expression templates off, so `auto x = a * b` is a value.
using Mp40 = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<40, boost::multiprecision::allocate_stack>, boost::multiprecision::et_off>;
using Mp80 = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<80, boost::multiprecision::allocate_stack>, boost::multiprecision::et_off>;

template <class Real>
struct Value {
  Real value{0};
  Real error{0};  // an estimate of |computed − true|
};

template <class Real>
Real epsilon() { return std::numeric_limits<Real>::epsilon(); }

template <class Real>
int digits10() { return std::numeric_limits<Real>::digits10; }

// Half-width (in standard deviations) beyond which the normal tail is below the working precision.
template <class Real>
Real tail_cut() {
  using std::sqrt;
  return sqrt(Real(2) * Real(digits10<Real>() + 3) * log(Real(10))) + Real(1);
}

template <class Real>
boost::math::quadrature::tanh_sinh<Real>& tanh_sinh_rule() {
  // tanh_sinh<mpfr> throws with its default min_complement; 2^-4096 is far below any value we integrate.
  static thread_local boost::math::quadrature::tanh_sinh<Real> rule(
      11, std::is_same_v<Real, double> ? Real(std::numeric_limits<double>::min() * 4) : Real(ldexp(Real(1), -4096)));
  return rule;
}

// ∫_a^b f with tanh-sinh; the error estimate is Boost's (difference of the last two levels) plus
// rounding in the sum.
template <class Real, class F>
Value<Real> integrate(F f, const Real& a, const Real& b, const Real& tol) {
  using std::abs;
  Value<Real> out;
  if (!(a < b)) return out;
  Real err = 0, l1 = 0;
  std::size_t levels = 0;
  // Every integrand evaluation is an interruption point (Ctrl-C from Python; model/interrupt.hpp): an exact
  // fr-tv or retention can spend seconds in here. The rule's tables are complete before f is called.
  auto checked = [&](const auto&... x) -> decltype(f(x...)) {
    interruption_point();
    return f(x...);
  };
  out.value = tanh_sinh_rule<Real>().integrate(checked, a, b, tol, &err, &l1, &levels);
  out.error = err + l1 * epsilon<Real>() * 64;
  return out;
}

// Φ(x) = erfc(−x/√2)/2, accurate in both tails. MPFR's erfc costs up to 180 µs at 133 bits for arguments
// of 3–7 (measured here), exactly where the Gaussian engines spend their time; Arb's costs 8–20 µs, so the
// MPFR types go through Arb (midpoint of an enclosure computed with 16 guard bits).
template <class Real>
Real normal_cdf(const Real& x) {
  using std::erfc;
  using std::sqrt;
  if constexpr (std::is_same_v<Real, double>) {
    return erfc(-x / sqrt(2.0)) / 2;
  } else {
    using std::isinf;
    if (isinf(x)) return x > 0 ? Real(1) : Real(0);  // Arb's erfc(±∞) is not finite
    Real z = -x / sqrt(Real(2));
    return erfc_by_arb(z, std::numeric_limits<Real>::digits + 16) / 2;
  }
}

template <class Real>
Real normal_sf(const Real& x) { return normal_cdf(Real(-x)); }  // 1 − Φ(x)

template <class Real>
Real normal_pdf(const Real& x) {
  using std::exp;
  using std::sqrt;
  static const Real c = 1 / sqrt(2 * boost::math::constants::pi<Real>());
  return c * exp(-x * x / 2);
}

// P(l <= Z <= h) for a standard normal Z, l <= h (±inf allowed), without cancellation in the tails.
template <class Real>
Real normal_mass(const Real& l, const Real& h) {
  if (l >= 0) return normal_sf(l) - normal_sf(h);
  return normal_cdf(h) - normal_cdf(l);
}

// Roots in (lo, hi) of E(x) = Σ_j A_j e^{β_j x} with strictly increasing β. e^{-β_0 x}E has the same
// roots and a derivative with one term fewer, so by Rolle its critical points (found recursively)
// split (lo, hi) into pieces on which it is monotone: at most one root each, bracketed and refined.
// `bracket_width` receives the largest final bracket.
template <class Real>
std::vector<Real> exp_sum_roots(const std::vector<Real>& A, const std::vector<Real>& beta, const Real& lo,
                                const Real& hi, Real& bracket_width) {
  using std::exp;
  std::vector<Real> roots;
  const std::size_t n = A.size();
  if (n <= 1) return roots;
  std::vector<Real> dA, dbeta;
  for (std::size_t j = 1; j < n; ++j) {
    dA.push_back(A[j] * (beta[j] - beta[0]));
    dbeta.push_back(beta[j] - beta[0]);
  }
  std::vector<Real> pts{lo};
  for (auto& c : exp_sum_roots(dA, dbeta, lo, hi, bracket_width)) pts.push_back(c);
  pts.push_back(hi);
  auto e0 = [&](const Real& x) {
    Real s = A[0];
    for (std::size_t j = 1; j < n; ++j) s += A[j] * exp((beta[j] - beta[0]) * x);
    return s;
  };
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    Real fa = e0(pts[i]), fb = e0(pts[i + 1]);
    if (fa == 0) { if (i == 0 || roots.empty() || roots.back() != pts[i]) roots.push_back(pts[i]); continue; }
    if (fb == 0 || (fa < 0) == (fb < 0)) continue;
    std::uintmax_t iters = 400;
    auto br = boost::math::tools::toms748_solve(e0, pts[i], pts[i + 1], fa, fb,
                                                boost::math::tools::eps_tolerance<Real>(std::numeric_limits<Real>::digits - 3),
                                                iters);
    roots.push_back((br.first + br.second) / 2);
    bracket_width = std::max(bracket_width, Real(br.second - br.first));
  }
  // A zero of E exactly at a critical point hi end is caught on the next piece's left end.
  return roots;
}

}  // namespace critwin::gauss
