// The planted-spike and sparse-regression Monte Carlo families against exact facts: at T̂ = 0 the label of X'
// is the likelihood-ratio test, so freq(signal | S_init = signal) − freq(signal | S_init = null) = TV(P_N, Q_N);
// forward–reverse under the whole mixture keeps p (label frequencies do not depend on T̂); the generic TV
// estimator at T̂ = N gives TV(p, p^signal) = w_null TV(P_N, Q_N).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "bounds/planted_spike/planted_spike_engine.hpp"
#include "model/model_file.hpp"
#include "samplers/experiment.hpp"
#include "samplers/sparse_regression/sparse_regression_sampler.hpp"
#include "samplers/tv_estimate.hpp"

namespace critwin {
namespace {

const char* kSpike = R"(
[mixture]
weights = ["1/2", "1/2"]
labels = ["signal", "null"]
[components]
kind = "planted-spike"
length = 24
dim = 16
snr = "1/2"
[process]
kind = "truncate"
)";

const char* kSparse = R"(
[mixture]
weights = ["1/2", "1/2"]
labels = ["signal", "null"]
[components]
kind = "sparse-regression"
length = 4
dim = 5
sparsity = 2
noise_variance = "1/2"
[process]
kind = "truncate"
)";

ExperimentSpec spec(const Model& m, const std::string& s_init, const std::string& t) {
  return ExperimentSpec{Subset::parse(s_init, m, "s_init"), TimePoint::parse(t, m.process, "t_hat"), ReverseKind::jump, 0};
}

// |p1 − p2| within 3.3 combined standard errors (two independent proportions).
void expect_diff_near(const LabelCounts& a, const LabelCounts& b, double diff, const std::string& what) {
  const double p1 = a.freq(0).value, p2 = b.freq(0).value;
  const double se = std::sqrt(p1 * (1 - p1) / a.n + p2 * (1 - p2) / b.n);
  EXPECT_NEAR(p1 - p2, diff, 3.3 * se + 1e-3) << what;
}

TEST(DetectionFamilies, LikelihoodRatioTestAtZeroGivesTheTv) {
  const Model m = model_file_parse(kSpike);
  const uint64_t n = 200000;
  const LabelCounts sig = forward_reverse_run(m, spec(m, "signal", "0"), n, 3, 2);
  const LabelCounts nul = forward_reverse_run(m, spec(m, "null", "0"), n, 4, 2);
  const double tv = planted_spike_detection_tv(std::get<PlantedSpikeComponents>(m.components), 24).value;
  expect_diff_near(sig, nul, tv, "planted spike, N = 24");
}

TEST(DetectionFamilies, ForwardReverseUnderTheMixtureKeepsTheLaw) {
  for (const char* text : {kSpike, kSparse}) {
    const Model m = model_file_parse(text);
    const long N = m.process.length;
    const uint64_t n = 100000;
    const LabelCounts at0 = forward_reverse_run(m, spec(m, "signal,null", "0"), n, 5, 2);
    for (long t : {N / 2, N}) {
      const LabelCounts at = forward_reverse_run(m, spec(m, "signal,null", std::to_string(t)), n, 6 + t, 2);
      expect_diff_near(at, at0, 0.0, m.family_name() + " at t_hat = " + std::to_string(t));
    }
  }
}

TEST(DetectionFamilies, TvEstimatorAtFullTruncation) {
  const Model m = model_file_parse(kSpike);
  const TvSpec ts{Subset::parse("signal", m, "a"), Subset::parse("signal", m, "b"), TimePoint::parse("24", m.process, "t"), 0};
  const TvEstimate e = tv_estimate_run(m, ts, 100000, 8, 2);
  const double exact = 0.5 * planted_spike_detection_tv(std::get<PlantedSpikeComponents>(m.components), 24).value;
  EXPECT_LE(e.tv.lo, exact);
  EXPECT_GE(e.tv.hi, exact);
}

TEST(DetectionFamilies, SparseDetectionMcIsThreadIndependentAndMonotone) {
  const Model m = model_file_parse(kSparse);
  const auto& c = std::get<SparseRegressionComponents>(m.components);
  const Estimate a = sparse_regression_detection_tv_mc(c, 3, 20000, 9, 1);
  const Estimate b = sparse_regression_detection_tv_mc(c, 3, 20000, 9, 2);
  EXPECT_EQ(a.value, b.value);
  EXPECT_EQ(a.hi, b.hi);
  // The same seed couples the samples across n only loosely; compare intervals, which must be ordered.
  const Estimate lo = sparse_regression_detection_tv_mc(c, 1, 20000, 10, 2);
  const Estimate hi = sparse_regression_detection_tv_mc(c, 4, 20000, 11, 2);
  EXPECT_LT(lo.lo, hi.hi);
  EXPECT_LT(lo.value, hi.value);
  EXPECT_EQ(sparse_regression_detection_tv_mc(c, 0, 10, 1, 1).value, 0.0);
}

}  // namespace
}  // namespace critwin
