#include "samplers/tv_estimate.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "model/input_error.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/sampler_factory.hpp"
#include "samplers/tv_family.hpp"

namespace critwin {
namespace {

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
  if (n == 0) throw InputError("n", "must be a positive integer (number of samples)");
  if (threads < 1) throw InputError("threads", "must be >= 1");
  if (spec.inner < 0 || spec.inner > 1000000) throw InputError("tv_inner", "must be between 1 and 1e6");
  std::unique_ptr<TvFamily> fam = tv_family_make(model, spec);
  const bool exact_g = fam->y_is_function_of_x();
  const int M = exact_g ? 1 : (spec.inner > 0 ? spec.inner : 256);
  const double wi = model.weight(spec.s_init).to_double(), wt = model.weight(spec.s_target).to_double();
  TvAcc acc = run_blocks<TvAcc>(
      n, threads,
      [&](uint64_t b, uint64_t e, TvAcc& a) {
        TvDraw d;
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
                  false, 53};
  return r;
}

}  // namespace critwin
