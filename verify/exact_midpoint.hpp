// The exact midpoint of two rationals: where branch and bound splits a box, so sub-boxes tile it exactly.
#pragma once

#include "model/exact_real.hpp"

namespace critwin::verify {

ExactReal exact_midpoint(const ExactReal& a, const ExactReal& b);

}  // namespace critwin::verify
