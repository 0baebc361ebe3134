#include "bounds/rational_forward_tv.hpp"

#include <map>

namespace critwin {

namespace {

// c_θ = 1[θ∈A] w_θ/w_A − 1[θ∈B] w_θ/w_B: p_t^A − p_t^B = Σ_θ c_θ p_t^θ.
std::vector<ExactReal> signed_weights(const Model& m, const Subset& a, const Subset& b) {
  std::vector<ExactReal> c(static_cast<size_t>(m.size()));
  const ExactReal wa = m.weight(a), wb = m.weight(b);
  for (int i : a.indices()) c[static_cast<size_t>(i)] = c[static_cast<size_t>(i)] + m.weights[static_cast<size_t>(i)] / wa;
  for (int i : b.indices()) c[static_cast<size_t>(i)] = c[static_cast<size_t>(i)] - m.weights[static_cast<size_t>(i)] / wb;
  return c;
}

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

// ½ Σ over classes of components that agree on the visible positions of |Σ_{θ∈class} c_θ|.
ExactReal strings_tv_visible(const std::vector<ExactReal>& c, const std::vector<std::string>& key) {
  std::map<std::string, ExactReal> classes;
  for (size_t i = 0; i < c.size(); ++i) classes[key[i]] = classes[key[i]] + c[i];
  ExactReal sum;
  for (const auto& [k, v] : classes) sum = sum + abs(v);
  return sum / ExactReal::from_int(2);
}

std::vector<bool> visible_positions(const Process& p, long t) {
  std::vector<bool> vis(static_cast<size_t>(p.length), true);
  for (long i = 0; i < t; ++i) {
    size_t pos = p.kind == ProcessKind::truncate ? static_cast<size_t>(p.length - 1 - i)
                                                 : static_cast<size_t>(p.order[static_cast<size_t>(i)]);
    vis[pos] = false;
  }
  return vis;
}

}  // namespace

std::optional<ExactReal> rational_forward_tv(const Model& m, const Subset& a, const Subset& b, const TimePoint& t) {
  if (t.infinite || m.family<GaussianComponents>()) return std::nullopt;
  const std::vector<ExactReal> c = signed_weights(m, a, b);
  const ExactReal one = ExactReal::from_int(1);
  const long L = m.process.length;

  if (const auto* coins = m.family<BernoulliProductComponents>()) {
    // Positions are exchangeable under iid products: only the number of visible tokens matters.
    if (m.process.kind != ProcessKind::random_mask) return coins_tv_visible(c, coins->probs, L - t.to_long());
    if (L > 2000) return std::nullopt;
    ExactReal sum;
    for (long n = 0; n <= L; ++n)
      sum = sum + ExactReal::binomial(L, n) * pow(one - t.value, n) * pow(t.value, L - n) * coins_tv_visible(c, coins->probs, n);
    return sum;
  }

  const auto& strs = m.family<StringComponents>()->strings;
  if (m.process.kind != ProcessKind::random_mask) {
    std::vector<bool> vis = visible_positions(m.process, t.to_long());
    std::vector<std::string> key(strs.size());
    for (size_t i = 0; i < strs.size(); ++i)
      for (size_t j = 0; j < strs[i].size(); ++j) key[i] += vis[j] ? strs[i][j] : '?';
    return strings_tv_visible(c, key);
  }
  // Random masking: positions with the same column (the characters of all components there) are
  // interchangeable; only whether at least one of each column type is visible matters.
  std::map<std::string, long> types;
  for (size_t j = 0; j < strs[0].size(); ++j) {
    std::string col;
    for (const auto& s : strs) col += s[j];
    ++types[col];
  }
  std::vector<std::pair<std::string, long>> tv(types.begin(), types.end());
  if (tv.size() > 16) return std::nullopt;
  ExactReal sum;
  for (unsigned long mask = 0; mask < (1UL << tv.size()); ++mask) {
    ExactReal prob = one;
    std::vector<std::string> key(strs.size());
    for (size_t j = 0; j < tv.size(); ++j) {
      ExactReal all_hidden = pow(t.value, tv[j].second);
      if (mask & (1UL << j)) {
        prob = prob * (one - all_hidden);
        for (size_t i = 0; i < strs.size(); ++i) key[i] += tv[j].first[i];
      } else {
        prob = prob * all_hidden;
      }
    }
    if (prob.sign() != 0) sum = sum + prob * strings_tv_visible(c, key);
  }
  return sum;
}

}  // namespace critwin
