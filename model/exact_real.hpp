// ExactReal: the code base's one exact rational type (FLINT fmpq behind an opaque value type). Numbers read
// from a model file or the command line stay exact, so validation (weights summing to 1), exact grouping
// and every later computation start from the user's own value.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "model/ball.hpp"

namespace critwin {

class ExactReal {
 public:
  ExactReal();  // 0
  explicit ExactReal(long n);
  ExactReal(const ExactReal&);
  ExactReal(ExactReal&&) noexcept;
  ExactReal& operator=(const ExactReal&);
  ExactReal& operator=(ExactReal&&) noexcept;
  ~ExactReal();

  // Parses "3", "-0.25", "1e-3", "2.5E+2", "3/10" exactly; nullopt when the text is none of these.
  static std::optional<ExactReal> parse(std::string_view text);
  // The binary double exactly (TOML floats are taken as the double they are). Must be finite.
  static ExactReal from_double(double x);
  static ExactReal from_int(long n);

  // The midpoint of a finite ball, exactly (Arb midpoints are dyadic). Throws std::invalid_argument when
  // the ball is not finite.
  static ExactReal from_ball_midpoint(const Ball& b);

  Ball ball() const;        // rounded to the current Ball precision
  double to_double() const; // nearest double (correctly rounded in the normal range)
  // Correctly rounded (to nearest) into a Boost.Multiprecision MPFR number M of any precision; M's
  // backend().data() is an mpfr_ptr, passed untyped so that this header needs no <mpfr.h>.
  template <class M>
  void to_mpfr(M& out) const { to_mpfr_data(out.backend().data()); }
  bool is_integer() const;
  long to_long() const;     // only when is_integer() and it fits
  int sign() const;
  std::string to_string() const;  // "p/q" or "p"; parse() reads it back exactly
  // `digits` significant digits in %g style at any exponent ("1e-400"), prefixed "≈" unless the text is
  // exactly this rational.
  std::string to_scientific(int digits) const;
  // Equal values hash equally (the rational is kept in lowest terms); for unordered containers.
  std::size_t hash() const;

  ExactReal& operator+=(const ExactReal& o);
  ExactReal& operator-=(const ExactReal& o);
  ExactReal& operator*=(const ExactReal& o);
  ExactReal& operator/=(const ExactReal& o);  // o != 0

  friend ExactReal operator+(const ExactReal& a, const ExactReal& b);
  friend ExactReal operator-(const ExactReal& a, const ExactReal& b);
  friend ExactReal operator*(const ExactReal& a, const ExactReal& b);
  friend ExactReal operator/(const ExactReal& a, const ExactReal& b);  // b != 0
  friend ExactReal operator-(const ExactReal& a);
  friend ExactReal abs(const ExactReal& a);
  // (a + b) / 2 exactly: where branch and bound splits a box, so the halves tile it exactly.
  friend ExactReal midpoint(const ExactReal& a, const ExactReal& b);
  friend ExactReal pow(const ExactReal& a, long n);  // n >= 0, or a != 0
  static ExactReal binomial(long n, long k);
  friend bool operator==(const ExactReal& a, const ExactReal& b);
  friend bool operator!=(const ExactReal& a, const ExactReal& b) { return !(a == b); }
  friend bool operator<(const ExactReal& a, const ExactReal& b);
  friend bool operator<=(const ExactReal& a, const ExactReal& b) { return !(b < a); }
  friend bool operator>(const ExactReal& a, const ExactReal& b) { return b < a; }
  friend bool operator>=(const ExactReal& a, const ExactReal& b) { return !(a < b); }

 private:
  void to_mpfr_data(void* mpfr) const;
  void* raw() { return q_; }
  const void* raw() const { return q_; }

  // Storage for one fmpq (two fmpz words; checked in exact_real.cpp), kept opaque so FLINT stays out of
  // dependants' headers, and inline so that a rational costs no allocation unless it outgrows a word.
  static constexpr std::size_t kBytes = 16;
  alignas(8) unsigned char q_[kBytes];
};

}  // namespace critwin

template <>
struct std::hash<critwin::ExactReal> {
  std::size_t operator()(const critwin::ExactReal& x) const noexcept { return x.hash(); }
};
