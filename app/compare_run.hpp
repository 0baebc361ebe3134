// The computation behind `critwin compare` (optionally swept over a parameter), shared with `critwin plot`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/compare_sweep.hpp"
#include "app/model_context.hpp"
#include "bounds/paper/earlier_predictions.hpp"

namespace critwin::app {

struct ComparePoint {
  std::optional<ExactReal> value;  // the swept parameter's value (nullopt without --sweep)
  ExactReal eps;
  Comparison comparison;
};

struct CompareRequest {
  std::string eps, s_after, s_before;  // option texts (--eps, --s-after, --s-before)
  std::optional<SweepSpec> sweep;      // from --sweep
};

// Validates everything first (InputErrors name the flags: --eps, --s-after, --s-before, --sweep), then
// computes one Comparison per sweep value. `path` receives the engine path (as ModelArgs::engine) of the
// first point, `note` its caption line.
std::vector<ComparePoint> compare_run(const ModelArgs& args, const Model& base, const CompareRequest& req, Json& path,
                                      std::string& note);

// The model's exact engine without the Monte Carlo fallback of ModelArgs::engine, or null when the exact engine
// refuses the model: what exact retention curves (compare's half-way times, plot retention) are asked of.
std::unique_ptr<ExactEngine> exact_engine_or_null(const Model& m, long precision_bits);

// One JSON object per row ({method, t_after, t_before, width, source, guarantee, d_*} or {method, t, …}),
// with {param: value} first when swept.
Json compare_rows_json(const std::vector<ComparePoint>& points, const std::string& param);
// The omitted methods, one object {method, reason} (plus the sweep value) per point and method.
Json compare_omitted_json(const std::vector<ComparePoint>& points, const std::string& param);

// The window width t_before − t_after of a window row (null when an end is empty, inf when one is infinite).
OptionalTime prediction_width(const Prediction& p);

}  // namespace critwin::app
