// Ball: an owning RAII handle on an Arb real ball (midpoint + radius), the certified number type of critwin.
// This is the Arb boundary: no header outside model/ needs <arb.h>, FLINT or GMP, and every operation is
// out of line in ball.cpp. The arb_struct lives in raw storage inside the object (no heap), sized and
// aligned by static_asserts in ball.cpp.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>

namespace critwin {

// Working precision in bits for Ball arithmetic on this thread. Arb needs a precision on every call;
// keeping it thread-local lets the operators read naturally and keeps threads independent.
long ball_precision();
void ball_set_precision(long bits);

// Sets the thread's Ball precision for a scope and restores it afterwards (also when the scope is left by
// an exception).
class BallPrecisionScope {
 public:
  explicit BallPrecisionScope(long bits) : saved_(ball_precision()) { ball_set_precision(bits); }
  ~BallPrecisionScope() { ball_set_precision(saved_); }
  BallPrecisionScope(const BallPrecisionScope&) = delete;
  BallPrecisionScope& operator=(const BallPrecisionScope&) = delete;

 private:
  long saved_;
};

class ExactReal;

class Ball {
 public:
  // Exact 0. All-zero bytes are what arb_init writes (zero exponents, no limbs; tests/model/ball_test.cpp
  // checks it), so the hot default and move paths stay inline although Arb is out of sight here.
  Ball() noexcept : v_{} {}
  Ball(double x);        // NOLINT: implicit on purpose, doubles are exact
  Ball(int x);           // NOLINT
  Ball(long x);          // NOLINT
  Ball(const Ball& o);
  // An arb_struct is trivially relocatable (arb_swap swaps the structs bytewise), so a move is a byte copy
  // that leaves the source as exact 0.
  Ball(Ball&& o) noexcept : Ball() { std::memcpy(v_, o.v_, kBytes); std::memset(o.v_, 0, kBytes); }
  Ball& operator=(const Ball& o);
  Ball& operator=(Ball&& o) noexcept {
    if (this == &o) return *this;
    unsigned char t[kBytes];
    std::memcpy(t, v_, kBytes);
    std::memcpy(v_, o.v_, kBytes);
    std::memcpy(o.v_, t, kBytes);
    return *this;
  }
  ~Ball();

  // p/q exactly rounded to the current precision.
  static Ball ratio(long p, long q);
  // The ball [lo, hi] (lo <= hi).
  static Ball interval(double lo, double hi);
  static Ball pos_inf();

  double mid() const;   // nearest double to the midpoint
  double lower() const; // a double <= every point of the ball
  double upper() const; // a double >= every point of the ball
  double rad() const;   // radius rounded up
  // The endpoints as exact balls, rounded outward to the current precision (-inf/+inf when not finite).
  Ball lower_endpoint() const;
  Ball upper_endpoint() const;
  // An exact ball >= |x| for every point x of the ball (outward rounded to the current precision).
  Ball abs_upper_endpoint() const;
  bool is_finite() const;
  bool is_pos_inf() const;
  bool is_exact() const;
  bool is_zero() const;  // exactly the point 0
  // Relative accuracy in bits (Arb's arb_rel_accuracy_bits).
  long accuracy_bits() const;
  bool contains(const Ball& o) const;
  bool contains_zero() const;
  bool overlaps(const Ball& o) const;
  // Certain comparisons: true only when every point of the balls satisfies the relation.
  bool certainly_lt(const Ball& o) const;
  bool certainly_le(const Ball& o) const;
  bool certainly_gt(const Ball& o) const;
  bool certainly_ge(const Ball& o) const;
  bool certainly_eq(const Ball& o) const;  // both are the same exact point
  bool certainly_ne(const Ball& o) const;  // the balls are disjoint
  // Arb's decimal form "[m +/- r]" (or "m" when exact) with `digits` significant digits; parse() reads it.
  std::string to_string(long digits = 20) const;
  // Parses Arb's decimal forms ("1.5", "[3.1416 +/- 1e-5]", "-inf"): a ball containing the written number
  // or interval, rounded to the current precision. Throws std::invalid_argument on other text.
  static Ball parse(const std::string& text);

  Ball& operator+=(const Ball& o);
  Ball& operator-=(const Ball& o);
  Ball& operator*=(const Ball& o);
  Ball& operator/=(const Ball& o);

  // In-place forms for hot loops: they write into an existing ball, so no temporary (and, above two limbs
  // of precision, no heap allocation) per operation. Each returns *this.
  Ball& set_zero();
  Ball& add_mul(const Ball& a, const Ball& b);  // *this += a b
  Ball& assign_add(const Ball& a, const Ball& b);
  Ball& assign_mul(const Ball& a, const Ball& b);
  Ball& assign_div(const Ball& a, const Ball& b);
  Ball& assign_abs(const Ball& a);
  Ball& mul_si(long n);
  Ball& div_si(long n);

 private:
  friend class ExactReal;  // converts to and from FLINT rationals through the raw arb_struct
  friend struct BallRaw;   // ball.cpp's typed view of the storage
  void* raw() { return v_; }
  const void* raw() const { return v_; }

  // Storage for one arb_struct (48 bytes on 64-bit FLINT 2.9 / Arb 2.23; checked in ball.cpp).
  static constexpr std::size_t kBytes = 48;
  alignas(8) unsigned char v_[kBytes];
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
Ball atan(const Ball& x);
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
// P(a, x) = γ(a, x)/Γ(a), the regularized lower incomplete gamma function (the χ²_{2a} CDF at 2x).
Ball ball_gamma_lower_regularized(const Ball& a, const Ball& x);
// The union hull of two balls.
Ball ball_union(const Ball& a, const Ball& b);

// +1 or -1 when every point of the ball has that sign, 0 otherwise (the ball contains 0 or is not finite).
int ball_sign(const Ball& x);

// x ∩ [0, 1]: a total variation is a probability difference, so rounding slack outside [0, 1] is dropped.
// A ball entirely outside [0, 1] (or not finite) is returned unchanged.
Ball ball_clamp_unit(const Ball& x);

// log|mid(x)| as a double even when |x| is far outside the double range; -inf for a zero midpoint.
double ball_log_abs_mid(const Ball& x);

}  // namespace critwin
