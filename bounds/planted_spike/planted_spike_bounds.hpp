// Planted spike (one-hot / REM) detection, THEORY.md §8: the threshold N*, the χ² closed form and the
// second-moment upper bounds on TV(P_n, Q_n), and the max-test lower bound — all certified (Arb).
// Signal: J ~ Unif[M], z_r = λ e_J + g_r; null: z_r = g_r; g_r ~ N(0, I_M); r = 1..n; μ = λ√n.
#pragma once

#include "model/ball.hpp"
#include "model/estimate.hpp"
#include "model/exact_real.hpp"

namespace critwin {

struct PlantedSpikeParams {
  long dim = 2;        // M >= 2
  ExactReal snr;       // λ > 0
};

// Standard normal CDF Φ(x) = erfc(−x/√2)/2 as a ball (accurate in both tails).
Ball ball_normal_cdf(const Ball& x);

// N* = 2 ln M / λ² (BoE Theorem 6's threshold for this problem).
Ball planted_spike_n_star(const PlantedSpikeParams& p);

// μ² = λ² n, exact.
ExactReal planted_spike_mu_squared(const PlantedSpikeParams& p, long n);

// χ²(P_n ‖ Q_n) = (e^{nλ²} − 1)/M (E_Q[L²] − 1 with L = (1/M) Σ_i exp(μ u_i − μ²/2)).
Ball planted_spike_chi_square(const PlantedSpikeParams& p, long n);

// A certified bound with the threshold τ at which it was evaluated (any τ gives a valid bound; τ is the
// double-precision optimizer, so the bound is the sup/inf over τ up to that optimizer's accuracy).
struct TauBound {
  Estimate bound;  // certified enclosure of the bound's value at tau
  double tau = 0;
};

// min(1, ½ √χ²): TV ≤ ½ √χ² (Cauchy–Schwarz), certified.
Estimate planted_spike_second_moment_upper(const PlantedSpikeParams& p, long n);

// Truncated second moment (condition the signal on u_J ≤ τ):
//   TV ≤ Φ(μ − τ) + ½ √( e^{μ²} Φ(τ − 2μ) / (M Φ(τ − μ)²) − 1/M ),
// evaluated at the τ minimizing it in double precision, then certified there; capped at 1.
TauBound planted_spike_truncated_second_moment_upper(const PlantedSpikeParams& p, long n);

// Max test (reject the null when max_i u_i > τ): TV ≥ Φ(τ)^M − Φ(τ − μ) Φ(τ)^{M−1}, at the τ
// maximizing it in double precision, certified there; floored at 0.
TauBound planted_spike_max_test_lower(const PlantedSpikeParams& p, long n);

// Moment (Chernoff-type) lower bound, useful for n > N*: 1 − TV = E_Q[min(1, L)] <= E_Q[L^a] for a in [0, 1],
// and x ↦ x^a is subadditive, so E_Q[L^a] <= M^{1−a} E[X^a] = M^{1−a} e^{−a(1−a)μ²/2}; at the optimal
// a = 1/2 + ln M/μ² (<= 1 iff μ² >= 2 ln M)
//   TV >= 1 − ε,  ε = exp(−(μ/2 − ln M/μ)²/2)   (a = 1/2 alone is the Bhattacharyya bound √M e^{−μ²/8}).
// Certified; the trivial bound 0 (exact) when μ² < 2 ln M or ε >= 1.
Estimate planted_spike_moment_lower(const PlantedSpikeParams& p, long n);

// The gap ε of the moment bound above in double precision (inflated by 1e-12 relative, far beyond the few
// ulps of exp/log, so 1 − ε is still a lower bound; floored at the least positive double, never 0); 1 when
// μ² <= 2 ln M.
double planted_spike_moment_gap(long dim, double mu);

// The same quantities for a real μ (a double, taken exactly), for curves in μ.
Estimate planted_spike_moment_lower_mu(long dim, double mu);
Estimate planted_spike_second_moment_upper_mu(long dim, double mu);
TauBound planted_spike_truncated_second_moment_upper_mu(long dim, double mu);
TauBound planted_spike_max_test_lower_mu(long dim, double mu);

}  // namespace critwin
