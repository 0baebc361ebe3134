// Ball: an owning RAII handle on an Arb real ball (midpoint + radius), the certified number type of critwin.
// The rest of the code base includes this header, never <arb.h>, so Arb stays behind one interface.
#pragma once

#include <cstdint>
#include <string>

#include <arb.h>

namespace critwin {

// Working precision in bits for Ball arithmetic on this thread. Arb needs a precision on every call;
// keeping it thread-local lets the operators read naturally and keeps threads independent.
long ball_precision();
void ball_set_precision(long bits);

// Sets the thread's Ball precision for a scope and restores it afterwards.
class BallPrecisionScope {
 public:
  explicit BallPrecisionScope(long bits) : saved_(ball_precision()) { ball_set_precision(bits); }
  ~BallPrecisionScope() { ball_set_precision(saved_); }
  BallPrecisionScope(const BallPrecisionScope&) = delete;
  BallPrecisionScope& operator=(const BallPrecisionScope&) = delete;

 private:
  long saved_;
};

class Ball {
 public:
  Ball() { arb_init(v_); }
  Ball(double x) { arb_init(v_); arb_set_d(v_, x); }  // NOLINT: implicit on purpose, doubles are exact
  Ball(int x) { arb_init(v_); arb_set_si(v_, x); }    // NOLINT
  Ball(long x) { arb_init(v_); arb_set_si(v_, x); }   // NOLINT
  Ball(const Ball& o) { arb_init(v_); arb_set(v_, o.v_); }
  Ball(Ball&& o) noexcept { arb_init(v_); arb_swap(v_, o.v_); }
  Ball& operator=(const Ball& o) { if (this != &o) arb_set(v_, o.v_); return *this; }
  Ball& operator=(Ball&& o) noexcept { arb_swap(v_, o.v_); return *this; }
  ~Ball() { arb_clear(v_); }

  // p/q exactly rounded to the current precision.
  static Ball ratio(long p, long q);
  // The ball [lo, hi] (lo <= hi).
  static Ball interval(double lo, double hi);
  static Ball pos_inf();

  arb_ptr get() { return v_; }
  arb_srcptr get() const { return v_; }

  double mid() const;   // nearest double to the midpoint
  double lower() const; // a double <= every point of the ball
  double upper() const; // a double >= every point of the ball
  double rad() const;   // radius rounded up
  bool is_finite() const { return arb_is_finite(v_); }
  bool is_pos_inf() const { return arf_is_pos_inf(arb_midref(v_)) != 0; }
  bool is_exact() const { return arb_is_exact(v_); }
  // Relative accuracy in bits (Arb's arb_rel_accuracy_bits).
  long accuracy_bits() const { return arb_rel_accuracy_bits(v_); }
  bool contains(const Ball& o) const { return arb_contains(v_, o.v_); }
  bool contains_zero() const { return arb_contains_zero(v_); }
  // Certain comparisons: true only when every point of the balls satisfies the relation.
  bool certainly_lt(const Ball& o) const { return arb_lt(v_, o.v_); }
  bool certainly_le(const Ball& o) const { return arb_le(v_, o.v_); }
  bool certainly_gt(const Ball& o) const { return arb_gt(v_, o.v_); }
  bool certainly_ge(const Ball& o) const { return arb_ge(v_, o.v_); }
  std::string to_string(long digits = 20) const;

  Ball& operator+=(const Ball& o);
  Ball& operator-=(const Ball& o);
  Ball& operator*=(const Ball& o);
  Ball& operator/=(const Ball& o);

 private:
  arb_t v_;
};

Ball operator+(const Ball& a, const Ball& b);
Ball operator-(const Ball& a, const Ball& b);
Ball operator*(const Ball& a, const Ball& b);
Ball operator/(const Ball& a, const Ball& b);
Ball operator-(const Ball& a);

Ball abs(const Ball& x);
Ball sqrt(const Ball& x);
Ball exp(const Ball& x);
Ball expm1(const Ball& x);
Ball log(const Ball& x);
Ball log1p(const Ball& x);
Ball pow(const Ball& x, const Ball& y);
Ball pow(const Ball& x, long n);
Ball erf(const Ball& x);
Ball erfc(const Ball& x);
Ball erfinv(const Ball& x);
Ball erfcinv(const Ball& x);
Ball min(const Ball& a, const Ball& b);
Ball max(const Ball& a, const Ball& b);
Ball ball_pi();
Ball ball_sqrt2();
// log(n choose k), exact integer arithmetic then one rounding.
Ball ball_log_binomial(long n, long k);
// The union hull of two balls.
Ball ball_union(const Ball& a, const Ball& b);

}  // namespace critwin
