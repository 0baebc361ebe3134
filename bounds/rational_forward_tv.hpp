// The forward TV of a discrete-family model as an exact rational. With rational weights and parameters
// TV(p_t^A, p_t^B) is a finite sum of rationals, so ties with a rational threshold (which really occur:
// E5 has TV(p_598^heads, p_598) = 1/10 exactly) are decided exactly instead of by overlapping balls.
#pragma once

#include <optional>

#include "model/model.hpp"

namespace critwin {

// nullopt for families where the value is not rational (Gaussians) or the enumeration would be too large.
std::optional<ExactReal> rational_forward_tv(const Model& model, const Subset& a, const Subset& b, const TimePoint& t);

}  // namespace critwin
