// Exact retention tables of a Bernoulli-product mixture (THEORY.md §6) by visible count n: with n tokens
// shown (truncate, ordered-mask; random-mask mixes over n), certified with Arb balls.
#pragma once

#include <vector>

#include "model/ball.hpp"
#include "model/model.hpp"

namespace critwin {

// Largest length of the retention tables (cost ~ L^2/2 · components ball operations).
inline constexpr long kRetentionMaxLength = 5000;

// Per visible count n (index n = 0..L; entries below `n_min` are left empty balls and not computed):
//   latent[n]  = E[P(θ ∈ S | Y)], Y = n visible tokens of X ~ p^S,
//   label[n]   = P(label(X′) ∈ S) with X′ the n visible tokens completed from p(· | Y),
//   cloning[n] = E_{Y~p} Σ_θ P(θ | Y)².
// label(x) = argmax_θ w_θ p_θ^K (1−p_θ)^{L−K}, K = ones in x, ties to the lowest index (decided exactly).
struct BernoulliRetentionTables {
  std::vector<Ball> latent, label, cloning;
};
// InputError on `components.length` beyond kRetentionMaxLength. Ball precision: the caller's.
BernoulliRetentionTables bernoulli_retention_tables(const Model& m, const Subset& s, long n_min);

// The label of a count of ones K (0..L) for every K, ties to the lowest index, decided in exact arithmetic
// where the enclosures cannot. Exposed for the tests.
std::vector<int> bernoulli_labels_by_ones(const Model& m);

}  // namespace critwin
