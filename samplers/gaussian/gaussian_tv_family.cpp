// Monte Carlo TV estimator, Gaussian mixtures under OU: x in R^d, Y_T̂ = e^{-T̂} x + noise.
#include <cmath>
#include <memory>
#include <vector>

#include "samplers/gaussian/gaussian_mixture.hpp"
#include "samplers/log_space.hpp"
#include "samplers/gaussian/gaussian_sampler.hpp"

namespace critwin {

namespace {

class GaussianTv final : public TvFamily {
 public:
  GaussianTv(const Model& m, const TvSpec& s)
      : TvFamily(m, s), g_(m),
        e_(s.t_hat.infinite ? 0.0 : std::exp(-s.t_hat.to_double())) {}
  void draw(PhiloxStream& rng, TvDraw& d) const override {
    int th = pick_.pick(rng.uniform());
    d.x.resize(g_.d);
    for (int j = 0; j < g_.d; ++j) d.x[j] = g_.mean(th)[j] + std::sqrt(g_.var) * rng.normal();
  }
  double target_posterior(const TvDraw& d) const override {
    std::vector<double> l(g_.k);
    g_.log_post(d.x.data(), 1.0, g_.var, l.data());
    return posterior_mass(l.data(), g_.k, [&](int i) { return target_.contains(i); });
  }
  double init_posterior(const TvDraw& d, PhiloxStream& rng) const override {
    std::vector<double> y(g_.d), l(g_.k);
    const double noise = std::sqrt(1 - e_ * e_);
    for (int j = 0; j < g_.d; ++j) y[j] = e_ * d.x[j] + noise * rng.normal();
    g_.log_post(y.data(), e_, g_.var_at(e_), l.data());
    return posterior_mass(l.data(), g_.k, [&](int i) { return init_.contains(i); });
  }
  bool y_is_function_of_x() const override { return e_ == 1.0; }

 private:
  GaussianMixture g_;
  double e_;
};

}  // namespace

std::unique_ptr<TvFamily> gaussian_tv_family_make(const Model& m, const TvSpec& s) { return std::make_unique<GaussianTv>(m, s); }

}  // namespace critwin
