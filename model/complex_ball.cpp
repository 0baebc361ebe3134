#include "model/complex_ball.hpp"

#include <acb.h>
#include <acb_calc.h>
#include <acb_hypgeom.h>
#include <arb.h>

#include <new>

namespace critwin {

static_assert(sizeof(acb_struct) == 96, "ComplexBall::kBytes must equal sizeof(acb_struct)");
static_assert(alignof(acb_struct) <= 8, "ComplexBall's storage is aligned to 8 bytes");

struct ComplexBallRaw {
  static acb_ptr p(ComplexBall& b) { return std::launder(static_cast<acb_ptr>(b.raw())); }
  static acb_srcptr p(const ComplexBall& b) { return std::launder(static_cast<acb_srcptr>(b.raw())); }
};

namespace {
inline acb_ptr C(ComplexBall& b) { return ComplexBallRaw::p(b); }
inline acb_srcptr C(const ComplexBall& b) { return ComplexBallRaw::p(b); }
// A Ball's storage is an arb_struct; Ball::raw() is private, so the bytes are reached through a copy-free
// view: Ball is standard layout with the arb_struct as its only member.
inline arb_srcptr R(const Ball& b) { return std::launder(reinterpret_cast<arb_srcptr>(&b)); }
inline arb_ptr R(Ball& b) { return std::launder(reinterpret_cast<arb_ptr>(&b)); }
}  // namespace

static_assert(sizeof(Ball) == sizeof(arb_struct), "Ball is exactly one arb_struct");

ComplexBall::ComplexBall(const Ball& re) { acb_init(C(*this)); acb_set_arb(C(*this), R(re)); }
ComplexBall::ComplexBall(const ComplexBall& o) { acb_init(C(*this)); acb_set(C(*this), C(o)); }
ComplexBall& ComplexBall::operator=(const ComplexBall& o) { if (this != &o) acb_set(C(*this), C(o)); return *this; }
ComplexBall::~ComplexBall() { acb_clear(C(*this)); }

ComplexBall& ComplexBall::set(const Ball& re) { acb_set_arb(C(*this), R(re)); return *this; }
ComplexBall& ComplexBall::set_zero() { acb_zero(C(*this)); return *this; }
ComplexBall& ComplexBall::assign_add(const ComplexBall& a, const ComplexBall& b) {
  acb_add(C(*this), C(a), C(b), ball_precision());
  return *this;
}
ComplexBall& ComplexBall::assign_sub(const ComplexBall& a, const ComplexBall& b) {
  acb_sub(C(*this), C(a), C(b), ball_precision());
  return *this;
}
ComplexBall& ComplexBall::assign_mul(const ComplexBall& a, const ComplexBall& b) {
  acb_mul(C(*this), C(a), C(b), ball_precision());
  return *this;
}
ComplexBall& ComplexBall::assign_div(const ComplexBall& a, const ComplexBall& b) {
  acb_div(C(*this), C(a), C(b), ball_precision());
  return *this;
}
ComplexBall& ComplexBall::add_mul(const ComplexBall& a, const ComplexBall& b) {
  acb_addmul(C(*this), C(a), C(b), ball_precision());
  return *this;
}
ComplexBall& ComplexBall::add_ball(const Ball& x) {
  arb_add(acb_realref(C(*this)), acb_realref(C(*this)), R(x), ball_precision());
  return *this;
}
ComplexBall& ComplexBall::sub_ball(const Ball& x) {
  arb_sub(acb_realref(C(*this)), acb_realref(C(*this)), R(x), ball_precision());
  return *this;
}
ComplexBall& ComplexBall::mul_ball(const Ball& x) {
  acb_mul_arb(C(*this), C(*this), R(x), ball_precision());
  return *this;
}
ComplexBall& ComplexBall::assign_exp(const ComplexBall& a) {
  acb_exp(C(*this), C(a), ball_precision());
  return *this;
}
ComplexBall& ComplexBall::assign_erf(const ComplexBall& a) {
  acb_hypgeom_erf(C(*this), C(a), ball_precision());
  return *this;
}
ComplexBall& ComplexBall::mul_2exp(long e) {
  acb_mul_2exp_si(C(*this), C(*this), e);
  return *this;
}

Ball ComplexBall::real() const {
  Ball r;
  arb_set(R(r), acb_realref(C(*this)));
  return r;
}
Ball ComplexBall::imag() const {
  Ball r;
  arb_set(R(r), acb_imagref(C(*this)));
  return r;
}
bool ComplexBall::is_finite() const { return acb_is_finite(C(*this)) != 0; }

namespace {
// Arb calls the integrand with order 0 (a point evaluation) or 1 (f must also be holomorphic on z); the
// supported integrands are holomorphic wherever they are finite, so both are the same evaluation.
int integrand_trampoline(acb_ptr out, const acb_t z, void* param, slong order, slong prec) {
  (void)order;
  const auto& f = *static_cast<const ComplexIntegrand*>(param);
  BallPrecisionScope scope(prec);
  ComplexBall zz, res;
  acb_set(C(zz), z);
  f(res, zz);
  acb_swap(out, C(res));
  return 0;
}
}  // namespace

CertifiedIntegral certified_integral(const ComplexIntegrand& f, const Ball& a, const Ball& b, long rel_goal_bits,
                                     double abs_tol, long prec) {
  acb_t ca, cb, res;
  acb_init(ca);
  acb_init(cb);
  acb_init(res);
  acb_set_arb(ca, R(a));
  acb_set_arb(cb, R(b));
  mag_t tol;
  mag_init(tol);
  mag_set_d(tol, abs_tol);
  acb_calc_integrate_opt_t opt;
  acb_calc_integrate_opt_init(opt);
  const int status = acb_calc_integrate(res, integrand_trampoline, const_cast<ComplexIntegrand*>(&f), ca, cb,
                                        rel_goal_bits, tol, opt, prec);
  CertifiedIntegral out;
  arb_set(R(out.value), acb_realref(res));
  out.converged = status == ARB_CALC_SUCCESS;
  mag_clear(tol);
  acb_clear(res);
  acb_clear(cb);
  acb_clear(ca);
  return out;
}

}  // namespace critwin
