#include "bounds/gaussian/gaussian_retention_certified.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>

#include "model/complex_ball.hpp"
#include "model/interrupt.hpp"

namespace critwin::gauss {

namespace {

// The strip bound of the trapezoidal rule cannot be closed at one T̂: that row has no certified value.
struct StripUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

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

// M_k(y) = P(X′ ∈ Λ_S | Y = y, θ′ at atom k) = k0 + Σ_i ±½ erf(α_ki − β y): X′ | y, k ~ N(c_k + gain (y − a_k),
// post_sd²) with gain = σ² e^{−T̂}/v and post_sd² = σ²(1 − e^{−2T̂})/v, so the argument for breakpoint b_i is
// (b_i − c_k − gain (y − a_k))/(√2 post_sd). Needs σ² > 0 and T̂ > 0.
void erf_arguments(const LineRetentionBalls& m, const LabelPartition& part, const Ball& et, const Ball& v,
                   const std::vector<Ball>& a, Ball& beta, std::vector<std::vector<Ball>>& alpha) {
  const Ball gain = m.variance * et / v;
  const Ball scale = ball_sqrt2() * sqrt(m.variance * (Ball(1) - et * et) / v);
  beta = gain / scale;
  alpha.clear();
  for (std::size_t k = 0; k < m.c.size(); ++k) {
    alpha.emplace_back();
    for (const auto& b : part.b) alpha.back().push_back((b - m.c[k] + gain * a[k]) / scale);
  }
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
    if (part_ != nullptr) erf_arguments(m, *part_, et, v_, a_, beta_, alpha_);
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


// The trapezoidal rule on the whole line with a rigorous error bound (Trefethen & Weideman, "The
// exponentially convergent trapezoidal rule", SIAM Review 56 (2014), Theorem 5.1): for f analytic in the
// strip |Im z| < a, decaying in it, with ∫|f(x + ib)| dx <= M for |b| < a,
//   |h Σ_k f(x_0 + k h) − ∫ f| <= 2M / (e^{2πa/h} − 1).
// M is bounded analytically, so no complex evaluation is needed. Write z = x + ib. Each
// g_j(z) = e^{−(z − a_j)²/(2v)} = g_j(x) e^{b²/(2v)} e^{−ib(x − a_j)/v}: the moduli grow by e^{b²/(2v)} and
// the phases differ by b a_j / v, all inside an arc of width 2θ = a·(max a_j − min a_j)/v. When θ < π/2,
// projecting onto the arc's bisector gives |Σ W_k g_k(z)| >= cos θ e^{b²/(2v)} Σ W_k g_k(x) (so the
// denominator has no zero in the strip), and hence
//   |latent(z)| <= e^{a²/(2v)}/cos θ · latent(x) <= F p^S(x),   |cloning(z)| <= F p(x),
//   |label(z)| <= F · max_k |M_k(z)| · p^S(x),   F = e^{a²/(2v)}/cos θ,
// and ∫ p^S = ∫ p = 1. M_k(z) = k0 + Σ_i ±½ erf(α_ki − βz) with real α_ki: |erf(ξ + iη)| <= 1 + e^{η²}
// (erfc(w) = e^{−w²} w(iw) with |w| <= 1 on the upper half plane, Faddeeva; erf is odd), η = β b.
// The nodes are x_k = x_0 + k h, k = 0..N; the omitted nodes lie beyond the outermost atoms where the
// dominating density is decreasing, so their sum is at most the tail mass outside [x_0, x_N].
class TrapezoidRule {
 public:
  TrapezoidRule(const LineRetentionBalls& m, const Ball& et, const LabelPartition* part, long goal_bits)
      : m_(m), part_(part), n_(m.c.size()), goal_(goal_bits) {
    const Ball et2 = et * et;
    v_ = et2 * m.variance + Ball(1) - et2;
    sd_ = sqrt(v_);
    for (std::size_t j = 0; j < n_; ++j) {
      a_.push_back(et * m.c[j]);
      cw2_.push_back(m.clone[j] * m.w[j] * m.w[j]);
    }
    Ball amin = a_[0], amax = a_[0];
    for (const auto& x : a_) {
      amin = min(amin, x);
      amax = max(amax, x);
    }
    const Ball span = amax - amin;
    const double v = v_.mid(), sd = sd_.mid();
    // Strip half-width: below the denominator's nearest zero (θ < π/2, here θ <= 0.45π), below 1.5/β so
    // the erf factor stays moderate, and at most √(2vL), L = ln(2/tol), which minimises the node count
    // (L + a²/(2v))/a when only the Gaussian growth e^{a²/(2v)} limits the strip.
    double a = std::sqrt(2 * v * (goal_bits + 9) * std::log(2.0));
    if (span.upper() > 0) a = std::min(a, 0.9 * std::numbers::pi * v / span.upper());
    if (part_ != nullptr) {
      erf_arguments(m, *part_, et, v_, a_, beta_, alpha_);
      if (beta_.mid() > 0) a = std::min(a, 1.5 / beta_.upper());
      beta_d_ = beta_.mid();
      for (const auto& row : alpha_) {
        alpha_d_.emplace_back();
        for (const auto& x : row) alpha_d_.back().push_back(x.mid());
      }
    }
    const Ball A(a);
    const Ball theta = A * span / (Ball(2) * v_);
    const Ball cos_lo = cos_lower(theta);
    const Ball F = exp(A * A / (Ball(2) * v_)) / cos_lo;
    m_lat_ = F;
    m_clo_ = F;
    if (part_ != nullptr) {
      Ball mk = abs(part_->k0);
      for (std::size_t i = 0; i < part_->b.size(); ++i) mk += (Ball(1) + exp(beta_ * beta_ * A * A)) / Ball(2);
      m_lab_ = F * mk;
    } else {
      m_lab_ = F;
    }
    // h from the largest M so one set of nodes serves all three integrands.
    const double tol = std::ldexp(1.0, -static_cast<int>(goal_bits + 8));
    const double mmax = std::max(m_lab_.upper(), m_lat_.upper());
    h_ = 2 * std::numbers::pi * a / std::log1p(2 * mmax / tol);
    const double cut = std::sqrt(2.0 * (goal_bits + 12) * std::log(2.0)) + 0.5;
    x0_ = amin.mid() - cut * sd;
    // Atoms far apart in noise units (up to 1e30 and beyond) ask for more nodes than a long holds: the
    // count is capped, and callers skip a T̂ over their budget before running it.
    const double count = std::ceil((amax.mid() + cut * sd - x0_) / h_) + 1;
    nodes_ = std::isfinite(count) && count < 1e15 ? static_cast<long>(count) : std::numeric_limits<long>::max();
    // Discretisation bound 2M/(e^{2πa/h} − 1) for each integrand (rigorous, from the balls).
    const Ball q = expm1(Ball(2) * ball_pi() * A / Ball(h_));
    err_lat_ = Ball(2) * m_lat_ / q;
    err_clo_ = Ball(2) * m_clo_ / q;
    err_lab_ = Ball(2) * m_lab_ / q;
    xn_ = Ball(x0_) + Ball(h_) * Ball(nodes_ - 1);
  }

  // Σ over the nodes of the three (unnormalised) integrands; `with_label` false skips the label.
  void run(bool with_label) {
    std::vector<Ball> g(n_), step(n_);
    const Ball H(h_), X0(x0_);
    const Ball neg_inv2v = Ball(-1) / (Ball(2) * v_);
    const Ball ratio_step = exp(-(H * H) / v_);  // g_j(x_{k+1})/g_j(x_k) = step_j, step_j *= ratio_step
    Ball den, num, inv, t, e, clo, ratio, term, mk;
    const Ball one(1);
    constexpr long kRestart = 256;  // fresh exponentials every 256 nodes keep the recurrence's radii small
    for (long k = 0; k < nodes_; ++k) {
      if (k % kRestart == 0) {
        interruption_point();  // Ctrl-C from Python, verify --timeout (model/interrupt.hpp)
        const Ball x = X0 + H * Ball(k);
        for (std::size_t j = 0; j < n_; ++j) {
          const Ball d = x - a_[j];
          g[j] = exp(d * d * neg_inv2v);
          step[j] = exp(-(d * H + H * H / Ball(2)) / v_);
        }
      } else {
        for (std::size_t j = 0; j < n_; ++j) {
          g[j] *= step[j];
          step[j] *= ratio_step;
        }
      }
      // step[j] now maps node k to k + 1 after the update above; g[j] is g_j(x_k).
      den.set_zero();
      num.set_zero();
      clo.set_zero();
      for (std::size_t j = 0; j < n_; ++j) {
        den.add_mul(m_.w[j], g[j]);
        if (!m_.s[j].is_zero()) num.add_mul(m_.s[j], g[j]);
        t.assign_mul(g[j], g[j]);
        clo.add_mul(cw2_[j], t);
      }
      inv.assign_div(one, den);
      t.assign_mul(num, num);
      sum_lat_.add_mul(t, inv);
      sum_clo_.add_mul(clo, inv);
      if (!with_label) continue;
      ratio.assign_mul(num, inv);
      const double xd = x0_ + h_ * static_cast<double>(k);
      for (std::size_t kk = 0; kk < n_; ++kk) {
        // term = P^S-weighted posterior of atom kk at x_k: the label integrand is Σ_kk term · M_kk(x_k).
        term.assign_mul(m_.w[kk], g[kk]);
        term.assign_mul(term, ratio);
        if (part_ == nullptr) {
          if (m_.label_in_s[kk]) sum_lab_ += term;
          continue;
        }
        // M_kk ∈ [0, 1] on the real line, so it is needed only to 2^-(goal+16)/term absolutely: erf at
        // that precision, ±1 where erfc is below it (erfc(t) <= e^{-t²}, t >= 0), [0, 1] where the term
        // itself is negligible. Most erf calls then run at one or two limbs instead of three.
        const double tu = term.upper();
        const long nb = tu > 0 ? goal_ + 16 + static_cast<long>(std::floor(std::log2(tu))) : -1;
        if (nb <= 0) {
          sum_lab_.add_mul(term, unit_);
          continue;
        }
        const double t_thr = std::sqrt(static_cast<double>(nb) * std::log(2.0)) + 0.5;
        mk = part_->k0;
        for (std::size_t i = 0; i < part_->b.size(); ++i) {
          const double arg = alpha_d_[kk][i] - beta_d_ * xd;
          if (std::abs(arg) > t_thr) {
            e = near_one(nb);
            if (arg < 0) e = -e;
          } else {
            BallPrecisionScope low(std::min(nb + 8, ball_precision()));
            e = erf(alpha_[kk][i] - beta_ * (X0 + H * Ball(k)));
          }
          e.mul_si(part_->sign[i]);
          e.div_si(2);
          mk += e;
        }
        sum_lab_.add_mul(term, mk);
      }
    }
  }

  // [1 − 2^-n, 1] for some n <= nb (wider than needed by at most 16 bits), cached: it is used at most nodes.
  const Ball& near_one(long nb) {
    const std::size_t bucket = static_cast<std::size_t>(std::min(nb, 1000L) / 16);
    if (near_one_.size() <= bucket) near_one_.resize(bucket + 1);
    Ball& b = near_one_[bucket];
    if (b.is_zero()) b = Ball(1) - Ball::interval(0, std::ldexp(1.0, -static_cast<int>(bucket * 16)));
    return b;
  }

  const Ball& v() const { return v_; }
  const Ball& sd() const { return sd_; }
  Ball lo() const { return Ball(x0_); }
  const Ball& hi() const { return xn_; }
  double step() const { return h_; }
  long nodes() const { return nodes_; }
  // h Σ f(x_k) ± the discretisation bound, for the unnormalised integrand scaled by `scale`.
  Ball latent(const Ball& scale) const { return finish(sum_lat_, scale, err_lat_); }
  Ball cloning(const Ball& scale) const { return finish(sum_clo_, scale, err_clo_); }
  Ball label(const Ball& scale) const { return finish(sum_lab_, scale, err_lab_); }

 private:
  Ball finish(const Ball& sum, const Ball& scale, const Ball& err) const {
    const double e = err.upper();
    return sum * Ball(h_) * scale + Ball::interval(-e, e);
  }
  // A lower bound of cos θ on [0, π/2) (Taylor: cos θ >= 1 − θ²/2 + θ⁴/24 − θ⁶/720 for all θ).
  static Ball cos_lower(const Ball& theta) {
    const Ball t = theta.upper_endpoint();
    const Ball t2 = t * t;
    const Ball c = Ball(1) - t2 / Ball(2) + t2 * t2 / Ball(24) - t2 * t2 * t2 / Ball(720);
    if (!c.certainly_gt(Ball(0))) throw StripUnavailable("trapezoid strip reaches a zero of the denominator");
    return c.lower_endpoint();
  }

  const LineRetentionBalls& m_;
  const LabelPartition* part_;
  std::size_t n_;
  const Ball unit_ = Ball::interval(0, 1);
  long goal_;
  Ball v_, sd_, beta_, m_lat_, m_clo_, m_lab_, err_lat_, err_clo_, err_lab_, xn_;
  Ball sum_lat_, sum_clo_, sum_lab_;
  std::vector<Ball> a_, cw2_, near_one_;
  std::vector<std::vector<Ball>> alpha_;
  std::vector<std::vector<double>> alpha_d_;
  double beta_d_ = 0, h_ = 0, x0_ = 0;
  long nodes_ = 0;
};

// [0, x] for a non-negative ball x (a tail mass bound).
Ball zero_to(const Ball& x) { return Ball::interval(0, x.upper()); }

class Calc {
 public:
  Calc(const LineRetentionBalls& m, long goal_bits, std::optional<LabelPartition> part, long max_nodes)
      : m_(m), goal_(goal_bits), max_nodes_(max_nodes), part_(std::move(part)) {
    for (const auto& x : m.s) w_s_ += x;
    for (const auto& x : m.c) c_mid_.push_back(x.mid());
    sigma_ = sqrt(m.variance);
  }

  LineRetentionEnclosure at(const RetentionTime& t, RetentionMethod method) {
    if (t.infinite) return at_infinity();
    if (t.zero && m_.variance.is_zero()) return atoms_at_zero();
    return method == RetentionMethod::trapezoid ? trapezoid(t) : gauss_legendre(t);
  }

 private:
  LineRetentionEnclosure trapezoid(const RetentionTime& t) {
    const Ball et = t.zero ? Ball(1) : t.et;
    const bool label_closed_form = t.zero;  // X′ = X at T̂ = 0
    const LabelPartition* part = label_closed_form || !part_ ? nullptr : &*part_;
    TrapezoidRule rule(m_, et, part, goal_);
    if (rule.nodes() > max_nodes_) {
      LineRetentionEnclosure skipped;
      skipped.available = false;
      return skipped;
    }
    rule.run(!label_closed_form);
    Ball tail_s, tail_all;
    tails(et, rule.sd(), rule.lo(), rule.hi(), tail_s, tail_all);
    const Ball norm = Ball(1) / sqrt(Ball(2) * ball_pi() * rule.v());
    LineRetentionEnclosure r;
    r.latent = rule.latent(norm / w_s_) + zero_to(tail_s);
    r.cloning = rule.cloning(norm) + zero_to(tail_all);
    r.label = label_closed_form ? label_at_zero() : rule.label(norm / w_s_) + zero_to(tail_s);
    return r;
  }

  // ∫_{y ∉ [lo, hi]} p^S and ∫_{y ∉ [lo, hi]} p at this T̂ (normal tails, erfc).
  void tails(const Ball& et, const Ball& sd, const Ball& lo, const Ball& hi, Ball& tail_s, Ball& tail_all) const {
    const Ball scale = ball_sqrt2() * sd;
    tail_s = Ball(0);
    tail_all = Ball(0);
    for (std::size_t j = 0; j < m_.c.size(); ++j) {
      const Ball a = et * m_.c[j];
      const Ball out = (erfc((a - lo) / scale) + erfc((hi - a) / scale)) / Ball(2);
      tail_all += m_.w[j] * out;
      if (!m_.s[j].is_zero()) tail_s += m_.s[j] * out;
    }
    tail_s /= w_s_;
  }

  LineRetentionEnclosure gauss_legendre(const RetentionTime& t) {
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
    // Each integrand is at most p^S or p (posteriors <= 1), so the tails are bounded by their masses.
    Ball tail_s, tail_all;
    tails(et, sd, Ball(lo), Ball(hi), tail_s, tail_all);
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
  long goal_, max_nodes_;
  std::optional<LabelPartition> part_;
  Ball w_s_, sigma_;
  std::vector<double> c_mid_;
};

}  // namespace

std::optional<std::vector<LineRetentionEnclosure>> line_retention_certified(const LineRetentionBalls& m,
                                                                          const std::vector<RetentionTime>& ts,
                                                                          long goal_bits, RetentionMethod method,
                                                                          long max_nodes) {
  std::optional<LabelPartition> part;
  if (!m.variance.is_zero()) {
    part = label_partition(m);
    if (!part) return std::nullopt;
  }
  Calc calc(m, goal_bits, std::move(part), max_nodes);  // the label partition is shared by every T̂
  std::vector<LineRetentionEnclosure> out;
  for (const auto& t : ts) {
    try {
      out.push_back(calc.at(t, method));
    } catch (const StripUnavailable&) {
      // The strip bound cannot be closed at this T̂ (cos_lower: the analytic strip reaches a zero of the
      // denominator, seen with variances of 1e-100 at T̂ = 0): no certified row here, the estimate is used.
      LineRetentionEnclosure skipped;
      skipped.available = false;
      out.push_back(skipped);
    }
  }
  return out;
}

}  // namespace critwin::gauss
