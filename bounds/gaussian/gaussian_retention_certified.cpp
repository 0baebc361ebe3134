#include "bounds/gaussian/gaussian_retention_certified.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/complex_ball.hpp"

namespace critwin::gauss {

namespace {

// The label partition of the real line: label(x) ∈ S_init is a union of intervals with breakpoints
// `b` (increasing); `first_in` says whether (−∞, b[0]) is in. mass(μ, sd) = P(N(μ, sd²) ∈ Λ_S) is written
// as k0 + Σ_i d_i·erf((b_i − μ)/(√2 sd)), d_i = ±½, so that it extends to complex μ as an entire function.
struct LabelPartition {
  std::vector<Ball> b;
  std::vector<int> sign;  // 2 d_i: +1 where membership goes in → out, −1 for out → in
  Ball k0;
};

// Andrew's monotone chain on the lines A_j + B_j x (sorted by slope B_j = c_j/σ²) with every comparison
// decided by ball arithmetic; nullopt when one is not certain.
std::optional<LabelPartition> label_partition(const LineRetentionBalls& m) {
  const std::size_t n = m.c.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return m.c[a].mid() < m.c[b].mid(); });
  for (std::size_t i = 0; i + 1 < n; ++i)
    if (!m.c[order[i]].certainly_lt(m.c[order[i + 1]])) return std::nullopt;
  std::vector<Ball> A(n), B(n);
  for (std::size_t j = 0; j < n; ++j) {
    A[j] = log(m.best_w[j]) - m.c[j] * m.c[j] / (Ball(2) * m.variance);
    B[j] = m.c[j] / m.variance;
  }
  auto cross = [&](std::size_t i, std::size_t j) { return (A[i] - A[j]) / (B[j] - B[i]); };
  std::vector<std::size_t> hull;
  for (std::size_t j : order) {
    while (hull.size() >= 2) {
      const Ball x_new = cross(hull[hull.size() - 2], j), x_old = cross(hull[hull.size() - 2], hull.back());
      if (x_new.certainly_le(x_old)) {
        hull.pop_back();
      } else if (x_new.certainly_gt(x_old)) {
        break;
      } else {
        return std::nullopt;
      }
    }
    hull.push_back(j);
  }
  LabelPartition p;
  bool in = m.label_in_s[hull.front()];
  double k0 = 0;
  for (std::size_t i = 0; i + 1 < hull.size(); ++i) {
    const bool next = m.label_in_s[hull[i + 1]];
    if (next == in) continue;
    p.b.push_back(cross(hull[i], hull[i + 1]));
    p.sign.push_back(in ? 1 : -1);
    k0 += in ? 0.5 : -0.5;
    in = next;
  }
  p.k0 = Ball(k0 + (in ? 1.0 : 0.0));
  return p;
}

// P(N(mu, sd²) ∈ Λ_S) for real balls, sd > 0.
Ball mass_in_s(const LabelPartition& p, const Ball& mu, const Ball& sd) {
  Ball r = p.k0;
  const Ball scale = ball_sqrt2() * sd;
  for (std::size_t i = 0; i < p.b.size(); ++i) {
    Ball e = erf((p.b[i] - mu) / scale);
    e.mul_si(p.sign[i]);
    e.div_si(2);
    r += e;
  }
  return r;
}

// The integrands at one T̂ (THEORY.md §6), with g_j(y) = exp(−(y − a_j)²/(2v)), a_j = e^{−T̂} c_j,
// v = e^{−2T̂}σ² + 1 − e^{−2T̂}; the factor 1/√(2πv) of each normal density is applied to the integrals:
//   latent  = (1/w_S) ∫ (Σ s_j g_j)² / Σ W_k g_k
//   cloning = ∫ Σ_j clone_j W_j² g_j² / Σ W_k g_k
//   label   = (1/w_S) ∫ (Σ s_j g_j) · Σ_k W_k g_k M_k(y) / Σ W_k g_k,
// M_k(y) = P(X′ ∈ Λ_S | Y = y, θ′ at atom k) = mass_in_s(c_k + gain (y − a_k), post_sd), an entire function
// of y (erf), so every integrand is meromorphic with poles only where Σ W_k g_k = 0, off the real axis.
class Integrands {
 public:
  Integrands(const LineRetentionBalls& m, const Ball& et, const LabelPartition* part) : m_(m), part_(part) {
    const std::size_t n = m.c.size();
    const Ball et2 = et * et;
    v_ = et2 * m.variance + Ball(1) - et2;
    neg_inv2v_ = Ball(-1) / (Ball(2) * v_);
    for (std::size_t j = 0; j < n; ++j) {
      a_.push_back(et * m.c[j]);
      cw2_.push_back(m.clone[j] * m.w[j] * m.w[j]);
    }
    g_.resize(n);
    if (part_ != nullptr) {
      // erf argument of breakpoint i under atom k: (b_i − c_k − gain (y − a_k))/(√2 post_sd) = α_ki − β y.
      const Ball gain = m.variance * et / v_;
      const Ball post_sd = sqrt(m.variance * (Ball(1) - et2) / v_);
      const Ball scale = ball_sqrt2() * post_sd;
      beta_ = gain / scale;
      for (std::size_t k = 0; k < n; ++k) {
        alpha_.emplace_back();
        for (const auto& b : part_->b) alpha_.back().push_back((b - m.c[k] + gain * a_[k]) / scale);
      }
    }
  }

  const Ball& v() const { return v_; }

  void latent(ComplexBall& out, const ComplexBall& z) {
    densities(z);
    sum_weighted(num_, m_.s);
    out.assign_mul(num_, num_);
    out.assign_div(out, den_);
  }
  void cloning(ComplexBall& out, const ComplexBall& z) {
    densities(z);
    out.set_zero();
    for (std::size_t j = 0; j < g_.size(); ++j) {
      t_.assign_mul(g_[j], g_[j]);
      t_.mul_ball(cw2_[j]);
      out.assign_add(out, t_);
    }
    out.assign_div(out, den_);
  }
  void label(ComplexBall& out, const ComplexBall& z) {
    densities(z);
    sum_weighted(num_, m_.s);
    out.set_zero();
    for (std::size_t k = 0; k < g_.size(); ++k) {
      if (part_ == nullptr) {  // σ² = 0: X′ is the atom itself
        if (!m_.label_in_s[k]) continue;
        t_ = g_[k];
      } else {
        mass_.set(part_->k0);
        for (std::size_t i = 0; i < part_->b.size(); ++i) {
          arg_ = z;
          arg_.mul_ball(-beta_);
          arg_.add_ball(alpha_[k][i]);
          e_.assign_erf(arg_);
          e_.mul_2exp(-1);
          if (part_->sign[i] > 0) mass_.assign_add(mass_, e_); else mass_.assign_sub(mass_, e_);
        }
        t_.assign_mul(g_[k], mass_);
      }
      t_.mul_ball(m_.w[k]);
      out.assign_add(out, t_);
    }
    out.assign_mul(out, num_);
    out.assign_div(out, den_);
  }

 private:
  void densities(const ComplexBall& z) {
    den_.set_zero();
    for (std::size_t j = 0; j < g_.size(); ++j) {
      t_ = z;
      t_.sub_ball(a_[j]);
      t_.assign_mul(t_, t_);
      t_.mul_ball(neg_inv2v_);
      g_[j].assign_exp(t_);
      t_ = g_[j];
      t_.mul_ball(m_.w[j]);
      den_.assign_add(den_, t_);
    }
  }
  void sum_weighted(ComplexBall& out, const std::vector<Ball>& coef) {
    out.set_zero();
    for (std::size_t j = 0; j < g_.size(); ++j) {
      if (coef[j].is_zero()) continue;
      t_ = g_[j];
      t_.mul_ball(coef[j]);
      out.assign_add(out, t_);
    }
  }

  const LineRetentionBalls& m_;
  const LabelPartition* part_;
  Ball v_, neg_inv2v_, beta_;
  std::vector<Ball> a_, cw2_;
  std::vector<std::vector<Ball>> alpha_;
  std::vector<ComplexBall> g_;
  ComplexBall den_, num_, t_, mass_, arg_, e_;
};

// [0, x] for a non-negative ball x (a tail mass bound).
Ball zero_to(const Ball& x) { return Ball::interval(0, x.upper()); }

class Calc {
 public:
  Calc(const LineRetentionBalls& m, long goal_bits, std::optional<LabelPartition> part)
      : m_(m), goal_(goal_bits), part_(std::move(part)) {
    for (const auto& x : m.s) w_s_ += x;
    for (const auto& x : m.c) c_mid_.push_back(x.mid());
    sigma_ = sqrt(m.variance);
  }

  LineRetentionEnclosure at(const RetentionTime& t) {
    if (t.infinite) return at_infinity();
    if (t.zero && m_.variance.is_zero()) return atoms_at_zero();
    const Ball et = t.zero ? Ball(1) : t.et;
    const bool label_closed_form = t.zero;  // X′ = X at T̂ = 0
    Integrands f(m_, et, label_closed_form || part_ == std::nullopt ? nullptr : &*part_);
    const Ball sd = sqrt(f.v());
    const double sd_d = sd.mid(), et_d = et.mid();
    // Cut where the normal tail is below 2^-(goal+10): tail(x) <= e^{-x²/2}.
    const double cut = std::sqrt(2.0 * (goal_ + 12) * std::log(2.0)) + 0.5;
    double amin = et_d * *std::min_element(c_mid_.begin(), c_mid_.end());
    double amax = et_d * *std::max_element(c_mid_.begin(), c_mid_.end());
    const double lo = amin - cut * sd_d, hi = amax + cut * sd_d;
    const std::vector<double> edges = split_points(et_d, f.v().mid(), lo, hi, label_closed_form);

    // ∫_{y ∉ [lo, hi]} p^S and ∫_{y ∉ [lo, hi]} p: each integrand is at most one of them (posteriors <= 1).
    const Ball scale = ball_sqrt2() * sd;
    Ball tail_s, tail_all;
    for (std::size_t j = 0; j < m_.c.size(); ++j) {
      const Ball a = et * m_.c[j];
      const Ball out = (erfc((a - Ball(lo)) / scale) + erfc((Ball(hi) - a) / scale)) / Ball(2);
      tail_all += m_.w[j] * out;
      if (!m_.s[j].is_zero()) tail_s += m_.s[j] * out;
    }
    tail_s /= w_s_;
    const Ball norm = Ball(1) / sqrt(Ball(2) * ball_pi() * f.v());

    LineRetentionEnclosure r;
    r.latent = integrate(edges, [&](ComplexBall& o, const ComplexBall& z) { f.latent(o, z); }, r.converged) * norm / w_s_ +
               zero_to(tail_s);
    r.cloning = integrate(edges, [&](ComplexBall& o, const ComplexBall& z) { f.cloning(o, z); }, r.converged) * norm +
                zero_to(tail_all);
    if (label_closed_form) {
      r.label = label_at_zero();
    } else {
      r.label = integrate(edges, [&](ComplexBall& o, const ComplexBall& z) { f.label(o, z); }, r.converged) * norm / w_s_ +
                zero_to(tail_s);
    }
    return r;
  }

 private:
  // Pieces of [lo, hi]: the integrands are steep where adjacent atoms' posteriors cross and, for the label,
  // where the mean of X′ | y, θ′ crosses a label breakpoint. Any split is exact (the pieces add up to the
  // whole integral), so the points are doubles.
  std::vector<double> split_points(double et, double v, double lo, double hi, bool no_label) const {
    const std::size_t n = m_.c.size();
    std::vector<double> pts{lo, hi};
    auto add = [&](double x) {
      if (std::isfinite(x) && x > lo && x < hi) pts.push_back(x);
    };
    std::vector<double> logw;
    for (const auto& w : m_.w) logw.push_back(std::log(w.mid()));
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t k = j + 1; k < n; ++k)
        add((2 * v * (logw[k] - logw[j]) + et * et * (c_mid_[j] * c_mid_[j] - c_mid_[k] * c_mid_[k])) /
            (2 * et * (c_mid_[j] - c_mid_[k])));
    const double var = m_.variance.mid();
    const double gain = var * et / v;
    if (!no_label && part_ && gain > 0)
      for (std::size_t k = 0; k < n; ++k)
        for (const auto& b : part_->b) add(et * c_mid_[k] + (b.mid() - c_mid_[k]) / gain);
    std::sort(pts.begin(), pts.end());
    std::vector<double> out;
    for (double x : pts)
      if (out.empty() || x - out.back() > 1e-9 * (hi - lo)) out.push_back(x);
    if (out.back() != hi) out.back() = hi;
    return out;
  }

  template <class F>
  Ball integrate(const std::vector<double>& edges, F&& f, bool& converged) const {
    const ComplexIntegrand fn(std::forward<F>(f));
    Ball total;
    const double abs_tol = std::ldexp(1.0, -static_cast<int>(goal_ + 8));
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
      const auto piece = certified_integral(fn, Ball(edges[i]), Ball(edges[i + 1]), goal_ + 4, abs_tol, ball_precision());
      converged = converged && piece.converged;
      total += piece.value;
    }
    return total;
  }

  Ball label_mass(const Ball& mu) const {
    return part_ ? mass_in_s(*part_, mu, sigma_) : Ball(0);
  }

  // T̂ = 0 with σ² > 0: X′ = X, so R_label = P^S(X ∈ Λ_S), a sum of normal masses.
  Ball label_at_zero() const {
    Ball v;
    for (std::size_t j = 0; j < m_.c.size(); ++j)
      if (!m_.s[j].is_zero()) v += m_.s[j] * label_mass(m_.c[j]);
    return v / w_s_;
  }

  // σ² = 0 at T̂ = 0: X′ = X is an atom and P(θ | X = c_j) = w_θ / W_j.
  LineRetentionEnclosure atoms_at_zero() const {
    LineRetentionEnclosure r;
    for (std::size_t j = 0; j < m_.c.size(); ++j) {
      r.latent += m_.s[j] * m_.s[j] / m_.w[j];
      r.cloning += m_.w[j] * m_.clone[j];
      if (m_.label_in_s[j]) r.label += m_.s[j];
    }
    r.latent /= w_s_;
    r.label /= w_s_;
    return r;
  }

  // T̂ = ∞: θ′ and X′ are drawn from p itself.
  LineRetentionEnclosure at_infinity() const {
    LineRetentionEnclosure r;
    r.latent = w_s_;
    for (std::size_t j = 0; j < m_.c.size(); ++j) {
      r.cloning += m_.w[j] * m_.w[j] * m_.clone[j];
      r.label += m_.w[j] * (m_.variance.is_zero() ? Ball(m_.label_in_s[j] ? 1 : 0) : label_mass(m_.c[j]));
    }
    return r;
  }

  const LineRetentionBalls& m_;
  long goal_;
  std::optional<LabelPartition> part_;
  Ball w_s_, sigma_;
  std::vector<double> c_mid_;
};

}  // namespace

std::optional<std::vector<LineRetentionEnclosure>> line_retention_certified(const LineRetentionBalls& m,
                                                                          const std::vector<RetentionTime>& ts,
                                                                          long goal_bits) {
  std::optional<LabelPartition> part;
  if (!m.variance.is_zero()) {
    part = label_partition(m);
    if (!part) return std::nullopt;
  }
  Calc calc(m, goal_bits, std::move(part));  // the label partition is shared by every T̂
  std::vector<LineRetentionEnclosure> out;
  for (const auto& t : ts) out.push_back(calc.at(t));
  return out;
}

}  // namespace critwin::gauss
