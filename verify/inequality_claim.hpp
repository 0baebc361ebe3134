// inequality claims: `assume => expr` over a box, proved (for every point of the box where the assumption
// holds, every subterm is defined and expr is true), refuted (an Arb-checked point where it is false or
// undefined) or unknown. FormulaSpec is the part shared with region queries.
#pragma once

#include <string>
#include <string_view>

#include "verify/box.hpp"
#include "verify/claim_fwd.hpp"
#include "verify/expr.hpp"

namespace critwin::verify {

struct CheckOptions;

struct FormulaSpec {
  std::string expr_text, assume_text;
  ExprPtr formula;          // assume => expr (or expr alone)
  Box box;
  long budget = 512;        // boxes for branch and bound
  bool use_z3 = true;       // solver = "z3+arb" (default) or "arb" (interval branch and bound only)

  // Reads expr, assume, box, budget and solver. `need_full_box`: every variable must have a range (regions,
  // and every claim with a transcendental function).
  static FormulaSpec parse(ClaimTable& t, bool need_full_box);
  CheckOptions check_options(const RunOptions& opt) const;
};

struct InequalitySpec : FormulaSpec {
  static constexpr std::string_view kind = "inequality";
  static constexpr std::string_view default_expect = "proved";
  static InequalitySpec parse(ClaimTable& t);
  void check(const Claim& c, const RunOptions& opt, ClaimResult& out) const;
};

}  // namespace critwin::verify
