// The Monte Carlo engine of the discrete families whose revealed data, given the component θ, are independent
// multinomial counts: categorical products (positions with the same joint row are i.i.d. given θ, so only the
// count of each symbol per distinct row matters) and in-context learning (the (x, y) cells of the complete
// visible examples). Used where their exact engines refuse a model (too many prefix groups / count tables).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bounds/exact_engine.hpp"
#include "samplers/mc_engine_options.hpp"
#include "samplers/philox_stream.hpp"

namespace critwin {

// One multinomial law: `cells` outcomes, per component θ its probabilities.
struct CountLaw {
  std::vector<std::vector<double>> probs;  // [θ][cell], each row sums to 1
};

struct CountModel {
  std::vector<CountLaw> laws;
  // The number of revealed draws of each law at time t (same order as `laws`); under random masking the
  // number of positions, each then revealed with probability 1 − t (`thinned`).
  std::function<std::vector<int64_t>(const TimePoint&)> revealed;
  bool thinned = false;
  // The model key whose size put the model beyond the exact engine (named when a quantity has no Monte
  // Carlo path here: retention).
  std::string limit_field;
};

// The laws of a CountModel prepared for sampling: exact multinomial draws by sequential binomials and log
// likelihoods of counts. Counts are laid out law by law, `cells(j)` entries for law j (offset(j) first).
class CountLaws {
 public:
  explicit CountLaws(const CountModel& m);
  size_t laws() const { return cond_.size(); }
  size_t cells(size_t j) const { return cond_[j].empty() ? 0 : cond_[j][0].size(); }
  size_t offset(size_t j) const { return offset_[j]; }
  size_t total_cells() const { return offset_.back(); }
  // Adds the cell counts of n draws of law j under component θ to out[offset(j) ...].
  void draw(size_t j, int th, int64_t n, PhiloxStream& rng, int64_t* out) const;
  // l[θ] += log p^θ(counts) for every component θ (−∞ where a count falls on a zero).
  void add_log_lik(const int64_t* counts, double* l) const;

 private:
  std::vector<std::vector<std::vector<double>>> cond_, logp_;  // [law][θ][cell]
  std::vector<size_t> offset_;
};

// Forward TV(p_t^A, p_t^B) = E_{Y~p_t^A}[(1 − p_t^B(Y)/p_t^A(Y))_+] (THEORY.md §1), Y the revealed counts:
// θ ~ A's component law, the counts of each law by sequential binomials (exact draws), the two mixture
// likelihoods exactly per sample in log space. Unbiased; 99.9% empirical-Bernstein interval for the terms in
// [0, 1] (guarantee monte-carlo, 53 bits). Sample i uses PhiloxStream(seed, tv_outer, i) at every t and
// blocks of samples merge in a fixed order, so a seed gives bit-identical results at any thread count. A time
// with nothing revealed gives TV = 0 exactly. fr-tv: the family's density-ratio estimator
// (samplers/tv_estimate.hpp). Windows: the generic crossing searches on these intervals (bounds/tv_crossing),
// as for the Gaussian Monte Carlo engine. Estimates are memoized per (A, B, revealed counts).
std::unique_ptr<ExactEngine> count_mc_engine_make(const Model& model, long precision_bits, const McEngineOptions& opt,
                                                  CountModel counts);

// The count models of the two families (samplers/categorical, samplers/icl).
CountModel categorical_count_model(const Model& model);
CountModel icl_count_model(const Model& model);

}  // namespace critwin
