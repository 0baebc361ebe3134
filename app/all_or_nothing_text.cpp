#include "app/all_or_nothing_text.hpp"

#include <fmt/format.h>

namespace critwin::app {

std::string aon_crossing_text(const Crossing& c, long last_n) {
  if (!c.lo) return fmt::format("beyond the grid (n > {})", last_n);
  const std::string hi = c.hi ? std::to_string(*c.hi) : fmt::format("> {}", last_n);
  return c.hi && *c.lo == *c.hi ? hi : fmt::format("[{}, {}]", *c.lo, hi);
}

std::string aon_width_text(const Transition& t) {
  if (!t.width_over_nstar_lo || !t.width_over_nstar_hi) return "undetermined on this grid";
  return *t.width_over_nstar_lo == *t.width_over_nstar_hi
             ? fmt::format("{:.4f}", *t.width_over_nstar_lo)
             : fmt::format("[{:.4f}, {:.4f}]", *t.width_over_nstar_lo, *t.width_over_nstar_hi);
}

}  // namespace critwin::app
