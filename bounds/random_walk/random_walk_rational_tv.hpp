// The forward TV of an absorbing random-walk mixture as an exact rational: the same group sum as the
// engine's, with exact integer path counts and exact likelihoods.
#pragma once

#include <optional>

#include "model/model.hpp"

namespace critwin {

// nullopt when the prefix has more than 2000 tokens (the exact integers grow to thousands of digits and
// the pass to minutes); ties that need it occur at short prefixes (e.g. 2 tokens in E5).
std::optional<ExactReal> random_walk_rational_forward_tv(const Model& m, const RandomWalkComponents& walk,
                                                         const Subset& a, const Subset& b, const TimePoint& t);

}  // namespace critwin
