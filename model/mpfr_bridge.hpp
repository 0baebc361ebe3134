// Arb special functions for Boost.Multiprecision MPFR numbers: for numerics that compute in MPFR (estimates,
// not enclosures) but want Arb's faster erfc, without including <arb.h> or <mpfr.h> outside model/.
// Kept apart from ball.hpp on purpose: Ball's math overloads (log, sqrt, ...) would hide <cmath>'s in
// namespaces nested in critwin, since a double converts to a Ball.
#pragma once


namespace critwin {

namespace detail {
// z <- mid(erfc(z)) computed by Arb at `bits` of working precision, rounded to nearest into z's precision.
// `mpfr` is an mpfr_ptr (Boost's backend().data()), untyped so that this header needs no <mpfr.h>.
void mpfr_erfc_by_arb(void* mpfr, long bits);
}  // namespace detail

// erfc(x) for an MPFR number type M (Boost.Multiprecision number<mpfr_float_backend<...>>): the midpoint of
// Arb's enclosure computed with `bits` working bits (MPFR's own erfc is up to 10x slower for x in 3..7).
// x must be finite (Arb's erfc(±inf) is not finite).
template <class M>
M erfc_by_arb(const M& x, long bits) {
  M z = x;
  detail::mpfr_erfc_by_arb(z.backend().data(), bits);
  return z;
}

}  // namespace critwin
