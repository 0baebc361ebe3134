// The sufficient statistic of an in-context-learning model: counts of (x, y) pairs, merged into "types".
// Two cells (x, y) whose vectors (π_x f_θ(y|x))_θ are proportional contribute proportional factors to every
// component's likelihood, so only the total count of the merged type matters (the split between the cells
// sums out to a constant factor); cells with probability 0 under every component drop out. Generic tables
// keep all m·r cells; structured ones (noisy labelling functions: f_θ(y|x) ∈ {1 − η, η}) collapse to a few
// types, which is what makes N = 200 cheap. After n examples the type counts u are Multinomial(n, q_θ).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "model/ball.hpp"
#include "model/components.hpp"
#include "model/exact_real.hpp"

namespace critwin {

struct IclTypes {
  // q[τ][θ] = Σ_{(x,y) ∈ τ} π_x f_θ(y|x), exact; Σ_τ q[τ][θ] = 1 for every θ.
  std::vector<std::vector<ExactReal>> q;
  int size() const { return static_cast<int>(q.size()); }
};

IclTypes icl_types_make(const IclComponents& c);

// Number of type-count vectors of n examples, C(n + T − 1, T − 1), saturating at UINT64_MAX.
uint64_t icl_count_tables(long n, int types);

// Calls leaf(L) once per type-count vector u of n examples, with L[θ] = Π_τ q[τ][θ]^{u_τ} / u_τ! as Arb
// balls at the current precision; the multinomial law of u under θ is n! · L[θ]. Partial products are
// carried down the nested loops, so a leaf costs one multiplication per component.
template <class Leaf>
void icl_for_each_count(const std::vector<std::vector<std::vector<Ball>>>& powers, long n, Leaf&& leaf) {
  const int T = static_cast<int>(powers.size());
  const size_t K = powers.empty() ? 0 : powers[0].size();
  // partial[d][θ] = Π_{τ < d} q^{u_τ}/u_τ!; the last type takes the remaining count.
  std::vector<std::vector<Ball>> partial(static_cast<size_t>(T), std::vector<Ball>(K, Ball(1)));
  std::vector<Ball> L(K);
  auto rec = [&](auto&& self, int d, long left) -> void {
    if (d == T - 1) {
      for (size_t th = 0; th < K; ++th) {
        L[th] = partial[d][th];
        L[th] *= powers[d][th][left];
      }
      leaf(L);
      return;
    }
    for (long u = 0; u <= left; ++u) {
      for (size_t th = 0; th < K; ++th) {
        partial[d + 1][th] = partial[d][th];
        partial[d + 1][th] *= powers[d][th][u];
      }
      self(self, d + 1, left - u);
    }
  };
  if (T > 0) rec(rec, 0, n);
}

// powers[τ][θ][u] = q[τ][θ]^u / u! for u = 0..n.
std::vector<std::vector<std::vector<Ball>>> icl_powers(const IclTypes& types, long n);

// Calls leaf(L) once per type-count vector with exact rationals L[θ] = Π_τ q[τ][θ]^{u_τ} / u_τ!.
void icl_for_each_count_exact(const IclTypes& types, long n,
                              const std::function<void(const std::vector<ExactReal>&)>& leaf);

// n! as a ball.
Ball icl_factorial(long n);

}  // namespace critwin
