// The JSON conventions of critwin's output contract (DESIGN.md "CLI contract"), shared by every module that
// writes JSON: a real is its nearest double; a certified or estimated value adds `<key>_lo` / `<key>_hi`;
// +∞ is the string "inf"; an empty sup/inf is null; `precision_used` gives the bits of the arithmetic
// behind the object's numbers (the smallest over them; 0 when every number is exact).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/estimate.hpp"

namespace critwin {

using Json = nlohmann::ordered_json;

void json_put(Json& j, const std::string& key, const Estimate& e);
void json_put(Json& j, const std::string& key, const OptionalTime& e);

// The smallest non-zero `precision_used` anywhere in `j` (0 if none): what one line of a table reports.
long json_precision_used(const Json& j);

}  // namespace critwin
