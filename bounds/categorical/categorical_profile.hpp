// The categorical-product model seen position by position, in the order positions are revealed, with each
// position's symbols grouped into classes whose per-component likelihood columns are proportional. Two
// prefixes whose likelihood vectors (ℓ_θ)_θ are proportional have the same posterior, so every exact TV is a
// sum over such groups; the profile gives each class an exact key for that grouping.
#pragma once

#include <cstdint>
#include <vector>

#include "model/model.hpp"

namespace critwin {

// Symbols of one position whose columns (q^θ(v))_θ are proportional: they share the support `mask` (the
// components that can emit them) and the projective key `expo`. Likelihoods are rationals; each is written
// over one coprime base of integers (gcd-free, so factorization over it is unique), and `expo` holds, per
// component θ in the mask, the exponent vector of ℓ_θ / ℓ_{θ0} (θ0 = lowest component of the mask). Keys
// add under multiplication, so the key of a prefix is the (re-normalized) sum of its classes' keys and two
// prefixes have proportional likelihood vectors exactly when their keys are equal.
struct SymbolClass {
  uint64_t mask = 0;
  std::vector<int32_t> expo;      // K × base entries, row θ at θ·base; zero outside the mask and on row θ0
  std::vector<ExactReal> column;  // Σ_{v in class} q^θ(v) per component (0 outside the mask)
  bool trivial() const;           // all components, equal likelihoods: carries no information
};

// The classes of one position (symbols no component emits are left out).
struct PositionLaw {
  std::vector<SymbolClass> classes;
  // False when every symbol has equal likelihood under every component: revealing the position multiplies
  // every group's likelihoods by one common total (1), so it changes no TV.
  bool informative = true;
};

struct CategoricalProfile {
  int components = 0;
  int base = 0;  // size of the coprime base (length of one expo row)
  std::vector<PositionLaw> laws;           // distinct joint rows
  std::vector<std::pair<int, long>> runs;  // (law, count) in reveal order: the first n revealed = visible at L − n
  std::vector<int32_t> zero_key;           // components × base zeros (the key of the trivial class)
  uint64_t all_mask() const { return components == 64 ? ~uint64_t{0} : (uint64_t{1} << components) - 1; }
};

// Truncate: positions 0, 1, …; ordered-mask: order[L−1], order[L−2], … (the last masked is revealed first);
// random-mask: positions 0, 1, … (its engine reveals every position, through a mask symbol).
CategoricalProfile categorical_profile_make(const Model& m);

// Sets the expo rows outside `mask` to 0 and subtracts the row of the mask's lowest component.
void categorical_key_normalize(uint64_t mask, std::vector<int32_t>& expo, int components, int base);

}  // namespace critwin
