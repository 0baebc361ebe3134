// Exact engine for planted-spike models under truncate: TV(p_t^A, p_t^B) = |c_signal| · TV(P_n, Q_n) with
// n = length − t, the TV by Laplace inversion (estimated, stated error) tightened by the certified bounds.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"
#include "bounds/planted_spike/planted_spike_bounds.hpp"
#include "bounds/planted_spike/planted_spike_tv.hpp"

namespace critwin {

std::unique_ptr<ExactEngine> planted_spike_engine_make(const Model& model, long precision_bits);

// TV(P_n, Q_n) for the model's family at n observations: the Laplace-inversion value with its interval
// intersected with [max(max-test, moment lower bound), truncated second-moment upper bound] (guarantee:
// estimated; exact 0 at n = 0). Where the moment bound's gap is <= 1e-10 (large μ = λ√n) the answer is
// the certified interval [that lower bound, 1], its midpoint as value.
Estimate planted_spike_detection_tv(const PlantedSpikeComponents& c, long n);

}  // namespace critwin
