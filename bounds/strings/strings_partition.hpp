// A partition of the mixture components into classes that agree on the visible positions: for point
// masses on strings, the observation Y_t reveals exactly the class of the component, so every TV is a
// finite sum over classes.
#pragma once

#include <vector>

#include "model/ball.hpp"
#include "model/model.hpp"

namespace critwin {

// class_of[θ] in 0..count-1, numbered by first occurrence so equal partitions compare equal.
struct StringsPartition {
  std::vector<int> class_of;
  int count = 0;

  static StringsPartition coarsest(int k);                      // one class: nothing visible
  static StringsPartition of_column(const std::vector<char>& c);  // components grouped by one symbol column
  StringsPartition meet(const StringsPartition& o) const;         // common refinement
  friend bool operator==(const StringsPartition&, const StringsPartition&) = default;
};

// TV(p^A, p^B) after observing the class: ½ Σ_c |w(A∩c)/w_A − w(B∩c)/w_B|.
Ball strings_partition_tv(const StringsPartition& part, const std::vector<Ball>& weights, const Subset& a,
                          const Subset& b);

// P(θ ∈ S | class of component i) for every component i.
std::vector<Ball> strings_partition_posterior(const StringsPartition& part, const std::vector<Ball>& weights,
                                              const Subset& s);

}  // namespace critwin
