#include "bounds/strings/strings_rational_tv.hpp"

#include <map>

namespace critwin {

namespace {

// ½ Σ over classes of components that agree on the visible positions of |Σ_{θ∈class} c_θ|.
ExactReal strings_tv_visible(const std::vector<ExactReal>& c, const std::vector<std::string>& key) {
  std::map<std::string, ExactReal> classes;
  for (size_t i = 0; i < c.size(); ++i) classes[key[i]] = classes[key[i]] + c[i];
  ExactReal sum;
  for (const auto& [k, v] : classes) sum = sum + abs(v);
  return sum / ExactReal::from_int(2);
}

}  // namespace

std::optional<ExactReal> strings_rational_forward_tv(const Model& m, const StringComponents& sc, const Subset& a,
                                                     const Subset& b, const TimePoint& t) {
  if (t.infinite) return std::nullopt;
  const std::vector<ExactReal> c = m.signed_weights(a, b);
  const ExactReal one = ExactReal::from_int(1);
  const auto& strs = sc.codes;
  if (m.process.kind != ProcessKind::random_mask) {
    std::vector<bool> vis = m.process.visible_positions(t.to_long());
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
