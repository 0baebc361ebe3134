// region claims: what fraction of a box satisfies a formula (sub-boxes proved inside / outside, the rest
// undecided); "holds" when at most max_undecided of the volume is unclassified.
#pragma once

#include <string_view>

#include "verify/inequality_claim.hpp"

namespace critwin::verify {

struct RegionSpec : FormulaSpec {
  static constexpr std::string_view kind = "region";
  static constexpr std::string_view default_expect = "holds";
  double max_undecided = 0.05;  // largest undecided volume fraction that still "holds"

  static RegionSpec parse(ClaimTable& t);
  void check(const Claim& c, const RunOptions& opt, ClaimResult& out) const;
};

}  // namespace critwin::verify
