// The `all-or-nothing` claim (issue 15): for a planted-spike or sparse-regression model and a grid of n,
//   lower bound <= TV(P_n, Q_n) <= upper bound (against the exact TV, or within its Monte Carlo interval),
//   TV(n) <= tol for n <= (1 − δ) N*,   TV(n) >= 1 − tol for n >= (1 + δ) N*.
// This file is the check itself; its claims-file row (parse + registration) joins verify/'s kinds table.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/exact_real.hpp"

namespace critwin::verify {

struct AllOrNothingClaim {
  std::string model_text;   // the model (TOML)
  std::vector<long> n_grid; // observation counts, each in [0, length]
  ExactReal delta;          // > 0
  ExactReal tol;            // in (0, 1/2)
  long samples = 20000;     // Monte Carlo samples per n (sparse regression)
  long seed = 1;
};

struct AllOrNothingOutcome {
  std::string status;   // "holds" or "fails"
  std::string evidence; // one line
  nlohmann::ordered_json details;  // n_star and one entry per n
};

// InputError naming `model`, `n_grid`, `delta` or `tol` on bad input.
AllOrNothingOutcome all_or_nothing_check(const AllOrNothingClaim& claim);

}  // namespace critwin::verify
