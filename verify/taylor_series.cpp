#include "verify/taylor_series.hpp"

#include <cmath>

namespace critwin::verify::taylor_series {

namespace {

// h' = u' w: h_k = (1/k) Σ_{j=1..k} j u_j w_{k-j} — the recurrence behind exp, erf and erfcinv.
Num integrate_step(const Series& u, const Series& w, size_t k) {
  Num s = num_int(0);
  for (size_t j = 1; j <= k; ++j) s = s + num_int(static_cast<long>(j)) * u[j] * w[k - j];
  return s / num_int(static_cast<long>(k));
}

}  // namespace

Series constant(const Num& c, size_t n) {
  Series s(n, num_int(0));
  s[0] = c;
  return s;
}

Series mul(const Series& a, const Series& b) {
  Series c(a.size(), num_int(0));
  for (size_t k = 0; k < a.size(); ++k)
    for (size_t j = 0; j <= k; ++j) c[k] = c[k] + a[j] * b[k - j];
  return c;
}

std::optional<Series> div(const Series& a, const Series& b) {
  if (b[0].b.contains_zero() && !(b[0].q && b[0].q->sign() != 0)) return std::nullopt;
  Series c(a.size(), num_int(0));
  for (size_t k = 0; k < a.size(); ++k) {
    Num s = a[k];
    for (size_t j = 1; j <= k; ++j) s = s - b[j] * c[k - j];
    c[k] = s / b[0];
  }
  return c;
}

Series exp_series(const Series& u) {
  Series h(u.size(), num_int(0));
  h[0] = u[0].is_zero() ? num_int(1) : Num::ball(exp(u[0].b));
  for (size_t k = 1; k < u.size(); ++k) h[k] = integrate_step(u, h, k);
  return h;
}

std::optional<Series> log_series(const Series& u) {
  if (!u[0].b.is_finite() || !(u[0].b.certainly_gt(Ball(0)) || (u[0].q && u[0].q->sign() > 0))) return std::nullopt;
  Series h(u.size(), num_int(0));
  h[0] = (u[0].q && *u[0].q == ExactReal::from_int(1)) ? num_int(0) : Num::ball(log(u[0].b));
  // u h' = u'  =>  k u_0 h_k = k u_k − Σ_{j=1..k-1} j h_j u_{k-j}
  for (size_t k = 1; k < u.size(); ++k) {
    Num s = num_int(static_cast<long>(k)) * u[k];
    for (size_t j = 1; j < k; ++j) s = s - num_int(static_cast<long>(j)) * h[j] * u[k - j];
    h[k] = s / (num_int(static_cast<long>(k)) * u[0]);
  }
  return h;
}

std::optional<Series> sqrt_series(const Series& u) {
  if (!u[0].b.is_finite() || !u[0].b.certainly_gt(Ball(0))) return std::nullopt;  // not smooth at 0
  Series h(u.size(), num_int(0));
  h[0] = (u[0].q && *u[0].q == ExactReal::from_int(1)) ? num_int(1) : Num::ball(sqrt(u[0].b));
  for (size_t k = 1; k < u.size(); ++k) {
    Num s = u[k];
    for (size_t j = 1; j < k; ++j) s = s - h[j] * h[k - j];
    h[k] = s / (num_int(2) * h[0]);
  }
  return h;
}

Series erf_series(const Series& u, bool complement) {
  Series minus_sq = mul(u, u);
  for (auto& c : minus_sq) c = -c;
  Series w = exp_series(minus_sq);
  const Num two_over_sqrt_pi = Num::ball(Ball(2) / sqrt(ball_pi()));
  for (auto& c : w) c = c * two_over_sqrt_pi;
  Series h(u.size(), num_int(0));
  if (complement) h[0] = u[0].is_zero() ? num_int(1) : Num::ball(erfc(u[0].b));
  else h[0] = u[0].is_zero() ? num_int(0) : Num::ball(erf(u[0].b));
  for (size_t k = 1; k < u.size(); ++k) h[k] = complement ? -integrate_step(u, w, k) : integrate_step(u, w, k);
  return h;
}

std::optional<Series> erfcinv_series(const Series& u) {
  if (!u[0].b.is_finite() || !u[0].b.certainly_gt(Ball(0)) || !u[0].b.certainly_lt(Ball(2))) return std::nullopt;
  Series y(u.size(), num_int(0));
  y[0] = Num::ball(erfcinv(u[0].b));
  // y' = u' w with w = −(√π/2) exp(y²); w_m needs y_0..y_m only.
  const Num c = Num::ball(-sqrt(ball_pi()) / Ball(2));
  for (size_t k = 1; k < u.size(); ++k) {
    Series yk(y.begin(), y.begin() + static_cast<long>(k));
    Series w = exp_series(mul(yk, yk));
    for (auto& x : w) x = x * c;
    w.resize(u.size(), num_int(0));
    y[k] = integrate_step(u, w, k);
  }
  return y;
}

Series pow_int(const Series& u, long n) {
  Series r = constant(num_int(1), u.size()), base = u;
  for (long m = n; m > 0; m >>= 1) {
    if (m & 1) r = mul(r, base);
    if (m > 1) base = mul(base, base);
  }
  return r;
}

int certain_sign(const Num& x) {
  if (x.q) return x.q->sign();
  if (x.b.certainly_gt(Ball(0))) return 1;
  if (x.b.certainly_lt(Ball(0))) return -1;
  return 0;
}

std::optional<Series> function_series(Op op, const Num& u0, size_t n) {
  Series t(n, num_int(0));
  t[0] = u0;
  if (n > 1) t[1] = num_int(1);
  switch (op) {
    case Op::exp: return exp_series(t);
    case Op::ln: return log_series(t);
    case Op::sqrt: return sqrt_series(t);
    case Op::erf: return erf_series(t, false);
    case Op::erfc: return erf_series(t, true);
    case Op::erfcinv: return erfcinv_series(t);
    case Op::div: return div(constant(num_int(1), n), t);
    default: return std::nullopt;
  }
}

ExactReal simplest_dyadic(const ExactReal& lo, const ExactReal& hi) {
  if (lo.sign() <= 0 && hi.sign() >= 0) return ExactReal();
  const double l = lo.to_double();
  for (int j = 0; j <= 60; ++j) {
    const double scale = std::ldexp(1.0, j);
    for (double k : {std::ceil(l * scale) - 1, std::ceil(l * scale), std::ceil(l * scale) + 1}) {
      if (!std::isfinite(k) || std::fabs(k) > 9e15) continue;
      const ExactReal c = ExactReal::from_double(k) / ExactReal::from_double(scale);
      if (lo <= c && c <= hi) return c;
    }
  }
  return midpoint(lo, hi);
}

}  // namespace critwin::verify::taylor_series
