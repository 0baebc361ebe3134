#include "model/ball.hpp"
#include "model/mpfr_bridge.hpp"

#include <arb.h>
#include <arb_hypgeom.h>
#include <flint/fmpz.h>
#include <mpfr.h>

#include <cmath>
#include <limits>
#include <new>
#include <stdexcept>

namespace critwin {

static_assert(sizeof(arb_struct) == 48, "Ball::kBytes must equal sizeof(arb_struct)");
static_assert(alignof(arb_struct) <= 8, "Ball's storage is aligned to 8 bytes");

namespace {
thread_local long g_precision = 128;
}  // namespace

// The typed view of a Ball's storage (an arb_struct, implicitly created in the byte array by arb_init).
struct BallRaw {
  static arb_ptr p(Ball& b) { return std::launder(static_cast<arb_ptr>(b.raw())); }
  static arb_srcptr p(const Ball& b) { return std::launder(static_cast<arb_srcptr>(b.raw())); }
};

namespace {
inline arb_ptr A(Ball& b) { return BallRaw::p(b); }
inline arb_srcptr A(const Ball& b) { return BallRaw::p(b); }
}  // namespace

long ball_precision() { return g_precision; }
void ball_set_precision(long bits) { g_precision = bits; }

Ball::Ball(double x) { arb_init(A(*this)); arb_set_d(A(*this), x); }
Ball::Ball(int x) { arb_init(A(*this)); arb_set_si(A(*this), x); }
Ball::Ball(long x) { arb_init(A(*this)); arb_set_si(A(*this), x); }
Ball::Ball(const Ball& o) { arb_init(A(*this)); arb_set(A(*this), A(o)); }
Ball& Ball::operator=(const Ball& o) { if (this != &o) arb_set(A(*this), A(o)); return *this; }
Ball::~Ball() { arb_clear(A(*this)); }

Ball Ball::ratio(long p, long q) {
  Ball r;
  arb_set_si(A(r), p);
  arb_div_si(A(r), A(r), q, g_precision);
  return r;
}

Ball Ball::interval(double lo, double hi) {
  Ball a(lo), b(hi), r;
  arb_union(A(r), A(a), A(b), g_precision);
  return r;
}

Ball Ball::pos_inf() {
  Ball r;
  arb_pos_inf(A(r));
  return r;
}

double Ball::mid() const { return arf_get_d(arb_midref(A(*this)), ARF_RND_NEAR); }

double Ball::lower() const {
  if (!arb_is_finite(A(*this))) return -std::numeric_limits<double>::infinity();
  arf_t t;
  arf_init(t);
  arb_get_lbound_arf(t, A(*this), 64);
  double d = arf_get_d(t, ARF_RND_FLOOR);
  arf_clear(t);
  return d;
}

double Ball::upper() const {
  if (!arb_is_finite(A(*this))) return std::numeric_limits<double>::infinity();
  arf_t t;
  arf_init(t);
  arb_get_ubound_arf(t, A(*this), 64);
  double d = arf_get_d(t, ARF_RND_CEIL);
  arf_clear(t);
  return d;
}

double Ball::rad() const { return mag_get_d(arb_radref(A(*this))); }

namespace {
// One of Arb's outward bounds (arb_get_lbound_arf, ...) at the working precision, as an exact ball.
Ball endpoint_ball(const Ball& x, void (*bound)(arf_t, const arb_t, slong)) {
  Ball r;
  arf_t a;
  arf_init(a);
  bound(a, A(x), g_precision);
  arb_set_arf(A(r), a);
  arf_clear(a);
  return r;
}
}  // namespace

Ball Ball::lower_endpoint() const { return endpoint_ball(*this, arb_get_lbound_arf); }
Ball Ball::upper_endpoint() const { return endpoint_ball(*this, arb_get_ubound_arf); }
Ball Ball::abs_upper_endpoint() const { return endpoint_ball(*this, arb_get_abs_ubound_arf); }

bool Ball::is_finite() const { return arb_is_finite(A(*this)); }
bool Ball::is_pos_inf() const { return arf_is_pos_inf(arb_midref(A(*this))) != 0; }
bool Ball::is_exact() const { return arb_is_exact(A(*this)); }
bool Ball::is_zero() const { return arb_is_zero(A(*this)); }
long Ball::accuracy_bits() const { return arb_rel_accuracy_bits(A(*this)); }
bool Ball::contains(const Ball& o) const { return arb_contains(A(*this), A(o)); }
bool Ball::contains_zero() const { return arb_contains_zero(A(*this)); }
bool Ball::overlaps(const Ball& o) const { return arb_overlaps(A(*this), A(o)); }
bool Ball::certainly_lt(const Ball& o) const { return arb_lt(A(*this), A(o)); }
bool Ball::certainly_le(const Ball& o) const { return arb_le(A(*this), A(o)); }
bool Ball::certainly_gt(const Ball& o) const { return arb_gt(A(*this), A(o)); }
bool Ball::certainly_ge(const Ball& o) const { return arb_ge(A(*this), A(o)); }
bool Ball::certainly_eq(const Ball& o) const { return arb_eq(A(*this), A(o)); }
bool Ball::certainly_ne(const Ball& o) const { return arb_ne(A(*this), A(o)); }

std::string Ball::to_string(long digits) const {
  char* s = arb_get_str(A(*this), digits, 0);
  std::string out(s);
  flint_free(s);
  return out;
}

Ball Ball::parse(const std::string& text) {
  Ball r;
  if (arb_set_str(A(r), text.c_str(), g_precision) != 0)
    throw std::invalid_argument("Ball::parse: not an Arb decimal ball: '" + text + "'");
  return r;
}

Ball& Ball::operator+=(const Ball& o) { arb_add(A(*this), A(*this), A(o), g_precision); return *this; }
Ball& Ball::operator-=(const Ball& o) { arb_sub(A(*this), A(*this), A(o), g_precision); return *this; }
Ball& Ball::operator*=(const Ball& o) { arb_mul(A(*this), A(*this), A(o), g_precision); return *this; }
Ball& Ball::operator/=(const Ball& o) { arb_div(A(*this), A(*this), A(o), g_precision); return *this; }

Ball& Ball::set_zero() { arb_zero(A(*this)); return *this; }
Ball& Ball::add_mul(const Ball& a, const Ball& b) { arb_addmul(A(*this), A(a), A(b), g_precision); return *this; }
Ball& Ball::assign_add(const Ball& a, const Ball& b) { arb_add(A(*this), A(a), A(b), g_precision); return *this; }
Ball& Ball::assign_mul(const Ball& a, const Ball& b) { arb_mul(A(*this), A(a), A(b), g_precision); return *this; }
Ball& Ball::assign_div(const Ball& a, const Ball& b) { arb_div(A(*this), A(a), A(b), g_precision); return *this; }
Ball& Ball::assign_abs(const Ball& a) { arb_abs(A(*this), A(a)); return *this; }
Ball& Ball::mul_si(long n) { arb_mul_si(A(*this), A(*this), n, g_precision); return *this; }
Ball& Ball::div_si(long n) { arb_div_si(A(*this), A(*this), n, g_precision); return *this; }

Ball operator+(const Ball& a, const Ball& b) { Ball r(a); r += b; return r; }
Ball operator-(const Ball& a, const Ball& b) { Ball r(a); r -= b; return r; }
Ball operator*(const Ball& a, const Ball& b) { Ball r(a); r *= b; return r; }
Ball operator/(const Ball& a, const Ball& b) { Ball r(a); r /= b; return r; }
Ball operator-(const Ball& a) { Ball r; arb_neg(A(r), A(a)); return r; }

#define CRITWIN_BALL_UNARY(name, call)                 \
  Ball name(const Ball& x) {                           \
    Ball r;                                            \
    call(A(r), A(x), g_precision);                     \
    return r;                                          \
  }
CRITWIN_BALL_UNARY(sqrt, arb_sqrt)
CRITWIN_BALL_UNARY(exp, arb_exp)
CRITWIN_BALL_UNARY(expm1, arb_expm1)
CRITWIN_BALL_UNARY(log, arb_log)
CRITWIN_BALL_UNARY(log1p, arb_log1p)
CRITWIN_BALL_UNARY(atan, arb_atan)
CRITWIN_BALL_UNARY(erf, arb_hypgeom_erf)
CRITWIN_BALL_UNARY(erfc, arb_hypgeom_erfc)
CRITWIN_BALL_UNARY(erfinv, arb_hypgeom_erfinv)
CRITWIN_BALL_UNARY(erfcinv, arb_hypgeom_erfcinv)
#undef CRITWIN_BALL_UNARY

Ball abs(const Ball& x) { Ball r; arb_abs(A(r), A(x)); return r; }
Ball pow(const Ball& x, const Ball& y) { Ball r; arb_pow(A(r), A(x), A(y), g_precision); return r; }
Ball pow(const Ball& x, long n) { Ball r; arb_pow_ui(A(r), A(x), static_cast<ulong>(n < 0 ? -n : n), g_precision); if (n < 0) arb_inv(A(r), A(r), g_precision); return r; }
Ball min(const Ball& a, const Ball& b) { Ball r; arb_min(A(r), A(a), A(b), g_precision); return r; }
Ball max(const Ball& a, const Ball& b) { Ball r; arb_max(A(r), A(a), A(b), g_precision); return r; }
Ball ball_pi() { Ball r; arb_const_pi(A(r), g_precision); return r; }
Ball ball_sqrt2() { Ball r; arb_sqrt_ui(A(r), 2, g_precision); return r; }
Ball ball_union(const Ball& a, const Ball& b) { Ball r; arb_union(A(r), A(a), A(b), g_precision); return r; }

Ball ball_gamma_lower_regularized(const Ball& a, const Ball& x) {
  Ball r;
  arb_hypgeom_gamma_lower(A(r), A(a), A(x), 1, g_precision);
  return r;
}

Ball ball_log_binomial(long n, long k) {
  fmpz_t c;
  fmpz_init(c);
  fmpz_bin_uiui(c, static_cast<ulong>(n), static_cast<ulong>(k));
  Ball r;
  arb_set_fmpz(A(r), c);
  arb_log(A(r), A(r), g_precision);
  fmpz_clear(c);
  return r;
}

int ball_sign(const Ball& x) {
  if (arb_is_positive(A(x))) return 1;
  if (arb_is_negative(A(x))) return -1;
  return 0;
}

Ball ball_clamp_unit(const Ball& x) {
  if (!x.is_finite()) return x;
  const long prec = g_precision;
  arf_t lo, hi, zero, one;
  arf_init(lo);
  arf_init(hi);
  arf_init(zero);
  arf_init(one);
  arf_one(one);
  arb_get_lbound_arf(lo, A(x), prec);
  arb_get_ubound_arf(hi, A(x), prec);
  if (arf_cmp(lo, zero) < 0) arf_set(lo, zero);
  if (arf_cmp(hi, one) > 0) arf_set(hi, one);
  Ball out = x;
  if (arf_cmp(lo, hi) <= 0) arb_set_interval_arf(A(out), lo, hi, prec);
  arf_clear(lo);
  arf_clear(hi);
  arf_clear(zero);
  arf_clear(one);
  return out;
}

namespace detail {
void mpfr_erfc_by_arb(void* m, long bits) {
  const mpfr_ptr z = static_cast<mpfr_ptr>(m);
  arb_t a;
  arb_init(a);
  arf_set_mpfr(arb_midref(a), z);
  arb_hypgeom_erfc(a, a, bits);
  arf_get_mpfr(z, arb_midref(a), MPFR_RNDN);
  arb_clear(a);
}
}  // namespace detail

double ball_log_abs_mid(const Ball& x) {
  const arf_struct* m = arb_midref(A(x));
  if (arf_is_zero(m)) return -std::numeric_limits<double>::infinity();
  arf_t man;
  fmpz_t e;
  arf_init(man);
  fmpz_init(e);
  arf_frexp(man, e, m);  // m = man 2^e with 1/2 <= |man| < 1, so man converts to a double safely
  double r = std::log(std::fabs(arf_get_d(man, ARF_RND_NEAR))) + fmpz_get_d(e) * std::log(2.0);
  arf_clear(man);
  fmpz_clear(e);
  return r;
}

}  // namespace critwin
