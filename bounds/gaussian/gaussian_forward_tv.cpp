#include "bounds/gaussian/gaussian_forward_tv.hpp"

#include <algorithm>
#include <numeric>

namespace critwin::gauss {

template <class Real>
Value<Real> line_tv(const std::vector<Real>& g_in, const std::vector<Real>& b_in) {
  using std::abs;
  using std::exp;
  const std::size_t n = g_in.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto i, auto j) { return b_in[i] < b_in[j]; });
  std::vector<Real> g, b, A;
  for (auto i : order) {
    g.push_back(g_in[i]);
    b.push_back(b_in[i]);
    A.push_back(g_in[i] * exp(-b_in[i] * b_in[i] / 2));  // φ(x − b) = φ(x) e^{bx − b²/2}
  }
  const Real cut = tail_cut<Real>();
  const Real lo = b.front() - cut, hi = b.back() + cut;
  Real width = 0;
  std::vector<Real> roots = exp_sum_roots(A, b, lo, hi, width);
  auto f = [&](const Real& x) {
    Real s = 0;
    for (std::size_t j = 0; j < n; ++j) s += g[j] * normal_pdf(Real(x - b[j]));
    return s;
  };
  std::vector<Real> edges{-std::numeric_limits<Real>::infinity()};
  edges.insert(edges.end(), roots.begin(), roots.end());
  edges.push_back(std::numeric_limits<Real>::infinity());
  Value<Real> out;
  Real gsum = 0;
  for (auto& x : g) gsum += abs(x);
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    Real s = 0;
    for (std::size_t j = 0; j < n; ++j) s += g[j] * normal_mass(Real(edges[i] - b[j]), Real(edges[i + 1] - b[j]));
    out.value += abs(s);
  }
  out.value /= 2;
  // A root known to within `width` misplaces at most width·|f| near it; sign changes beyond the search
  // range carry less than the normal tail mass there; plus rounding in the erf sums.
  for (auto& r : roots) out.error += width * (abs(f(Real(r - width))) + abs(f(Real(r + width))));
  out.error += gsum * normal_sf(cut) + gsum * epsilon<Real>() * 64;
  return out;
}

template <class Real>
Value<Real> plane_tv(const std::array<Real, 3>& g, const std::array<Real, 3>& b, const Real& c2) {
  using std::abs;
  using std::exp;
  using std::log;
  // At fixed x the y-integrand is g01(x) φ(y) + g2(x) φ(y − c2): one sign change at most, in closed form.
  auto inner = [&](const Real& x) -> Real {
    const Real g01 = g[0] * normal_pdf(Real(x - b[0])) + g[1] * normal_pdf(Real(x - b[1]));
    const Real g2 = g[2] * normal_pdf(Real(x - b[2]));
    if ((g01 >= 0) == (g2 >= 0) || g01 == 0 || g2 == 0) return abs(g01 + g2);
    const Real r = (log(Real(-g01 / g2)) + c2 * c2 / 2) / c2;
    return abs(g01 * normal_cdf(r) + g2 * normal_cdf(Real(r - c2))) +
           abs(g01 * normal_sf(r) + g2 * normal_sf(Real(r - c2)));
  };
  const Real cut = tail_cut<Real>();
  const Real lo = std::min({b[0], b[1], b[2]}) - cut, hi = std::max({b[0], b[1], b[2]}) + cut;
  std::vector<Real> edges{lo};
  // g01 changes sign once when g0 g1 < 0; there the number of y-roots changes and `inner` is not smooth.
  if ((g[0] < 0) != (g[1] < 0) && b[0] != b[1]) {
    const Real d = b[1] - b[0];
    // g0 φ(x − b0) + g1 φ(x − b1) = 0  ⇔  e^{d (x − b0) − d²/2} = −g0/g1
    const Real xs = b[0] + (log(Real(-g[0] / g[1])) + d * d / 2) / d;
    if (xs > lo && xs < hi) edges.push_back(xs);
  }
  // Where the x-marginal g01 + g2 changes sign the y-root r(x) = (ln(−g01/g2) + c2²/2)/c2 sweeps from −∞ to
  // +∞ over an x-range of width ~c2: for nearly collinear means (c2 = 1e-12) a kink the rule did not see,
  // and whose error it under-estimated 17×. Those x are edges too (roots of a 3-term exponential sum in x
  // after φ(x − b) = φ(x − b₀) e^{(b − b₀)(x − b₀) − (b − b₀)²/2}; equal b merged).
  {
    std::vector<std::pair<Real, Real>> terms;  // (b − b_min, g)
    const Real b0 = std::min({b[0], b[1], b[2]});
    for (int j = 0; j < 3; ++j) {
      const Real db = b[j] - b0;
      auto it = std::find_if(terms.begin(), terms.end(), [&](const auto& p) { return p.first == db; });
      if (it != terms.end()) it->second += g[j];
      else terms.emplace_back(db, g[j]);
    }
    std::sort(terms.begin(), terms.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<Real> A, beta;
    for (const auto& [db, gj] : terms) {
      if (gj == 0) continue;
      A.push_back(gj * exp(-db * db / 2));
      beta.push_back(db);
    }
    Real width = 0;
    for (const Real& u : exp_sum_roots(A, beta, Real(lo - b0), Real(hi - b0), width)) {
      const Real x = u + b0;
      if (x > lo && x < hi) edges.push_back(x);
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  }
  edges.push_back(hi);
  const Real tol = sqrt(epsilon<Real>());
  Value<Real> out;
  Real gsum = abs(g[0]) + abs(g[1]) + abs(g[2]);
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    auto v = integrate<Real>(inner, edges[i], edges[i + 1], tol);
    out.value += v.value;
    out.error += v.error;
  }
  out.value /= 2;
  out.error = out.error / 2 + gsum * normal_sf(cut);
  return out;
}

template Value<double> line_tv(const std::vector<double>&, const std::vector<double>&);
template Value<Mp40> line_tv(const std::vector<Mp40>&, const std::vector<Mp40>&);
template Value<Mp80> line_tv(const std::vector<Mp80>&, const std::vector<Mp80>&);
template Value<double> plane_tv(const std::array<double, 3>&, const std::array<double, 3>&, const double&);
template Value<Mp40> plane_tv(const std::array<Mp40, 3>&, const std::array<Mp40, 3>&, const Mp40&);
template Value<Mp80> plane_tv(const std::array<Mp80, 3>&, const std::array<Mp80, 3>&, const Mp80&);

}  // namespace critwin::gauss
