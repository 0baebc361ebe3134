// all-or-nothing claims (issue 15, BoE §4.2.2): for a planted-spike or sparse-regression model and a grid of n,
// the detection bounds bracket the true TV and the TV jumps across N*: TV(n) <= tol for n <= (1 − δ) N* and
// TV(n) >= 1 − tol for n >= (1 + δ) N*. The check is all_or_nothing_check (exact planted-spike TV, Monte Carlo
// with a 99.9% interval for sparse regression); this file is its claims-file row.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/exact_real.hpp"
#include "verify/claim_fwd.hpp"
#include "verify/claim_model_source.hpp"

namespace critwin::verify {

struct AllOrNothingSpec {
  static constexpr std::string_view kind = "all-or-nothing";
  static constexpr std::string_view default_expect = "holds";
  ModelSource model;         // a planted-spike or sparse-regression model
  std::vector<long> n_grid;  // observation counts in [0, length]
  ExactReal delta, tol;      // δ > 0, tol in (0, 1/2)
  long samples = 20000, seed = 1;  // Monte Carlo (sparse regression only)

  static AllOrNothingSpec parse(ClaimTable& t);
  void check(const Claim& c, const RunOptions& opt, ClaimResult& out) const;
};

}  // namespace critwin::verify
