#include "bounds/gaussian/gaussian_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/tools/roots.hpp>
#include <fmt/format.h>

#include "bounds/gaussian/gaussian_forward_tv.hpp"
#include "bounds/gaussian/gaussian_fr_tv.hpp"
#include "bounds/gaussian/gaussian_pair_closed_form.hpp"
#include "bounds/gaussian/gaussian_plane_fr_tv.hpp"
#include "bounds/gaussian/gaussian_retention.hpp"
#include "bounds/gaussian/gaussian_retention_certified.hpp"
#include "bounds/gaussian/gaussian_span.hpp"
#include "model/input_error.hpp"

namespace critwin {

namespace {

using gauss::Mp40;
using gauss::Mp80;

template <class Real>
Estimate estimate_of(const gauss::Value<Real>& v) {
  double value = 0, err = 0;
  if constexpr (std::is_same_v<Real, double>) {
    value = v.value;
    err = v.error;
  } else {
    value = v.value.template convert_to<double>();
    err = v.error.template convert_to<double>();
  }
  // Rounding the value to a double adds up to half an ulp to the estimated error.
  err += std::abs(value) * 0x1p-52;
  return Estimate::with_error(value, err, std::numeric_limits<Real>::digits);
}

// A probability or a TV: its interval cut to [0, 1] (value ± error can reach past the ends).
Estimate in_unit_interval(Estimate e) {
  // An interval wholly outside [0, 1] is a failed computation, not a probability: never print it as one.
  if (!(e.lo <= 1 && e.hi >= 0 && e.lo <= e.hi))
    throw std::logic_error(fmt::format("Gaussian engine: the interval [{}, {}] of a probability is inconsistent", e.lo, e.hi));
  e.lo = std::max(e.lo, 0.0);
  e.hi = std::min(e.hi, 1.0);
  e.value = std::clamp(e.value, e.lo, e.hi);
  return e;
}

template <class Real>
Estimate probability_of(const gauss::Value<Real>& v) {
  return in_unit_interval(estimate_of(v));
}

class GaussianEngine final : public ExactEngine {
  static constexpr long kLargeTime = 1000;

 public:
  GaussianEngine(const Model& m, long precision_bits)
      : ExactEngine(m, precision_bits), span_(gaussian_span_make(*m.family<GaussianComponents>(), m.weights)) {}

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    BallPrecisionScope scope(prec_);
    const auto gamma = span_.atom_coefficients(a, b);
    std::vector<int> nz;
    for (int j = 0; j < span_.atoms; ++j)
      if (gamma[j].sign() != 0) nz.push_back(j);
    if (nz.empty() || t.infinite) return Estimate::exact_value(0);
    if (at_point_masses(t)) return Estimate::from_ball((positive_part(gamma)).ball());
    // Beyond t = 1000 the signal e^{-t} is below 1e-434 and the closed forms lose their arguments to
    // underflow; data processing (TV non-increasing in t) gives the enclosure [0, TV(1000)], as good as the
    // path that computed TV(1000) (certified closed form, or a quadrature with its error estimate).
    if (t.value > ExactReal(kLargeTime)) {
      const Estimate at = forward_tv(a, b, TimePoint::integer(kLargeTime));
      const Guarantee g = at.guarantee == Guarantee::exact ? Guarantee::certified : at.guarantee;
      return Estimate{0, 0, at.hi, g, false, at.precision_bits};
    }
    if (nz.size() == 2) {
      const ExactReal kappa = abs(gamma[nz[0]]);
      return Estimate::from_ball(gaussian_pair_tv(kappa.ball(), span_.distance2(nz[0], nz[1]), span_.variance, t));
    }
    // Separated atoms: the Voronoi bound (certified) where the quadrature cannot beat it. When the atoms are
    // many standard deviations apart the quadrature's nodes miss the narrow bumps (pl_v0 at t = 1e-4 gave
    // 0.75 ± 3e-3 for a TV of 1 − 1e-1300), so its value is not trusted against a tighter certified bound.
    const Ball slack = voronoi_slack(gamma, nz, t);
    const Ball kplus_ball = positive_part(gamma).ball();
    if (slack.upper() <= 1e-18 * std::max(kplus_ball.upper(), 1e-300))
      return voronoi_estimate(kplus_ball, slack);  // below the quadrature's rounding (2^-52 of the value)
    Estimate q = prec_ <= 128 ? probability_of(forward_quadrature<Mp40>(gamma, nz, t))
                              : probability_of(forward_quadrature<Mp80>(gamma, nz, t));
    const Estimate vor = voronoi_estimate(kplus_ball, slack);
    // At least as tight as the quadrature's stated error, or disjoint from it (the quadrature is then wrong):
    // the certified bound. Otherwise the quadrature, cut to the certified bound.
    if (vor.hi - vor.lo <= q.hi - q.lo || q.hi < vor.lo || q.lo > vor.hi) return vor;
    q.lo = std::max(q.lo, vor.lo);
    q.hi = std::min(q.hi, vor.hi);
    q.value = std::clamp(q.value, q.lo, q.hi);
    return q;
  }

  // Σ_j |γ_j| Σ_{k≠j} Φ̄(a_t d_jk / 2), a_t = e^{-t}/√v_t, v_t = e^{-2t}σ² + 1 − e^{-2t}: the Voronoi-cell
  // bound κ⁺ − slack <= TV <= κ⁺. With V⁺ the union of the Voronoi cells of the atoms with γ_j > 0,
  // TV >= μ(V⁺) = Σ_j γ_j N_j(V⁺); N_j(V_j) >= 1 − Σ_k Φ̄(a_t d_jk/2) for γ_j > 0 (a union of half-planes
  // at distance d_jk/2 from the mean, in units of the scaled noise) and N_j(V⁺) <= Σ_k Φ̄(a_t d_jk/2) for γ_j < 0.
  Ball voronoi_slack(const std::vector<ExactReal>& gamma, const std::vector<int>& nz, const TimePoint& t) const {
    const Ball scale2 = gaussian_ou_scale2(span_.variance, t);
    Ball slack(0);
    for (int j : nz) {
      Ball row(0);
      for (int k = 0; k < span_.atoms; ++k) {
        if (k == j) continue;
        // Φ̄(x) = erfc(x/√2)/2 with x² = a_t² d²/4.
        row += erfc(sqrt(scale2 * span_.distance2(j, k).ball() / Ball(8))) / Ball(2);
      }
      slack += abs(gamma[j]).ball() * row;
    }
    return slack;
  }

  static Estimate voronoi_estimate(const Ball& kplus, const Ball& slack) {
    // [κ⁺ − slack, κ⁺] as a ball: midpoint κ⁺ − slack/2, radius slack/2 (plus the balls' own radii).
    const Ball half = slack.abs_upper_endpoint() / Ball(2);
    Ball b = kplus - half;
    b += Ball::interval(-1, 1) * half;
    return in_unit_interval(Estimate::from_ball(b));
  }

  // TV = κ⁺ − gap with κ⁺ = Σ_j max(γ_j, 0), the TV of fully separated atoms; TV < κ⁺ at every t once the
  // components overlap (variance > 0 or t > 0). Two atoms: gap = κ·erfc(z) in Arb at the current precision.
  TvGap forward_tv_gap(const Subset& a, const Subset& b, const TimePoint& t) const override {
    const auto gamma = span_.atom_coefficients(a, b);
    std::vector<int> nz;
    for (int j = 0; j < span_.atoms; ++j)
      if (gamma[j].sign() != 0) nz.push_back(j);
    TvGap g;
    const ExactReal kplus = positive_part(gamma);
    g.anchor = kplus;
    if (nz.empty() || t.infinite || at_point_masses(t)) {
      g.gap = nz.empty() || !t.infinite ? Ball(0) : (kplus).ball();
      g.guarantee = Guarantee::exact;
      return g;
    }
    g.gap_positive = true;
    if (nz.size() == 2) {
      const Ball z2 = gaussian_ou_scale2(span_.variance, t) * (span_.distance2(nz[0], nz[1])).ball() / Ball(8);
      g.gap = (kplus).ball() * erfc(sqrt(z2));
      g.refines = true;
      return g;
    }
    // Quadrature: its error estimate, not the Ball precision, limits the gap; the 80-digit rule is tried once.
    // Unless the certified Voronoi bound 0 <= gap <= slack is tighter (separated atoms, where the quadrature
    // misses the narrow bumps).
    const Ball slack = voronoi_slack(gamma, nz, t);
    const Ball certified_gap = Ball::interval(0, 1) * slack.abs_upper_endpoint();
    if (span_.rank == 2 && slack.upper() <= 1e-18 * std::max(kplus.ball().upper(), 1e-300)) {
      g.gap = certified_gap;
      return g;
    }
    const long bits = ball_precision();
    const Ball q = bits <= 128 ? quadrature_gap<Mp40>(kplus, gamma, nz, t) : quadrature_gap<Mp80>(kplus, gamma, nz, t);
    // Collinear atoms: the erf sums at the Rolle roots resolve gaps far below the bound (1e-60 in
    // GaussianCrossingLevels) and [0, slack] would lose their positive lower end; only a contradiction wins.
    if ((span_.rank == 2 && slack.upper() <= 2 * q.rad()) || q.lower() > slack.upper()) {
      g.gap = certified_gap;
      return g;
    }
    g.gap = q;
    g.guarantee = Guarantee::estimated;
    g.refines = bits <= 128;
    return g;
  }

  std::optional<Estimate> forward_tv_crossing(const Subset& a, const Subset& b, const Ball& level) const override {
    BallPrecisionScope scope(prec_);
    const auto gamma = span_.atom_coefficients(a, b);
    std::vector<int> nz;
    for (int j = 0; j < span_.atoms; ++j)
      if (gamma[j].sign() != 0) nz.push_back(j);
    if (nz.size() < 2) return std::nullopt;
    if (nz.size() > 2) {
      // The quadrature forms TV − level at about 106 bits of the level: a level closer than that to 0 or
      // to κ⁺ (such as 1 − ε² for tiny ε) is left to the generic search, which compares on the gap.
      const double room = std::min(level.mid(), real_of<double>(positive_part(gamma)) - level.mid());
      if (!(room > 1e-24)) return std::nullopt;
      try {
        return prec_ <= 128 ? quadrature_crossing<Mp40>(gamma, nz, level) : quadrature_crossing<Mp80>(gamma, nz, level);
      } catch (const std::exception&) {
        return std::nullopt;  // TOMS 748 found no sign change: the generic bisection takes over
      }
    }
    auto t = gaussian_pair_crossing(abs(gamma[nz[0]]).ball(), span_.distance2(nz[0], nz[1]), span_.variance, level);
    if (!t) return std::nullopt;
    return Estimate::from_ball(*t);
  }

  Estimate fr_tv(const Subset& s_init, const Subset& s_target, const TimePoint& t) const override {
    // T̂ = 0 returns p^{S_init} itself; T̂ = ∞ returns p: both are forward TVs at time 0.
    if (!t.infinite && t.value.sign() == 0) return forward_tv(s_init, s_target, TimePoint::integer(0));
    if (t.infinite) return forward_tv(Subset::all(model_.size()), s_target, TimePoint::integer(0));
    // S_init = Θ: X ~ p and X' ~ p(·|Y) is again p at every T̂, so the experiment is the identity in law.
    if (s_init.size() == model_.size()) return forward_tv(s_init, s_target, TimePoint::integer(0));
    if (span_.atoms == 1) return Estimate::exact_value(0);  // every posterior is the prior
    if (span_.atoms > kFrTvMaxCollinearMeans)
      throw InputError("components.means", fmt::format("fr-tv supports at most {} distinct collinear Gaussian means "
                                                       "exactly; use Monte Carlo (critwin sample)", kFrTvMaxCollinearMeans));
    if (span_.rank <= 1 && tiny_t_hat(t)) return tiny_t_hat_fr_tv(s_init, s_target, t);
    if (span_.rank == 2) return plane_fr_tv(s_init, s_target, t);
    return prec_ <= 128 ? probability_of(line_fr_tv<Mp40>(s_init, s_target, t))
                        : probability_of(line_fr_tv<Mp80>(s_init, s_target, t));
  }

 protected:
  // Collinear means: one-dimensional integrals over Y_T̂ in span coordinates. Non-collinear means have no
  // exact path here (InputError on components.means; the retention command then uses the Monte Carlo engine).
  std::vector<Retention> retention_impl(const Subset& s, const std::vector<TimePoint>& ts) const override {
    if (span_.rank > 1 || span_.atoms > kFrTvMaxCollinearMeans)
      throw InputError("components.means", fmt::format("exact retention curves need collinear means (at most {} "
                                                       "distinct); use the Monte Carlo engine", kFrTvMaxCollinearMeans));
    // Certified enclosures in ball arithmetic at the working precision (gaussian_retention_certified.hpp:
    // trapezoidal rule with a rigorous strip bound, about 5 ms per T̂ on E1 at 128 bits). Only when the
    // label partition cannot be decided in ball arithmetic (exact ties) do the tanh-sinh estimates run: in
    // double up to 128 bits (their error estimates, about 1e-15, limit the digits; reported as 53 bits),
    // above that in the 266-bit type (gaussian_retention.hpp). T̂ where the atoms are many noise widths apart
    // (E1: 16 apart at T̂ = 0, about 4000 nodes; m = 64 at T̂ = 1 would need 20000) are too costly for the
    // trapezoidal rule and take the estimates as well; each row's guarantee says which it got.
    auto certified = line_retention_certified(s, ts);
    if (!certified) return estimated_retention(s, ts);
    std::vector<TimePoint> rest;
    for (std::size_t i = 0; i < ts.size(); ++i)
      if (!(*certified)[i]) rest.push_back(ts[i]);
    if (!rest.empty()) {
      auto est = estimated_retention(s, rest);
      for (std::size_t i = 0, k = 0; i < ts.size(); ++i)
        if (!(*certified)[i]) (*certified)[i] = est[k++];
    }
    std::vector<Retention> out;
    for (auto& r : *certified) out.push_back(*std::move(r));
    return out;
  }

 private:
  static constexpr long kMaxTrapezoidNodes = 12000;

  // Per atom: Σ w_θ² over its components, and its label component (the heaviest, ties: lowest index).
  std::pair<std::vector<ExactReal>, std::vector<int>> atom_squares_and_labels() const {
    std::vector<ExactReal> sq(span_.atoms);
    std::vector<int> best(span_.atoms, -1);
    for (int i = 0; i < model_.size(); ++i) {
      const int j = span_.atom_of[i];
      sq[j] += model_.weights[i] * model_.weights[i];
      if (best[j] < 0 || model_.weights[best[j]] < model_.weights[i]) best[j] = i;
    }
    return {sq, best};
  }

  std::vector<Retention> estimated_retention(const Subset& s, const std::vector<TimePoint>& ts) const {
    if (prec_ > 128) return line_retention_at<Mp80>(s, ts);
    // In double, quadrature nodes near y ~ e^{-T̂}·c lose their position to rounding once |c| is far beyond the
    // noise scale min(σ, 1): with means ±1e8 the cloning probability came out 1.1e-11 low with a stated 1e-12.
    // Such models take the 133-bit path, or 266 bits beyond 1e20 (slower, same estimates otherwise); the rounding
    // of node positions is also part of the stated error (gaussian_retention.cpp).
    const auto c = span_.coordinates<double>();
    double reach = 0;
    for (const auto& x : c) reach = std::max(reach, std::abs(x[0]));
    const double scale = std::min(1.0, std::sqrt(real_of<double>(span_.variance)));
    if (reach > 1e20 * scale) return line_retention_at<Mp80>(s, ts);
    if (reach > 1e5 * scale) return line_retention_at<Mp40>(s, ts);
    return line_retention_at<double>(s, ts);
  }

  // Certified rows, one per T̂ (empty where the T̂ is beyond kMaxTrapezoidNodes); nullopt when the label
  // partition cannot be decided.
  std::optional<std::vector<std::optional<Retention>>> line_retention_certified(const Subset& s,
                                                                               const std::vector<TimePoint>& ts) const {
    // 32 guard bits: the integrands lose a few bits to cancellation in Σ W_k g_k and erf differences.
    std::optional<std::vector<gauss::LineRetentionEnclosure>> enc;
    {
      BallPrecisionScope scope(prec_ + 32);
      gauss::LineRetentionBalls m;
      const auto all = span_.atom_masses(Subset::all(model_.size())), init = span_.atom_masses(s);
      const auto [sq, best] = atom_squares_and_labels();
      m.variance = span_.variance.ball();
      // Span coordinate of atom j: <m_j − m_0, m_1 − m_0>/|m_1 − m_0| (gaussian_span.hpp), as a ball.
      const Ball n1 = span_.atoms > 1 ? sqrt(span_.gram[1][1].ball()) : Ball(1);
      for (int j = 0; j < span_.atoms; ++j) {
        m.c.push_back(j == 0 ? Ball(0) : span_.gram[j][1].ball() / n1);
        m.w.push_back(all[j].ball());
        m.s.push_back(init[j].ball());
        m.clone.push_back((sq[j] / (all[j] * all[j])).ball());
        m.best_w.push_back(model_.weights[best[j]].ball());
        m.label_in_s.push_back(s.contains(best[j]));
      }
      std::vector<gauss::RetentionTime> times;
      for (const auto& t : ts) {
        gauss::RetentionTime rt;
        rt.infinite = t.infinite;
        rt.zero = !t.infinite && t.value.sign() == 0;
        if (!rt.infinite && !rt.zero) rt.et = exp(-t.value.ball());
        times.push_back(std::move(rt));
      }
      enc = gauss::line_retention_certified(m, times, prec_, gauss::RetentionMethod::trapezoid, kMaxTrapezoidNodes);
    }
    if (!enc) return std::nullopt;
    BallPrecisionScope scope(prec_);
    std::vector<std::optional<Retention>> out;
    for (const auto& r : *enc) {
      if (!r.available) {
        out.emplace_back();
        continue;
      }
      out.push_back(Retention{Estimate::from_ball(ball_clamp_unit(r.latent)), Estimate::from_ball(ball_clamp_unit(r.label)),
                              Estimate::from_ball(ball_clamp_unit(r.cloning))});
    }
    return out;
  }

  template <class Real>
  std::vector<Retention> line_retention_at(const Subset& s, const std::vector<TimePoint>& ts) const {
    using std::exp;
    gauss::LineRetentionModel<Real> m;
    const auto c = span_.coordinates<Real>();
    const auto all = span_.atom_masses(Subset::all(model_.size())), init = span_.atom_masses(s);
    const auto [sq, best] = atom_squares_and_labels();
    m.variance = real_of<Real>(span_.variance);
    for (int j = 0; j < span_.atoms; ++j) {
      m.c.push_back(c[j][0]);
      m.w.push_back(real_of<Real>(all[j]));
      m.s.push_back(real_of<Real>(init[j]));
      m.clone.push_back(real_of<Real>(sq[j] / (all[j] * all[j])));
      m.best_w.push_back(real_of<Real>(model_.weights[best[j]]));
      m.label_in_s.push_back(s.contains(best[j]));
    }
    std::vector<Real> ets;
    for (const auto& t : ts) ets.push_back(t.infinite ? Real(0) : Real(exp(-real_of<Real>(t.value))));
    std::vector<Retention> out;
    for (const auto& r : gauss::line_retention(m, ets))
      out.push_back({probability_of(r.latent), probability_of(r.label), probability_of(r.cloning)});
    return out;
  }

  // Variance 0 at t = 0: the components are the point masses at the (distinct) atoms.
  bool at_point_masses(const TimePoint& t) const {
    return span_.variance.sign() == 0 && !t.infinite && t.value.sign() == 0;
  }

  static ExactReal positive_part(const std::vector<ExactReal>& gamma) {
    ExactReal k;
    for (const auto& x : gamma)
      if (x.sign() > 0) k += x;
    return k;
  }

  // κ⁺ − TV as a Ball: the quadrature value split into three doubles (about 159 bits) plus its error.
  template <class Real>
  Ball quadrature_gap(const ExactReal& kplus, const std::vector<ExactReal>& gamma, const std::vector<int>& nz,
                      const TimePoint& t) const {
    const auto v = forward_quadrature<Real>(gamma, nz, t);
    Real r = real_of<Real>(kplus) - v.value;
    Ball out(0);
    for (int i = 0; i < 3; ++i) {
      const double d = r.template convert_to<double>();
      out += Ball(d);
      r -= d;
    }
    const double err = std::abs(r.template convert_to<double>()) + v.error.template convert_to<double>();
    return out + Ball::interval(-err, err);
  }

  template <class Real>
  Real time_scale(const TimePoint& t) const {  // a_t = e^{-t}/σ_t
    using std::exp;
    using std::sqrt;
    const Real u = exp(Real(-2) * real_of<Real>(t.value));
    return sqrt(u / (1 + u * real_of<Real>(span_.variance - ExactReal(1))));
  }

  // The crossing of a quadrature TV with `level`. TV is smooth and strictly decreasing in t, so TOMS 748
  // on TV(t) − level needs a handful of quadratures where bisection to double resolution needs sixty.
  // Phase 1 locates the crossing with double-precision quadratures (about 100× cheaper); phase 2 brackets
  // it at the working precision (TV − level formed there, so no cancellation), widening the phase-1 bracket
  // until the signs confirm it, and polishes it with TOMS 748. The result is widened by the TV error over
  // the slope.
  template <class Real>
  std::optional<Estimate> quadrature_crossing(const std::vector<ExactReal>& gamma, const std::vector<int>& nz,
                                              const Ball& level) const {
    auto at = [](double t) { return TimePoint{ExactReal::from_double(t), false}; };
    const double level_d = level.mid();
    double err_d = 0;
    auto f_d = [&](double t) {
      const auto v = forward_quadrature<double>(gamma, nz, at(t));
      err_d = std::max(err_d, v.error);
      return v.value - level_d;
    };
    // Called only when TV(0) > level > TV(∞) = 0.
    double lo = 0, hi = 1, flo = f_d(lo), fhi = f_d(hi);
    while (fhi > 0) {
      lo = hi;
      flo = fhi;
      hi *= 2;
      if (hi > 1e6) return std::nullopt;
      fhi = f_d(hi);
    }
    double t0 = hi;
    if (fhi < 0 && flo > 0) {
      std::uintmax_t iters = 100;
      const auto br = boost::math::tools::toms748_solve(f_d, lo, hi, flo, fhi,
                                                        boost::math::tools::eps_tolerance<double>(45), iters);
      t0 = br.first + (br.second - br.first) / 2;
    }
    const double h = 1e-4 * std::max(1.0, t0);
    const double slope_d = std::abs(f_d(t0 + h) - f_d(std::max(0.0, t0 - h))) / (t0 + h - std::max(0.0, t0 - h));

    Ball rest = level;
    rest -= Ball(level.mid());
    const Real lv = Real(level.mid()) + Real(rest.mid());  // the level to about 106 bits
    double err = 0;
    auto f = [&](double t) {
      const auto v = forward_quadrature<Real>(gamma, nz, at(t));
      err = std::max(err, v.error.template convert_to<double>());
      return Real(v.value - lv).template convert_to<double>();
    };
    double delta = slope_d > 0 ? std::max(8 * (err_d + 1e-15) / slope_d, 1e-13 * std::max(1.0, t0)) : 1e-6;
    double a = 0, b = 0, fa = 0, fb = 0;
    for (int tries = 0;; ++tries) {
      a = std::max(0.0, t0 - delta);
      b = t0 + delta;
      fa = f(a);
      fb = f(b);
      if (fa >= 0 && fb <= 0) break;
      if (tries == 8) return std::nullopt;  // the generic bisection takes over
      delta *= 64;
    }
    if (fa == 0) b = a;
    else if (fb == 0) a = b;
    else {
      std::uintmax_t iters = 100;
      const auto br = boost::math::tools::toms748_solve(f, a, b, fa, fb, boost::math::tools::eps_tolerance<double>(52),
                                                        iters);
      a = br.first;
      b = br.second;
    }
    const double slope = slope_d > 0 ? slope_d : 1;
    const double widen = err / slope;
    return Estimate{a + (b - a) / 2, std::max(0.0, a - widen), b + widen, Guarantee::estimated, false,
                    std::numeric_limits<Real>::digits};
  }

  template <class Real>
  gauss::Value<Real> forward_quadrature(const std::vector<ExactReal>& gamma, const std::vector<int>& nz,
                                        const TimePoint& t) const {
    const Real a = time_scale<Real>(t);
    const auto c = span_.coordinates<Real>();
    if (span_.rank == 1) {
      std::vector<Real> g, b;
      for (int j : nz) {
        g.push_back(real_of<Real>(gamma[j]));
        b.push_back(a * c[j][0]);
      }
      return gauss::line_tv(g, b);
    }
    // Rank 2 means exactly three atoms, all with γ ≠ 0 here.
    std::array<Real, 3> g, b;
    for (int j = 0; j < 3; ++j) {
      g[j] = real_of<Real>(gamma[j]);
      b[j] = a * c[j][0];
    }
    return gauss::plane_tv(g, b, Real(a * c[2][1]));
  }

  // Three non-collinear means: double-precision nested quadrature whatever the requested precision
  // (its error estimate, not the working precision, limits the digits).
  Estimate plane_fr_tv(const Subset& s_init, const Subset& s_target, const TimePoint& t) const {
    if (span_.variance.sign() == 0) return plane_atoms_fr_tv(s_init, s_target, t);
    const auto c = span_.coordinates<double>();
    const auto all = span_.atom_masses(Subset::all(model_.size()));
    const auto init = span_.atom_masses(s_init), target = span_.atom_masses(s_target);
    gauss::PlaneMixture m;
    m.variance = real_of<double>(span_.variance);
    std::array<double, 3> si, st;
    for (int j = 0; j < 3; ++j) {
      m.c[j] = c[j];
      m.w[j] = real_of<double>(all[j]);
      si[j] = real_of<double>(init[j]);
      st[j] = real_of<double>(target[j]);
    }
    const double et = std::exp(-t.value.to_double());
    const auto lim = gauss::plane_fr_tv_limits(m, et);
    if (lim.relative_sd < gauss::kPlaneFrTvMinRelativeSd)
      throw InputError("components.variance",
                       fmt::format("exact fr-tv for non-collinear means needs variance 0 or a standard deviation >= "
                                   "{:g} × max(1, largest mean coordinate) (here {:g} ×); use Monte Carlo",
                                   gauss::kPlaneFrTvMinRelativeSd, lim.relative_sd));
    if (lim.sharpness > gauss::kPlaneFrTvMaxSharpness)
      throw InputError("t_hat", fmt::format("exact fr-tv for non-collinear means needs e^(-t_hat)·sqrt(1 − e^(-2 t_hat))/"
                                            "v_t_hat × (extent of the means) <= {:g}, here {:.3g} (v_t_hat = "
                                            "e^(-2 t_hat)·variance + 1 − e^(-2 t_hat)); use Monte Carlo",
                                            gauss::kPlaneFrTvMaxSharpness, lim.sharpness));
    const auto v = gauss::plane_fr_tv(m, si, st, et);
    Estimate e = Estimate::with_error(v.value, v.error + std::abs(v.value) * 0x1p-52, 53);
    return in_unit_interval(e);
  }

  // Point masses at three non-collinear atoms: p^{S_init,T̂} lives on the atoms, so the TV is
  // ½ Σ_j w_j |h_j/w_init − P(S_target | c_j)/w_target| with h_j = E[P(S_init | Y) | X = c_j],
  // Y ~ N(e^{-T̂} c_j, v I_2), v = 1 − e^{-2T̂}: one nested tanh-sinh integral per atom (double precision).
  Estimate plane_atoms_fr_tv(const Subset& s_init, const Subset& s_target, const TimePoint& t) const {
    const auto c = span_.coordinates<double>();
    const auto all = span_.atom_masses(Subset::all(model_.size()));
    const auto init = span_.atom_masses(s_init), target = span_.atom_masses(s_target);
    std::array<double, 3> w, fi, ft;
    double w_init = 0, w_target = 0;
    for (int j = 0; j < 3; ++j) {
      w[j] = real_of<double>(all[j]);
      fi[j] = real_of<double>(init[j]) / w[j];
      ft[j] = real_of<double>(target[j]) / w[j];
      w_init += real_of<double>(init[j]);
      w_target += real_of<double>(target[j]);
    }
    const double et = std::exp(-t.value.to_double()), v = 1 - et * et, sd = std::sqrt(v);
    auto p_init = [&](double y0, double y1) {
      std::array<double, 3> l;
      double top = -std::numeric_limits<double>::infinity();
      for (int k = 0; k < 3; ++k) {
        const double d0 = y0 - et * c[k][0], d1 = y1 - et * c[k][1];
        l[k] = std::log(w[k]) - (d0 * d0 + d1 * d1) / (2 * v);
        top = std::max(top, l[k]);
      }
      double num = 0, den = 0;
      for (int k = 0; k < 3; ++k) {
        const double e = std::exp(l[k] - top);
        num += fi[k] * e;
        den += e;
      }
      return num / den;
    };
    const double cut = 9, tol = 1e-10;
    double value = 0, err = 0;
    for (int j = 0; j < 3; ++j) {
      auto outer = [&](double z0) {
        auto inner = [&](double z1) {
          return gauss::normal_pdf(z1) * p_init(et * c[j][0] + sd * z0, et * c[j][1] + sd * z1);
        };
        return gauss::normal_pdf(z0) * gauss::integrate<double>(inner, -cut, cut, tol).value;
      };
      const auto h = gauss::integrate<double>(outer, -cut, cut, tol);
      value += w[j] * std::abs(h.value / w_init - ft[j] / w_target);
      err += w[j] * (h.error + tol + 2 * gauss::normal_sf(cut)) / w_init;
    }
    Estimate e = Estimate::with_error(value / 2, err / 2 + 1e-15, 53);
    return in_unit_interval(e);
  }

  // T̂ so small that the reverse step's spread √(1 − e^{−2T̂}) is below 10^-3 of the components' scale (their
  // standard deviation, or the closest two atoms' distance for point masses). There the line quadrature cannot
  // resolve the posterior's steps and its error estimate failed: E1 at T̂ = 1e-10 gave 1.5e-10 ± 2e-11 for a value
  // near 8e-24, three collinear means at T̂ = 1e-50 gave 2 with lo > hi, and point masses at 1e-300 a Boost error.
  bool tiny_t_hat(const TimePoint& t) const {
    double scale2 = span_.variance.to_double();
    if (scale2 == 0) {
      scale2 = std::numeric_limits<double>::infinity();
      for (int i = 0; i < span_.atoms; ++i)
        for (int j = i + 1; j < span_.atoms; ++j) scale2 = std::min(scale2, span_.distance2(i, j).to_double());
    }
    return -std::expm1(-2 * t.value.to_double()) < 1e-6 * scale2;
  }

  // The continuity enclosure at tiny T̂ (THEORY.md §1, L3): resampling X' from the posterior of S_init alone would
  // give p^{S_init} back, and the full posterior differs from it by at most its mass outside S_init, so
  //   |fr-tv(T̂) − TV(p^{S_init}, p^{S_target})| ≤ TV(p^{S_init,T̂}, p^{S_init}) ≤ E_{Y~p_T̂^{S_init}} P(Θ∖S_init | Y)
  //                                            = 1 − R(T̂),
  // R the latent retention. Both ends come from engines that resolve this regime (the forward TV at time 0 and
  // the retention integral, whose integrand varies on the components' scale, not on the noise's). The value is
  // the T̂ → 0 limit; the interval is as wide as the posterior's mass outside S_init (E1: 1e-15).
  Estimate tiny_t_hat_fr_tv(const Subset& s_init, const Subset& s_target, const TimePoint& t) const {
    const Estimate tv0 = forward_tv(s_init, s_target, TimePoint::integer(0));
    const Estimate latent = retention_impl(s_init, {t}).front().latent;
    const double inf = std::numeric_limits<double>::infinity();
    const double b = std::nextafter(1 - latent.lo, inf);  // rounded up
    Estimate e = tv0;
    e.lo = std::nextafter(tv0.lo - b, -inf);
    e.hi = std::nextafter(tv0.hi + b, inf);
    e.guarantee = std::max({tv0.guarantee, latent.guarantee, Guarantee::certified});  // declared strongest first
    e.precision_bits = std::max(tv0.precision_bits, latent.precision_bits);
    return in_unit_interval(e);
  }

  template <class Real>
  gauss::Value<Real> line_fr_tv(const Subset& s_init, const Subset& s_target, const TimePoint& t) const {
    using std::exp;
    const auto c = span_.coordinates<Real>();
    gauss::LineMixture<Real> m;
    m.variance = real_of<Real>(span_.variance);
    const auto all = span_.atom_masses(Subset::all(model_.size()));
    const auto init = span_.atom_masses(s_init), target = span_.atom_masses(s_target);
    std::vector<Real> si, st;
    for (int j = 0; j < span_.atoms; ++j) {
      m.c.push_back(c[j][0]);
      m.w.push_back(real_of<Real>(all[j]));
      si.push_back(real_of<Real>(init[j]));
      st.push_back(real_of<Real>(target[j]));
    }
    const Real et = exp(-real_of<Real>(t.value));
    return gauss::line_fr_tv(m, si, st, et);
  }

  GaussianSpan span_;
};

}  // namespace

std::unique_ptr<ExactEngine> gaussian_engine_make(const Model& model, long precision_bits) {
  if (!model.family<GaussianComponents>() || model.process.kind != ProcessKind::ou)
    throw InputError("process.kind", "the Gaussian engine needs gaussian components with the 'ou' process");
  return std::make_unique<GaussianEngine>(model, precision_bits);
}

}  // namespace critwin
