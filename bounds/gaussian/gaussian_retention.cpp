#include "bounds/gaussian/gaussian_retention.hpp"

#include "bounds/gaussian/line_posterior.hpp"
#include "bounds/numerics/window_quadrature.hpp"

#include <algorithm>
#include <numeric>

namespace critwin::gauss {

namespace {

template <class Real>
class LineRetentionCalc {
 public:
  explicit LineRetentionCalc(const LineRetentionModel<Real>& m) : m_(m), n_(m.c.size()) {
    using std::log;
    w_s_ = std::accumulate(m.s.begin(), m.s.end(), Real(0));
    for (std::size_t j = 0; j < n_; ++j) logw_.push_back(log(m.w[j]));
    if (m.variance > 0) label_partition();
  }

  LineRetention<Real> at(const Real& et) {
    using std::sqrt;
    LineRetention<Real> out;
    if (et == 0) return at_infinity();
    et_ = et;
    var_t_ = et * et * m_.variance + 1 - et * et;
    sd_t_ = sqrt(var_t_);
    const bool at_zero = et == 1;
    if (at_zero && m_.variance == 0) return atoms_at_zero();
    gain_ = m_.variance * et / var_t_;
    post_sd_ = at_zero ? Real(0) : Real(sqrt(Real(m_.variance * (1 - et * et) / var_t_)));
    const Real cut = tail_cut<Real>();
    const Real lo = et * *std::min_element(m_.c.begin(), m_.c.end()) - cut * sd_t_;
    const Real hi = et * *std::max_element(m_.c.begin(), m_.c.end()) + cut * sd_t_;
    // The densities live within cut·sd_t of the atoms' centres et·c_j: only those windows are integrated
    // (window_quadrature.hpp); the mass outside them is within `tail`. The integrands are steep where adjacent
    // atoms' posteriors cross and, for the label, where the mean of X′ | y, θ′ crosses a label boundary: the
    // quadrature is split there.
    std::vector<Real> centres, splits;
    for (std::size_t j = 0; j < n_; ++j) centres.push_back(et * m_.c[j]);
    for (std::size_t j = 0; j < n_; ++j)
      for (std::size_t k = j + 1; k < n_; ++k)
        splits.push_back((2 * var_t_ * (logw_[k] - logw_[j]) + et * et * (m_.c[j] * m_.c[j] - m_.c[k] * m_.c[k])) /
                         (2 * et * (m_.c[j] - m_.c[k])));
    std::vector<Real> label_splits = splits;
    if (gain_ > 0)
      for (std::size_t k = 0; k < n_; ++k)
        for (const auto& r : bounds_) label_splits.push_back(et * m_.c[k] + (r - m_.c[k]) / gain_);
    const Real half_width = cut * sd_t_;
    const Real tol = pow(epsilon<Real>(), Real(2) / 3);
    const Real tail = 2 * normal_sf(cut);
    out.latent = integrate_windows<Real>([&](const Real& y) { return latent_integrand(y); }, centres, half_width, splits, tol);
    out.cloning = integrate_windows<Real>([&](const Real& y) { return cloning_integrand(y); }, centres, half_width, splits, tol);
    if (at_zero) {
      out.label = label_at_zero();
    } else {
      out.label = integrate_windows<Real>([&](const Real& y) { return label_integrand(y); }, centres, half_width,
                                          label_splits, tol);
      out.label.error += tail;
    }
    // Quadrature nodes near |y| ~ reach sit at positions rounded by ε·reach, which shifts a density of slope up to
    // cut/sd_t per sd_t: a bound on what that costs each integral (each of mass <= 1).
    using std::abs;
    const Real positions = 4 * cut * epsilon<Real>() * std::max<Real>(abs(lo), abs(hi)) / sd_t_;
    out.latent.error += tail + positions;
    out.cloning.error += tail + positions;
    if (!at_zero) out.label.error += positions;
    return out;
  }

 private:
  // The label of x is the heaviest component at the atom maximising log W*_j − (x − c_j)²/(2σ²), i.e. the
  // upper envelope of the lines log W*_j − c_j²/(2σ²) + x c_j/σ²; its breakpoints where membership in S
  // changes are `bounds_`, and `first_in_s_` says whether (−∞, bounds_[0]) is labelled in S.
  void label_partition() {
    using std::log;
    std::vector<std::size_t> order(n_);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return m_.c[a] < m_.c[b]; });
    std::vector<Real> A(n_), B(n_);
    for (std::size_t j = 0; j < n_; ++j) {
      A[j] = log(m_.best_w[j]) - m_.c[j] * m_.c[j] / (2 * m_.variance);
      B[j] = m_.c[j] / m_.variance;
    }
    auto cross = [&](std::size_t i, std::size_t j) { return (A[i] - A[j]) / (B[j] - B[i]); };
    std::vector<std::size_t> hull;
    for (std::size_t j : order) {
      while (hull.size() >= 2 && cross(hull[hull.size() - 2], j) <= cross(hull[hull.size() - 2], hull.back()))
        hull.pop_back();
      hull.push_back(j);
    }
    first_in_s_ = m_.label_in_s[hull.front()];
    for (std::size_t i = 0; i + 1 < hull.size(); ++i)
      if (m_.label_in_s[hull[i]] != m_.label_in_s[hull[i + 1]]) bounds_.push_back(cross(hull[i], hull[i + 1]));
  }

  // P(Z ∈ Λ_S) for Z ~ N(mu, sd²), sd > 0.
  Real mass_in_s(const Real& mu, const Real& sd) const {
    Real total = 0, left = -std::numeric_limits<Real>::infinity();
    bool in = first_in_s_;
    for (std::size_t i = 0; i <= bounds_.size(); ++i) {
      const Real right = i < bounds_.size() ? bounds_[i] : std::numeric_limits<Real>::infinity();
      if (in) total += normal_mass(Real((left - mu) / sd), Real((right - mu) / sd));
      left = right;
      in = !in;
    }
    return total;
  }

  // Posterior weights of the atoms at y (largest factored out) into e_, their sum returned.
  Real posterior(const Real& y) {
    e_.resize(n_);
    return line_atom_weights(m_.c, logw_, y, et_, var_t_, e_.data());
  }

  Real density_s(const Real& y) const {  // p_T̂^{S_init}(y)
    Real d = 0;
    for (std::size_t j = 0; j < n_; ++j)
      if (m_.s[j] != 0) d += m_.s[j] * normal_pdf(Real((y - et_ * m_.c[j]) / sd_t_));
    return d / (w_s_ * sd_t_);
  }
  Real density_all(const Real& y) const {
    Real d = 0;
    for (std::size_t j = 0; j < n_; ++j) d += m_.w[j] * normal_pdf(Real((y - et_ * m_.c[j]) / sd_t_));
    return d / sd_t_;
  }

  Real latent_integrand(const Real& y) {
    const Real ps = density_s(y);
    if (ps == 0) return Real(0);
    const Real den = posterior(y);
    Real num = 0;
    for (std::size_t j = 0; j < n_; ++j) num += m_.s[j] / m_.w[j] * e_[j];
    return ps * num / den;
  }
  Real cloning_integrand(const Real& y) {
    const Real p = density_all(y);
    if (p == 0) return Real(0);
    const Real den = posterior(y);
    Real num = 0;
    for (std::size_t j = 0; j < n_; ++j) num += m_.clone[j] * e_[j] * e_[j];
    return p * num / (den * den);
  }
  Real label_integrand(const Real& y) {
    const Real ps = density_s(y);
    if (ps == 0) return Real(0);
    const Real den = posterior(y);
    Real num = 0;
    for (std::size_t k = 0; k < n_; ++k) {
      if (e_[k] == 0) continue;
      const Real mass = m_.variance == 0 ? Real(m_.label_in_s[k] ? 1 : 0)
                                         : mass_in_s(Real(m_.c[k] + gain_ * (y - et_ * m_.c[k])), post_sd_);
      num += e_[k] * mass;
    }
    return ps * num / den;
  }

  // T̂ = 0: X′ = X, so the label retention is P^{S}(X ∈ Λ_S), a sum of normal masses.
  Value<Real> label_at_zero() const {
    using std::sqrt;
    Value<Real> v;
    const Real sd = sqrt(m_.variance);
    for (std::size_t j = 0; j < n_; ++j)
      if (m_.s[j] != 0) v.value += m_.s[j] / w_s_ * mass_in_s(m_.c[j], sd);
    v.error = epsilon<Real>() * 64;
    return v;
  }

  // Point masses at T̂ = 0: X′ = X is an atom, P(θ | X = c_j) = w_θ / W_j.
  LineRetention<Real> atoms_at_zero() const {
    LineRetention<Real> r;
    for (std::size_t j = 0; j < n_; ++j) {
      r.latent.value += m_.s[j] / w_s_ * m_.s[j] / m_.w[j];
      r.cloning.value += m_.w[j] * m_.clone[j];
      if (m_.label_in_s[j]) r.label.value += m_.s[j] / w_s_;
    }
    r.latent.error = r.cloning.error = r.label.error = epsilon<Real>() * 64;
    return r;
  }

  // T̂ = ∞: θ′ and X′ are drawn from p itself.
  LineRetention<Real> at_infinity() const {
    using std::sqrt;
    LineRetention<Real> r;
    r.latent.value = w_s_;
    const Real sd = sqrt(m_.variance);
    for (std::size_t j = 0; j < n_; ++j) {
      r.cloning.value += m_.w[j] * m_.w[j] * m_.clone[j];
      r.label.value += m_.w[j] * (m_.variance == 0 ? Real(m_.label_in_s[j] ? 1 : 0) : mass_in_s(m_.c[j], sd));
    }
    r.latent.error = r.cloning.error = r.label.error = epsilon<Real>() * 64;
    return r;
  }

  const LineRetentionModel<Real>& m_;
  std::size_t n_;
  Real w_s_, et_{1}, var_t_{1}, sd_t_{1}, gain_{0}, post_sd_{0};
  std::vector<Real> logw_, bounds_, e_;
  bool first_in_s_ = false;
};

}  // namespace

template <class Real>
std::vector<LineRetention<Real>> line_retention(const LineRetentionModel<Real>& m, const std::vector<Real>& ets) {
  LineRetentionCalc<Real> calc(m);  // the label partition is shared by every T̂
  std::vector<LineRetention<Real>> out;
  for (const auto& et : ets) out.push_back(calc.at(et));
  return out;
}

template std::vector<LineRetention<double>> line_retention(const LineRetentionModel<double>&, const std::vector<double>&);
template std::vector<LineRetention<Mp40>> line_retention(const LineRetentionModel<Mp40>&, const std::vector<Mp40>&);
template std::vector<LineRetention<Mp80>> line_retention(const LineRetentionModel<Mp80>&, const std::vector<Mp80>&);

}  // namespace critwin::gauss
