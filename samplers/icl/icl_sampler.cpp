#include "samplers/icl/icl_sampler.hpp"

#include <cmath>
#include <vector>

#include "samplers/icl/icl_cells.hpp"
#include "samplers/subset_picker.hpp"

namespace critwin {
namespace {

// X ~ p^{S_init}; Y_T̂ keeps the first 3N − T̂ tokens, of which only the complete (x, y) pairs inform θ. The
// reverse jump draws θ' from the posterior given those pairs and the hidden examples from p^{θ'}; localize
// does the same in `steps` stages, revealing the examples completed between consecutive grid times. Cell
// counts are sufficient for every posterior and for the label, so sequences are never built.
class IclSampler final : public ForwardReverseSampler {
 public:
  IclSampler(const Model& m, const ExperimentSpec& spec)
      : cells_(m), pick_(m, spec.s_init), reverse_(spec.reverse), steps_(spec.steps),
        comps_(std::get<IclComponents>(m.components)), t_hat_(spec.t_hat.to_long()) {}

  void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const override {
    const int K = cells_.components(), C = cells_.cells();
    std::vector<int64_t> counts(static_cast<size_t>(C));
    std::vector<double> lp(static_cast<size_t>(K));
    for (uint64_t i = begin; i < end; ++i) {
      PhiloxStream rng(seed, RngStream::forward_reverse, i);
      std::fill(counts.begin(), counts.end(), 0);
      const int th = pick_.single() ? pick_.pick(0.5) : pick_.pick(rng.uniform());
      cells_.draw(th, comps_.visible_pairs(t_hat_), rng, counts);
      if (reverse_ == ReverseKind::jump) {
        reveal(comps_.visible_pairs(t_hat_), comps_.examples, counts, lp, rng);
      } else {
        for (int s = steps_; s > 0; --s)
          reveal(comps_.visible_pairs(grid(s)), comps_.visible_pairs(grid(s - 1)), counts, lp, rng);
      }
      cells_.log_posterior(counts.data(), lp.data());
      // The statistic: how many answers are y = 0 (one simple summary of X').
      int64_t zeros = 0;
      for (int c = 0; c < C; c += cells_.outputs()) zeros += counts[c];
      acc.add(argmax_lowest(lp.data(), K), static_cast<double>(zeros));
    }
  }

 private:
  long grid(int s) const { return std::lround(static_cast<double>(t_hat_) * s / steps_); }

  // From `from` to `to` >= from complete examples: θ' from the posterior given the counts so far, then the
  // new examples from p^{θ'}.
  void reveal(long from, long to, std::vector<int64_t>& counts, std::vector<double>& lp, PhiloxStream& rng) const {
    if (to <= from) return;
    cells_.log_posterior(counts.data(), lp.data());
    const int th = categorical_from_log(lp.data(), cells_.components(), rng.uniform());
    cells_.draw(th, to - from, rng, counts);
  }

  IclCells cells_;
  SubsetPicker pick_;
  ReverseKind reverse_;
  int steps_;
  const IclComponents& comps_;
  long t_hat_;
};

}  // namespace

std::unique_ptr<ForwardReverseSampler> icl_sampler_make(const Model& model, const ExperimentSpec& spec) {
  return std::make_unique<IclSampler>(model, spec);
}

}  // namespace critwin
