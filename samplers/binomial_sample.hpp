// Exact Binomial(n, p) draws by inversion from one uniform, searching outward from the mode ("chop-down"):
// O(sqrt(n p (1-p))) steps, the mode's probability from lgamma so n = 10^5 and beyond neither over- nor underflows.
#pragma once

#include <cstdint>
#include <vector>

namespace critwin {

// Binomial(n, p) for many draws with the same (n, p): the mode's probability precomputed, and for n up to
// 2^16 (when asked) the whole CDF, so a draw is one binary search (plain inversion). The table costs O(n)
// lgamma calls, so one-off draws (binomial_sample) go without it.
class BinomialDraw {
 public:
  BinomialDraw() = default;
  BinomialDraw(int64_t n, double p, bool with_table = true);
  int64_t operator()(double u) const;  // u in (0, 1]

 private:
  int64_t n_ = 0, mode_ = 0;
  double p_ = 0, r_ = 1, pm_ = 1;
  std::vector<double> cdf_;  // cdf_[k] = P(K <= k), last entry forced to 1
};

// u in (0, 1]. The outward search order (mode, mode+1, mode−1, …) is a fixed reordering of the support,
// so the draw has exactly the binomial law (up to double rounding of the probabilities).
int64_t binomial_sample(int64_t n, double p, double u);

}  // namespace critwin
