// Monte Carlo retention curves (THEORY.md §6) for the families whose exact engine has no retention path: the
// three per-sample terms (latent P(S | Y), label indicator, cloning Σ_θ P(θ | Y)²), each in [0, 1], summed per
// block and turned into 99.9% empirical-Bernstein intervals (guarantee monte-carlo).
#pragma once

#include <memory>

#include "bounds/engine_factory.hpp"
#include "bounds/exact_engine.hpp"
#include "samplers/mc_engine_options.hpp"
#include "samplers/empirical_bernstein.hpp"
#include "samplers/tv_estimate.hpp"

namespace critwin {

struct RetentionMcAcc {
  double n = 0, sum[3] = {0, 0, 0}, sumsq[3] = {0, 0, 0};  // 0 latent, 1 label, 2 cloning
  void merge(const RetentionMcAcc& o) {
    n += o.n;
    for (int q = 0; q < 3; ++q) sum[q] += o.sum[q], sumsq[q] += o.sumsq[q];
  }
  void add(double latent, double label, double cloning) {
    n += 1;
    const double v[3] = {latent, label, cloning};
    for (int q = 0; q < 3; ++q) sum[q] += v[q], sumsq[q] += v[q] * v[q];
  }
  ExactEngine::Retention estimates() const {
    Estimate e[3];
    for (int q = 0; q < 3; ++q) {
      e[q] = empirical_bernstein_mean(n, sum[q], sumsq[q], 1.0);
      e[q].guarantee = Guarantee::monte_carlo;
    }
    return {e[0], e[1], e[2]};
  }
};

// The engine of a family whose exact engine has exact forward TVs but no retention path (and maybe no exact
// fr-tv: the detection families): forward TVs are the exact engine's; fr-tv is the exact engine's when it has
// one (has_exact_fr_tv) and otherwise the generic Monte Carlo estimator (samplers/tv_estimate.hpp, guarantee
// monte-carlo); the family overrides retention_impl with its Monte Carlo.
class RetentionMcEngine : public ExactEngine {
 public:
  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    return exact_->forward_tv(a, b, t);
  }
  std::optional<Estimate> forward_tv_crossing(const Subset& a, const Subset& b, const Ball& level) const override {
    return exact_->forward_tv_crossing(a, b, level);
  }
  TvGap forward_tv_gap(const Subset& a, const Subset& b, const TimePoint& t) const override {
    return exact_->forward_tv_gap(a, b, t);
  }
  std::optional<ExactReal> rational_forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    return exact_->rational_forward_tv(a, b, t);
  }
  Estimate fr_tv(const Subset& si, const Subset& st, const TimePoint& t) const override {
    if (exact_->has_exact_fr_tv()) return exact_->fr_tv(si, st, t);
    Estimate e = tv_estimate_run(model_, TvSpec{si, st, t, 0}, opt_.samples, opt_.seed, opt_.threads).tv;
    e.guarantee = Guarantee::monte_carlo;
    return e;
  }

 protected:
  RetentionMcEngine(const Model& m, long prec, const McEngineOptions& opt)
      : ExactEngine(m, prec), exact_(exact_engine_make(m, prec)), opt_(opt) {}
  std::unique_ptr<ExactEngine> exact_;
  McEngineOptions opt_;
};

}  // namespace critwin
