#include "samplers/gaussian/gaussian_mixture.hpp"

#include <cmath>

#include "samplers/log_space.hpp"

namespace critwin {

GaussianMixture::GaussianMixture(const Model& m) {
  const auto& g = std::get<GaussianComponents>(m.components);
  k = m.size();
  d = g.dim;
  var = g.variance.to_double();
  for (int i = 0; i < k; ++i) {
    logw.push_back(std::log(m.weights[i].to_double()));
    for (int j = 0; j < d; ++j) mu.push_back(g.means[i][j].to_double());
  }
}

void GaussianMixture::log_post(const double* y, double e, double v, double* out) const {
  for (int th = 0; th < k; ++th) {
    const double* m = mean(th);
    double s = 0;
    for (int j = 0; j < d; ++j) {
      double r = y[j] - e * m[j];
      s += r * r;
    }
    out[th] = logw[th] - s / (2 * v);
  }
}

int GaussianMixture::label(const double* x) const {
  double l[64];
  std::vector<double> big;
  double* p = l;
  if (k > 64) {
    big.resize(k);
    p = big.data();
  }
  log_post(x, 1.0, var, p);
  return argmax_lowest(p, k);
}

void GaussianMixture::score(const double* y, double e, double* out, double* scratch) const {
  const double v = var_at(e);
  log_post(y, e, v, scratch);
  double lse = log_sum_exp(scratch, k);
  for (int j = 0; j < d; ++j) out[j] = 0;
  for (int th = 0; th < k; ++th) {
    double p = std::exp(scratch[th] - lse);
    if (p == 0) continue;
    const double* m = mean(th);
    for (int j = 0; j < d; ++j) out[j] += p * (e * m[j] - y[j]) / v;
  }
}

}  // namespace critwin
