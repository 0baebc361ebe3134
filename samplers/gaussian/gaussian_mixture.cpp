#include "samplers/gaussian/gaussian_mixture.hpp"

#include <cmath>
#include <limits>

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
  if (v <= 0) {
    // Point masses observed without noise (σ² = 0, t = 0): the components at the nearest mean (y is one
    // of the atoms), in proportion to their weights.
    double best = std::numeric_limits<double>::infinity();
    for (int th = 0; th < k; ++th) {
      double s = 0;
      for (int j = 0; j < d; ++j) s += (y[j] - e * mean(th)[j]) * (y[j] - e * mean(th)[j]);
      out[th] = s;
      best = std::min(best, s);
    }
    for (int th = 0; th < k; ++th) out[th] = out[th] == best ? logw[th] : -std::numeric_limits<double>::infinity();
    return;
  }
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

void GaussianMixture::posterior_mean(const double* y, double e, double v, double* out, double* scratch) const {
  log_post(y, e, v, scratch);
  const double lse = log_sum_exp(scratch, k);
  for (int j = 0; j < d; ++j) out[j] = 0;
  for (int th = 0; th < k; ++th) {
    scratch[th] -= lse;
    const double p = std::exp(scratch[th]);
    if (p == 0) continue;
    const double* m = mean(th);
    for (int j = 0; j < d; ++j) out[j] += p * m[j];
  }
}

double GaussianMixture::min_distance2() const {
  double best = std::numeric_limits<double>::infinity();
  for (int a = 0; a < k; ++a)
    for (int b = a + 1; b < k; ++b) {
      double s = 0;
      for (int j = 0; j < d; ++j) s += (mean(a)[j] - mean(b)[j]) * (mean(a)[j] - mean(b)[j]);
      if (s > 0) best = std::min(best, s);
    }
  return best;
}

}  // namespace critwin
