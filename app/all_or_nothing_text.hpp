// How the all-or-nothing command and `critwin paper` print a transition's crossings and width.
#pragma once

#include <string>

#include "bounds/all_or_nothing_transition.hpp"

namespace critwin::app {

// "20", "[1, 50]" (reached at the first grid point), or "beyond the grid (n > 100)".
std::string aon_crossing_text(const Crossing& c, long last_n);

// "1.7853", "[1.7853, 1.8034]", or "undetermined on this grid".
std::string aon_width_text(const Transition& t);

}  // namespace critwin::app
