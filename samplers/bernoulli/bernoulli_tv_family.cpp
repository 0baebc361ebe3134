// Monte Carlo TV estimator, Bernoulli products: x reduces to counts of ones (kept prefix, rest).
#include <cmath>
#include <memory>
#include <vector>

#include "samplers/binomial_sample.hpp"
#include "samplers/log_space.hpp"
#include "samplers/bernoulli/bernoulli_sampler.hpp"

namespace critwin {

namespace {

class BernoulliTv final : public TvFamily {
 public:
  BernoulliTv(const Model& m, const TvSpec& s) : TvFamily(m, s) {
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
  void draw(PhiloxStream& rng, TvDraw& d) const override {
    int th = pick_.pick(rng.uniform());
    int64_t first = mask_ ? L_ : kept_;
    d.k.resize(2);  // ones in the kept prefix / in the rest (or all ones, for random-mask)
    d.k[0] = binomial_sample(first, p_[th], rng.uniform());
    d.k[1] = binomial_sample(L_ - first, p_[th], rng.uniform());
  }
  double target_posterior(const TvDraw& d) const override { return mass(d.k[0] + d.k[1], L_, target_); }
  double init_posterior(const TvDraw& d, PhiloxStream& rng) const override {
    if (!mask_) return mass(d.k[0], kept_, init_);
    // Each position is revealed independently with probability 1 − t: ones and zeros separately.
    int64_t ones = binomial_sample(d.k[0], 1 - t_, rng.uniform());
    int64_t zeros = binomial_sample(L_ - d.k[0], 1 - t_, rng.uniform());
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
  int64_t L_ = 0, kept_ = 0;
  bool mask_ = false;
  double t_ = 0;
  std::vector<double> p_, logp_, log1mp_, logw_;
};

}  // namespace

std::unique_ptr<TvFamily> bernoulli_tv_family_make(const Model& m, const TvSpec& s) { return std::make_unique<BernoulliTv>(m, s); }

}  // namespace critwin
