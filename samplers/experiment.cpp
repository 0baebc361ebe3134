#include "samplers/experiment.hpp"

#include <cmath>

#include "model/input_error.hpp"
#include "samplers/sampler_factory.hpp"

namespace critwin {

ReverseKind reverse_kind_parse(std::string_view text) {
  if (text == "jump") return ReverseKind::jump;
  if (text == "localize") return ReverseKind::localize;
  if (text == "sde") return ReverseKind::sde;
  if (text == "ode") return ReverseKind::ode;
  throw InputError("reverse", "must be one of jump, localize, sde, ode (got '" + std::string(text) + "')");
}

std::string_view reverse_kind_name(ReverseKind k) {
  switch (k) {
    case ReverseKind::jump: return "jump";
    case ReverseKind::localize: return "localize";
    case ReverseKind::sde: return "sde";
    case ReverseKind::ode: return "ode";
  }
  return "?";
}

void LabelCounts::merge(const LabelCounts& o) {
  if (counts.size() < o.counts.size()) counts.resize(o.counts.size(), 0);
  for (size_t i = 0; i < o.counts.size(); ++i) counts[i] += o.counts[i];
  n += o.n;
  stat_sum += o.stat_sum;
  stat_sumsq += o.stat_sumsq;
}

void LabelCounts::save(std::string& s) const {
  dist::put_vector(s, counts);
  dist::put(s, n);
  dist::put(s, stat_sum);
  dist::put(s, stat_sumsq);
}

size_t LabelCounts::load(const std::string& s, size_t pos) {
  pos = dist::get_vector(s, pos, counts);
  pos = dist::get(s, pos, n);
  pos = dist::get(s, pos, stat_sum);
  return dist::get(s, pos, stat_sumsq);
}

Proportion LabelCounts::freq_of(const Subset& s) const {
  uint64_t k = 0;
  for (int i : s.indices()) k += counts[i];
  return wilson_interval(k, n);
}

double LabelCounts::stat_variance() const {
  double m = stat_mean();
  return std::max(0.0, stat_sumsq / static_cast<double>(n) - m * m);
}

int experiment_default_steps(const Model& model, const ExperimentSpec& spec) {
  if (model.process.discrete_time()) return static_cast<int>(spec.t_hat.to_long());  // one token at a time
  return spec.reverse == ReverseKind::localize ? 10 : 100;
}

std::vector<std::string> experiment_warnings(const Model& model, const ExperimentSpec& spec) {
  return forward_reverse_sampler_make(model, spec)->warnings();
}

std::unique_ptr<ForwardReverseSampler> forward_reverse_sampler_make(const Model& model, const ExperimentSpec& in,
                                                                   bool allow_fast) {
  ExperimentSpec spec = in;
  if (spec.s_init.empty()) throw InputError("s_init", "must name at least one component");
  if ((spec.reverse == ReverseKind::sde || spec.reverse == ReverseKind::ode) && !family_has_score(model))
    throw InputError("reverse", "sde and ode need a Gaussian mixture (this model is " + model.family_name() + ")");
  if (spec.reverse != ReverseKind::jump) {
    if (spec.t_hat.infinite)
      throw InputError("t_hat", "must be finite for the reverse kind " + std::string(reverse_kind_name(spec.reverse)) +
                                      " (the grid starts at T̂); use --reverse jump for T̂ = inf");
    if (spec.steps < 0) throw InputError("steps", "must be >= 1");
    if (spec.steps == 0) spec.steps = std::max(1, experiment_default_steps(model, spec));
  }
  if (model.process.discrete_time() && spec.reverse == ReverseKind::localize &&
      spec.steps > std::max<long>(1, spec.t_hat.to_long()))
    throw InputError("steps", "must be between 1 and T̂ = " + std::to_string(spec.t_hat.to_long()) +
                                    " for a discrete index set");
  if (spec.reverse != ReverseKind::jump && spec.steps > 100000000)
    throw InputError("steps", "must be between 1 and 1e8");
  return family_sampler_make(model, spec, allow_fast);
}

LabelCounts forward_reverse_run(const Model& model, const ExperimentSpec& spec, uint64_t n, uint64_t seed, int threads,
                                const ProgressFn& progress, bool allow_fast) {
  if (n == 0) throw InputError("n", "must be a positive integer (number of samples)");
  if (threads < 1) throw InputError("threads", "must be >= 1");
  auto sampler = forward_reverse_sampler_make(model, spec, allow_fast);
  const int k = model.size();
  LabelCounts total = run_blocks<LabelCounts>(
      n, threads,
      [&](uint64_t b, uint64_t e, LabelCounts& acc) {
        if (acc.counts.empty()) acc.counts.assign(k, 0);
        sampler->run(b, e, seed, acc);
      },
      progress);
  total.counts.resize(k, 0);
  return total;
}

}  // namespace critwin
