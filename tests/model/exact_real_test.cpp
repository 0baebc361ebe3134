// Randomized property tests for ExactReal (in the manner of Arb's t-*.c files): exact from_double checked
// against glibc's exact decimal expansion, correctly rounded to_double checked against strtod and against
// the neighbouring doubles, parse/print round trips, field identities, hashing, conversions to Ball/MPFR.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <unordered_set>

#include <boost/multiprecision/mpfr.hpp>

#include "model/ball.hpp"
#include "model/exact_real.hpp"
#include "tests/model/random_numbers.hpp"

using namespace critwin;
using critwin::testing::Rng;

namespace {

// glibc prints the exact decimal value of a double when given enough digits (at most 767 significant ones).
std::string exact_decimal(double x) {
  char buf[1200];
  std::snprintf(buf, sizeof buf, "%.800e", x);
  return buf;
}

TEST(ExactRealProperties, FromDoubleIsExact) {
  Rng rng(0xE4AC'0001);
  for (int it = 0; it < 5000; ++it) {
    const double x = rng.any_double();
    const ExactReal q = ExactReal::from_double(x);
    const auto p = ExactReal::parse(exact_decimal(x));
    ASSERT_TRUE(p.has_value()) << exact_decimal(x);
    EXPECT_EQ(q, *p) << x;
    EXPECT_EQ(q.to_double(), x) << x;
    EXPECT_EQ(q.sign(), x > 0 ? 1 : x < 0 ? -1 : 0);
    EXPECT_EQ(ExactReal::from_ball_midpoint(Ball(x)), q) << x;
  }
  EXPECT_THROW(ExactReal::from_double(std::numeric_limits<double>::infinity()), std::invalid_argument);
  EXPECT_THROW(ExactReal::from_double(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

// to_double is the nearest double: no neighbour of it is closer to the exact value (ties are not drawn).
TEST(ExactRealProperties, ToDoubleIsCorrectlyRounded) {
  Rng rng(0xE4AC'0002);
  for (int it = 0; it < 4000; ++it) {
    const ExactReal q = rng.rational(rng.coin() ? 60 : 200);
    const double d = q.to_double();
    ASSERT_TRUE(std::isfinite(d));
    const ExactReal err = abs(q - ExactReal::from_double(d));
    for (double n : {std::nextafter(d, -INFINITY), std::nextafter(d, INFINITY)})
      EXPECT_LE(err, abs(q - ExactReal::from_double(n))) << q.to_string();
  }
}

// Decimal text (sign, fraction, exponent, '_' separators, "p/q"): parse is exact, so its nearest double is
// what glibc's correctly rounded strtod reads from the same text.
TEST(ExactRealProperties, ParseMatchesStrtod) {
  Rng rng(0xE4AC'0003);
  for (int it = 0; it < 5000; ++it) {
    std::string s = rng.coin() ? "-" : (rng.coin() ? "+" : "");
    const long int_digits = rng.range(0, 25), frac_digits = rng.range(0, 25);
    for (long i = 0; i < int_digits; ++i) s += static_cast<char>('0' + rng.range(0, 9));
    if (frac_digits > 0 || int_digits == 0) {
      s += '.';
      for (long i = 0; i < std::max(frac_digits, int_digits == 0 ? 1L : 0L); ++i) s += static_cast<char>('0' + rng.range(0, 9));
    }
    if (rng.coin()) s += (rng.coin() ? "e" : "E") + std::to_string(rng.range(-280, 280));  // normal doubles
    const auto q = ExactReal::parse(s);
    ASSERT_TRUE(q.has_value()) << s;
    EXPECT_EQ(q->to_double(), std::strtod(s.c_str(), nullptr)) << s;
  }
  EXPECT_EQ(*ExactReal::parse("1_000.5"), *ExactReal::parse("1000.5"));
  EXPECT_EQ(*ExactReal::parse(" 3/10 "), ExactReal(3) / ExactReal(10));
  EXPECT_EQ(*ExactReal::parse("2.5e-1/0.5"), ExactReal(1) / ExactReal(2));
  for (const char* bad : {"", "abc", "1/0", "1e", "1e+", "--1", "1..2", "1e12345", "0x10", "1/2/3"})
    EXPECT_FALSE(ExactReal::parse(bad).has_value()) << bad;
}

// to_string prints "p/q" in lowest terms and parse reads it back to the same rational.
TEST(ExactRealProperties, ParsePrintRoundTrip) {
  Rng rng(0xE4AC'0004);
  for (int it = 0; it < 5000; ++it) {
    const ExactReal q = rng.rational(rng.coin() ? 30 : 300);
    const std::string s = q.to_string();
    const auto back = ExactReal::parse(s);
    ASSERT_TRUE(back.has_value()) << s;
    EXPECT_EQ(*back, q) << s;
    EXPECT_EQ(back->to_string(), s);
    EXPECT_EQ(q.is_integer(), s.find('/') == std::string::npos) << s;
  }
}

// Field identities, order, midpoint and hashing on random rationals.
TEST(ExactRealProperties, ArithmeticIdentities) {
  Rng rng(0xE4AC'0005);
  for (int it = 0; it < 4000; ++it) {
    const ExactReal a = rng.rational(), b = rng.rational(), c = rng.rational();
    EXPECT_EQ((a + b) - b, a);
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(-(-a), a);
    EXPECT_EQ(a - b, -(b - a));
    if (b.sign() != 0) {
      EXPECT_EQ((a / b) * b, a);
    }
    ExactReal x = a;
    x += b;
    x *= c;
    x -= a;
    EXPECT_EQ(x, (a + b) * c - a);
    if (c.sign() != 0) {
      x /= c;
      EXPECT_EQ(x, ((a + b) * c - a) / c);
    }
    // A total order consistent with subtraction, and the midpoint strictly between distinct ends.
    EXPECT_EQ(a < b, (b - a).sign() > 0);
    EXPECT_EQ(a == b, (a - b).sign() == 0);
    EXPECT_EQ(a != b, (a - b).sign() != 0);
    const ExactReal m = midpoint(a, b);
    EXPECT_EQ(m + m, a + b);
    if (a < b) {
      EXPECT_TRUE(a < m && m < b);
    }
    // The same value built two ways hashes alike.
    EXPECT_EQ((a * ExactReal(6) / ExactReal(6)).hash(), a.hash());
    EXPECT_EQ(std::hash<ExactReal>{}(a + b - b), std::hash<ExactReal>{}(a));
  }
  EXPECT_EQ(ExactReal::parse("2/4")->hash(), ExactReal::from_double(0.5).hash());
  EXPECT_THROW(ExactReal(1) / ExactReal(), std::domain_error);
  ExactReal z(1);
  EXPECT_THROW(z /= ExactReal(), std::domain_error);
}

// Distinct rationals spread over the hash values (unordered containers stay usable).
TEST(ExactRealProperties, HashSeparatesDistinctValues) {
  Rng rng(0xE4AC'0006);
  std::unordered_set<ExactReal> seen;
  std::unordered_set<std::size_t> hashes;
  for (int it = 0; it < 5000; ++it) {
    const ExactReal q = rng.rational(40);
    seen.insert(q);
    hashes.insert(q.hash());
  }
  EXPECT_GE(hashes.size() + 5, seen.size());  // at most a handful of collisions among ~5000 values
  // Lookups find each value however it was built.
  for (const ExactReal& q : seen) EXPECT_EQ(seen.count(q * ExactReal(3) / ExactReal(3) + ExactReal(1) - ExactReal(1)), 1u);
}

// ball() encloses the rational at random precisions; from_ball_midpoint is exact on the ball's midpoint.
TEST(ExactRealProperties, BallConversionsEnclose) {
  Rng rng(0xE4AC'0007);
  for (int it = 0; it < 4000; ++it) {
    const long prec = rng.precision();
    BallPrecisionScope scope(prec);
    const ExactReal q = rng.rational(rng.coin() ? 40 : 300);
    const Ball b = q.ball();
    ExactReal lo, hi;
    {
      BallPrecisionScope wide(1L << 15);
      lo = ExactReal::from_ball_midpoint(b.lower_endpoint());
      hi = ExactReal::from_ball_midpoint(b.upper_endpoint());
    }
    EXPECT_LE(lo, q) << q.to_string() << " at " << prec << " bits";
    EXPECT_LE(q, hi) << q.to_string() << " at " << prec << " bits";
    // The midpoint is q rounded to `prec` bits: within 2^(1-prec) |q| of it.
    const ExactReal mid = ExactReal::from_ball_midpoint(b);
    EXPECT_LE(abs(mid - q), abs(q) * pow(ExactReal(2), 1 - prec)) << q.to_string();
    EXPECT_EQ(b.is_exact(), mid == q && lo == hi);
  }
  EXPECT_THROW(ExactReal::from_ball_midpoint(Ball::pos_inf()), std::invalid_argument);
}

// to_mpfr is correctly rounded: for word-sized numerator and denominator it equals MPFR's own correctly
// rounded division num/den at the target precision.
TEST(ExactRealProperties, ToMpfrIsCorrectlyRounded) {
  using Mp40 = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<40>, boost::multiprecision::et_off>;
  using Mp10 = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<10>, boost::multiprecision::et_off>;
  Rng rng(0xE4AC'0008);
  for (int it = 0; it < 4000; ++it) {
    // Mp40 carries 136 bits, Mp10 36: numerator and denominator must convert exactly.
    const long num = rng.range(-(1L << 52), 1L << 52), den = rng.range(1, 1L << 52);
    Mp40 a;
    (ExactReal(num) / ExactReal(den)).to_mpfr(a);
    EXPECT_EQ(a, Mp40(num) / Mp40(den)) << num << "/" << den;
    const long n2 = rng.range(-(1L << 30), 1L << 30), d2 = rng.range(1, 1L << 30);
    Mp10 b;
    (ExactReal(n2) / ExactReal(d2)).to_mpfr(b);
    EXPECT_EQ(b, Mp10(n2) / Mp10(d2)) << n2 << "/" << d2;
  }
}

}  // namespace

// Scientific text at exponents no double reaches, and "≈" exactly when the digits are not the rational.
TEST(ExactRealProperties, ScientificTextBeyondTheDoubleRange) {
  const ExactReal tiny = *ExactReal::parse("1e-200");
  EXPECT_EQ((tiny * tiny).to_scientific(6), "1e-400");
  EXPECT_EQ(ExactReal::parse("-2.5e400")->to_scientific(6), "-2.5e+400");
  EXPECT_EQ((ExactReal::from_int(1) / ExactReal::from_int(3)).to_scientific(6), "≈0.333333");
  EXPECT_EQ((ExactReal::from_int(1) / ExactReal::from_int(7) * tiny).to_scientific(6), "≈1.42857e-201");
  EXPECT_EQ(ExactReal::from_int(0).to_scientific(6), "0");
}
