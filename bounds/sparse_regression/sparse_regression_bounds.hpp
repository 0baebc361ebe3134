// Sparse linear regression detection (BoE Theorem 5, Reeves–Xu–Zadik), THEORY.md §8: the threshold N*,
// the exact second moment χ²(P_n ‖ Q_n) (overlap sum), and the scan-test lower bound on TV(P_n, Q_n).
// Signal: S uniform over k-subsets of [s], x ~ N(0, I_s), y = Σ_{i∈S} x_i + ξ, ξ ~ N(0, σ²);
// null: y ~ N(0, v), v = k + σ², independent of x; n i.i.d. observations z_r = (x_r, y_r).
#pragma once

#include "bounds/planted_spike/planted_spike_bounds.hpp"  // TauBound
#include "model/ball.hpp"
#include "model/estimate.hpp"
#include "model/exact_real.hpp"

namespace critwin {

struct SparseRegressionParams {
  long dim = 2;             // s >= 1
  long sparsity = 1;        // k, 1 <= k <= s
  ExactReal noise_variance; // σ² > 0
};

// N* = 2k ln(s/k) / ln(1 + k/σ²), certified (0 when k = s).
Ball sparse_regression_n_star(const SparseRegressionParams& p);

// χ²(P_n ‖ Q_n) = E_ℓ[(v/(v − ℓ))^n] − 1, ℓ = |S ∩ S′| ~ Hypergeometric(s; k, k), v = k + σ²; exact rational.
// Cost grows with n (numerators of about n·log2(v) bits); use the Ball form for long sequences.
ExactReal sparse_regression_chi_square_exact(const SparseRegressionParams& p, long n);

// The same sum as a certified ball (each term exp(n log(v/(v − ℓ)))).
Ball sparse_regression_chi_square(const SparseRegressionParams& p, long n);

// min(1, ½ √χ²), certified.
Estimate sparse_regression_second_moment_upper(const SparseRegressionParams& p, long n);

// Scan test (reject the null when min_S Σ_r (y_r − ⟨1_S, x_r⟩)² <= τ): the true support's residuals are
// σ² χ²_n under the signal, every support's are (2k + σ²) χ²_n under the null (union bound), so
//   TV >= F_n(τ/σ²) − C(s,k) F_n(τ/(2k + σ²)),  F_n the χ²_n CDF,
// at the τ maximizing it in double precision, certified there (regularized lower incomplete gamma in Arb).
TauBound sparse_regression_scan_test_lower(const SparseRegressionParams& p, long n);

}  // namespace critwin
