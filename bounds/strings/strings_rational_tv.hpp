// The forward TV of a mixture of point masses on strings as an exact rational.
#pragma once

#include <optional>

#include "model/model.hpp"

namespace critwin {

// nullopt under random masking with more than 16 column types (2^types terms).
std::optional<ExactReal> strings_rational_forward_tv(const Model& m, const StringComponents& sc, const Subset& a,
                                                     const Subset& b, const TimePoint& t);

}  // namespace critwin
