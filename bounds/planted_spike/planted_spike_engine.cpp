// Planted spike × truncate: every sub-mixture TV is a multiple of the detection TV (two components).
#include "bounds/planted_spike/planted_spike_engine.hpp"

#include <algorithm>
#include <cmath>

#include "model/input_error.hpp"

namespace critwin {

namespace {

class PlantedSpikeEngine final : public ExactEngine {
 public:
  PlantedSpikeEngine(const Model& m, long prec) : ExactEngine(m, prec), c_(std::get<PlantedSpikeComponents>(m.components)) {}

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    const long n = c_.length - t.to_long();
    // p^A − p^B = c_0 (P − Q) (the signed weights sum to 0), so TV(p^A, p^B) = |c_0| TV(P_n, Q_n).
    const double coef = std::abs(model_.signed_weights(a, b)[0].to_double());
    Estimate e = planted_spike_detection_tv(c_, n);
    return Estimate{coef * e.value, coef * e.lo, coef * e.hi, e.guarantee, false, e.precision_bits};
  }

  bool has_exact_fr_tv() const override { return false; }

  Estimate fr_tv(const Subset&, const Subset&, const TimePoint&) const override {
    throw InputError("t_hat", "planted-spike models have no exact forward–reverse TV; estimate it by Monte Carlo "
                              "with `critwin sample` (its TV estimate) instead");
  }

 private:
  PlantedSpikeComponents c_;
};

}  // namespace

Estimate planted_spike_detection_tv(const PlantedSpikeComponents& c, long n) {
  if (n <= 0) return Estimate::exact_value(0);
  const PlantedSpikeParams p{c.dim, c.snr};
  const double mu = std::sqrt(planted_spike_mu_squared(p, n).to_double());
  const PlantedSpikeTv lap = planted_spike_tv(c.dim, mu);
  // The certified bounds hold for the true μ = λ√n; the Laplace value uses its nearest double, whose effect
  // (relative 1e-16 in μ) is far inside the stated error.
  const double lo = std::max(planted_spike_max_test_lower(p, n).bound.lo, planted_spike_moment_lower(p, n).lo);
  const double hi = planted_spike_truncated_second_moment_upper(p, n).bound.hi;
  if (lap.by_moment_bound) {
    // Large μ: no quadrature; [lo, 1] is proved (Arb bounds, TV <= 1), so the interval is certified.
    return Estimate{lo + (1 - lo) / 2, lo, 1.0, Guarantee::certified, false, 53};
  }
  Estimate e = lap.tv;
  e.lo = std::max(e.lo, lo);
  e.hi = std::min(e.hi, hi);
  if (!(e.lo <= e.hi)) e.lo = lo, e.hi = hi;  // the estimate disagrees with proved bounds: keep the proof
  e.value = std::clamp(e.value, e.lo, e.hi);
  return e;
}

std::unique_ptr<ExactEngine> planted_spike_engine_make(const Model& model, long precision_bits) {
  return std::make_unique<PlantedSpikeEngine>(model, precision_bits);
}

}  // namespace critwin
