#include "bounds/bernoulli/bernoulli_rational_tv.hpp"

namespace critwin {

namespace {

// ½ Σ_k C(n,k) |Σ_θ c_θ p_θ^k (1−p_θ)^{n−k}|: n visible iid tokens.
ExactReal coins_tv_visible(const std::vector<ExactReal>& c, const std::vector<ExactReal>& p, long n) {
  const ExactReal one = ExactReal::from_int(1);
  ExactReal sum;
  for (long k = 0; k <= n; ++k) {
    ExactReal inner;
    for (size_t i = 0; i < c.size(); ++i)
      if (c[i].sign() != 0) inner = inner + c[i] * pow(p[i], k) * pow(one - p[i], n - k);
    sum = sum + ExactReal::binomial(n, k) * abs(inner);
  }
  return sum / ExactReal::from_int(2);
}

}  // namespace

std::optional<ExactReal> bernoulli_rational_forward_tv(const Model& m, const BernoulliProductComponents& coins,
                                                       const Subset& a, const Subset& b, const TimePoint& t) {
  if (t.infinite) return std::nullopt;
  const std::vector<ExactReal> c = m.signed_weights(a, b);
  const ExactReal one = ExactReal::from_int(1);
  const long L = m.process.length;
  // Positions are exchangeable under iid products: only the number of visible tokens matters.
  if (m.process.kind != ProcessKind::random_mask) return coins_tv_visible(c, coins.probs, L - t.to_long());
  if (L > 2000) return std::nullopt;
  ExactReal sum;
  for (long n = 0; n <= L; ++n)
    sum = sum + ExactReal::binomial(L, n) * pow(one - t.value, n) * pow(t.value, L - n) * coins_tv_visible(c, coins.probs, n);
  return sum;
}

}  // namespace critwin
