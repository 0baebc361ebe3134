#include "bounds/icl/icl_rational_tv.hpp"

namespace critwin {

ExactReal icl_rational_tv(const Model& m, const IclTypes& types, const Subset& a, const Subset& b, long n) {
  const std::vector<ExactReal> c = m.signed_weights(a, b);
  ExactReal total;
  icl_for_each_count_exact(types, n, [&](const std::vector<ExactReal>& L) {
    ExactReal d;
    for (size_t th = 0; th < c.size(); ++th)
      if (c[th].sign() != 0) d = d + c[th] * L[th];
    total = total + abs(d);
  });
  ExactReal fact = ExactReal::from_int(1);
  for (long i = 2; i <= n; ++i) fact = fact * ExactReal::from_int(i);
  return total * fact / ExactReal::from_int(2);
}

}  // namespace critwin
