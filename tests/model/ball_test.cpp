// Randomized property tests for Ball, in the manner of Arb's own t-*.c files: thousands of reproducible
// random inputs at random precisions, each result checked against an independent exact (ExactReal) or
// higher-precision (MPFR via Boost.Multiprecision) computation.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include <boost/multiprecision/mpfr.hpp>

#include "model/ball.hpp"
#include "model/exact_real.hpp"
#include "tests/model/random_numbers.hpp"

using namespace critwin;
using critwin::testing::Rng;

namespace {

// ~665 bits: the reference precision for transcendental functions (Ball precisions here are <= 600).
using Ref = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<200>, boost::multiprecision::et_off>;

// The exact infimum and supremum of a finite ball. Arb rounds its endpoints outward to the working
// precision; at 2^15 bits mid ± rad is representable for every ball in these tests, so they are exact.
std::pair<ExactReal, ExactReal> exact_hull(const Ball& x) {
  BallPrecisionScope wide(1L << 15);
  return {ExactReal::from_ball_midpoint(x.lower_endpoint()), ExactReal::from_ball_midpoint(x.upper_endpoint())};
}

// lower() and upper() bound every point of the ball, and the ball contains the exact value v.
void expect_encloses(const Ball& x, const ExactReal& v, const char* what, long prec) {
  ASSERT_TRUE(x.is_finite()) << what << " at " << prec << " bits";
  const auto [lo, hi] = exact_hull(x);
  EXPECT_LE(lo, v) << what << " at " << prec << " bits: " << x.to_string() << " vs " << v.to_string();
  EXPECT_LE(v, hi) << what << " at " << prec << " bits: " << x.to_string() << " vs " << v.to_string();
  EXPECT_LE(ExactReal::from_double(x.lower()), lo) << what;
  EXPECT_GE(ExactReal::from_double(x.upper()), hi) << what;
  // The endpoint balls at the working precision are outward roundings of the exact ones.
  EXPECT_LE(ExactReal::from_ball_midpoint(x.lower_endpoint()), lo) << what;
  EXPECT_GE(ExactReal::from_ball_midpoint(x.upper_endpoint()), hi) << what;
}

Ref to_ref(const ExactReal& q) {
  Ref r;
  q.to_mpfr(r);
  return r;
}

// The ball contains the value `ref` computed by MPFR at ~665 bits (allowing MPFR's own error of 1 ulp).
void expect_encloses_ref(const Ball& x, const Ref& ref, const char* what, double arg, long prec) {
  if (!x.is_finite()) return;  // an infinite enclosure is valid, if useless
  const auto [lo, hi] = exact_hull(x);
  const Ref slack = abs(ref) * std::numeric_limits<Ref>::epsilon() * 2 + std::numeric_limits<Ref>::min();
  EXPECT_LE(to_ref(lo), ref + slack) << what << "(" << arg << ") at " << prec << " bits: " << x.to_string();
  EXPECT_GE(to_ref(hi), ref - slack) << what << "(" << arg << ") at " << prec << " bits: " << x.to_string();
}

TEST(BallProperties, DefaultIsExactZero) {
  const Ball z;
  EXPECT_TRUE(z.is_zero());
  EXPECT_TRUE(z.is_exact());
  EXPECT_EQ(z.mid(), 0.0);
  EXPECT_EQ(z.lower(), 0.0);
  EXPECT_EQ(z.upper(), 0.0);
  Ball a = z;
  a += Ball(0.75);
  EXPECT_TRUE(a.certainly_eq(Ball(0.75)));
  // A moved-from ball is exact 0 and stays usable; moves keep the value bit for bit.
  Ball b = std::move(a);
  EXPECT_TRUE(a.is_zero());  // NOLINT(bugprone-use-after-move): the moved-from state is specified
  a = Ball(2);
  EXPECT_TRUE(b.certainly_eq(Ball(0.75)));
  std::vector<Ball> v;
  for (int i = 0; i < 100; ++i) v.push_back(Ball::ratio(i, 7));  // reallocations move the balls
  for (int i = 0; i < 100; ++i) {
    const Ball r = Ball::ratio(i, 7);
    EXPECT_TRUE(v[i].contains(r) && r.contains(v[i])) << i;  // the same ball
  }
  for (int i = 0; i < 100; ++i) expect_encloses(v[i], ExactReal(i) / ExactReal(7), "ratio", ball_precision());
}

TEST(BallProperties, FromDoubleIsExact) {
  Rng rng(0xBA11'0001);
  for (int it = 0; it < 5000; ++it) {
    const double x = rng.any_double();
    BallPrecisionScope scope(rng.precision());
    const Ball b(x);
    ASSERT_TRUE(b.is_exact()) << x;
    EXPECT_EQ(ExactReal::from_ball_midpoint(b), ExactReal::from_double(x)) << x;
    EXPECT_EQ(b.mid(), x);
    EXPECT_EQ(b.lower(), x);
    EXPECT_EQ(b.upper(), x);
  }
}

// +, −, ×, ÷ of rationals rounded to random precisions: the result encloses the exact rational, and the
// double and ball endpoints are rounded outward.
TEST(BallProperties, ArithmeticEnclosesExactRationals) {
  Rng rng(0xBA11'0002);
  for (int it = 0; it < 4000; ++it) {
    const long prec = rng.precision();
    BallPrecisionScope scope(prec);
    const ExactReal a = rng.rational(), b = rng.rational();
    const Ball A = a.ball(), B = b.ball();
    expect_encloses(A, a, "ball()", prec);
    expect_encloses(A + B, a + b, "+", prec);
    expect_encloses(A - B, a - b, "-", prec);
    expect_encloses(A * B, a * b, "*", prec);
    expect_encloses(-A, -a, "neg", prec);
    expect_encloses(abs(A), abs(a), "abs", prec);
    if (b.sign() != 0) expect_encloses(A / B, a / b, "/", prec);
    if (it % 8 == 0 && (a.sign() != 0 || it % 16 == 0)) {
      const long n = rng.range(a.sign() == 0 ? 0 : -6, 6);
      const Ball P = pow(A, n);
      if (P.is_finite()) expect_encloses(P, pow(a, n), "pow_n", prec);  // 1/A^n may contain a pole at low precision
    }
  }
}

// The in-place forms used by the engines' hot loops enclose the same exact values, and the ones that are the
// same Arb operation as an operator give the very same ball.
TEST(BallProperties, InPlaceOpsEncloseAndMatchOperators) {
  Rng rng(0xBA11'0003);
  for (int it = 0; it < 3000; ++it) {
    const long prec = rng.precision();
    BallPrecisionScope scope(prec);
    const ExactReal a = rng.rational(), b = rng.rational(), c = rng.rational();
    const Ball A = a.ball(), B = b.ball(), C = c.ball();
    Ball acc = A;
    acc.add_mul(B, C);
    expect_encloses(acc, a + b * c, "add_mul", prec);
    Ball m;
    m.assign_mul(A, B);
    EXPECT_TRUE(m.contains(A * B) && (A * B).contains(m)) << "assign_mul";
    Ball s;
    s.assign_add(A, B);
    EXPECT_TRUE(s.contains(A + B) && (A + B).contains(s)) << "assign_add";
    Ball r = A;
    const long n = rng.range(-1000, 1000), d = rng.range(1, 1000);
    r.mul_si(n).div_si(d);
    expect_encloses(r, a * ExactReal(n) / ExactReal(d), "mul_si/div_si", prec);
    if (b.sign() != 0) {
      Ball q;
      q.assign_div(A, B);
      expect_encloses(q, a / b, "assign_div", prec);
    }
    Ball h = A;
    h.assign_abs(h);
    expect_encloses(h, abs(a), "assign_abs", prec);
    h.set_zero();
    EXPECT_TRUE(h.is_zero());
  }
}

// sqrt, exp, log, log1p, expm1, erf, erfc at random precisions against MPFR at ~665 bits.
TEST(BallProperties, ElementaryAndErrorFunctionsEncloseMpfr) {
  Rng rng(0xBA11'0004);
  for (int it = 0; it < 1000; ++it) {
    const long prec = rng.precision();
    BallPrecisionScope scope(prec);
    const double x = std::ldexp(rng.unit() - 0.5, static_cast<int>(rng.range(-30, 6)));
    const Ball X(x);
    const Ref r(x);
    expect_encloses_ref(exp(X), exp(r), "exp", x, prec);
    expect_encloses_ref(expm1(X), expm1(r), "expm1", x, prec);
    expect_encloses_ref(erf(X), erf(r), "erf", x, prec);
    expect_encloses_ref(erfc(X), erfc(r), "erfc", x, prec);
    if (x > -1) expect_encloses_ref(log1p(X), log1p(r), "log1p", x, prec);
    const double y = std::fabs(x) + 0x1p-40;
    expect_encloses_ref(sqrt(Ball(y)), sqrt(Ref(y)), "sqrt", y, prec);
    expect_encloses_ref(log(Ball(y)), log(Ref(y)), "log", y, prec);
  }
}

// erfc(erfcinv(x)) and erf(erfinv(x)) enclose x: the composition of two enclosures is an enclosure of the
// identity. Random precisions, x across (0, 2) including the far tails.
TEST(BallProperties, ErfcOfErfcinvOverlapsX) {
  Rng rng(0xBA11'0005);
  for (int it = 0; it < 2000; ++it) {
    const long prec = rng.range(8, 400);
    BallPrecisionScope scope(prec);
    double x;
    switch (rng.range(0, 2)) {
      case 0: x = rng.unit() * 2; break;                                                  // (0, 2)
      case 1: x = std::ldexp(rng.unit() + 0.5, -static_cast<int>(rng.range(1, 300))); break;  // lower tail
      default: x = 2 - std::ldexp(rng.unit() + 0.5, -static_cast<int>(rng.range(2, 50)));     // upper tail
    }
    if (!(x > 0 && x < 2)) continue;
    const Ball X(x);
    const Ball back = erfc(erfcinv(X));
    EXPECT_TRUE(back.contains(X)) << "x = " << x << " at " << prec << " bits: " << back.to_string();
    if (x < 1) {
      const Ball u(2 * x - 1);  // in (-1, 1)
      EXPECT_TRUE(erf(erfinv(u)).contains(u)) << "u = " << 2 * x - 1 << " at " << prec << " bits";
    }
  }
}

// A BallPrecisionScope restores the thread's precision however its scope is left, exceptions included, at
// any nesting depth; inside, arithmetic runs at the scope's precision.
TEST(BallProperties, PrecisionScopesRestoredAfterExceptions) {
  Rng rng(0xBA11'0006);
  const long outer = ball_precision();
  for (int it = 0; it < 2000; ++it) {
    const long p0 = rng.range(2, 4096);
    BallPrecisionScope base(p0);
    const int depth = static_cast<int>(rng.range(1, 6)), throw_at = static_cast<int>(rng.range(0, depth));
    std::vector<long> seen;
    auto nest = [&](auto&& self, int level) -> void {
      if (level == throw_at) throw std::runtime_error("unwind");
      if (level == depth) return;
      const long p = rng.range(2, 4096);
      BallPrecisionScope scope(p);
      seen.push_back(ball_precision());
      ASSERT_EQ(ball_precision(), p);
      // 1/3 is rounded to the scope's precision: accurate to about p bits, never much more.
      const long acc = Ball::ratio(1, 3).accuracy_bits();
      EXPECT_GE(acc, p - 3);
      EXPECT_LE(acc, p + 3);
      self(self, level + 1);
      EXPECT_EQ(ball_precision(), p);  // an inner scope that returned normally restored this level
    };
    try {
      nest(nest, 0);
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(ball_precision(), p0) << "iteration " << it << ", depth " << depth << ", thrown at " << throw_at;
  }
  EXPECT_EQ(ball_precision(), outer);
}

// to_string prints a decimal ball that contains the ball, and parse reads it back as a superset.
TEST(BallProperties, ParsePrintRoundTrip) {
  Rng rng(0xBA11'0007);
  for (int it = 0; it < 4000; ++it) {
    const long prec = rng.precision();
    BallPrecisionScope scope(prec);
    Ball x = rng.rational().ball();
    if (rng.coin()) x = x * Ball::interval(1 - std::ldexp(1.0, -20), 1 + std::ldexp(1.0, -20));  // a wide radius
    const long digits = rng.range(1, 60);
    const std::string s = x.to_string(digits);
    const Ball y = Ball::parse(s);
    EXPECT_TRUE(y.contains(x)) << s << " at " << prec << " bits, " << digits << " digits: " << y.to_string();
  }
  // Exact doubles printed with enough digits come back as exact balls of the same value.
  for (int it = 0; it < 2000; ++it) {
    const double x = rng.any_double();
    BallPrecisionScope scope(64);
    const Ball y = Ball::parse(Ball(x).to_string(800));  // a double's exact decimal has at most 767 digits
    EXPECT_TRUE(y.contains(Ball(x))) << x;
    EXPECT_EQ(y.mid(), x) << x;
  }
  EXPECT_TRUE(Ball::parse("-inf").lower() == -std::numeric_limits<double>::infinity());
  EXPECT_THROW(Ball::parse("1.5 apples"), std::invalid_argument);
  EXPECT_THROW(Ball::parse(""), std::invalid_argument);
}

// ball_sign, certain comparisons and the zero test against the ball's exact hull [lo, hi] (which contains the
// requested interval: Ball::interval rounds outward).
TEST(BallProperties, SignAndComparisonsMatchTheExactHull) {
  Rng rng(0xBA11'0008);
  for (int it = 0; it < 5000; ++it) {
    double l = rng.any_double(), h = rng.any_double();
    if (rng.range(0, 9) == 0) l = h;
    if (rng.range(0, 19) == 0) l = h = 0;
    if (h < l) std::swap(l, h);
    BallPrecisionScope scope(rng.precision());
    const Ball x = Ball::interval(l, h);
    const auto [lo, hi] = exact_hull(x);
    ASSERT_LE(lo, ExactReal::from_double(l));
    ASSERT_GE(hi, ExactReal::from_double(h));
    const int expected = lo.sign() > 0 ? 1 : hi.sign() < 0 ? -1 : 0;
    EXPECT_EQ(ball_sign(x), expected) << "[" << l << ", " << h << "]";
    EXPECT_EQ(x.is_zero(), lo.sign() == 0 && hi.sign() == 0);
    EXPECT_EQ(x.contains_zero(), lo.sign() <= 0 && hi.sign() >= 0);
    const double cd = rng.coin() ? rng.any_double() : (rng.coin() ? l : h);
    const ExactReal c = ExactReal::from_double(cd);
    const Ball C(cd);
    EXPECT_EQ(x.certainly_lt(C), hi < c) << "[" << l << ", " << h << "] < " << cd;
    EXPECT_EQ(x.certainly_gt(C), lo > c);
    EXPECT_EQ(x.certainly_le(C), hi <= c);
    EXPECT_EQ(x.certainly_ge(C), lo >= c);
    EXPECT_EQ(x.certainly_ne(C), c < lo || c > hi);
    EXPECT_EQ(x.certainly_eq(C), lo == hi && lo == c);
  }
}

// ball_clamp_unit keeps x ∩ [0, 1] and drops what lies outside [0, 1] — up to the radius rounding of the
// re-centred ball: its midpoint is rounded to the precision and its radius to Arb's 30-bit radii, so the new
// endpoints may move out by 2^-28 of the width plus 2^-(prec-2).
TEST(BallProperties, ClampUnitKeepsTheIntersection) {
  Rng rng(0xBA11'0009);
  for (int it = 0; it < 5000; ++it) {
    double l = rng.unit() * 3 - 1, h = rng.unit() * 3 - 1;
    if (h < l) std::swap(l, h);
    const long prec = rng.range(30, 600);
    BallPrecisionScope scope(prec);
    const Ball x = Ball::interval(l, h);
    const auto [xlo, xhi] = exact_hull(x);
    const Ball c = ball_clamp_unit(x);
    const auto [lo, hi] = exact_hull(c);
    if (xhi.sign() < 0 || xlo > ExactReal(1)) {
      EXPECT_EQ(lo, xlo);
      EXPECT_EQ(hi, xhi);
      continue;
    }
    const ExactReal zero, one(1);
    const ExactReal want_lo = xlo < zero ? zero : xlo, want_hi = xhi > one ? one : xhi;
    EXPECT_LE(lo, want_lo) << "[" << l << ", " << h << "]";
    EXPECT_GE(hi, want_hi) << "[" << l << ", " << h << "]";
    const ExactReal slack = (want_hi - want_lo) / ExactReal(1L << 28) + pow(ExactReal(2), -(prec - 2));
    EXPECT_GE(lo, zero - slack) << "[" << l << ", " << h << "]";
    EXPECT_LE(hi, one + slack) << "[" << l << ", " << h << "]";
  }
  EXPECT_FALSE(ball_clamp_unit(Ball::pos_inf()).is_finite());
}

// log|mid(x)| far outside the double range: x = m 2^e built exactly with |e| up to 10^6.
TEST(BallProperties, LogAbsMidBeyondDoubleRange) {
  Rng rng(0xBA11'000A);
  EXPECT_EQ(ball_log_abs_mid(Ball()), -std::numeric_limits<double>::infinity());
  for (int it = 0; it < 3000; ++it) {
    BallPrecisionScope scope(128);
    double m = rng.unit() + 0.25;
    if (rng.coin()) m = -m;
    const long e = rng.range(-1000000, 1000000);
    const Ball x = Ball(m) * pow(Ball(2), e);  // exact: a power of two times a double
    ASSERT_TRUE(x.is_exact());
    const double expected = std::log(std::fabs(m)) + static_cast<double>(e) * std::log(2.0);
    EXPECT_NEAR(ball_log_abs_mid(x), expected, 1e-15 * (std::fabs(expected) + 1)) << m << " 2^" << e;
  }
}

// Endpoints as balls: exact points, outward of the ball, and abs_upper_endpoint bounds |x|.
TEST(BallProperties, EndpointBallsAreOutwardExactPoints) {
  Rng rng(0xBA11'000B);
  for (int it = 0; it < 3000; ++it) {
    const long prec = rng.precision();
    BallPrecisionScope scope(prec);
    const ExactReal a = rng.rational(12), b = rng.rational();
    const Ball x = exp(a.ball()) - b.ball();  // inexact, with a radius
    if (!x.is_finite()) continue;
    const Ball lo = x.lower_endpoint(), hi = x.upper_endpoint(), ab = x.abs_upper_endpoint();
    EXPECT_TRUE(lo.is_exact() && hi.is_exact() && ab.is_exact());
    EXPECT_TRUE(lo.certainly_le(x) && hi.certainly_ge(x)) << x.to_string();
    EXPECT_TRUE(ball_union(lo, hi).contains(x));
    EXPECT_TRUE(ab.certainly_ge(abs(x)));
  }
}

}  // namespace
