// The forward TV of a Bernoulli-product mixture as an exact rational (finite sums over counts of ones).
#pragma once

#include <optional>

#include "model/model.hpp"

namespace critwin {

// nullopt under random masking beyond length 2000 (the binomial mixture gets too large to sum exactly).
std::optional<ExactReal> bernoulli_rational_forward_tv(const Model& m, const BernoulliProductComponents& coins,
                                                       const Subset& a, const Subset& b, const TimePoint& t);

}  // namespace critwin
