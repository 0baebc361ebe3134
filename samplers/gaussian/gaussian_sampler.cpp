#include "samplers/gaussian/gaussian_sampler.hpp"

#include <cmath>
#include <vector>

#include "samplers/gaussian/gaussian_mixture.hpp"
#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/subset_picker.hpp"
#include "samplers/gaussian/two_gaussian_kernel.hpp"

namespace critwin {
namespace {

class GaussianSampler final : public ForwardReverseSampler {
 public:
  GaussianSampler(const Model& m, const ExperimentSpec& spec)
      : g_(m), pick_(m, spec.s_init), reverse_(spec.reverse), steps_(spec.steps),
        t_hat_(spec.t_hat.infinite ? 0.0 : spec.t_hat.to_double()), e_hat_(spec.t_hat.infinite ? 0.0 : std::exp(-t_hat_)) {}

  void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const override {
    const int d = g_.d, k = g_.k;
    std::vector<double> x(d), y(d), tmp(d), tmp2(d), lp(k), y2(d);
    for (uint64_t i = begin; i < end; ++i) {
      PhiloxStream rng(seed, RngStream::forward_reverse, i);
      // Exact forward: θ ~ p^{S_init}, X ~ N(μ_θ, σ²I), Y = e^{-T̂} X + sqrt(1 − e^{-2T̂}) Z.
      int th = pick_.single() ? pick_.pick(0.5) : pick_.pick(rng.uniform());
      const double sd = std::sqrt(g_.var), noise = std::sqrt(1 - e_hat_ * e_hat_);
      for (int j = 0; j < d; ++j) x[j] = g_.mean(th)[j] + sd * rng.normal();
      for (int j = 0; j < d; ++j) y[j] = e_hat_ * x[j] + noise * rng.normal();
      switch (reverse_) {
        case ReverseKind::jump: bridge(y.data(), e_hat_, 1.0, rng, lp.data(), x.data()); break;
        case ReverseKind::localize: {
          for (int s = steps_; s > 0; --s) {
            double t = t_hat_ * s / steps_, t0 = t_hat_ * (s - 1) / steps_;
            bridge(y.data(), std::exp(-t), std::exp(-t0), rng, lp.data(), tmp.data());
            y.swap(tmp);
          }
          x = y;
          break;
        }
        case ReverseKind::sde:
        case ReverseKind::ode: integrate(y.data(), rng, lp.data(), tmp.data(), tmp2.data(), y2.data()); x = y; break;
      }
      acc.add(g_.label(x.data()), x[0]);
    }
  }

 private:
  // Exact transition Y_s | Y_t = y under p (s < t): a Gaussian mixture — θ' from the posterior given y,
  // then the Gaussian conditional of Y_s given Y_t and θ'. s = 0 is the posterior jump to X'. Takes
  // et = e^{-t}, es = e^{-s} so that t = inf (et = 0) needs no special case.
  void bridge(const double* y, double et, double es, PhiloxStream& rng, double* lp, double* out) const {
    const double b = et / es;
    const double vt = g_.var_at(et), vs = g_.var_at(es);
    g_.log_post(y, et, vt, lp);
    int th = categorical_from_log(lp, g_.k, rng.uniform());
    const double* m = g_.mean(th);
    const double gain = b * vs / vt, sd = std::sqrt(vs * (1 - b * b) / vt);
    for (int j = 0; j < g_.d; ++j) out[j] = es * m[j] + gain * (y[j] - b * es * m[j]) + sd * rng.normal();
  }

  // Reverse time from T̂ to 0 in `steps_` equal steps h: the reverse SDE dY = (Y + 2∇log p_t(Y)) dτ + √2 dW
  // (Euler–Maruyama), or the probability-flow ODE dY/dτ = Y + ∇log p_t(Y) (Heun).
  void integrate(double* y, PhiloxStream& rng, double* lp, double* s1, double* s2, double* yp) const {
    const int d = g_.d;
    const double h = t_hat_ / steps_;
    for (int s = steps_; s > 0; --s) {
      double t = t_hat_ * s / steps_;
      g_.score(y, std::exp(-t), s1, lp);
      if (reverse_ == ReverseKind::sde) {
        const double sq = std::sqrt(2 * h);
        for (int j = 0; j < d; ++j) y[j] += h * (y[j] + 2 * s1[j]) + sq * rng.normal();
      } else {
        for (int j = 0; j < d; ++j) yp[j] = y[j] + h * (y[j] + s1[j]);
        g_.score(yp, std::exp(-(t - h)), s2, lp);
        for (int j = 0; j < d; ++j) y[j] += 0.5 * h * ((y[j] + s1[j]) + (yp[j] + s2[j]));
      }
    }
  }

  GaussianMixture g_;
  SubsetPicker pick_;
  ReverseKind reverse_;
  int steps_;
  double t_hat_, e_hat_;
};

}  // namespace

std::unique_ptr<ForwardReverseSampler> gaussian_sampler_make(const Model& model, const ExperimentSpec& spec,
                                                             bool allow_fast) {
  const auto& g = std::get<GaussianComponents>(model.components);
  if (allow_fast && spec.reverse == ReverseKind::jump && model.size() == 2 && g.dim == 1)
    return two_gaussian_kernel_make(model, spec);
  return std::make_unique<GaussianSampler>(model, spec);
}

}  // namespace critwin
