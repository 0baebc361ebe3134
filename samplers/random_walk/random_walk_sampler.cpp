#include "samplers/random_walk/random_walk_sampler.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/random_walk/random_walk_path.hpp"
#include "samplers/subset_picker.hpp"

namespace critwin {
namespace {

// Y_T̂ is the first L − T̂ tokens. Its posterior depends on it only through (pos, ups), and a continuation
// from it only through the height, so neither X nor X' is ever built token by token.
class RandomWalkSampler final : public ForwardReverseSampler {
 public:
  RandomWalkSampler(const Model& m, const ExperimentSpec& spec)
      : pick_(m, spec.s_init), reverse_(spec.reverse), steps_(spec.steps) {
    const auto& w = std::get<RandomWalkComponents>(m.components);
    L_ = w.length;
    A_ = std::min<int64_t>(w.barrier, L_ + 1);
    k_ = m.size();
    for (int i = 0; i < k_; ++i) {
      p_.push_back(w.probs[i].to_double());
      logp_.push_back(std::log(p_.back()));
      logq_.push_back(std::log1p(-p_.back()));
      logw_.push_back(std::log(m.weights[i].to_double()));
    }
    t_hat_ = spec.t_hat.to_long();
  }

  void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const override {
    std::vector<double> lp(k_);
    for (uint64_t i = begin; i < end; ++i) {
      PhiloxStream rng(seed, RngStream::forward_reverse, i);
      const int th = pick_.single() ? pick_.pick(0.5) : pick_.pick(rng.uniform());
      WalkState w;
      walk_extend(w, L_ - t_hat_, A_, p_[th], rng);
      if (reverse_ == ReverseKind::jump) {
        reveal(w, L_, rng, lp.data());
      } else {
        // Localization on a grid of T̂: each stage draws θ'' from the posterior given the current prefix and
        // extends the prefix under p^{θ''} — the exact transition Y_{t_k} | Y_{t_{k+1}} for an autoregressive model.
        for (int s = steps_; s > 0; --s) {
          const int64_t t0 = std::llround(static_cast<double>(t_hat_) * (s - 1) / steps_);
          reveal(w, L_ - t0, rng, lp.data());
        }
      }
      for (int c = 0; c < k_; ++c) lp[c] = logw_[c] + w.log_like(logp_[c], logq_[c]);
      acc.add(argmax_lowest(lp.data(), k_), static_cast<double>(w.height));
    }
  }

 private:
  void reveal(WalkState& w, int64_t target, PhiloxStream& rng, double* lp) const {
    if (w.absorbed || w.pos >= target) return;  // an absorbed prefix fixes the rest (pads)
    for (int c = 0; c < k_; ++c) lp[c] = logw_[c] + w.log_like(logp_[c], logq_[c]);
    const int th = categorical_from_log(lp, k_, rng.uniform());
    walk_extend(w, target, A_, p_[th], rng);
  }

  SubsetPicker pick_;
  ReverseKind reverse_;
  int steps_;
  int64_t L_ = 0, A_ = 0, t_hat_ = 0;
  int k_ = 0;
  std::vector<double> p_, logp_, logq_, logw_;
};

}  // namespace

std::unique_ptr<ForwardReverseSampler> random_walk_sampler_make(const Model& model, const ExperimentSpec& spec) {
  return std::make_unique<RandomWalkSampler>(model, spec);
}

}  // namespace critwin
