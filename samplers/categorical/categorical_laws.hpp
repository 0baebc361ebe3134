// The per-position token laws of a categorical-product model in doubles, for Monte Carlo: cumulative
// probabilities to draw a symbol and log-probabilities (−inf for zeros) for likelihoods.
#pragma once

#include <cmath>
#include <limits>
#include <vector>

#include "model/model.hpp"

namespace critwin {

class CategoricalLaws {
 public:
  explicit CategoricalLaws(const Model& m) {
    const auto& cp = std::get<CategoricalProductComponents>(m.components);
    K_ = m.size();
    V_ = static_cast<int>(cp.alphabet.size());
    L_ = cp.length;
    row_.assign(static_cast<size_t>(L_) * K_, 0);
    for (int th = 0; th < K_; ++th) {
      long pos = 0;
      for (const auto& run : cp.tables[th]) {
        const int r = static_cast<int>(cdf_.size() / V_);
        double acc = 0;
        for (int v = 0; v < V_; ++v) {
          const double p = run.probs[v].to_double();
          cdf_.push_back(acc += p);
          logp_.push_back(p > 0 ? std::log(p) : -std::numeric_limits<double>::infinity());
        }
        cdf_.back() = 1.0;
        for (int i = 0; i < run.repeat; ++i, ++pos) row_[static_cast<size_t>(pos) * K_ + th] = r;
      }
    }
  }
  int components() const { return K_; }
  int length() const { return L_; }
  int symbols() const { return V_; }
  // A symbol of component θ at position pos from one uniform u in (0, 1]; zero-probability symbols never come.
  int draw(int theta, int pos, double u) const {
    const double* c = &cdf_[static_cast<size_t>(row(theta, pos)) * V_];
    for (int v = 0; v < V_ - 1; ++v)
      if (u <= c[v] && (v == 0 ? c[v] > 0 : c[v] > c[v - 1])) return v;
    for (int v = V_ - 1; v > 0; --v)  // u above the last partial sum by rounding: the last symbol with mass
      if (c[v] > c[v - 1]) return v;
    return 0;
  }
  double log_prob(int theta, int pos, int v) const { return logp_[static_cast<size_t>(row(theta, pos)) * V_ + v]; }

 private:
  int row(int theta, int pos) const { return row_[static_cast<size_t>(pos) * K_ + theta]; }
  int K_ = 0, V_ = 0, L_ = 0;
  std::vector<int> row_;  // position × component -> row index
  std::vector<double> cdf_, logp_;
};

}  // namespace critwin
