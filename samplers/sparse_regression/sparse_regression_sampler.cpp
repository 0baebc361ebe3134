// Sparse regression: observations are drawn one row (x_r, y_r) at a time; posteriors over supports come from
// SparseRegressionLikelihood's per-support log ratios.
#include "samplers/sparse_regression/sparse_regression_sampler.hpp"

#include <cmath>
#include <vector>

#include "model/input_error.hpp"
#include "samplers/block_runner.hpp"
#include "samplers/empirical_bernstein.hpp"
#include "samplers/retention_mc.hpp"
#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/sparse_regression/sparse_regression_likelihood.hpp"
#include "samplers/subset_picker.hpp"

namespace critwin {

namespace {

constexpr int kSignal = 0;  // component order in sparse-regression models: signal, null

struct Shape {
  SparseRegressionLikelihood lik;
  long N = 0, n = 0;
  double logw_signal = 0, logw_null = 0;

  Shape(const Model& m, const TimePoint& t) : lik(std::get<SparseRegressionComponents>(m.components)) {
    N = std::get<SparseRegressionComponents>(m.components).length;
    n = N - t.to_long();
    logw_signal = std::log(m.weights[0].to_double());
    logw_null = std::log(m.weights[1].to_double());
  }
  // Rows first..last−1 of (x, y) from component th with support mask (ignored for the null).
  void draw_rows(double* x, double* y, long first, long last, int th, uint64_t mask, PhiloxStream& rng) const {
    const long s = lik.dim();
    for (long r = first; r < last; ++r) {
      double a = 0;
      for (long i = 0; i < s; ++i) {
        x[r * s + i] = rng.normal();
        if (mask >> i & 1) a += x[r * s + i];
      }
      y[r] = th == kSignal ? a + std::sqrt(lik.noise_variance()) * rng.normal() : std::sqrt(lik.null_variance()) * rng.normal();
    }
  }
  uint64_t uniform_support(PhiloxStream& rng) const {
    const auto& sup = lik.supports();
    const size_t j = std::min(sup.size() - 1, static_cast<size_t>(rng.uniform() * static_cast<double>(sup.size())));
    return sup[j];
  }
  // Reverse jump: (θ', S') from the posterior given the first n rows — the null and every support — then
  // rows n..N−1 drawn afresh from it. `l` is scratch.
  void reverse_jump(double* x, double* y, std::vector<double>& l, PhiloxStream& rng) const {
    lik.support_log_ratios(x, y, n, l);
    for (double& e : l) e += logw_signal - lik.log_count();
    l.push_back(logw_null);
    const int j = categorical_from_log(l.data(), static_cast<int>(l.size()), rng.uniform());
    const bool null = j + 1 == static_cast<int>(l.size());
    draw_rows(x, y, n, N, null ? 1 : kSignal, null ? 0 : lik.supports()[j], rng);
  }
  // ln(w_signal L_r) and ln w_null for the first r rows.
  double log_signal(const double* x, const double* y, long r) const { return logw_signal + lik.log_ratio(x, y, r); }
};

class SparseSampler final : public ForwardReverseSampler {
 public:
  SparseSampler(const Model& m, const ExperimentSpec& spec) : shape_(m, spec.t_hat), pick_(m, spec.s_init) {
    if (spec.reverse != ReverseKind::jump)
      throw InputError("reverse", "sparse-regression models take the one-jump reverse step only (reverse = jump)");
  }

  void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const override {
    const Shape& s = shape_;
    const long dim = s.lik.dim();
    std::vector<double> x(s.N * dim), y(s.N), l;
    for (uint64_t i = begin; i < end; ++i) {
      PhiloxStream rng(seed, RngStream::forward_reverse, i);
      const int th = pick_.single() ? pick_.pick(0.5) : pick_.pick(rng.uniform());
      s.draw_rows(x.data(), y.data(), 0, s.n, th, s.uniform_support(rng), rng);
      s.reverse_jump(x.data(), y.data(), l, rng);
      const double log_lr = s.lik.log_ratio(x.data(), y.data(), s.N);
      acc.add(s.logw_signal + log_lr >= s.logw_null ? 0 : 1, log_lr);
    }
  }

 private:
  Shape shape_;
  SubsetPicker pick_;
};

class SparseTv final : public TvFamily {
 public:
  SparseTv(const Model& m, const TvSpec& spec) : TvFamily(m, spec), shape_(m, spec.t_hat) {}

  // d.x = [x (N×s), y (N)].
  void draw(PhiloxStream& rng, TvDraw& d) const override {
    const Shape& s = shape_;
    const long xs = s.N * s.lik.dim();
    d.x.assign(xs + s.N, 0.0);
    const int th = pick_.pick(rng.uniform());
    s.draw_rows(d.x.data(), d.x.data() + xs, 0, s.N, th, s.uniform_support(rng), rng);
  }
  double target_posterior(const TvDraw& d) const override { return mass(d, shape_.N, target_); }
  double init_posterior(const TvDraw& d, PhiloxStream&) const override { return mass(d, shape_.n, init_); }
  bool y_is_function_of_x() const override { return true; }

 private:
  double mass(const TvDraw& d, long r, const Subset& set) const {
    const double* x = d.x.data();
    const double* y = x + shape_.N * shape_.lik.dim();
    const double l[2] = {shape_.log_signal(x, y, r), shape_.logw_null};
    return posterior_mass(l, 2, [&](int i) { return set.contains(i); });
  }
  Shape shape_;
};

// Retention curves by Monte Carlo (no exact path for this family), forward TV and fr-tv from the exact engine:
// means of terms in [0, 1] with 99.9% empirical-Bernstein intervals (latent: P(S | rows), rows ~ p^S; label:
// 1[label(X′) ∈ S] as in the sampler; cloning: Σ_θ P(θ | rows)², rows ~ p). Sample i of every T̂ uses
// PhiloxStream(seed, forward_reverse, i, sub 1).
class SparseMcEngine final : public RetentionMcEngine {
 public:
  SparseMcEngine(const Model& m, long prec, const McEngineOptions& opt) : RetentionMcEngine(m, prec, opt) {}

 protected:
  std::vector<Retention> retention_impl(const Subset& set, const std::vector<TimePoint>& ts) const override {
    const SubsetPicker pick(model_, set), all(model_, Subset::all(model_.size()));
    return retention_mc(ts, [&](const TimePoint& t) {
      const Shape s(model_, t);
      const long dim = s.lik.dim();
      return [&set, &pick, &all, s, x = std::vector<double>(s.N * dim), y = std::vector<double>(s.N),
              l = std::vector<double>()](PhiloxStream& rng) mutable {
        auto post_signal = [&]() {  // P(signal | first n rows)
          const double l0 = s.log_signal(x.data(), y.data(), s.n), l1 = s.logw_null, top = std::max(l0, l1);
          const double e0 = std::exp(l0 - top), e1 = std::exp(l1 - top);
          return e0 / (e0 + e1);
        };
        const int th = pick.single() ? pick.pick(0.5) : pick.pick(rng.uniform());
        s.draw_rows(x.data(), y.data(), 0, s.n, th, s.uniform_support(rng), rng);
        const double ps = post_signal();
        const double latent = (set.contains(0) ? ps : 0) + (set.contains(1) ? 1 - ps : 0);
        s.reverse_jump(x.data(), y.data(), l, rng);
        const int label = s.logw_signal + s.lik.log_ratio(x.data(), y.data(), s.N) >= s.logw_null ? 0 : 1;
        const double in_s = set.contains(label) ? 1.0 : 0.0;
        s.draw_rows(x.data(), y.data(), 0, s.n, all.pick(rng.uniform()), s.uniform_support(rng), rng);
        const double pc = post_signal();
        return RetentionTerms{latent, in_s, pc * pc + (1 - pc) * (1 - pc)};
      };
    });
  }
};

}  // namespace

std::unique_ptr<ExactEngine> sparse_regression_mc_engine_make(const Model& model, long precision_bits,
                                                              const McEngineOptions& opt) {
  return std::make_unique<SparseMcEngine>(model, precision_bits, opt);
}

std::unique_ptr<ForwardReverseSampler> sparse_regression_sampler_make(const Model& model, const ExperimentSpec& spec) {
  return std::make_unique<SparseSampler>(model, spec);
}
std::unique_ptr<TvFamily> sparse_regression_tv_family_make(const Model& model, const TvSpec& spec) {
  return std::make_unique<SparseTv>(model, spec);
}

Estimate sparse_regression_detection_tv_mc(const SparseRegressionComponents& c, long n, uint64_t samples, uint64_t seed,
                                           int threads) {
  if (n <= 0) return Estimate::exact_value(0);
  const SparseRegressionLikelihood lik(c);
  const long s = c.dim;
  const double sd_null = std::sqrt(lik.null_variance());
  const MomentSums acc = run_blocks<MomentSums>(samples, threads, [&](uint64_t begin, uint64_t end, MomentSums& a) {
    std::vector<double> x(n * s), y(n);
    for (uint64_t i = begin; i < end; ++i) {
      PhiloxStream rng(seed, RngStream::tv_outer, i);
      for (long r = 0; r < n; ++r) {
        for (long k = 0; k < s; ++k) x[r * s + k] = rng.normal();
        y[r] = sd_null * rng.normal();
      }
      const double term = std::max(0.0, -std::expm1(lik.log_ratio(x.data(), y.data(), n)));
      a.add(term);
    }
  });
  return acc.bernstein_mean(1.0);
}

}  // namespace critwin
