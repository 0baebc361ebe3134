#include "bounds/strings/strings_partition.hpp"

#include <map>

namespace critwin {

StringsPartition StringsPartition::coarsest(int k) {
  return StringsPartition{std::vector<int>(static_cast<size_t>(k), 0), k > 0 ? 1 : 0};
}

StringsPartition StringsPartition::of_column(const std::vector<char>& c) {
  StringsPartition p;
  std::map<char, int> id;
  for (char ch : c) {
    auto [it, fresh] = id.emplace(ch, p.count);
    if (fresh) ++p.count;
    p.class_of.push_back(it->second);
  }
  return p;
}

StringsPartition StringsPartition::meet(const StringsPartition& o) const {
  StringsPartition p;
  std::vector<int> id(static_cast<size_t>(count) * static_cast<size_t>(o.count), -1);
  for (size_t i = 0; i < class_of.size(); ++i) {
    int& slot = id[static_cast<size_t>(class_of[i]) * static_cast<size_t>(o.count) + static_cast<size_t>(o.class_of[i])];
    if (slot < 0) slot = p.count++;
    p.class_of.push_back(slot);
  }
  return p;
}

namespace {
std::vector<Ball> class_weights(const StringsPartition& part, const std::vector<Ball>& weights, const Subset& s,
                                bool normalise) {
  std::vector<Ball> out(static_cast<size_t>(part.count), Ball(0));
  Ball ws(0);
  for (int i : s.indices()) {
    out[part.class_of[i]] += weights[i];
    ws += weights[i];
  }
  if (normalise)
    for (auto& x : out) x /= ws;
  return out;
}
}  // namespace

Ball strings_partition_tv(const StringsPartition& part, const std::vector<Ball>& weights, const Subset& a,
                          const Subset& b) {
  const std::vector<Ball> wa = class_weights(part, weights, a, true), wb = class_weights(part, weights, b, true);
  Ball total(0);
  for (int c = 0; c < part.count; ++c) total += abs(wa[c] - wb[c]);
  return total * Ball::ratio(1, 2);
}

std::vector<Ball> strings_partition_posterior(const StringsPartition& part, const std::vector<Ball>& weights,
                                              const Subset& s) {
  const std::vector<Ball> ws = class_weights(part, weights, s, false);
  const std::vector<Ball> wall = class_weights(part, weights, Subset::all(static_cast<int>(weights.size())), false);
  std::vector<Ball> out;
  for (int c : part.class_of) out.push_back(ws[c] / wall[c]);
  return out;
}

}  // namespace critwin
