// Log-space helpers for likelihoods and posteriors: long sequences (10^5 tokens) and well-separated
// Gaussians give log-weights far below the double range, so posteriors are normalized by their maximum.
#pragma once

#include <cmath>
#include <limits>

namespace critwin {

inline double log_sum_exp(const double* l, int k) {
  double m = -std::numeric_limits<double>::infinity();
  for (int i = 0; i < k; ++i) m = std::max(m, l[i]);
  if (!std::isfinite(m)) return m;
  double s = 0;
  for (int i = 0; i < k; ++i) s += std::exp(l[i] - m);
  return m + std::log(s);
}

// Index drawn from the categorical law ∝ exp(l[i]) with one uniform u in (0,1]; exact up to rounding.
inline int categorical_from_log(const double* l, int k, double u) {
  double m = -std::numeric_limits<double>::infinity();
  for (int i = 0; i < k; ++i) m = std::max(m, l[i]);
  double buf[16];
  const bool small = k <= 16;  // keep the exponentials when they fit on the stack
  double total = 0;
  for (int i = 0; i < k; ++i) {
    double e = std::exp(l[i] - m);
    if (small) buf[i] = e;
    total += e;
  }
  double target = u * total, acc = 0;
  int last = 0;
  for (int i = 0; i < k; ++i) {
    double e = small ? buf[i] : std::exp(l[i] - m);
    if (e == 0) continue;
    acc += e;
    last = i;
    if (target <= acc) return i;
  }
  return last;  // rounding left target just above the sum
}

// argmax with ties to the lowest index (the label rule of the CLI contract).
inline int argmax_lowest(const double* l, int k) {
  int best = 0;
  for (int i = 1; i < k; ++i)
    if (l[i] > l[best]) best = i;
  return best;
}

// Σ_{i in mask} exp(l[i]) / Σ_i exp(l[i]).
template <class InSet>
double posterior_mass(const double* l, int k, const InSet& in_set) {
  double m = -std::numeric_limits<double>::infinity();
  for (int i = 0; i < k; ++i) m = std::max(m, l[i]);
  double total = 0, part = 0;
  for (int i = 0; i < k; ++i) {
    double e = std::exp(l[i] - m);
    total += e;
    if (in_set(i)) part += e;
  }
  return part / total;
}

}  // namespace critwin
