#include "bounds/exact_engine.hpp"

namespace critwin {

std::vector<Estimate> ExactEngine::fr_tv_curve(const Subset& s_init, const Subset& s_target) const {
  std::vector<Estimate> out;
  for (long t = 0; t <= model_.process.length; ++t) out.push_back(fr_tv(s_init, s_target, TimePoint::integer(t)));
  return out;
}

ExactEngine::TvGap ExactEngine::forward_tv_gap(const Subset& a, const Subset& b, const TimePoint& t) const {
  const Estimate tv = forward_tv(a, b, t);
  TvGap g;
  g.anchor = ExactReal::from_int(0);
  g.gap = Ball(-1) * Ball::interval(tv.lo, tv.hi);
  g.guarantee = tv.guarantee;
  return g;
}

}  // namespace critwin
