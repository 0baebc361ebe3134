#include "bounds/gaussian_fr_tv.hpp"

#include <algorithm>

namespace critwin::gauss {

namespace {

// P(θ ∈ S | y) for Y ~ Σ_j w_j N(scale · c_j, var): fractions frac_j = s_j / w_j weighted by the
// posterior over atoms, computed with the largest log-weight factored out.
template <class Real>
Real posterior(const LineMixture<Real>& m, const std::vector<Real>& frac, const std::vector<Real>& logw,
               const Real& y, const Real& scale, const Real& var) {
  using std::exp;
  const std::size_t n = m.c.size();
  std::vector<Real> l(n);
  Real top = -std::numeric_limits<Real>::infinity();
  for (std::size_t j = 0; j < n; ++j) {
    const Real d = y - scale * m.c[j];
    l[j] = logw[j] - d * d / (2 * var);
    top = std::max(top, l[j]);
  }
  Real num = 0, den = 0;
  for (std::size_t j = 0; j < n; ++j) {
    const Real e = exp(Real(l[j] - top));
    num += frac[j] * e;
    den += e;
  }
  return num / den;
}

}  // namespace

template <class Real>
Value<Real> line_fr_tv(const LineMixture<Real>& m, const std::vector<Real>& s_init, const std::vector<Real>& s_target,
                       const Real& et) {
  using std::abs;
  using std::log;
  using std::sqrt;
  const std::size_t n = m.c.size();
  Real w_init = 0, w_target = 0;
  std::vector<Real> f_init(n), f_target(n), logw(n);
  for (std::size_t j = 0; j < n; ++j) {
    w_init += s_init[j];
    w_target += s_target[j];
    f_init[j] = s_init[j] / m.w[j];
    f_target[j] = s_target[j] / m.w[j];
    logw[j] = log(m.w[j]);
  }
  const Real sigma = sqrt(m.variance);
  const Real var_t = et * et * m.variance + 1 - et * et;  // σ_T²
  const Real s = sqrt(Real(1 - et * et));                  // noise added by the forward process
  const Real cut = tail_cut<Real>();
  const Real tol = sqrt(epsilon<Real>());
  Real inner_error = 0;

  // Where adjacent atoms' posterior weights cross at time T: the steep parts of P(S | y).
  std::vector<Real> y_switch;
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t k = j + 1; k < n; ++k)
      if (m.c[j] != m.c[k])
        y_switch.push_back((2 * var_t * (logw[k] - logw[j]) + et * et * (m.c[j] * m.c[j] - m.c[k] * m.c[k])) /
                           (2 * et * (m.c[j] - m.c[k])));

  auto h = [&](const Real& x) -> Real {  // E[P(S_init | Y_T) | X = x]
    std::vector<Real> edges{-cut};
    for (auto& y : y_switch) {
      Real z = (y - et * x) / s;
      if (z > -cut && z < cut) edges.push_back(z);
    }
    edges.push_back(cut);
    std::sort(edges.begin(), edges.end());
    auto f = [&](const Real& z) { return normal_pdf(z) * posterior(m, f_init, logw, Real(et * x + s * z), et, var_t); };
    Real total = 0, err = 0;
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
      auto v = integrate<Real>(f, edges[i], edges[i + 1], tol);
      total += v.value;
      err += v.error;
    }
    inner_error = std::max(inner_error, err);
    return total;
  };
  auto D = [&](const Real& x) {
    return h(x) / w_init - posterior(m, f_target, logw, x, Real(1), m.variance) / w_target;
  };
  auto density = [&](const Real& x) {
    Real p = 0;
    for (std::size_t j = 0; j < n; ++j) p += m.w[j] * normal_pdf(Real((x - m.c[j]) / sigma));
    return p / sigma;
  };

  const Real lo = *std::min_element(m.c.begin(), m.c.end()) - cut * sigma;
  const Real hi = *std::max_element(m.c.begin(), m.c.end()) + cut * sigma;
  // Sign changes of D: scan a grid (plus the atoms), refine each bracket. A missed pair of close roots
  // only costs accuracy of the outer rule, and that shows up in its error estimate.
  std::vector<Real> grid;
  const int steps = 160;
  for (int i = 0; i <= steps; ++i) grid.push_back(lo + (hi - lo) * i / steps);
  for (auto& c : m.c) grid.push_back(c);
  std::sort(grid.begin(), grid.end());
  std::vector<Real> dv;
  for (auto& x : grid) dv.push_back(D(x));
  std::vector<Real> edges{lo};
  for (std::size_t i = 0; i + 1 < grid.size(); ++i) {
    if (dv[i] == 0 && i > 0) edges.push_back(grid[i]);  // a root on the grid (symmetric models)
    if (dv[i] == 0 || dv[i + 1] == 0 || (dv[i] < 0) == (dv[i + 1] < 0)) continue;
    std::uintmax_t iters = 100;
    auto br = boost::math::tools::toms748_solve(D, grid[i], grid[i + 1], dv[i], dv[i + 1],
                                                boost::math::tools::eps_tolerance<Real>(std::numeric_limits<Real>::digits / 2),
                                                iters);
    edges.push_back((br.first + br.second) / 2);
  }
  edges.push_back(hi);
  Value<Real> out;
  auto integrand = [&](const Real& x) { return density(x) * abs(D(x)); };
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    auto v = integrate<Real>(integrand, edges[i], edges[i + 1], tol);
    out.value += v.value;
    out.error += v.error;
  }
  out.value /= 2;
  // Outer rule error, inner errors carried through |D| (weight 1/w_init against a probability density),
  // and the truncated tails (|D| <= 1/w_init + 1/w_target).
  out.error = out.error / 2 + inner_error / w_init / 2 + (1 / w_init + 1 / w_target) * normal_sf(cut);
  return out;
}

template Value<Mp40> line_fr_tv(const LineMixture<Mp40>&, const std::vector<Mp40>&, const std::vector<Mp40>&, const Mp40&);
template Value<Mp80> line_fr_tv(const LineMixture<Mp80>&, const std::vector<Mp80>&, const std::vector<Mp80>&, const Mp80&);

}  // namespace critwin::gauss
