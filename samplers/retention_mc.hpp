// Monte Carlo retention curves (THEORY.md §6) for the families whose exact engine has no retention path: the
// three per-sample terms (latent P(S | Y), label indicator, cloning Σ_θ P(θ | Y)²), each in [0, 1], summed per
// block and turned into 99.9% empirical-Bernstein intervals (guarantee monte-carlo).
#pragma once

#include <memory>

#include "bounds/engine_factory.hpp"
#include "bounds/exact_engine.hpp"
#include "samplers/block_runner.hpp"
#include "samplers/mc_engine_options.hpp"
#include "samplers/empirical_bernstein.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/tv_estimate.hpp"

namespace critwin {

// The three terms of one retention sample, each in [0, 1].
struct RetentionTerms {
  double latent = 0, label = 0, cloning = 0;
};

struct RetentionMcAcc {
  double n = 0, sum[3] = {0, 0, 0}, sumsq[3] = {0, 0, 0};  // 0 latent, 1 label, 2 cloning
  void merge(const RetentionMcAcc& o) {
    n += o.n;
    for (int q = 0; q < 3; ++q) sum[q] += o.sum[q], sumsq[q] += o.sumsq[q];
  }
  void add(const RetentionTerms& t) {
    n += 1;
    const double v[3] = {t.latent, t.label, t.cloning};
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
// monte-carlo); the family overrides retention_impl with a call to retention_mc, giving its per-sample draw.
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

  // The Monte Carlo retention curve: one row per T̂ of `ts`, each the mean of opt_.samples draws. Sample i of every
  // T̂ draws from PhiloxStream(seed, forward_reverse, i, sub 1) and samples run in fixed blocks
  // (samplers/block_runner.hpp), so rows are bit-identical at any thread count. `draw_at(t)` is called once per T̂
  // and returns the draw: a callable RetentionTerms(PhiloxStream&) whose copies may run at once. Every block runs its
  // own copy (what it holds by value is copied once per block of 16384 samples), so a mutable draw may carry scratch
  // buffers; they persist from one sample to the next, so a draw must not read what an earlier sample left there.
  template <class DrawAt>
  std::vector<Retention> retention_mc(const std::vector<TimePoint>& ts, const DrawAt& draw_at) const {
    std::vector<Retention> out;
    for (const auto& t : ts) {
      const auto draw = draw_at(t);
      const RetentionMcAcc acc =
          run_blocks<RetentionMcAcc>(opt_.samples, opt_.threads, [&](uint64_t begin, uint64_t end, RetentionMcAcc& a) {
            auto block_draw = draw;
            for (uint64_t i = begin; i < end; ++i) {
              PhiloxStream rng(opt_.seed, RngStream::forward_reverse, i, 1);
              a.add(block_draw(rng));
            }
          });
      out.push_back(acc.estimates());
    }
    return out;
  }

  std::unique_ptr<ExactEngine> exact_;
  McEngineOptions opt_;
};

}  // namespace critwin
