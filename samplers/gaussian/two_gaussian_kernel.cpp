#include "samplers/gaussian/two_gaussian_kernel.hpp"

#include <algorithm>
#include <cmath>

#include "samplers/philox_batch.hpp"
#include "samplers/subset_picker.hpp"

namespace critwin {
namespace {

// Everything is linear in y or x' for two components of equal variance, so each sample needs two normals
// (Y | θ in one draw: N(e μ_θ, v) is exactly the law of e X + sqrt(1 − e²) Z), one exp and one uniform.
struct Params {
  double m0, m1, e, sd_y;
  double c0, c1;   // log P(θ'=1|y)/P(θ'=0|y) = c0 + c1 y
  double gain, sd_x;
  double d0, d1;   // log w1 p1(x)/(w0 p0(x)) = d0 + d1 x
  double p_first;  // P(θ = 0) under p^{S_init} (when S_init has both)
  int fixed;       // θ when S_init has one component, else -1
};

__attribute__((target_clones("avx2", "default")))
void kernel(const Params& P, uint64_t seed, uint64_t first, int n, uint64_t& ones, double& sum, double& sumsq) {
  double z1[kPhiloxBatch], z2[kPhiloxBatch], u[kPhiloxBatch], uth[kPhiloxBatch];
  normals_uniform_batch(seed, RngStream::forward_reverse, 0, first, n, z1, z2, u);
  if (P.fixed < 0) {
    uint32_t w[4][kPhiloxBatch];
    philox_batch(seed, RngStream::forward_reverse, 1, first, n, w);
    for (int i = 0; i < n; ++i) uth[i] = u01_from_u32(w[0][i]);
  } else {
    for (int i = 0; i < n; ++i) uth[i] = P.fixed == 0 ? 0.0 : 1.0;
  }
  uint64_t cnt = 0;
  double s = 0, s2 = 0;
  for (int i = 0; i < n; ++i) {
    double mth = uth[i] <= P.p_first ? P.m0 : P.m1;
    double y = P.e * mth + P.sd_y * z1[i];
    // θ' = 1 iff u < 1/(1 + exp(−L)), L = c0 + c1 y, i.e. u (1 + exp(−L)) < 1. Clamping |L| at 700 keeps exp
    // finite and changes nothing: u >= 2^-33, so the comparison is already decided for |L| > 30.
    double L = std::min(700.0, std::max(-700.0, P.c0 + P.c1 * y));
    double q = std::exp(-L);
    double mp = u[i] * (1 + q) < 1 ? P.m1 : P.m0;
    double x = mp + P.gain * (y - P.e * mp) + P.sd_x * z2[i];
    cnt += (P.d0 + P.d1 * x > 0) ? 1 : 0;
    s += x;
    s2 += x * x;
  }
  ones += cnt;
  sum += s;
  sumsq += s2;
}

class TwoGaussianKernel final : public ForwardReverseSampler {
 public:
  explicit TwoGaussianKernel(const Params& p) : p_(p) {}
  void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const override {
    uint64_t ones = 0;
    double sum = 0, sumsq = 0;
    for (uint64_t i = begin; i < end; i += kPhiloxBatch) {
      int n = static_cast<int>(std::min<uint64_t>(kPhiloxBatch, end - i));
      kernel(p_, seed, i, n, ones, sum, sumsq);
    }
    if (acc.counts.empty()) acc.counts.assign(2, 0);
    acc.counts[1] += ones;
    acc.counts[0] += (end - begin) - ones;
    acc.n += end - begin;
    acc.stat_sum += sum;
    acc.stat_sumsq += sumsq;
  }

 private:
  Params p_;
};

}  // namespace

std::unique_ptr<ForwardReverseSampler> two_gaussian_kernel_make(const Model& model, const ExperimentSpec& spec) {
  const auto& g = std::get<GaussianComponents>(model.components);
  Params P{};
  P.m0 = g.means[0][0].to_double();
  P.m1 = g.means[1][0].to_double();
  const double var = g.variance.to_double();
  const double w0 = model.weights[0].to_double(), w1 = model.weights[1].to_double();
  P.e = spec.t_hat.infinite ? 0.0 : std::exp(-spec.t_hat.to_double());
  const double v = P.e * P.e * var + 1 - P.e * P.e;
  P.sd_y = std::sqrt(v);
  // log w1 − (y − e m1)²/2v − log w0 + (y − e m0)²/2v
  P.c1 = P.e * (P.m1 - P.m0) / v;
  P.c0 = std::log(w1 / w0) - P.e * P.e * (P.m1 * P.m1 - P.m0 * P.m0) / (2 * v);
  P.gain = P.e * var / v;
  P.sd_x = std::sqrt(var * (1 - P.e * P.e) / v);
  P.d1 = (P.m1 - P.m0) / var;
  P.d0 = std::log(w1 / w0) - (P.m1 * P.m1 - P.m0 * P.m0) / (2 * var);
  const auto& idx = spec.s_init.indices();
  P.fixed = idx.size() == 1 ? idx[0] : -1;
  P.p_first = P.fixed == 0 ? 1.0 : P.fixed == 1 ? 0.0 : w0 / (w0 + w1);
  return std::make_unique<TwoGaussianKernel>(P);
}

}  // namespace critwin
