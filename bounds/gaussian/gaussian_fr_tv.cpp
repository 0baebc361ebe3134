#include "bounds/gaussian/gaussian_fr_tv.hpp"

#include "bounds/gaussian/line_posterior.hpp"
#include "bounds/numerics/window_quadrature.hpp"

#include <algorithm>

namespace critwin::gauss {

namespace {

// The forward–reverse experiment on a line at one precision.
template <class Real>
class LineExperiment {
 public:
  LineExperiment(const LineMixture<Real>& m, const std::vector<Real>& s_init, const std::vector<Real>& s_target,
                 const Real& et)
      : m_(m), n_(m.c.size()), et_(et) {
    using std::log;
    using std::sqrt;
    for (std::size_t j = 0; j < n_; ++j) {
      w_init_ += s_init[j];
      w_target_ += s_target[j];
      f_init_.push_back(s_init[j] / m.w[j]);
      f_target_.push_back(s_target[j] / m.w[j]);
      logw_.push_back(log(m.w[j]));
    }
    sigma_ = sqrt(m.variance);
    var_t_ = et * et * m.variance + 1 - et * et;
    s_ = sqrt(Real(1 - et * et));
    // X | Y_T = y, atom k  ~  N(c_k + gain (y − et c_k), post_var)
    gain_ = m.variance * et / var_t_;
    post_sd_ = sqrt(Real(m.variance * (1 - et * et) / var_t_));
    cut_ = tail_cut<Real>();
    inner_tol_ = pow(epsilon<Real>(), Real(2) / 3);
    // Where adjacent atoms' posterior weights cross at time T: the steep parts of P(S | y).
    for (std::size_t j = 0; j < n_; ++j)
      for (std::size_t k = j + 1; k < n_; ++k)
        y_switch_.push_back((2 * var_t_ * (logw_[k] - logw_[j]) + et * et * (m.c[j] * m.c[j] - m.c[k] * m.c[k])) /
                            (2 * et * (m.c[j] - m.c[k])));
    std::sort(y_switch_.begin(), y_switch_.end());
  }

  Real x_lo() const { return *std::min_element(m_.c.begin(), m_.c.end()) - cut_ * sigma_; }
  Real x_hi() const { return *std::max_element(m_.c.begin(), m_.c.end()) + cut_ * sigma_; }

  // D(x) = E[P(S_init | Y_T) | X = x]/w_init − P(S_target | x)/w_target.
  Real D(const Real& x) {
    return retained(x).value / w_init_ - posterior(f_target_, x, Real(1), m_.variance) / w_target_;
  }

  // Point masses (variance 0): p^{S_init,T} and p^{S_target} live on the atoms, so the TV is the finite sum
  // ½ Σ_j w_j |E[P(S_init | Y_T) | X = c_j]/w_init − P(S_target | c_j)/w_target|, P(S_target | c_j) the
  // fraction of atom j's weight in S_target.
  Value<Real> atoms_tv() {
    using std::abs;
    Value<Real> out;
    for (std::size_t j = 0; j < n_; ++j) {
      const auto h = retained(m_.c[j]);
      out.value += m_.w[j] * abs(h.value / w_init_ - f_target_[j] / w_target_);
      out.error += m_.w[j] * h.error / w_init_;
    }
    out.value /= 2;
    out.error = out.error / 2 + epsilon<Real>() * 64;
    return out;
  }

  // E[P(S_init | Y_T) | X = x] over Y_T = et·x + s·Z, the inner integral split where the posterior switches.
  Value<Real> retained(const Real& x) const {
    std::vector<Real> edges{-cut_};
    for (auto& y : y_switch_) {
      Real z = (y - et_ * x) / s_;
      if (z > -cut_ && z < cut_) edges.push_back(z);
    }
    edges.push_back(cut_);
    auto f = [&](const Real& z) { return normal_pdf(z) * posterior(f_init_, Real(et_ * x + s_ * z), et_, var_t_); };
    Value<Real> h;
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
      const auto v = integrate<Real>(f, edges[i], edges[i + 1], inner_tol_);
      h.value += v.value;
      h.error += v.error;
    }
    h.error += 2 * normal_sf(cut_);
    return h;
  }

  // P(X' <= r) for the forward–reverse output X' of p^{S_init,T}: Y ~ p_T^{S_init}, then X' | Y under p.
  Value<Real> reverse_cdf(const Real& r) const {
    const Real sd_t = sqrt(var_t_);
    auto f = [&](const Real& y) {
      Real dens = 0;  // p_T^{S_init}(y) · w_init, up to the common factor normal_pdf scale
      for (std::size_t j = 0; j < n_; ++j)
        if (f_init_[j] != 0) dens += f_init_[j] * m_.w[j] * normal_pdf(Real((y - et_ * m_.c[j]) / sd_t));
      if (dens == 0) return Real(0);
      Real e[16];
      const Real den = atom_weights(y, et_, var_t_, e);
      Real num = 0;
      for (std::size_t k = 0; k < n_; ++k) {
        const Real mean = m_.c[k] + gain_ * (y - et_ * m_.c[k]);
        num += e[k] * normal_cdf(Real((r - mean) / post_sd_));
      }
      return dens / sd_t / w_init_ * num / den;
    };
    // p_T^{S_init} lives within cut·sd_t of the S_init atoms' centres et·c_j: only those windows are integrated
    // (window_quadrature.hpp), split where the posterior switches. The mass left outside is at most 2·Φ(−cut).
    std::vector<Real> centres;
    for (std::size_t j = 0; j < n_; ++j)
      if (f_init_[j] != 0) centres.push_back(et_ * m_.c[j]);
    // Also split where atom k's posterior mean crosses r: Φ((r − mean_k(y))/post_sd) steps there over a width
    // post_sd/gain, which at small T̂ is far below the window's; at an edge tanh-sinh resolves it, inside it may not.
    std::vector<Real> splits = y_switch_;
    for (std::size_t k = 0; k < n_; ++k) splits.push_back(et_ * m_.c[k] + (r - m_.c[k]) / gain_);
    Value<Real> out = integrate_windows<Real>(f, centres, Real(cut_ * sd_t), splits, sqrt(epsilon<Real>()));
    out.error += 2 * normal_sf(cut_);
    return out;
  }

  // P(X <= r) for X ~ p^{S_target}.
  Real target_cdf(const Real& r) const {
    Real out = 0;
    for (std::size_t j = 0; j < n_; ++j) out += f_target_[j] * m_.w[j] * normal_cdf(Real((r - m_.c[j]) / sigma_));
    return out / w_target_;
  }

 private:
  // P(θ ∈ S | y) for Y ~ Σ_j w_j N(scale · c_j, var): membership fractions weighted by the posterior over
  // atoms, with the largest log-weight factored out.
  Real posterior(const std::vector<Real>& frac, const Real& y, const Real& scale, const Real& var) const {
    Real e[16];
    const Real den = atom_weights(y, scale, var, e);
    Real num = 0;
    for (std::size_t j = 0; j < n_; ++j) num += frac[j] * e[j];
    return num / den;
  }

  // Posterior weights of the atoms at y, up to a common factor (the largest log-weight is factored out so
  // nothing overflows or underflows); returns their sum. `e` holds n_ <= 16 entries (checked in line_fr_tv).
  Real atom_weights(const Real& y, const Real& scale, const Real& var, Real* e) const {
    return line_atom_weights(m_.c, logw_, y, scale, var, e);
  }

  const LineMixture<Real>& m_;
  std::size_t n_;
  Real et_, w_init_{0}, w_target_{0}, sigma_, var_t_, s_, gain_, post_sd_, cut_, inner_tol_;
  std::vector<Real> f_init_, f_target_, logw_, y_switch_;
};

template <class Real>
LineMixture<double> to_double(const LineMixture<Real>& m) {
  LineMixture<double> d;
  for (auto& x : m.c) d.c.push_back(x.template convert_to<double>());
  for (auto& x : m.w) d.w.push_back(x.template convert_to<double>());
  d.variance = m.variance.template convert_to<double>();
  return d;
}

template <class Real>
std::vector<double> to_double(const std::vector<Real>& v) {
  std::vector<double> d;
  for (auto& x : v) d.push_back(x.template convert_to<double>());
  return d;
}

}  // namespace

template <class Real>
Value<Real> line_fr_tv(const LineMixture<Real>& m, const std::vector<Real>& s_init, const std::vector<Real>& s_target,
                       const Real& et) {
  using std::abs;
  if (m.c.size() > 16) throw std::invalid_argument("line_fr_tv: at most 16 distinct means");
  LineExperiment<Real> ex(m, s_init, s_target, et);
  if (m.variance == 0) return ex.atoms_tv();
  const Real sigma = sqrt(m.variance);
  // Sign changes of D: a cheap double-precision scan, then each bracket refined at full precision.
  // Noise-level brackets of the scan (where D ≈ 0 in the tails) fail the full-precision sign test and
  // are dropped; any extra split point would be harmless anyway (it only refines the partition).
  const auto md = to_double(m);
  const auto si = to_double(s_init), st = to_double(s_target);
  LineExperiment<double> scan(md, si, st, et.template convert_to<double>());
  // The scan runs in double unless the model's scales leave the double range (means ±10^400, squares of 10^200):
  // then it runs at the working precision, slower but without infinities.
  const Real reach = std::max<Real>(abs(ex.x_lo()), abs(ex.x_hi()));
  const bool in_double = reach < Real(1e150) && m.variance > Real(1e-150) && m.variance < Real(1e150);
  const Real lo = ex.x_lo(), hi = ex.x_hi();
  const int steps = 400;
  std::vector<Real> grid;
  std::vector<double> dv;
  // The grid is offset by an irrational fraction of a step: symmetric models have their sign change exactly
  // at a midpoint (E1: x = 0), where D is rounding noise whose sign may differ between the two precisions.
  const Real offset = Real(0.3183098861837907);
  grid.push_back(lo);
  for (int i = 0; i < steps; ++i) grid.push_back(lo + (hi - lo) * (i + offset) / steps);
  grid.push_back(hi);
  // Around every atom, where the mass is, a grid on the scale of the atom's own spread: the global grid's step is
  // (hull width)/400, far coarser than σ when the means are far apart.
  const Real cut_sd = hi - *std::max_element(m.c.begin(), m.c.end());
  for (auto& c : m.c) {
    grid.push_back(c);
    for (int i = 0; i < 64; ++i) grid.push_back(c + cut_sd * ((i + offset) / 32 - 1));
  }
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  for (auto& x : grid) dv.push_back(in_double ? scan.D(x.template convert_to<double>()) : ex.D(x).template convert_to<double>());
  std::vector<Real> roots;
  Real width = 0;
  for (std::size_t i = 0; i + 1 < grid.size(); ++i) {
    if ((dv[i] < 0) == (dv[i + 1] < 0) && dv[i] != 0) continue;
    Real a = grid[i], b = grid[i + 1];
    Real fa = ex.D(a), fb = ex.D(b);
    // An endpoint where D is zero to within the inner quadrature's accuracy is a root: dropping the bracket
    // because noise there has the "wrong" sign would lose a sign change and the TV with it.
    const Real noise = 1000 * pow(epsilon<Real>(), Real(2) / 3);
    if (abs(fa) <= noise) { roots.push_back(a); continue; }
    if (abs(fb) <= noise) { roots.push_back(b); continue; }
    if ((fa < 0) == (fb < 0)) continue;
    // Up to 400 steps: a posterior switch far from the atoms is a step of width σ²/(separation) in a bracket of
    // width (hull)/400, which toms748 can only bisect (10^-31 in 10^27 at means ±10^30 takes ~190).
    std::uintmax_t iters = 400;
    auto f = [&](const Real& x) { return ex.D(x); };
    // Converged when the bracket is below σ·2^(−digits/2), or a few ulps of x where that is finer than x can
    // resolve: a relative tolerance left brackets of width |x|·2^(−66) (10^10 at means ±10^30).
    const Real close = std::max<Real>(Real(sigma * ldexp(Real(1), -std::numeric_limits<Real>::digits / 2)),
                           Real(8 * epsilon<Real>() * std::max<Real>(abs(a), abs(b))));
    auto br = boost::math::tools::toms748_solve(
        f, a, b, fa, fb, [&](const Real& l, const Real& h) { return abs(h - l) <= close; }, iters);
    roots.push_back((br.first + br.second) / 2);
    width = std::max(width, Real(br.second - br.first));
  }
  // TV = ½ Σ_I |ΔF(I) − ΔG(I)| over the partition by the roots; with exact roots this is the TV, and a root
  // off by δ changes it only by O(δ²) (the integrand of the difference vanishes there).
  std::vector<Real> F{0}, G{0};
  Value<Real> out;
  for (auto& r : roots) {
    auto v = ex.reverse_cdf(r);
    F.push_back(v.value);
    G.push_back(ex.target_cdf(r));
    out.error += 2 * v.error;
  }
  F.push_back(1);
  G.push_back(1);
  for (std::size_t i = 0; i + 1 < F.size(); ++i) out.value += abs((F[i + 1] - F[i]) - (G[i + 1] - G[i]));
  out.value /= 2;
  // The O(δ²) term: the densities and D' scale like 1/σ, so a root off by δ costs about (δ/σ)² (constant 100).
  out.error = out.error / 2 + (width / sigma) * (width / sigma) * 100 + epsilon<Real>() * 64;
  return out;
}

template Value<Mp40> line_fr_tv(const LineMixture<Mp40>&, const std::vector<Mp40>&, const std::vector<Mp40>&, const Mp40&);
template Value<Mp80> line_fr_tv(const LineMixture<Mp80>&, const std::vector<Mp80>&, const std::vector<Mp80>&, const Mp80&);

}  // namespace critwin::gauss
