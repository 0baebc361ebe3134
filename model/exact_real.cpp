#include "model/exact_real.hpp"

#include <arb.h>
#include <flint/fmpq.h>
#include <flint/fmpz.h>
#include <mpfr.h>

#include <cctype>
#include <cmath>
#include <new>
#include <stdexcept>

namespace critwin {

static_assert(sizeof(fmpq) == 16, "ExactReal::kBytes must equal sizeof(fmpq)");
static_assert(alignof(fmpq) <= 8, "ExactReal's storage is aligned to 8 bytes");

namespace {
// Typed views of the opaque storage (fmpq and arb_struct are implicitly created by their _init calls).
fmpq* Q(void* p) { return std::launder(static_cast<fmpq*>(p)); }
const fmpq* Q(const void* p) { return std::launder(static_cast<const fmpq*>(p)); }
arb_ptr A(void* p) { return std::launder(static_cast<arb_ptr>(p)); }
arb_srcptr A(const void* p) { return std::launder(static_cast<arb_srcptr>(p)); }

// Parses an optionally signed decimal with optional fraction and exponent into num/den exactly.
bool parse_decimal(std::string_view s, fmpq_t out) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  std::string digits;
  long frac_digits = 0;
  bool any = false, dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
      any = true;
      if (dot) ++frac_digits;
    } else if (c == '.' && !dot) {
      dot = true;
    } else if (c == '_') {
      continue;
    } else {
      break;
    }
  }
  if (!any) return false;
  long exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    if (i >= s.size()) return false;
    std::string ed;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) ed += s[i];
    if (ed.empty() || ed.size() > 4) return false;  // |exponent| < 10^4 keeps the integers sane
    exponent = std::stol(ed) * (eneg ? -1 : 1);
  }
  if (i != s.size()) return false;
  fmpz_t num, ten;
  fmpz_init(num);
  fmpz_init_set_ui(ten, 10);
  fmpz_set_str(num, digits.c_str(), 10);
  if (neg) fmpz_neg(num, num);
  long e = exponent - frac_digits;
  fmpz_t p;
  fmpz_init(p);
  fmpz_pow_ui(p, ten, static_cast<ulong>(e < 0 ? -e : e));
  if (e >= 0) {
    fmpz_mul(num, num, p);
    fmpz_one(p);
  }
  fmpq_set_fmpz_frac(out, num, p);
  fmpz_clear(p);
  fmpz_clear(num);
  fmpz_clear(ten);
  return true;
}
}  // namespace

ExactReal::ExactReal() { fmpq_init(Q(q_)); }
ExactReal::ExactReal(long n) { fmpq_init(Q(q_)); fmpq_set_si(Q(q_), n, 1); }
ExactReal::ExactReal(const ExactReal& o) : ExactReal() { fmpq_set(Q(q_), Q(o.q_)); }
ExactReal::ExactReal(ExactReal&& o) noexcept : ExactReal() { fmpq_swap(Q(q_), Q(o.q_)); }
ExactReal& ExactReal::operator=(const ExactReal& o) { if (this != &o) fmpq_set(Q(q_), Q(o.q_)); return *this; }
ExactReal& ExactReal::operator=(ExactReal&& o) noexcept { fmpq_swap(Q(q_), Q(o.q_)); return *this; }
ExactReal::~ExactReal() { fmpq_clear(Q(q_)); }

std::optional<ExactReal> ExactReal::parse(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  ExactReal r;
  auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    if (!parse_decimal(text, Q(r.q_))) return std::nullopt;
    return r;
  }
  ExactReal den;
  if (!parse_decimal(text.substr(0, slash), Q(r.q_)) || !parse_decimal(text.substr(slash + 1), Q(den.q_)))
    return std::nullopt;
  if (fmpq_is_zero(Q(den.q_))) return std::nullopt;
  fmpq_div(Q(r.q_), Q(r.q_), Q(den.q_));
  return r;
}

ExactReal ExactReal::from_double(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("ExactReal::from_double: not finite");
  ExactReal r;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m * 2^e, |m| in [0.5, 1)
  // 53-bit integer mantissa, then scale by a power of two: exact.
  long long mi = static_cast<long long>(std::ldexp(m, 53));
  e -= 53;
  fmpz_t num, den;
  fmpz_init(num);
  fmpz_init_set_ui(den, 1);
  fmpz_set_si(num, mi);
  if (e >= 0) fmpz_mul_2exp(num, num, static_cast<ulong>(e));
  else fmpz_mul_2exp(den, den, static_cast<ulong>(-e));
  fmpq_set_fmpz_frac(Q(r.q_), num, den);
  fmpz_clear(num);
  fmpz_clear(den);
  return r;
}

ExactReal ExactReal::from_int(long n) {
  ExactReal r;
  fmpq_set_si(Q(r.q_), n, 1);
  return r;
}

ExactReal ExactReal::from_ball_midpoint(const Ball& b) {
  if (!b.is_finite()) throw std::invalid_argument("ExactReal::from_ball_midpoint: ball not finite");
  // mid = man 2^exp with integers man, exp.
  fmpz_t man, e;
  fmpz_init(man);
  fmpz_init(e);
  arf_get_fmpz_2exp(man, e, arb_midref(A(b.raw())));
  ExactReal r;
  fmpz_set(fmpq_numref(Q(r.q_)), man);  // denominator already 1
  if (fmpz_sgn(e) >= 0) {
    fmpq_mul_2exp(Q(r.q_), Q(r.q_), fmpz_get_ui(e));
  } else {
    fmpz_neg(e, e);
    fmpq_div_2exp(Q(r.q_), Q(r.q_), fmpz_get_ui(e));
  }
  fmpz_clear(man);
  fmpz_clear(e);
  return r;
}

Ball ExactReal::ball() const {
  Ball b;
  arb_set_fmpq(A(b.raw()), Q(q_), ball_precision());
  return b;
}

double ExactReal::to_double() const {
  // One rounding to 53 bits, then an exact conversion (a second rounding only for subnormal results).
  arf_t a;
  arf_init(a);
  arf_set_fmpq(a, Q(q_), 53, ARF_RND_NEAR);
  const double d = arf_get_d(a, ARF_RND_NEAR);
  arf_clear(a);
  return d;
}

void ExactReal::to_mpfr_data(void* m) const { fmpq_get_mpfr(static_cast<mpfr_ptr>(m), Q(q_), MPFR_RNDN); }

std::size_t ExactReal::hash() const {
  // Residues of numerator and denominator modulo a Mersenne prime, mixed: in lowest terms, so equal
  // rationals have equal residues.
  constexpr ulong kPrime = (ulong{1} << 61) - 1;
  const ulong n = fmpz_fdiv_ui(fmpq_numref(Q(q_)), kPrime), d = fmpz_fdiv_ui(fmpq_denref(Q(q_)), kPrime);
  return static_cast<std::size_t>(n * 0x9E3779B97F4A7C15ULL ^ (d + 0x632BE59BD9B4E019ULL + (n << 6) + (n >> 2)));
}

ExactReal& ExactReal::operator+=(const ExactReal& o) { fmpq_add(Q(q_), Q(q_), Q(o.q_)); return *this; }
ExactReal& ExactReal::operator-=(const ExactReal& o) { fmpq_sub(Q(q_), Q(q_), Q(o.q_)); return *this; }
ExactReal& ExactReal::operator*=(const ExactReal& o) { fmpq_mul(Q(q_), Q(q_), Q(o.q_)); return *this; }
ExactReal& ExactReal::operator/=(const ExactReal& o) {
  if (o.sign() == 0) throw std::domain_error("ExactReal: division by zero");
  fmpq_div(Q(q_), Q(q_), Q(o.q_));
  return *this;
}

bool ExactReal::is_integer() const { return fmpz_is_one(fmpq_denref(Q(q_))); }
long ExactReal::to_long() const { return fmpz_get_si(fmpq_numref(Q(q_))); }
int ExactReal::sign() const { return fmpq_sgn(Q(q_)); }

std::string ExactReal::to_string() const {
  char* s = fmpq_get_str(nullptr, 10, Q(q_));
  std::string out(s);
  flint_free(s);
  return out;
}

std::string ExactReal::to_scientific(int digits) const {
  // MPFR keeps a 62-bit exponent, so values far outside the double range (ε² = 1e-400) print correctly.
  mpfr_t x;
  mpfr_init2(x, 64 + 4 * static_cast<mpfr_prec_t>(digits));
  mpq_t q;
  mpq_init(q);
  fmpq_get_mpq(q, Q(q_));
  mpfr_set_q(x, q, MPFR_RNDN);
  mpq_clear(q);
  char* buf = nullptr;
  mpfr_asprintf(&buf, "%.*Rg", digits, x);
  std::string out(buf);
  mpfr_free_str(buf);
  // The text is exact only if the rational is the decimal it shows (1e-400 is, though no binary float is).
  const auto back = ExactReal::parse(out);
  const bool shown_exact = back && *back == *this;
  mpfr_clear(x);
  return shown_exact ? out : "≈" + out;
}

ExactReal operator+(const ExactReal& a, const ExactReal& b) {
  ExactReal r;
  fmpq_add(Q(r.q_), Q(a.q_), Q(b.q_));
  return r;
}
ExactReal operator-(const ExactReal& a, const ExactReal& b) {
  ExactReal r;
  fmpq_sub(Q(r.q_), Q(a.q_), Q(b.q_));
  return r;
}
ExactReal operator*(const ExactReal& a, const ExactReal& b) {
  ExactReal r;
  fmpq_mul(Q(r.q_), Q(a.q_), Q(b.q_));
  return r;
}
ExactReal operator/(const ExactReal& a, const ExactReal& b) {
  if (b.sign() == 0) throw std::domain_error("ExactReal: division by zero");
  ExactReal r;
  fmpq_div(Q(r.q_), Q(a.q_), Q(b.q_));
  return r;
}
ExactReal operator-(const ExactReal& a) {
  ExactReal r;
  fmpq_neg(Q(r.q_), Q(a.q_));
  return r;
}
ExactReal midpoint(const ExactReal& a, const ExactReal& b) {
  ExactReal r;
  fmpq_add(Q(r.q_), Q(a.q_), Q(b.q_));
  fmpq_div_2exp(Q(r.q_), Q(r.q_), 1);
  return r;
}
ExactReal abs(const ExactReal& a) {
  ExactReal r;
  fmpq_abs(Q(r.q_), Q(a.q_));
  return r;
}
ExactReal pow(const ExactReal& a, long n) {
  ExactReal r;
  fmpq_pow_si(Q(r.q_), Q(a.q_), n);
  return r;
}
ExactReal ExactReal::binomial(long n, long k) {
  ExactReal r;
  if (k < 0 || k > n) return r;
  fmpz_bin_uiui(fmpq_numref(Q(r.q_)), static_cast<ulong>(n), static_cast<ulong>(k));
  fmpz_one(fmpq_denref(Q(r.q_)));
  return r;
}
bool operator==(const ExactReal& a, const ExactReal& b) { return fmpq_equal(Q(a.q_), Q(b.q_)); }
bool operator<(const ExactReal& a, const ExactReal& b) { return fmpq_cmp(Q(a.q_), Q(b.q_)) < 0; }

}  // namespace critwin
