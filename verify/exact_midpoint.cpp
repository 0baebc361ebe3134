#include "verify/exact_midpoint.hpp"

#include <stdexcept>

#include <gmp.h>

namespace critwin::verify {

// ExactReal keeps its FLINT rational opaque and has no division; its exact text round-trips through GMP.
ExactReal exact_midpoint(const ExactReal& a, const ExactReal& b) {
  mpq_t x, y;
  mpq_inits(x, y, nullptr);
  mpq_set_str(x, a.to_string().c_str(), 10);
  mpq_canonicalize(x);
  mpq_set_str(y, b.to_string().c_str(), 10);
  mpq_canonicalize(y);
  mpq_add(x, x, y);
  mpq_div_2exp(x, x, 1);
  char* s = mpq_get_str(nullptr, 10, x);
  auto r = ExactReal::parse(s);
  void (*freefunc)(void*, size_t);
  mp_get_memory_functions(nullptr, nullptr, &freefunc);
  freefunc(s, std::char_traits<char>::length(s) + 1);
  mpq_clears(x, y, nullptr);
  if (!r) throw std::logic_error("exact_midpoint: unreadable rational");
  return *r;
}

}  // namespace critwin::verify
