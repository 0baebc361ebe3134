// The report of `critwin retention` for given T̂ points, shared by the command and the Python module (which
// passes any numpy array of times instead of --t-hat / --t-hat-grid).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/model_context.hpp"

namespace critwin::app {

// Builds the engine for `m` as `args` says, computes the retention rows of S_init = `si` at `points` (each the
// text shown for the time and the time) and emits them (JSON object or table). Exact where the engine has a
// retention path, else the family's Monte Carlo engine (args.samples, seed, threads). InputErrors name
// s_init / t_hat; Interrupted on Ctrl-C from Python.
void retention_report(const ModelArgs& args, const Model& m, const Subset& si,
                      const std::vector<std::pair<std::string, TimePoint>>& points);

}  // namespace critwin::app
