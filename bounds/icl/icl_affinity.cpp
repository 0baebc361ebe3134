#include "bounds/icl/icl_affinity.hpp"

#include <fmt/format.h>

#include "bounds/icl/icl_engine.hpp"
#include "bounds/icl/icl_types.hpp"
#include "model/input_error.hpp"

namespace critwin {

Ball icl_bhattacharyya(const Model& m, const Subset& a, const Subset& b, long n) {
  const auto& comps = std::get<IclComponents>(m.components);
  const IclTypes types = icl_types_make(comps);
  const uint64_t count = icl_count_tables(n, types.size());
  if (count > kIclMaxTables)
    throw InputError("components.examples", fmt::format("the exact affinity after {} examples sums over {} count tables "
                                                        "(more than {})", n, count, kIclMaxTables));
  const size_t K = static_cast<size_t>(m.size());
  std::vector<Ball> sa(K, Ball(0)), sb(K, Ball(0));
  const Ball wa = m.weight(a).ball(), wb = m.weight(b).ball();
  for (int i : a.indices()) sa[i] = m.weights[i].ball() / wa;
  for (int i : b.indices()) sb[i] = m.weights[i].ball() / wb;
  const auto pw = icl_powers(types, n);
  Ball total(0), pa, pb, tmp;
  icl_for_each_count(pw, n, [&](const std::vector<Ball>& L) {
    pa = Ball(0);
    pb = Ball(0);
    for (size_t th = 0; th < K; ++th) {
      tmp = sa[th];
      tmp *= L[th];
      pa += tmp;
      tmp = sb[th];
      tmp *= L[th];
      pb += tmp;
    }
    total += sqrt(pa * pb);
  });
  return total * icl_factorial(n);
}

}  // namespace critwin
