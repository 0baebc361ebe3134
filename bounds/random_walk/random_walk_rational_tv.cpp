#include "bounds/random_walk/random_walk_rational_tv.hpp"

#include "bounds/random_walk/random_walk_paths.hpp"

namespace critwin {

namespace {
constexpr long kMaxExactPrefix = 2000;
}  // namespace

std::optional<ExactReal> random_walk_rational_forward_tv(const Model& m, const RandomWalkComponents& walk,
                                                         const Subset& a, const Subset& b, const TimePoint& t) {
  if (t.infinite) return std::nullopt;
  const long n = walk.length - t.to_long();
  if (n > kMaxExactPrefix) return std::nullopt;
  const std::vector<ExactReal> c = m.signed_weights(a, b);
  const ExactReal one = ExactReal::from_int(1);
  auto term = [&](long len, long u) {
    ExactReal s;
    for (size_t i = 0; i < c.size(); ++i)
      if (c[i].sign() != 0) s = s + c[i] * pow(walk.probs[i], u) * pow(one - walk.probs[i], len - u);
    return abs(s);
  };
  const long A = random_walk_effective_barrier(walk.barrier, walk.length);
  const WalkPass<ExactReal> pass = walk_forward_pass<ExactReal>(A, n, one, term, false);
  return pass.sums[static_cast<size_t>(n)] / ExactReal::from_int(2);
}

}  // namespace critwin
