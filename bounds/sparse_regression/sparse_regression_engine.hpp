// Engine for sparse-regression models under truncate. No exact TV is known (THEORY.md §8): forward TVs are
// the certified enclosure [scan-test lower bound, second-moment upper bound] of |c_signal| · TV(P_n, Q_n);
// the Monte Carlo estimate of the TV itself lives in samplers/sparse_regression/.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"
#include "bounds/sparse_regression/sparse_regression_bounds.hpp"

namespace critwin {

std::unique_ptr<ExactEngine> sparse_regression_engine_make(const Model& model, long precision_bits);

SparseRegressionParams sparse_regression_params(const SparseRegressionComponents& c);

// [scan lower bound, min(1, ½√χ²)] for TV(P_n, Q_n), certified; value = the midpoint (exact 0 at n = 0).
Estimate sparse_regression_detection_tv_bounds(const SparseRegressionComponents& c, long n);

}  // namespace critwin
