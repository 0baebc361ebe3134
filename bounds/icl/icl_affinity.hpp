// Bhattacharyya coefficients BC = 1 − ½H² between sub-mixtures of an in-context-learning model after n
// complete examples, exactly by sums over count tables (certified Arb balls) — the quantity behind the
// Hellinger-tensorization argument of BoE Examples 6/11 (THEORY.md §7).
#pragma once

#include "model/ball.hpp"
#include "model/model.hpp"

namespace critwin {

// BC(P^A_n, P^B_n) = Σ_u √(P^A_n(u) P^B_n(u)) over the type counts u of n examples (a sufficient statistic
// whose conditional law given u is the same for every component, so BC over whole sequences is this sum).
// InputError on components.examples when the sum would visit more than kIclMaxTables tables.
Ball icl_bhattacharyya(const Model& m, const Subset& a, const Subset& b, long n);

}  // namespace critwin
