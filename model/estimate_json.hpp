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

// Throws std::runtime_error naming `what` when e's value or an end of its interval is NaN: the output boundary's
// last guard (json_put and the table cells call it), so a computation that lost all accuracy fails with a message
// instead of printing "nan ±nan" under a guarantee.
void estimate_require_not_nan(const Estimate& e, const std::string& what);

void json_put(Json& j, const std::string& key, const Estimate& e);
void json_put(Json& j, const std::string& key, const OptionalTime& e);

// The smallest non-zero `precision_used` anywhere in `j` (0 if none): what one line of a table reports.
long json_precision_used(const Json& j);

}  // namespace critwin
