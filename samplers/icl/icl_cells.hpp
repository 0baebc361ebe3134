// The (x, y) cells of an in-context-learning model in doubles, for the Monte Carlo samplers: per component
// the cell probabilities π_x f_θ(y|x), their log-likelihood factors, and multinomial draws of cell counts.
// Counts of cells are sufficient: π is shared and the delimiter is fixed, so only complete (x, y) pairs
// enter the posterior, and the order of the examples does not.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/model.hpp"
#include "samplers/binomial_sample.hpp"
#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"

namespace critwin {

class IclCells {
 public:
  explicit IclCells(const Model& m) {
    const auto& c = std::get<IclComponents>(m.components);
    k_ = m.size();
    cells_ = c.inputs() * c.outputs();
    outputs_ = c.outputs();
    for (int th = 0; th < k_; ++th) {
      logw_.push_back(std::log(m.weights[th].to_double()));
      std::vector<double> p, lf;
      for (int x = 0; x < c.inputs(); ++x)
        for (int y = 0; y < c.outputs(); ++y) {
          p.push_back((c.input_probs[x] * c.tables[th][x][y]).to_double());
          const double f = c.tables[th][x][y].to_double();
          lf.push_back(f > 0 ? std::log(f) : -std::numeric_limits<double>::infinity());
        }
      // cond[c] = p_c / Σ_{c' >= c} p_c': the conditional success probabilities of the sequential binomials.
      std::vector<double> cond(p.size());
      double tail = 0;
      for (size_t i = p.size(); i-- > 0;) {
        tail += p[i];
        cond[i] = tail > 0 ? std::min(1.0, p[i] / tail) : 0.0;
      }
      cond_.push_back(std::move(cond));
      logf_.push_back(std::move(lf));
    }
  }

  int components() const { return k_; }
  int cells() const { return cells_; }
  int outputs() const { return outputs_; }
  double log_weight(int th) const { return logw_[th]; }

  // Adds the cell counts of n examples drawn from component θ to counts[offset .. offset + cells).
  void draw(int th, int64_t n, PhiloxStream& rng, std::vector<int64_t>& counts, size_t offset = 0) const {
    for (int c = 0; c < cells_ && n > 0; ++c) {
      const int64_t k = c + 1 == cells_ ? n : binomial_sample(n, cond_[th][c], rng.uniform());
      counts[offset + c] += k;
      n -= k;
    }
  }

  // log w_θ + log p^θ(counts) up to the π factor shared by all components; −∞ when a count falls on a zero.
  void log_posterior(const int64_t* counts, double* out) const {
    for (int th = 0; th < k_; ++th) {
      double l = logw_[th];
      for (int c = 0; c < cells_; ++c)
        if (counts[c] > 0) l += static_cast<double>(counts[c]) * logf_[th][c];
      out[th] = l;
    }
  }

 private:
  int k_ = 0, cells_ = 0, outputs_ = 0;
  std::vector<double> logw_;
  std::vector<std::vector<double>> cond_, logf_;
};

}  // namespace critwin
