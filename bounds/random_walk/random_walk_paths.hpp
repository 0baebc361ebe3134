// Path counting for the ±1 walk from 0 absorbed at ±A (the `random-walk` family): the forward pass over
// (position, height) strictly between the barriers, and the reflection-principle count of paths that stay
// inside the strip. A walk prefix's likelihood under every component depends only on its group
// (absorbed?, absorption time or length m, number of up-steps u): p^u (1−p)^{m−u}; the pad tokens after
// absorption have probability 1. So every sum over prefixes is a sum over groups weighted by path counts.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "model/ball.hpp"

namespace critwin {

// The barrier the computation needs: A, or length + 1 when A > length (never reached, so no absorption).
inline long random_walk_effective_barrier(long barrier, long length) { return std::min(barrier, length + 1); }

// Results of walk_forward_pass. Heights are stored at index h + A (A the effective barrier).
template <class Num>
struct WalkPass {
  std::vector<Num> sums;    // sums[n] = Σ over groups g of prefixes of length n of N(g) · term(m_g, u_g)
  std::vector<Num> counts;  // N(n_max, h): paths of length n_max from 0 never touching ±A, ending at h
  Num absorbed;             // Σ over absorption times τ <= n_max and sides of N(τ, side) · term(τ, u)
};

// One pass over positions 1..n_max of the path-count recursion N(n, h) = N(n−1, h−1) + N(n−1, h+1) inside
// (−A, A). A path first reaching ±A at step τ ends its walk there: group (absorbed, τ, u = (τ ± A)/2), count
// N(τ−1, ±(A−1)). `term(m, u)` is a Num; `all_times` evaluates the free groups at every n (else only at
// n_max, so a caller wanting only the counts pays for the recursion alone). Num: Ball or ExactReal.
// Cost O(n_max · min(n_max, A)) recursion steps plus one term per group evaluated.
// `on_step(n, counts, absorbed)` sees the counts N(n, ·) and the absorbed sum up to n after every step n >= 0.
template <class Num, class Term, class OnStep>
WalkPass<Num> walk_forward_pass(long barrier, long n_max, const Num& one, const Term& term, bool all_times,
                                const OnStep& on_step) {
  const long A = barrier;
  const size_t width = static_cast<size_t>(2 * A + 1);
  std::vector<Num> cur(width), next(width);
  cur[static_cast<size_t>(A)] = one;
  WalkPass<Num> out;
  out.sums.resize(static_cast<size_t>(n_max + 1));
  if (all_times || n_max == 0) out.sums[0] = term(0, 0);
  on_step(0L, cur, out.absorbed);
  for (long n = 1; n <= n_max; ++n) {
    // Paths at ±(A−1) after n−1 steps that step outward are absorbed now (heights have the parity of n−1).
    if (A <= n && (n - A) % 2 == 0) {
      out.absorbed = out.absorbed + cur[static_cast<size_t>(2 * A - 1)] * term(n, (n + A) / 2);
      out.absorbed = out.absorbed + cur[1] * term(n, (n - A) / 2);
    }
    const long hmax = std::min(n, A - 1);
    const long h0 = ((hmax - n) % 2 == 0) ? -hmax : -hmax + 1;  // heights after n steps have the parity of n
    // Entries of the other parity in `next` are from step n−2 or zero, and the barrier entries stay zero.
    for (long h = h0; h <= hmax; h += 2) {
      const size_t i = static_cast<size_t>(h + A);
      next[i] = cur[i - 1] + cur[i + 1];
    }
    std::swap(cur, next);
    if (all_times || n == n_max) {
      Num free_sum = Num();
      for (long h = h0; h <= hmax; h += 2) free_sum = free_sum + cur[static_cast<size_t>(h + A)] * term(n, (n + h) / 2);
      out.sums[static_cast<size_t>(n)] = out.absorbed + free_sum;
    }
    on_step(n, cur, out.absorbed);
  }
  out.counts = std::move(cur);
  return out;
}

template <class Num, class Term>
WalkPass<Num> walk_forward_pass(long barrier, long n_max, const Num& one, const Term& term, bool all_times) {
  return walk_forward_pass(barrier, n_max, one, term, all_times, [](long, const std::vector<Num>&, const Num&) {});
}

// Binomial coefficients C(r, j), j = 0..r, as balls at the current precision.
std::vector<Ball> random_walk_binomial_row(long r);

// Paths of r steps from height x to height y that stay strictly inside (−A, A), by the reflection principle
// (Feller, Vol. 1, §XIV.9): Σ_k [C(r, (r + y − x)/2 + 2kA) − C(r, (r + 2A − x − y)/2 + 2kA)]. The alternating
// sum cancels about 1.8 r/A² bits (the count decays like cos(π/2A)^r relative to 2^r), so `binom_row` must
// come from random_walk_binomial_row at random_walk_reflection_bits(…) of precision.
Ball random_walk_strip_count(long r, long x, long y, long barrier, const std::vector<Ball>& binom_row);

// The precision for random_walk_binomial_row that leaves `bits` of accuracy in strip counts of r steps.
long random_walk_reflection_bits(long r, long barrier, long bits);

}  // namespace critwin
