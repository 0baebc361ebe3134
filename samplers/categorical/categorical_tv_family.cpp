// Monte Carlo TV estimator, categorical products: x is the whole token sequence.
#include <cmath>
#include <memory>
#include <vector>

#include "samplers/categorical/categorical_laws.hpp"
#include "samplers/log_space.hpp"
#include "samplers/categorical/categorical_sampler.hpp"

namespace critwin {

namespace {

class CategoricalTv final : public TvFamily {
 public:
  CategoricalTv(const Model& m, const TvSpec& s)
      : TvFamily(m, s), laws_(m) {
    K_ = m.size();
    L_ = laws_.length();
    for (int i = 0; i < K_; ++i) logw_.push_back(std::log(m.weights[i].to_double()));
    mask_ = m.process.kind == ProcessKind::random_mask;
    hidden_.assign(static_cast<size_t>(L_), 0);
    if (mask_) {
      t_ = s.t_hat.to_double();
    } else {
      const long t = s.t_hat.to_long();
      for (long j = 0; j < t; ++j)
        hidden_[m.process.kind == ProcessKind::truncate ? L_ - 1 - j : m.process.order[j]] = 1;
    }
  }
  void draw(PhiloxStream& rng, TvDraw& d) const override {
    const int th = pick_.pick(rng.uniform());
    d.k.resize(static_cast<size_t>(L_));
    for (int pos = 0; pos < L_; ++pos) d.k[pos] = laws_.draw(th, pos, rng.uniform());
  }
  double target_posterior(const TvDraw& d) const override {
    std::vector<char> none(static_cast<size_t>(L_), 0);
    return mass(d, none, target_);
  }
  double init_posterior(const TvDraw& d, PhiloxStream& rng) const override {
    if (!mask_) return mass(d, hidden_, init_);
    std::vector<char> hidden(static_cast<size_t>(L_));
    for (int pos = 0; pos < L_; ++pos) hidden[pos] = rng.uniform() <= t_;
    return mass(d, hidden, init_);
  }
  bool y_is_function_of_x() const override { return !mask_ || t_ == 0.0; }

 private:
  double mass(const TvDraw& d, const std::vector<char>& hidden, const Subset& s) const {
    std::vector<double> l(logw_);
    for (int pos = 0; pos < L_; ++pos)
      if (!hidden[pos])
        for (int c = 0; c < K_; ++c) l[c] += laws_.log_prob(c, pos, static_cast<int>(d.k[pos]));
    return posterior_mass(l.data(), K_, [&](int i) { return s.contains(i); });
  }
  CategoricalLaws laws_;
  int K_ = 0, L_ = 0;
  bool mask_ = false;
  double t_ = 0;
  std::vector<double> logw_;
  std::vector<char> hidden_;
};

}  // namespace

std::unique_ptr<TvFamily> categorical_tv_family_make(const Model& m, const TvSpec& s) {
  return std::make_unique<CategoricalTv>(m, s);
}

}  // namespace critwin
