#include "model/ball.hpp"

#include <arb_hypgeom.h>
#include <flint/fmpz.h>

#include <cmath>
#include <limits>

namespace critwin {

namespace {
thread_local long g_precision = 128;
}  // namespace

long ball_precision() { return g_precision; }
void ball_set_precision(long bits) { g_precision = bits; }

Ball Ball::ratio(long p, long q) {
  Ball r;
  arb_set_si(r.v_, p);
  arb_div_si(r.v_, r.v_, q, g_precision);
  return r;
}

Ball Ball::interval(double lo, double hi) {
  Ball a(lo), b(hi), r;
  arb_union(r.v_, a.v_, b.v_, g_precision);
  return r;
}

Ball Ball::pos_inf() {
  Ball r;
  arb_pos_inf(r.v_);
  return r;
}

double Ball::mid() const { return arf_get_d(arb_midref(v_), ARF_RND_NEAR); }

double Ball::lower() const {
  if (!arb_is_finite(v_)) return -std::numeric_limits<double>::infinity();
  arf_t t;
  arf_init(t);
  arb_get_lbound_arf(t, v_, 64);
  double d = arf_get_d(t, ARF_RND_FLOOR);
  arf_clear(t);
  return d;
}

double Ball::upper() const {
  if (!arb_is_finite(v_)) return std::numeric_limits<double>::infinity();
  arf_t t;
  arf_init(t);
  arb_get_ubound_arf(t, v_, 64);
  double d = arf_get_d(t, ARF_RND_CEIL);
  arf_clear(t);
  return d;
}

double Ball::rad() const { return mag_get_d(arb_radref(v_)); }

std::string Ball::to_string(long digits) const {
  char* s = arb_get_str(v_, digits, 0);
  std::string out(s);
  flint_free(s);
  return out;
}

Ball& Ball::operator+=(const Ball& o) { arb_add(v_, v_, o.v_, g_precision); return *this; }
Ball& Ball::operator-=(const Ball& o) { arb_sub(v_, v_, o.v_, g_precision); return *this; }
Ball& Ball::operator*=(const Ball& o) { arb_mul(v_, v_, o.v_, g_precision); return *this; }
Ball& Ball::operator/=(const Ball& o) { arb_div(v_, v_, o.v_, g_precision); return *this; }

Ball operator+(const Ball& a, const Ball& b) { Ball r(a); r += b; return r; }
Ball operator-(const Ball& a, const Ball& b) { Ball r(a); r -= b; return r; }
Ball operator*(const Ball& a, const Ball& b) { Ball r(a); r *= b; return r; }
Ball operator/(const Ball& a, const Ball& b) { Ball r(a); r /= b; return r; }
Ball operator-(const Ball& a) { Ball r; arb_neg(r.get(), a.get()); return r; }

#define CRITWIN_BALL_UNARY(name, call)                 \
  Ball name(const Ball& x) {                           \
    Ball r;                                            \
    call(r.get(), x.get(), g_precision);               \
    return r;                                          \
  }
CRITWIN_BALL_UNARY(sqrt, arb_sqrt)
CRITWIN_BALL_UNARY(exp, arb_exp)
CRITWIN_BALL_UNARY(expm1, arb_expm1)
CRITWIN_BALL_UNARY(log, arb_log)
CRITWIN_BALL_UNARY(log1p, arb_log1p)
CRITWIN_BALL_UNARY(erf, arb_hypgeom_erf)
CRITWIN_BALL_UNARY(erfc, arb_hypgeom_erfc)
CRITWIN_BALL_UNARY(erfinv, arb_hypgeom_erfinv)
CRITWIN_BALL_UNARY(erfcinv, arb_hypgeom_erfcinv)
#undef CRITWIN_BALL_UNARY

Ball abs(const Ball& x) { Ball r; arb_abs(r.get(), x.get()); return r; }
Ball pow(const Ball& x, const Ball& y) { Ball r; arb_pow(r.get(), x.get(), y.get(), g_precision); return r; }
Ball pow(const Ball& x, long n) { Ball r; arb_pow_ui(r.get(), x.get(), static_cast<ulong>(n < 0 ? -n : n), g_precision); if (n < 0) arb_inv(r.get(), r.get(), g_precision); return r; }
Ball min(const Ball& a, const Ball& b) { Ball r; arb_min(r.get(), a.get(), b.get(), g_precision); return r; }
Ball max(const Ball& a, const Ball& b) { Ball r; arb_max(r.get(), a.get(), b.get(), g_precision); return r; }
Ball ball_pi() { Ball r; arb_const_pi(r.get(), g_precision); return r; }
Ball ball_sqrt2() { Ball r; arb_sqrt_ui(r.get(), 2, g_precision); return r; }
Ball ball_union(const Ball& a, const Ball& b) { Ball r; arb_union(r.get(), a.get(), b.get(), g_precision); return r; }

Ball ball_log_binomial(long n, long k) {
  fmpz_t c;
  fmpz_init(c);
  fmpz_bin_uiui(c, static_cast<ulong>(n), static_cast<ulong>(k));
  Ball r;
  arb_set_fmpz(r.get(), c);
  arb_log(r.get(), r.get(), g_precision);
  fmpz_clear(c);
  return r;
}

}  // namespace critwin
