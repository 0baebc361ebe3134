// ComplexBall: an owning RAII handle on an Arb complex ball, and certified_integral, Arb's rigorous
// Gauss–Legendre integration (acb_calc_integrate) of a holomorphic integrand over a real segment.
// Part of the Arb boundary (see ball.hpp): no Arb header is needed to use either.
#pragma once

#include <cstddef>
#include <cstring>
#include <functional>

#include "model/ball.hpp"

namespace critwin {

// Arithmetic runs at the thread's Ball precision (ball_precision()). In-place forms only: integrands are
// evaluated millions of times, so no temporaries.
class ComplexBall {
 public:
  ComplexBall() noexcept : v_{} {}  // exact 0 (all-zero bytes, as for Ball)
  explicit ComplexBall(const Ball& re);
  ComplexBall(const ComplexBall& o);
  ComplexBall& operator=(const ComplexBall& o);
  ComplexBall(ComplexBall&& o) noexcept : ComplexBall() { std::memcpy(v_, o.v_, kBytes); std::memset(o.v_, 0, kBytes); }
  ComplexBall& operator=(ComplexBall&& o) noexcept {
    if (this == &o) return *this;
    unsigned char t[kBytes];
    std::memcpy(t, v_, kBytes);
    std::memcpy(v_, o.v_, kBytes);
    std::memcpy(o.v_, t, kBytes);
    return *this;
  }
  ~ComplexBall();

  ComplexBall& set(const Ball& re);  // re + 0i
  ComplexBall& set_zero();
  ComplexBall& assign_add(const ComplexBall& a, const ComplexBall& b);
  ComplexBall& assign_sub(const ComplexBall& a, const ComplexBall& b);
  ComplexBall& assign_mul(const ComplexBall& a, const ComplexBall& b);
  ComplexBall& assign_div(const ComplexBall& a, const ComplexBall& b);  // indeterminate when b may be 0
  ComplexBall& add_mul(const ComplexBall& a, const ComplexBall& b);     // *this += a b
  ComplexBall& add_ball(const Ball& x);
  ComplexBall& sub_ball(const Ball& x);
  ComplexBall& mul_ball(const Ball& x);
  ComplexBall& assign_exp(const ComplexBall& a);
  ComplexBall& assign_erf(const ComplexBall& a);
  ComplexBall& mul_2exp(long e);  // exact scaling by 2^e

  Ball real() const;
  Ball imag() const;
  bool is_finite() const;

 private:
  friend struct ComplexBallRaw;
  void* raw() { return v_; }
  const void* raw() const { return v_; }
  static constexpr std::size_t kBytes = 96;  // one acb_struct (two arb_structs; checked in complex_ball.cpp)
  alignas(8) unsigned char v_[kBytes];
};

// The integrand of certified_integral: writes f(z) into `out` for a complex ball z. f must be holomorphic
// on a neighbourhood of [a, b] where it is finite; poles are fine when they show up as division by a ball
// containing 0 (the result is then indeterminate and Arb subdivides). Integrands with branch cuts (sqrt,
// log) are not supported: nothing here tells Arb where they are.
using ComplexIntegrand = std::function<void(ComplexBall& out, const ComplexBall& z)>;

struct CertifiedIntegral {
  Ball value;          // encloses ∫_a^b f (the real part; f real on the real axis is the intended use)
  bool converged = false;  // false: Arb hit its evaluation limits; `value` is still an enclosure, only wide
};

// ∫_a^b f(x) dx for real a < b (exact balls are best) by acb_calc_integrate at `prec` bits, aiming at a
// relative error 2^-rel_goal_bits or an absolute error abs_tol (a non-negative double, whichever is
// larger). The integrand runs with the thread's Ball precision set to Arb's working precision.
CertifiedIntegral certified_integral(const ComplexIntegrand& f, const Ball& a, const Ball& b, long rel_goal_bits,
                                     double abs_tol, long prec);

}  // namespace critwin
