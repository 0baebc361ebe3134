// ExactReal: a rational number read from a model file or the command line, kept exact so that
// validation (weights summing to 1) and every later computation start from the user's own value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/ball.hpp"

namespace critwin {

class ExactReal {
 public:
  ExactReal();  // 0
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

  Ball ball() const;        // rounded to the current Ball precision
  double to_double() const; // nearest double
  bool is_integer() const;
  long to_long() const;     // only when is_integer() and it fits
  int sign() const;
  std::string to_string() const;  // "p/q" or "p"

  friend ExactReal operator+(const ExactReal& a, const ExactReal& b);
  friend ExactReal operator-(const ExactReal& a, const ExactReal& b);
  friend ExactReal operator*(const ExactReal& a, const ExactReal& b);
  friend ExactReal operator/(const ExactReal& a, const ExactReal& b);  // b != 0
  friend ExactReal abs(const ExactReal& a);
  friend ExactReal pow(const ExactReal& a, long n);  // n >= 0, or a != 0
  static ExactReal binomial(long n, long k);
  friend bool operator==(const ExactReal& a, const ExactReal& b);
  friend bool operator<(const ExactReal& a, const ExactReal& b);
  friend bool operator<=(const ExactReal& a, const ExactReal& b) { return !(b < a); }
  friend bool operator>(const ExactReal& a, const ExactReal& b) { return b < a; }
  friend bool operator>=(const ExactReal& a, const ExactReal& b) { return !(a < b); }

 private:
  void* q_;  // fmpq_t, kept opaque so FLINT stays out of dependants' headers
};

}  // namespace critwin
