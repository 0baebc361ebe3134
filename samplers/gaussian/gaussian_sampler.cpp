#include "samplers/gaussian/gaussian_sampler.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "samplers/gaussian/gaussian_mixture.hpp"
#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/subset_picker.hpp"
#include "samplers/gaussian/two_gaussian_kernel.hpp"

namespace critwin {

ReverseGrid reverse_grid(const GaussianMixture& g, double e_hat, int steps) {
  ReverseGrid out;
  if (e_hat >= 1 || steps < 1) {
    out.e = {e_hat, 1.0};
    return out;
  }
  // λ = ln(a²/v) with a = e^{-t}, v = a²σ² + 1 − a²; its inverse: a² = s/(1 + s(1 − σ²)), s = e^λ.
  auto lambda_of = [&](double e) { return std::log(e * e / g.var_at(e)); };
  auto e_of = [&](double lambda) {
    const double s = std::exp(lambda);
    return std::min(1.0, std::sqrt(s / (1 + s * (1 - g.var))));
  };
  const double l_hat = lambda_of(e_hat);
  const double l_zero = g.var > 0 ? -std::log(g.var) : std::numeric_limits<double>::infinity();
  // Above λ_cap the posterior log-odds between any two atoms are about e^λ D²/2 ≥ 100: the posterior no
  // longer moves and one exact step finishes the run.
  const double d2 = g.min_distance2();
  const double l_cap = std::isfinite(d2) ? std::max(l_hat, std::log(200 / d2)) : l_hat;
  const double l_end = std::min(l_zero, l_cap);
  const bool final_step = l_end < l_zero;
  const int uniform = final_step ? steps - 1 : steps;
  out.e.push_back(e_hat);
  if (uniform > 0) {
    out.dlambda = (l_end - l_hat) / uniform;
    for (int i = 1; i <= uniform; ++i) out.e.push_back(i == uniform && !final_step ? 1.0 : e_of(l_hat + out.dlambda * i));
  } else {
    out.dlambda = l_end - l_hat;  // one exact step across the whole moving range
  }
  if (final_step) out.e.push_back(1.0);
  out.min_steps = static_cast<int>(std::ceil((l_end - l_hat) / kReverseMaxDlambda)) + (final_step ? 1 : 0);
  return out;
}

namespace {

class GaussianSampler final : public ForwardReverseSampler {
 public:
  GaussianSampler(const Model& m, const ExperimentSpec& spec)
      : g_(m), pick_(m, spec.s_init), reverse_(spec.reverse), steps_(spec.steps),
        t_hat_(spec.t_hat.infinite ? 0.0 : spec.t_hat.to_double()), e_hat_(spec.t_hat.infinite ? 0.0 : std::exp(-t_hat_)) {
    if (reverse_ == ReverseKind::sde || reverse_ == ReverseKind::ode) {
      const ReverseGrid grid = reverse_grid(g_, e_hat_, steps_);
      grid_ = grid.e;
      if (steps_ < grid.min_steps)
        warnings_.push_back(fmt::format(
            "--steps {} gives log-SNR steps of {:.3g} for --reverse {} at T̂ = {}; the stated accuracy (log-SNR "
            "steps <= {}) needs --steps >= {}",
            steps_, grid.dlambda, reverse_kind_name(reverse_), t_hat_, kReverseMaxDlambda, grid.min_steps));
    }
  }

  std::vector<std::string> warnings() const override { return warnings_; }

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
      // T̂ = 0: Y = X is observed exactly and X' = X (the bridges below would divide by v_0 = σ² = 0).
      if (e_hat_ == 1.0) {
        acc.add(g_.label(x.data()), x[0]);
        continue;
      }
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
        case ReverseKind::ode: integrate(y.data(), rng, lp.data(), tmp.data(), tmp2.data(), y2.data(), x.data());
          x = y;
          break;
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

  // Reverse time from T̂ to 0 on reverse_grid (log-SNR steps, exact final step). Both integrators freeze
  // the posterior P(θ | y) over a step, where the mixture's drift is that of one Gaussian with mean
  // m̂ = E[μ_θ | y], and then integrate exactly: the ODE by the single-Gaussian flow
  // y_s = r y + (e_s − e_t r) m̂, r = √(v_s/v_t) (with a Heun-type average of m̂ at both ends), the SDE by
  // (with the same Heun-type average, the step's noise shared by predictor and corrector)
  // the single-Gaussian bridge Y_s | Y_t (mean gain·y + (e_s − gain·e_t) m̂, gain = b v_s/v_t, b = e_t/e_s,
  // variance v_s(1 − b²)/v_t). Exact for one component and stable for any step and variance, including
  // σ² = 0 where the last step lands on the atoms (SDE: a posterior draw; ODE: the posterior's mode, where
  // the flow ends once the grid has separated the atoms).
  void integrate(double* y, PhiloxStream& rng, double* lp, double* m1, double* m2, double* yp, double* noise) const {
    const int d = g_.d;
    for (size_t i = 0; i + 1 < grid_.size(); ++i) {
      const double et = grid_[i], es = grid_[i + 1];
      const double vt = g_.var_at(et), vs = g_.var_at(es);
      const bool to_atoms = vs <= 0;  // σ² = 0 and s = 0
      if (to_atoms) {
        g_.log_post(y, et, vt, lp);
        const int th = reverse_ == ReverseKind::sde ? categorical_from_log(lp, g_.k, rng.uniform())
                                                    : argmax_lowest(lp, g_.k);
        for (int j = 0; j < d; ++j) y[j] = g_.mean(th)[j];
        return;
      }
      g_.posterior_mean(y, et, vt, m1, lp);
      if (reverse_ == ReverseKind::sde) {
        const double b = et / es, gain = b * vs / vt, c = es - gain * et, sd = std::sqrt(vs * (1 - b * b) / vt);
        for (int j = 0; j < d; ++j) {
          noise[j] = sd * rng.normal();  // the step's noise, shared by predictor and corrector
          yp[j] = gain * y[j] + c * m1[j] + noise[j];
        }
        g_.posterior_mean(yp, es, vs, m2, lp);
        for (int j = 0; j < d; ++j) y[j] = gain * y[j] + c * 0.5 * (m1[j] + m2[j]) + noise[j];
      } else {
        const double r = std::sqrt(vs / vt), c = es - et * r;
        for (int j = 0; j < d; ++j) yp[j] = r * y[j] + c * m1[j];
        g_.posterior_mean(yp, es, vs, m2, lp);
        for (int j = 0; j < d; ++j) y[j] = r * y[j] + c * 0.5 * (m1[j] + m2[j]);
      }
    }
  }

  GaussianMixture g_;
  SubsetPicker pick_;
  ReverseKind reverse_;
  int steps_;
  double t_hat_, e_hat_;
  std::vector<double> grid_;  // e^{-t} from e^{-T̂} up to 1 (t = 0), for sde/ode
  std::vector<std::string> warnings_;
};

}  // namespace

std::unique_ptr<ForwardReverseSampler> gaussian_sampler_make(const Model& model, const ExperimentSpec& spec,
                                                             bool allow_fast) {
  const auto& g = std::get<GaussianComponents>(model.components);
  if (allow_fast && spec.reverse == ReverseKind::jump && model.size() == 2 && g.dim == 1 && g.variance.sign() > 0)
    return two_gaussian_kernel_make(model, spec);
  return std::make_unique<GaussianSampler>(model, spec);
}

}  // namespace critwin
