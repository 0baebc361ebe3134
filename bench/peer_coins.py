#!/usr/bin/python3
"""Peer for bench/coin_fr_tv_curve.cpp: the same coin fr-tv curve computed the obvious way with mpmath.

Model: two coins Bernoulli(0.6)^L and Bernoulli(0.4)^L, weights 1/2, truncation (T̂ hidden tokens),
S_init = S_target = {heads}. For each T̂ with n = L - T̂ visible and m = T̂ hidden tokens, the
density-ratio identity of THEORY.md §1 gives the direct double sum over (ones visible k1, ones hidden k2):

    TV(T̂) = 1/2 Σ_{k1=0}^{n} Σ_{k2=0}^{m} | Σ_θ w_θ Bin(n,p_θ)(k1) Bin(m,p_θ)(k2) (f(k1) - [θ∈S_target]/w_target) |
    f(k1) = P(S_init | k1 of n) / w_init,

at 128 bits (mpmath mp.prec = 128), O(n m) terms per T̂ and O(L^3/6) for the whole curve.

The whole curve would take many minutes in pure Python, so by default only a subset of T̂ is computed;
each is timed and the total for every T̂ in 0..L is *extrapolated* with a least-squares fit
time(T̂) ≈ a + b (n+1) + c (m+1) + d (n+1)(m+1), which matches the cost of the double sum.
Output: one JSON object with the values, the per-T̂ times, and the extrapolated total (seconds).
"""
import argparse
import json
import time

import mpmath
import numpy as np

mpmath.mp.prec = 128


def binomial_pmf(n, p):
    p = mpmath.mpf(p)
    q = 1 - p
    return [mpmath.binomial(n, k) * p**k * q ** (n - k) for k in range(n + 1)]


def fr_tv(L, probs, weights, s_init, s_target, t_hat):
    n, m = L - t_hat, t_hat
    a = [binomial_pmf(n, p) for p in probs]
    b = [binomial_pmf(m, p) for p in probs]
    w_init = sum(weights[i] for i in s_init)
    w_target = sum(weights[i] for i in s_target)
    total = mpmath.mpf(0)
    K = len(probs)
    for k1 in range(n + 1):
        den = sum(weights[i] * a[i][k1] for i in range(K))
        f = sum(weights[i] * a[i][k1] for i in s_init) / (w_init * den)
        coef = [weights[i] * a[i][k1] * (f - (1 / w_target if i in s_target else 0)) for i in range(K)]
        for k2 in range(m + 1):
            total += abs(sum(coef[i] * b[i][k2] for i in range(K)))
    return total / 2


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--length", type=int, default=1000)
    ap.add_argument("--t-hat", type=str, default="1,20,100,300,500,700,900,980,999",
                    help="comma list of T̂ values to compute and time (the rest is extrapolated)")
    args = ap.parse_args()
    L = args.length
    probs = [mpmath.mpf(6) / 10, mpmath.mpf(4) / 10]
    weights = [mpmath.mpf(1) / 2, mpmath.mpf(1) / 2]
    ts = [int(x) for x in args.t_hat.split(",")]
    values, times = {}, {}
    for t in ts:
        t0 = time.process_time()
        v = fr_tv(L, probs, weights, [0], [0], t)
        times[t] = time.process_time() - t0
        values[t] = mpmath.nstr(v, 25)
    X = np.array([[1, L - t + 1, t + 1, (L - t + 1) * (t + 1)] for t in ts], dtype=float)
    y = np.array([times[t] for t in ts])
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    all_t = np.array([[1, L - t + 1, t + 1, (L - t + 1) * (t + 1)] for t in range(L + 1)], dtype=float)
    total = float(np.sum(np.maximum(all_t @ coef, 0)))
    print(json.dumps({
        "peer": "python3-mpmath, 128 bits, direct double sum",
        "length": L,
        "t_hat_computed": ts,
        "values": {str(t): values[t] for t in ts},
        "cpu_seconds": {str(t): times[t] for t in ts},
        "cpu_seconds_measured_total": sum(times.values()),
        "fit_seconds": {"a": coef[0], "b_per_visible": coef[1], "c_per_hidden": coef[2], "d_per_pair": coef[3]},
        "cpu_seconds_full_curve_extrapolated": total,
    }, indent=1))


if __name__ == "__main__":
    main()
