// Groups of revealed prefixes of a categorical-product model, keyed by their likelihood vector up to a common
// factor (categorical_profile.hpp), each with its summed per-component likelihoods. Revealing one position
// multiplies every group by every symbol class of the position's law; groups whose keys coincide merge.
// Instantiated with Ball (certified, with pruning of negligible groups into an error term) and ExactReal
// (exact rationals, for tie-breaking).
#pragma once

#include <cstdint>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "bounds/categorical/categorical_profile.hpp"
#include "model/ball.hpp"

namespace critwin {

struct StateKey {
  uint64_t mask = 0;
  std::vector<int32_t> expo;
  bool operator==(const StateKey&) const = default;
};

struct StateKeyHash {
  size_t operator()(const StateKey& k) const {
    uint64_t h = k.mask * 0x9E3779B97F4A7C15ull;
    for (int32_t e : k.expo) h = (h ^ static_cast<uint32_t>(e)) * 0x100000001B3ull;
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

// One symbol class with its column in the number type of the sweep.
template <class Num>
struct NumClass {
  uint64_t mask = 0;
  const std::vector<int32_t>* expo = nullptr;
  std::vector<Num> column;
};

template <class Num>
struct PrefixGroups {
  std::unordered_map<StateKey, std::vector<Num>, StateKeyHash> groups;
  // Ball only: per component, the total likelihood of the groups dropped as negligible. Their descendants
  // keep exactly that total (rows sum to 1), so any later TV term they feed is bounded by it.
  std::vector<Num> dropped;
  // Group updates done so far (live groups × symbol classes, summed over the revealed positions): the work
  // of the sweep, which the engine bounds (kCategoricalMaxUpdates).
  uint64_t updates = 0;

  static PrefixGroups start(const CategoricalProfile& p, const Num& one, const Num& zero) {
    PrefixGroups g;
    StateKey k{p.all_mask(), std::vector<int32_t>(static_cast<size_t>(p.components) * p.base, 0)};
    g.groups.emplace(std::move(k), std::vector<Num>(static_cast<size_t>(p.components), one));
    g.dropped.assign(static_cast<size_t>(p.components), zero);
    return g;
  }
};

// An upper bound of a group likelihood, for pruning.
inline double prefix_group_upper(const Ball& b) { return b.upper(); }
inline double prefix_group_upper(double x) { return x; }

// Reveals one position with the given classes. `drop_below` > 0 (Ball, and double for the engine's cheap
// feasibility pass) drops a group whose every likelihood is certainly below it, adding it to `dropped`.
template <class Num>
void prefix_groups_step(PrefixGroups<Num>& g, const std::vector<NumClass<Num>>& classes, const CategoricalProfile& p,
                        double drop_below) {
  const int K = p.components, nb = p.base;
  g.updates += static_cast<uint64_t>(g.groups.size()) * classes.size();
  std::unordered_map<StateKey, std::vector<Num>, StateKeyHash> next;
  next.reserve(g.groups.size() * classes.size());
  StateKey key;
  for (const auto& [k, mass] : g.groups) {
    for (const auto& c : classes) {
      key.mask = k.mask & c.mask;
      if (key.mask == 0) continue;  // no component emits this prefix
      key.expo = k.expo;
      for (size_t j = 0; j < key.expo.size(); ++j) key.expo[j] += (*c.expo)[j];
      categorical_key_normalize(key.mask, key.expo, K, nb);
      auto [it, fresh] = next.try_emplace(key);
      std::vector<Num>& out = it->second;
      if (fresh) {
        out.resize(static_cast<size_t>(K));
        for (int th = 0; th < K; ++th) out[th] = mass[th] * c.column[th];
      } else {
        for (int th = 0; th < K; ++th) {
          if constexpr (std::is_same_v<Num, ExactReal>) out[th] = out[th] + mass[th] * c.column[th];
          else out[th] += mass[th] * c.column[th];
        }
      }
    }
  }
  if constexpr (!std::is_same_v<Num, ExactReal>) {
    if (drop_below > 0) {
      for (auto it = next.begin(); it != next.end();) {
        bool small = true;
        for (const Num& b : it->second) small = small && prefix_group_upper(b) < drop_below;
        if (!small) {
          ++it;
          continue;
        }
        for (int th = 0; th < K; ++th) g.dropped[th] += it->second[th];
        it = next.erase(it);
      }
    }
  } else {
    (void)drop_below;
  }
  g.groups.swap(next);
}

}  // namespace critwin
