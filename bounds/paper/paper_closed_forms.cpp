#include "bounds/paper/paper_closed_forms.hpp"

#include <algorithm>

namespace critwin {

namespace {
std::optional<Estimate> finite_or_none(const Ball& b) {
  if (!b.is_finite()) return std::nullopt;
  return Estimate::from_ball(b);
}
}  // namespace

PaperWindow paper_e1_window(const ExactReal& m_squared, const ExactReal& eps) {
  const Ball lm = log(m_squared.ball()) / Ball(2), e = eps.ball();
  PaperWindow w;
  w.t_before = finite_or_none(lm + log(Ball(2)) - log(e));
  // ln ln(1/(2ε²)) needs 1/(2ε²) > 1, i.e. ε < 1/√2; Arb returns a non-finite ball otherwise.
  Ball inner = log(Ball(1) / (Ball(2) * e * e));
  if (inner.certainly_gt(Ball(0))) w.t_after = finite_or_none(lm - log(inner));
  return w;
}

PaperWindow paper_e2_window(const std::vector<ExactReal>& dist2, int i, const ExactReal& eps) {
  const Ball e = eps.ball();
  const long k = static_cast<long>(dist2.size());
  std::optional<Ball> lmax, lmin;
  for (long j = 0; j < k; ++j) {
    if (j == i) continue;
    Ball l = log(dist2[static_cast<size_t>(j)].ball()) / Ball(2);
    lmax = lmax ? max(*lmax, l) : l;
    lmin = lmin ? min(*lmin, l) : l;
  }
  PaperWindow w;
  if (!lmax) return w;
  w.t_before = finite_or_none(*lmax - log(e));
  Ball inner = log(Ball(k) / e);
  if (inner.certainly_gt(Ball(0))) w.t_after = finite_or_none(*lmin - log(Ball(8) * inner) / Ball(2));
  return w;
}

PaperWindow paper_e3_window(long d_hamming, const ExactReal& eps) {
  const Ball e = eps.ball(), inv_d = Ball(1) / Ball(d_hamming);
  PaperWindow w;
  w.t_before = finite_or_none(pow(Ball(1) - e, inv_d));
  w.t_after = finite_or_none(pow(e * e, inv_d));
  return w;
}

namespace {
// The least k >= 1 with Π_{first k factors} <= level (exact rationals), nullopt when none.
std::optional<long> least_overlap_steps(const std::vector<std::pair<ExactReal, long>>& factors, const ExactReal& level) {
  ExactReal cur = ExactReal::from_int(1);
  long k = 0;
  for (const auto& [f, count] : factors) {
    if (cur * pow(f, count) > level) {
      cur = cur * pow(f, count);
      k += count;
      continue;
    }
    long lo = 0, hi = count;  // cur·f^lo > level (lo = 0: cur > level since k was not found yet), cur·f^hi <= level
    while (hi - lo > 1) {
      const long mid = lo + (hi - lo) / 2;
      (cur * pow(f, mid) <= level ? hi : lo) = mid;
    }
    return k + hi;
  }
  return std::nullopt;
}
}  // namespace

PaperWindow paper_e4_window(long length, long agree, const std::vector<std::pair<ExactReal, long>>& overlap_factors,
                            const ExactReal& eps) {
  PaperWindow w;
  w.t_before = Estimate::exact_value(static_cast<double>(length - agree));
  if (auto k = least_overlap_steps(overlap_factors, eps))
    w.t_after = Estimate::exact_value(static_cast<double>(length - agree - *k));
  if (auto k = least_overlap_steps(overlap_factors, eps * eps))
    w.t_after_eps2 = Estimate::exact_value(static_cast<double>(length - agree - *k));
  return w;
}

PaperWindow paper_e5_window(long length, const ExactReal& delta, const ExactReal& eps) {
  const Ball e = eps.ball(), d = delta.ball(), L(length);
  PaperWindow w;
  w.t_before = finite_or_none(L - e * e / (d * d) + Ball(2));
  w.t_after = finite_or_none(L - log(Ball(2) / (e * e)) / (Ball(2) * d * d));
  return w;
}

bool paper_e5_eps_hypothesis(const ExactReal& delta, const ExactReal& eps) {
  // A strict inequality between rationals: at the working precision the balls separate unless the two
  // sides are equal, in which case "<" is false, which is also the right answer.
  Ball lhs = eps.ball() * eps.ball();
  Ball rhs = (Ball(1) / Ball(4) - delta.ball() * delta.ball()) / Ball(1000);
  return lhs.certainly_lt(rhs);
}

std::optional<bool> paper_e5_barrier_hypothesis(const ExactReal& delta, const ExactReal& eps, long barrier) {
  const Ball d = delta.ball(), e = eps.ball();
  const Ball lhs = log(Ball(2) / (e * e)) / (Ball(2) * d * d), A(barrier);
  if (lhs.certainly_lt(A)) return true;
  if (lhs.certainly_ge(A)) return false;
  return std::nullopt;
}

}  // namespace critwin

namespace critwin {

std::optional<Estimate> paper_thm9_phi_inverse(const ExactReal& rho, const ExactReal& level) {
  // φ(x) = level ⇔ level(1−ρ²)/4 x² + (2 level − 1) x + (4 level − 2) = 0 (expand the denominator:
  // (2 + x(1+ρ)/2)(2 + x(1−ρ)/2) = 4 + 2x + x²(1−ρ²)/4). For 0 < level < ½ = φ(0) the product of the
  // roots is negative, so exactly one is positive; written as 2C/(−B − √disc) to avoid cancellation.
  const Ball l = level.ball(), r = rho.ball();
  if (!(l.certainly_gt(Ball(0)) && l.certainly_lt(Ball::ratio(1, 2)))) return std::nullopt;
  const Ball a = l * (Ball(1) - r * r) / Ball(4), b = Ball(2) * l - Ball(1), c = Ball(4) * l - Ball(2);
  const Ball disc = b * b - Ball(4) * a * c;
  return finite_or_none(Ball(2) * c / (-b - sqrt(disc)));
}

PaperWindow paper_thm9_window(const ExactReal& alpha, const ExactReal& rho, const ExactReal& eps) {
  const Ball al = alpha.ball(), r = rho.ball(), e = eps.ball();
  PaperWindow w;
  w.t_before = finite_or_none(log(al * sqrt(Ball(1) + al * al) * sqrt(Ball(1) - r * r) / e) / Ball(2));
  if (auto x = paper_thm9_phi_inverse(rho, eps * eps)) {
    const Ball xb = Ball::interval(x->lo, x->hi);
    if (xb.certainly_gt(Ball(0))) w.t_after = finite_or_none(log(al / xb) / Ball(2));
  }
  return w;
}

std::optional<bool> paper_thm9_hypothesis(const ExactReal& alpha, long context, const ExactReal& eps) {
  const Ball al = alpha.ball();
  const Ball lhs = exp(Ball(-context)) * sqrt(al - log1p(al));
  if (lhs.certainly_le(eps.ball())) return true;
  if (lhs.certainly_gt(eps.ball())) return false;
  return std::nullopt;
}

}  // namespace critwin

namespace critwin {

std::optional<Estimate> paper_e2_kl_t_before(const std::vector<ExactReal>& dist2, const std::vector<ExactReal>& weights,
                                             const ExactReal& eps) {
  ExactReal s;
  for (size_t j = 0; j < dist2.size(); ++j) s += weights[j] * dist2[j];
  if (s.sign() == 0) return Estimate::exact_value(0);
  const Ball e = eps.ball();
  const Ball t = log(s.ball() / (Ball(4) * e * e)) / Ball(2);
  if (t.certainly_le(Ball(0))) return Estimate::exact_value(0);
  return finite_or_none(max(t, Ball(0)));
}

}  // namespace critwin
