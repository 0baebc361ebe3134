// Crossings of a monotone curve known on a grid with intervals.
#include "bounds/all_or_nothing_transition.hpp"

#include <algorithm>

namespace critwin {

Crossing aon_crossing(const std::vector<AonPoint>& curve, double level) {
  Crossing c;
  // TV(0) = 0 (no observation tells the laws apart), so a level reached at the first grid point was
  // crossed somewhere in 1..n_first: the bracket starts at 1, not at the grid's start.
  long prev = 0;
  for (const AonPoint& p : curve) {
    if (!c.lo && p.tv.hi >= level) c.lo = prev + 1;  // TV may already reach the level just after prev
    if (!c.hi && p.tv.lo >= level) c.hi = p.n;
    prev = p.n;
  }
  return c;
}

Transition aon_transition(const std::vector<AonPoint>& curve, double n_star, double low, double high) {
  Transition t;
  t.low = aon_crossing(curve, low);
  t.high = aon_crossing(curve, high);
  if (t.low.lo && t.low.hi && t.high.lo && t.high.hi) {
    t.width_lo = std::max(0.0, static_cast<double>(*t.high.lo - *t.low.hi));
    t.width_hi = static_cast<double>(*t.high.hi - *t.low.lo);
    t.width_over_nstar_lo = *t.width_lo / n_star;
    t.width_over_nstar_hi = *t.width_hi / n_star;
  }
  return t;
}

std::optional<Theorem6Window> aon_theorem6_window(const Transition& t, double n_star, long length) {
  if (!t.low.lo || !t.high.hi) return std::nullopt;
  Theorem6Window w;
  w.delta = std::max({0.0, 1 - static_cast<double>(*t.low.lo) / n_star, static_cast<double>(*t.high.hi) / n_star - 1});
  const double end = static_cast<double>(length) + 2;
  w.t_lo = end - (1 + w.delta) * n_star;
  w.t_hi = end - (1 - w.delta) * n_star;
  return w;
}

}  // namespace critwin
