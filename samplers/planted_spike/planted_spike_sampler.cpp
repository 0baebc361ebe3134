// Planted spike: with S_n = Σ_{r<n} z_r, the likelihood ratio of the first n observations is
// L_n = (1/M) Σ_i exp(λ S_{n,i} − nλ²/2), and given the signal, P(J = i | S_n) ∝ exp(λ S_{n,i}).
#include "samplers/planted_spike/planted_spike_sampler.hpp"

#include <cmath>
#include <vector>

#include "model/input_error.hpp"
#include "samplers/block_runner.hpp"
#include "samplers/empirical_bernstein.hpp"
#include "samplers/retention_mc.hpp"
#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/subset_picker.hpp"

namespace critwin {

namespace {

constexpr int kSignal = 0;  // component order in planted-spike models: signal, null

struct SpikeShape {
  long M = 2;
  long N = 0, n = 0;  // observations in all, revealed
  double lambda = 0, logw_signal = 0, logw_null = 0;

  SpikeShape(const Model& m, const TimePoint& t) {
    const auto& c = std::get<PlantedSpikeComponents>(m.components);
    M = c.dim;
    N = c.length;
    n = N - t.to_long();
    lambda = c.snr.to_double();
    logw_signal = std::log(m.weights[0].to_double());
    logw_null = std::log(m.weights[1].to_double());
  }
  // ln L_r(S) for the sum S of r observations, by log-sum-exp.
  double log_lr(const double* s, long r, std::vector<double>& buf) const {
    buf.resize(M);
    for (long i = 0; i < M; ++i) buf[i] = lambda * s[i];
    return log_sum_exp(buf.data(), static_cast<int>(M)) - std::log(static_cast<double>(M)) -
           static_cast<double>(r) * lambda * lambda / 2;
  }
  // s += (sum of r observations of component th with planted index j).
  void add_observations(double* s, long r, int th, long j, PhiloxStream& rng) const {
    const double sd = std::sqrt(static_cast<double>(r));
    for (long i = 0; i < M; ++i) s[i] += sd * rng.normal();
    if (th == kSignal) s[j] += static_cast<double>(r) * lambda;
  }
  long uniform_index(PhiloxStream& rng) const {
    return std::min(M - 1, static_cast<long>(rng.uniform() * static_cast<double>(M)));
  }
};

class PlantedSpikeSampler final : public ForwardReverseSampler {
 public:
  PlantedSpikeSampler(const Model& m, const ExperimentSpec& spec) : shape_(m, spec.t_hat), pick_(m, spec.s_init) {
    if (spec.reverse != ReverseKind::jump)
      throw InputError("reverse", "planted-spike models take the one-jump reverse step only (reverse = jump)");
  }

  void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const override {
    const SpikeShape& s = shape_;
    std::vector<double> sum(s.M), buf;
    for (uint64_t i = begin; i < end; ++i) {
      PhiloxStream rng(seed, RngStream::forward_reverse, i);
      const int th = pick_.single() ? pick_.pick(0.5) : pick_.pick(rng.uniform());
      const long j = s.uniform_index(rng);
      std::fill(sum.begin(), sum.end(), 0.0);
      s.add_observations(sum.data(), s.n, th, j, rng);
      // Reverse jump: (θ', J') from the posterior given the prefix, then the hidden suffix afresh.
      const double l[2] = {s.logw_signal + s.log_lr(sum.data(), s.n, buf), s.logw_null};
      const int th2 = categorical_from_log(l, 2, rng.uniform());
      long j2 = 0;
      if (th2 == kSignal) {
        for (long k = 0; k < s.M; ++k) buf[k] = s.lambda * sum[k];
        j2 = categorical_from_log(buf.data(), static_cast<int>(s.M), rng.uniform());
      }
      s.add_observations(sum.data(), s.N - s.n, th2, j2, rng);
      // Label of X': argmax_θ w_θ p^θ(X'), ties to the signal (index 0).
      const double log_lr = s.log_lr(sum.data(), s.N, buf);
      acc.add(s.logw_signal + log_lr >= s.logw_null ? 0 : 1, log_lr);
    }
  }

 private:
  SpikeShape shape_;
  SubsetPicker pick_;
};

class PlantedSpikeTv final : public TvFamily {
 public:
  PlantedSpikeTv(const Model& m, const TvSpec& spec) : TvFamily(m, spec), shape_(m, spec.t_hat) {}

  // d.x = [S_n (M entries), S_N (M entries)].
  void draw(PhiloxStream& rng, TvDraw& d) const override {
    const SpikeShape& s = shape_;
    const int th = pick_.pick(rng.uniform());
    const long j = s.uniform_index(rng);
    d.x.assign(2 * s.M, 0.0);
    s.add_observations(d.x.data(), s.n, th, j, rng);
    std::copy(d.x.begin(), d.x.begin() + s.M, d.x.begin() + s.M);
    s.add_observations(d.x.data() + s.M, s.N - s.n, th, j, rng);
  }
  double target_posterior(const TvDraw& d) const override { return mass(d.x.data() + shape_.M, shape_.N, target_); }
  double init_posterior(const TvDraw& d, PhiloxStream&) const override { return mass(d.x.data(), shape_.n, init_); }
  bool y_is_function_of_x() const override { return true; }

 private:
  double mass(const double* s, long r, const Subset& set) const {
    thread_local std::vector<double> buf;
    const double l[2] = {shape_.logw_signal + shape_.log_lr(s, r, buf), shape_.logw_null};
    return posterior_mass(l, 2, [&](int i) { return set.contains(i); });
  }
  SpikeShape shape_;
};

// The planted-spike engine for retention curves, which have no exact path for this family: forward TV and
// fr-tv are the exact engine's; the retention quantities are Monte Carlo means of terms in [0, 1] with 99.9%
// empirical-Bernstein intervals (latent: P(S | S_n), S_n ~ p^S; label: 1[label(X′) ∈ S] as in the sampler;
// cloning: Σ_θ P(θ | S_n)², S_n ~ p). Sample i of every T̂ uses PhiloxStream(seed, forward_reverse, i, sub 1).
class PlantedSpikeMcEngine final : public RetentionMcEngine {
 public:
  PlantedSpikeMcEngine(const Model& m, long prec, const McEngineOptions& opt) : RetentionMcEngine(m, prec, opt) {}

 protected:
  std::vector<Retention> retention_impl(const Subset& set, const std::vector<TimePoint>& ts) const override {
    const SubsetPicker pick(model_, set), all(model_, Subset::all(model_.size()));
    return retention_mc(ts, [&](const TimePoint& t) {
      const SpikeShape s(model_, t);
      return [&set, &pick, &all, s, sum = std::vector<double>(s.M), buf = std::vector<double>()](PhiloxStream& rng) mutable {
        auto posterior = [&](double post[2]) {
          const double l[2] = {s.logw_signal + s.log_lr(sum.data(), s.n, buf), s.logw_null};
          const double top = std::max(l[0], l[1]);
          const double e0 = std::exp(l[0] - top), e1 = std::exp(l[1] - top);
          post[0] = e0 / (e0 + e1);
          post[1] = e1 / (e0 + e1);
        };
        double post[2];
        const int th = pick.single() ? pick.pick(0.5) : pick.pick(rng.uniform());
        std::fill(sum.begin(), sum.end(), 0.0);
        s.add_observations(sum.data(), s.n, th, s.uniform_index(rng), rng);
        posterior(post);
        const double latent = (set.contains(0) ? post[0] : 0) + (set.contains(1) ? post[1] : 0);
        const int th2 = rng.uniform() < post[0] ? kSignal : 1;
        long j2 = 0;
        if (th2 == kSignal) {
          for (long k = 0; k < s.M; ++k) buf[k] = s.lambda * sum[k];
          j2 = categorical_from_log(buf.data(), static_cast<int>(s.M), rng.uniform());
        }
        s.add_observations(sum.data(), s.N - s.n, th2, j2, rng);
        const int label = s.logw_signal + s.log_lr(sum.data(), s.N, buf) >= s.logw_null ? 0 : 1;
        const double in_s = set.contains(label) ? 1.0 : 0.0;
        const int th3 = all.pick(rng.uniform());
        std::fill(sum.begin(), sum.end(), 0.0);
        s.add_observations(sum.data(), s.n, th3, s.uniform_index(rng), rng);
        posterior(post);
        return RetentionTerms{latent, in_s, post[0] * post[0] + post[1] * post[1]};
      };
    });
  }
};

}  // namespace

std::unique_ptr<ExactEngine> planted_spike_mc_engine_make(const Model& model, long precision_bits,
                                                          const McEngineOptions& opt) {
  return std::make_unique<PlantedSpikeMcEngine>(model, precision_bits, opt);
}

std::unique_ptr<ForwardReverseSampler> planted_spike_sampler_make(const Model& model, const ExperimentSpec& spec) {
  return std::make_unique<PlantedSpikeSampler>(model, spec);
}
std::unique_ptr<TvFamily> planted_spike_tv_family_make(const Model& model, const TvSpec& spec) {
  return std::make_unique<PlantedSpikeTv>(model, spec);
}

}  // namespace critwin
