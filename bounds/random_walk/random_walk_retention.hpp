// Exact retention tables of an absorbing ±1 random-walk mixture under truncate (THEORY.md §6), by the number
// n of visible steps, certified with Arb balls.
#pragma once

#include <vector>

#include "model/ball.hpp"
#include "model/model.hpp"

namespace critwin {

// Largest length × (2·barrier + 1) of the tables (memory ~ that many balls).
inline constexpr long kRandomWalkRetentionMaxCells = 20000000;

struct RandomWalkRetentionTables {
  std::vector<Ball> latent, label, cloning;  // index n = 0..L visible steps (T̂ = L − n)
};

// InputError on `components.length` beyond kRandomWalkRetentionMaxCells. Ball precision: the caller's.
RandomWalkRetentionTables random_walk_retention_tables(const Model& m, const Subset& s);

}  // namespace critwin
