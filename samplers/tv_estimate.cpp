#include "samplers/tv_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "model/input_error.hpp"
#include "samplers/binomial_sample.hpp"
#include "samplers/gaussian/gaussian_mixture.hpp"
#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/subset_picker.hpp"

namespace critwin {
namespace {

// One outer draw x ~ p, in whatever form the family needs.
struct Draw {
  std::vector<double> x;  // Gaussian point
  int64_t a = 0, b = 0;   // Bernoulli: ones in the kept prefix / in the rest (or all ones, for random-mask)
  int th = 0;             // strings: the component (x = ℓ_th)
};

class TvFamily {
 public:
  virtual ~TvFamily() = default;
  virtual void draw(PhiloxStream& rng, Draw& d) const = 0;
  virtual double target_posterior(const Draw& d) const = 0;              // P(S_target | x)
  virtual double init_posterior(const Draw& d, PhiloxStream& rng) const = 0;  // P(S_init | Y), one Y ~ P_T̂(·|x)
  virtual bool y_is_function_of_x() const = 0;
};

class GaussianTv final : public TvFamily {
 public:
  GaussianTv(const Model& m, const TvSpec& s)
      : g_(m), pick_(m, Subset::all(m.size())), init_(s.s_init), target_(s.s_target),
        e_(s.t_hat.infinite ? 0.0 : std::exp(-s.t_hat.to_double())) {}
  void draw(PhiloxStream& rng, Draw& d) const override {
    int th = pick_.pick(rng.uniform());
    d.x.resize(g_.d);
    for (int j = 0; j < g_.d; ++j) d.x[j] = g_.mean(th)[j] + std::sqrt(g_.var) * rng.normal();
  }
  double target_posterior(const Draw& d) const override {
    std::vector<double> l(g_.k);
    g_.log_post(d.x.data(), 1.0, g_.var, l.data());
    return posterior_mass(l.data(), g_.k, [&](int i) { return target_.contains(i); });
  }
  double init_posterior(const Draw& d, PhiloxStream& rng) const override {
    std::vector<double> y(g_.d), l(g_.k);
    const double noise = std::sqrt(1 - e_ * e_);
    for (int j = 0; j < g_.d; ++j) y[j] = e_ * d.x[j] + noise * rng.normal();
    g_.log_post(y.data(), e_, g_.var_at(e_), l.data());
    return posterior_mass(l.data(), g_.k, [&](int i) { return init_.contains(i); });
  }
  bool y_is_function_of_x() const override { return e_ == 1.0; }

 private:
  GaussianMixture g_;
  SubsetPicker pick_;
  Subset init_, target_;
  double e_;
};

class BernoulliTv final : public TvFamily {
 public:
  BernoulliTv(const Model& m, const TvSpec& s) : pick_(m, Subset::all(m.size())), init_(s.s_init), target_(s.s_target) {
    const auto& b = std::get<BernoulliProductComponents>(m.components);
    L_ = b.length;
    mask_ = m.process.kind == ProcessKind::random_mask;
    if (mask_) t_ = s.t_hat.to_double();
    else kept_ = L_ - s.t_hat.to_long();
    for (int i = 0; i < m.size(); ++i) {
      p_.push_back(b.probs[i].to_double());
      logp_.push_back(std::log(p_.back()));
      log1mp_.push_back(std::log1p(-p_.back()));
      logw_.push_back(std::log(m.weights[i].to_double()));
    }
  }
  void draw(PhiloxStream& rng, Draw& d) const override {
    int th = pick_.pick(rng.uniform());
    int64_t first = mask_ ? L_ : kept_;
    d.a = binomial_sample(first, p_[th], rng.uniform());
    d.b = binomial_sample(L_ - first, p_[th], rng.uniform());
  }
  double target_posterior(const Draw& d) const override { return mass(d.a + d.b, L_, target_); }
  double init_posterior(const Draw& d, PhiloxStream& rng) const override {
    if (!mask_) return mass(d.a, kept_, init_);
    // Each position is revealed independently with probability 1 − t: ones and zeros separately.
    int64_t ones = binomial_sample(d.a, 1 - t_, rng.uniform());
    int64_t zeros = binomial_sample(L_ - d.a, 1 - t_, rng.uniform());
    return mass(ones, ones + zeros, init_);
  }
  bool y_is_function_of_x() const override { return !mask_ || t_ == 0.0; }

 private:
  double mass(int64_t ones, int64_t n, const Subset& s) const {
    std::vector<double> l(p_.size());
    for (size_t i = 0; i < p_.size(); ++i)
      l[i] = logw_[i] + static_cast<double>(ones) * logp_[i] + static_cast<double>(n - ones) * log1mp_[i];
    return posterior_mass(l.data(), static_cast<int>(l.size()), [&](int i) { return s.contains(i); });
  }
  SubsetPicker pick_;
  Subset init_, target_;
  int64_t L_ = 0, kept_ = 0;
  bool mask_ = false;
  double t_ = 0;
  std::vector<double> p_, logp_, log1mp_, logw_;
};

class StringsTv final : public TvFamily {
 public:
  StringsTv(const Model& m, const TvSpec& s) : pick_(m, Subset::all(m.size())), init_(s.s_init), target_(s.s_target) {
    const auto& st = std::get<StringComponents>(m.components);
    strings_ = st.strings;
    L_ = st.length();
    mask_ = m.process.kind == ProcessKind::random_mask;
    for (int i = 0; i < m.size(); ++i) w_.push_back(m.weights[i].to_double());
    hidden_.assign(L_, 0);
    if (mask_) {
      t_ = s.t_hat.to_double();
    } else {
      long t = s.t_hat.to_long();
      for (int pos = 0; pos < L_; ++pos) {
        if (m.process.kind == ProcessKind::truncate) hidden_[pos] = pos >= L_ - t;
      }
      if (m.process.kind == ProcessKind::ordered_mask)
        for (long j = 0; j < t; ++j) hidden_[m.process.order[j]] = 1;
    }
  }
  void draw(PhiloxStream& rng, Draw& d) const override { d.th = pick_.pick(rng.uniform()); }
  double target_posterior(const Draw& d) const override {
    double all = 0, part = 0;
    for (size_t c = 0; c < w_.size(); ++c)
      if (strings_[c] == strings_[d.th]) {
        all += w_[c];
        if (target_.contains(static_cast<int>(c))) part += w_[c];
      }
    return part / all;
  }
  double init_posterior(const Draw& d, PhiloxStream& rng) const override {
    std::vector<char> hidden = hidden_;
    if (mask_)
      for (int pos = 0; pos < L_; ++pos) hidden[pos] = rng.uniform() <= t_;
    double all = 0, part = 0;
    for (size_t c = 0; c < w_.size(); ++c) {
      bool ok = true;
      for (int pos = 0; pos < L_ && ok; ++pos) ok = hidden[pos] || strings_[c][pos] == strings_[d.th][pos];
      if (!ok) continue;
      all += w_[c];
      if (init_.contains(static_cast<int>(c))) part += w_[c];
    }
    return part / all;
  }
  bool y_is_function_of_x() const override { return !mask_ || t_ == 0.0; }

 private:
  SubsetPicker pick_;
  Subset init_, target_;
  std::vector<std::string> strings_;
  std::vector<double> w_;
  std::vector<char> hidden_;
  int L_ = 0;
  bool mask_ = false;
  double t_ = 0;
};

struct TvAcc {
  uint64_t n = 0;
  double sum = 0, sumsq = 0, bias = 0;
  void merge(const TvAcc& o) {
    n += o.n;
    sum += o.sum;
    sumsq += o.sumsq;
    bias += o.bias;
  }
};

}  // namespace

TvEstimate tv_estimate_run(const Model& model, const TvSpec& spec, uint64_t n, uint64_t seed, int threads,
                           const ProgressFn& progress) {
  if (n == 0) throw InputError("--n", "must be a positive integer (number of samples)");
  if (threads < 1) throw InputError("--threads", "must be >= 1");
  if (spec.inner < 0 || spec.inner > 1000000) throw InputError("--tv-inner", "must be between 1 and 1e6");
  std::unique_ptr<TvFamily> fam;
  if (model.family<GaussianComponents>()) fam = std::make_unique<GaussianTv>(model, spec);
  else if (model.family<BernoulliProductComponents>()) fam = std::make_unique<BernoulliTv>(model, spec);
  else fam = std::make_unique<StringsTv>(model, spec);
  const bool exact_g = fam->y_is_function_of_x();
  const int M = exact_g ? 1 : (spec.inner > 0 ? spec.inner : 256);
  const double wi = model.weight(spec.s_init).to_double(), wt = model.weight(spec.s_target).to_double();
  TvAcc acc = run_blocks<TvAcc>(
      n, threads,
      [&](uint64_t b, uint64_t e, TvAcc& a) {
        Draw d;
        for (uint64_t i = b; i < e; ++i) {
          PhiloxStream rng(seed, RngStream::tv_outer, i);
          fam->draw(rng, d);
          double c = fam->target_posterior(d) / wt;
          double s = 0, s2 = 0;
          for (int j = 0; j < M; ++j) {
            double v = fam->init_posterior(d, rng);
            s += v;
            s2 += v * v;
          }
          double g = s / M;
          double term = 0.5 * std::abs(g / wi - c);
          a.n += 1;
          a.sum += term;
          a.sumsq += term * term;
          if (M > 1) {
            double var = std::max(0.0, (s2 - M * g * g) / (M - 1));
            a.bias += 0.5 * std::sqrt(var / M) / wi;
          }
        }
      },
      progress);
  // Empirical Bernstein (Maurer & Pontil 2009, Thm 4) for terms in [0, B], each side at δ/2 with δ = 0.001:
  // valid at every n, unlike a CLT interval, which fails when the TV comes from rare x (small TVs).
  const double nn = static_cast<double>(acc.n);
  const double mean = acc.sum / nn;
  const double B = 0.5 * std::max(1 / wi, 1 / wt);
  const double var = acc.n > 1 ? std::max(0.0, (acc.sumsq - nn * mean * mean) / (nn - 1)) : B * B / 4;
  const double lg = std::log(4 / 0.001);
  const double half = acc.n > 1 ? std::sqrt(2 * var * lg / nn) + 7 * B * lg / (3 * (nn - 1)) : B;
  TvEstimate r;
  r.bias_allowance = acc.bias / nn;
  r.inner = M;
  r.unbiased = exact_g;
  r.tv = Estimate{mean, std::max(0.0, mean - half - r.bias_allowance), std::min(1.0, mean + half), Guarantee::estimated,
                  false};
  return r;
}

}  // namespace critwin
