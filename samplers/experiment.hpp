// The forward–reverse experiment p^{S_init,T̂} of BoE: X ~ p^{S_init}, Y ~ P_T̂(·|X), then a reverse step back
// to X' under the whole mixture p, and the label of X' (argmax_θ w_θ p^θ(X'), ties to the lowest index).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"
#include "samplers/block_runner.hpp"
#include "samplers/wilson.hpp"

namespace critwin {

enum class ReverseKind {
  jump,      // one exact posterior jump Y_T̂ → X'
  localize,  // BoE Definition 2: exact transitions Y_{t_k} | Y_{t_{k+1}} on a grid of `steps` steps
  sde,       // Gaussians: the reverse SDE, posterior-frozen exponential integrator on a log-SNR grid
  ode,       // Gaussians: the probability-flow ODE, the same integrator without noise
};

ReverseKind reverse_kind_parse(std::string_view text);  // InputError on `reverse`
std::string_view reverse_kind_name(ReverseKind k);

struct ExperimentSpec {
  Subset s_init;
  TimePoint t_hat;
  ReverseKind reverse = ReverseKind::jump;
  int steps = 0;  // grid steps for localize/sde/ode; 0 = the default (see experiment_default_steps)
};

// Per-block tallies of the experiment: label counts and a scalar sufficient statistic of X'
// (Gaussians: first coordinate; Bernoulli products: number of ones; strings: Hamming distance to string 0).
struct LabelCounts {
  std::vector<uint64_t> counts;
  uint64_t n = 0;
  double stat_sum = 0, stat_sumsq = 0;
  void merge(const LabelCounts& o);
  void add(int label, double stat) {
    ++counts[label];
    ++n;
    stat_sum += stat;
    stat_sumsq += stat * stat;
  }
  Proportion freq(int label) const { return wilson_interval(counts[label], n); }
  Proportion freq_of(const Subset& s) const;  // fraction of labels in s (the retention of s)
  double stat_mean() const { return stat_sum / static_cast<double>(n); }
  double stat_variance() const;
  // Bytes for MPI (samplers/distributed.hpp): blocks run on other ranks come back exactly.
  void save(std::string& s) const;
  size_t load(const std::string& s, size_t pos);
};

// A family × process sampler for one experiment. run() is called on disjoint index ranges, possibly in
// parallel; sample i's randomness is PhiloxStream(seed, forward_reverse, i) (or the batched equivalent).
class ForwardReverseSampler {
 public:
  virtual ~ForwardReverseSampler() = default;
  virtual void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const = 0;
  // Ways in which this valid spec falls short of the stated accuracy (e.g. too few sde/ode steps).
  virtual std::vector<std::string> warnings() const { return {}; }
};

// Validates the spec against the model (InputError naming the option) and picks the sampler. With
// `allow_fast` false the generic per-sample code is used even where a batched kernel exists (tests).
std::unique_ptr<ForwardReverseSampler> forward_reverse_sampler_make(const Model& model, const ExperimentSpec& spec,
                                                                   bool allow_fast = true);
int experiment_default_steps(const Model& model, const ExperimentSpec& spec);
// Warnings about a valid spec whose results will be less accurate than stated (e.g. too few sde/ode
// steps); the app prints them on stderr and in JSON.
std::vector<std::string> experiment_warnings(const Model& model, const ExperimentSpec& spec);

// Runs n >= 1 samples on `threads` >= 1 threads; bit-identical for every thread count.
LabelCounts forward_reverse_run(const Model& model, const ExperimentSpec& spec, uint64_t n, uint64_t seed,
                                int threads, const ProgressFn& progress = {}, bool allow_fast = true);

}  // namespace critwin
