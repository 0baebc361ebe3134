// The all-or-nothing section of `critwin paper`: the planted spike's transition width in units of N* as M
// grows (λ = 1/2, M = 2^4, 2^10, 2^16) and one BoE Theorem-6 window (the bundled planted_spike.toml).
#pragma once

#include "app/output.hpp"

namespace critwin::app {

struct PaperSection {
  Json json;
  Table table;
};

PaperSection paper_all_or_nothing_section();

}  // namespace critwin::app
