// Sparse regression × truncate: sub-mixture TVs are multiples of the detection TV, known here as a
// certified interval.
#include "bounds/sparse_regression/sparse_regression_engine.hpp"

#include <cmath>

#include "model/input_error.hpp"

namespace critwin {

namespace {

class SparseRegressionEngine final : public ExactEngine {
 public:
  SparseRegressionEngine(const Model& m, long prec)
      : ExactEngine(m, prec), c_(std::get<SparseRegressionComponents>(m.components)) {}

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    const double coef = std::abs(model_.signed_weights(a, b)[0].to_double());
    Estimate e = sparse_regression_detection_tv_bounds(c_, c_.length - t.to_long());
    return Estimate{coef * e.value, coef * e.lo, coef * e.hi, e.guarantee, false, e.precision_bits};
  }

  bool has_exact_fr_tv() const override { return false; }

  Estimate fr_tv(const Subset&, const Subset&, const TimePoint&) const override {
    throw InputError("t_hat", "sparse-regression models have no exact forward–reverse TV; estimate it by Monte "
                              "Carlo with `critwin sample` (its TV estimate) instead");
  }

 private:
  SparseRegressionComponents c_;
};

}  // namespace

SparseRegressionParams sparse_regression_params(const SparseRegressionComponents& c) {
  return SparseRegressionParams{c.dim, c.sparsity, c.noise_variance};
}

Estimate sparse_regression_detection_tv_bounds(const SparseRegressionComponents& c, long n) {
  if (n <= 0) return Estimate::exact_value(0);
  const SparseRegressionParams p = sparse_regression_params(c);
  const double lo = sparse_regression_scan_test_lower(p, n).bound.lo;
  const double hi = sparse_regression_second_moment_upper(p, n).hi;
  return Estimate{(lo + hi) / 2, lo, hi, Guarantee::certified, false, ball_precision()};
}

std::unique_ptr<ExactEngine> sparse_regression_engine_make(const Model& model, long precision_bits) {
  return std::make_unique<SparseRegressionEngine>(model, precision_bits);
}

}  // namespace critwin
