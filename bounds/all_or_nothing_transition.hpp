// The all-or-nothing transition of a detection curve n ↦ TV(P_n, Q_n) (THEORY.md §8, BoE Theorems 5–6):
// where the TV crosses given levels, the transition width in units of N*, and Theorem 6's critical window of
// the sequence model built from it (BoE Definition 7: N observations, a query token, the label).
#pragma once

#include <optional>
#include <vector>

#include "model/estimate.hpp"

namespace critwin {

// One point of the curve: TV at n with an interval (exact, certified, estimated or Monte Carlo).
struct AonPoint {
  long n = 0;
  Estimate tv;
};

// n_a = min{n : TV(n) >= a} for a non-decreasing TV, read off a grid with intervals: n_a lies in
// [first grid n with tv.hi >= a, first grid n with tv.lo >= a] (each end nullopt when no grid point
// qualifies: the crossing is beyond the grid). Points must be sorted by n >= 1, and TV(0) = 0 is assumed
// (a detection curve with no observations). When the grid is not every integer, the crossing is located to
// within the grid spacing: `lo` is then the previous grid n + 1 (or 1 before the first grid point).
struct Crossing {
  std::optional<long> lo, hi;
};
Crossing aon_crossing(const std::vector<AonPoint>& curve, double level);

// The transition between two levels (default 0.1 → 0.9): width n_{hi level} − n_{lo level} as an interval,
// divided by N*; nullopt when either crossing is not bracketed on the grid.
struct Transition {
  Crossing low, high;
  std::optional<double> width_lo, width_hi;          // in observations
  std::optional<double> width_over_nstar_lo, width_over_nstar_hi;
};
Transition aon_transition(const std::vector<AonPoint>& curve, double n_star, double low = 0.1, double high = 0.9);

// The δ the measured transition implies, δ = max(1 − n_low/N*, n_high/N* − 1) with the crossings' outer ends
// (the conservative choice), and BoE Theorem 6's window [N + 2 − (1+δ)N*, N + 2 − (1−δ)N*] in the token index
// of the sequence model of length N + 2.
struct Theorem6Window {
  double delta = 0;
  double t_lo = 0, t_hi = 0;
};
std::optional<Theorem6Window> aon_theorem6_window(const Transition& t, double n_star, long length);

}  // namespace critwin
