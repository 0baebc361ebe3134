#include "samplers/categorical/categorical_sampler.hpp"

#include <cmath>
#include <vector>

#include "samplers/categorical/categorical_laws.hpp"
#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/subset_picker.hpp"

namespace critwin {
namespace {

// X ~ p^θ, θ ~ p^{S_init}; Y_T̂ keeps the revealed tokens. The reverse pass reveals the hidden positions in
// `steps` groups (one group for jump): each group is drawn from a component θ'' ~ P(θ | tokens revealed so
// far), which is the exact transition of the localization sampler because the components are products.
// X' is complete after the last group; its label is argmax_θ w_θ p^θ(X').
class CategoricalSampler final : public ForwardReverseSampler {
 public:
  CategoricalSampler(const Model& m, const ExperimentSpec& spec)
      : laws_(m), pick_(m, spec.s_init), kind_(m.process.kind),
        steps_(spec.reverse == ReverseKind::jump ? 1 : spec.steps) {
    K_ = m.size();
    L_ = laws_.length();
    for (int i = 0; i < K_; ++i) logw_.push_back(std::log(m.weights[i].to_double()));
    // rank[pos]: reveal rank (0 = revealed first = masked last); Y_t shows the positions with rank < L − t.
    rank_.assign(static_cast<size_t>(L_), 0);
    for (int pos = 0; pos < L_; ++pos) rank_[pos] = pos;
    if (kind_ == ProcessKind::ordered_mask)
      for (int j = 0; j < L_; ++j) rank_[m.process.order[j]] = L_ - 1 - j;
    if (kind_ == ProcessKind::random_mask) t_ = spec.t_hat.to_double();
    else t_int_ = spec.t_hat.to_long();
  }

  void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const override {
    std::vector<double> lp(K_);
    std::vector<int> x(L_);
    std::vector<char> hidden(L_);
    for (uint64_t i = begin; i < end; ++i) {
      PhiloxStream rng(seed, RngStream::forward_reverse, i);
      const int th = pick_.single() ? pick_.pick(0.5) : pick_.pick(rng.uniform());
      for (int c = 0; c < K_; ++c) lp[c] = logw_[c];
      for (int pos = 0; pos < L_; ++pos) {
        hidden[pos] = kind_ == ProcessKind::random_mask ? rng.uniform() <= t_ : rank_[pos] >= L_ - t_int_;
        if (hidden[pos]) continue;
        x[pos] = laws_.draw(th, pos, rng.uniform());
        for (int c = 0; c < K_; ++c) lp[c] += laws_.log_prob(c, pos, x[pos]);
      }
      for (int s = steps_; s > 0; --s) {
        const int src = categorical_from_log(lp.data(), K_, rng.uniform());
        for (int pos = 0; pos < L_; ++pos) {
          if (!hidden[pos]) continue;
          bool still;
          if (kind_ == ProcessKind::random_mask) {
            // Coupled masking: masked at t_s, still masked at t_{s−1} with probability t_{s−1}/t_s.
            still = s > 1 && rng.uniform() <= static_cast<double>(s - 1) / s;
          } else {
            const int64_t t0 = std::llround(static_cast<double>(t_int_) * (s - 1) / steps_);
            still = rank_[pos] >= L_ - t0;
          }
          if (still) continue;
          hidden[pos] = 0;
          x[pos] = laws_.draw(src, pos, rng.uniform());
          for (int c = 0; c < K_; ++c) lp[c] += laws_.log_prob(c, pos, x[pos]);
        }
      }
      // lp now holds log w_θ + log p^θ(X') for the complete X'.
      int zeros = 0;
      for (int pos = 0; pos < L_; ++pos) zeros += x[pos] == 0;
      acc.add(argmax_lowest(lp.data(), K_), static_cast<double>(zeros));
    }
  }

 private:
  CategoricalLaws laws_;
  SubsetPicker pick_;
  ProcessKind kind_;
  int steps_;
  int K_ = 0, L_ = 0;
  std::vector<double> logw_;
  std::vector<int> rank_;
  double t_ = 0;
  int64_t t_int_ = 0;
};

}  // namespace

std::unique_ptr<ForwardReverseSampler> categorical_sampler_make(const Model& model, const ExperimentSpec& spec) {
  return std::make_unique<CategoricalSampler>(model, spec);
}

}  // namespace critwin
