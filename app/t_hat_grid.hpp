// The --t-hat / --t-hat-grid options shared by `sample` and `retention`: the T̂ values of a curve.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/process.hpp"

namespace critwin::app {

// "a:b:n": n >= 1 points from a to b (b >= a), rounded to integers on a discrete index set (points merged by
// the rounding appear once). Each entry is the text shown for the point and the point itself. InputError
// naming `field` (e.g. --t-hat-grid) for a malformed grid or points outside the index set.
std::vector<std::pair<std::string, TimePoint>> t_hat_grid_parse(const std::string& text, const Process& p,
                                                                const std::string& field);

// Exactly one of `t_hat` ("T") and `grid` ("a:b:n") must be given; InputError naming --t-hat otherwise.
std::vector<std::pair<std::string, TimePoint>> t_hat_points(const std::string& t_hat, const std::string& grid,
                                                            const Process& p);

}  // namespace critwin::app
