#!/usr/bin/python3
"""NumPy peer of bench/planted_spike_tv.cpp's Monte Carlo: the same estimator E_Q[(1 - L)_+] of the planted
spike's TV, L = mean_i exp(mu u_i - mu^2/2), u ~ N(0, I_M), vectorized the way a careful user would write it
(chunks of samples as one (chunk, M) array, float64, no Python loop per sample). One core.
Prints one JSON object: samples per second, the estimate and its standard error.

Usage: peer_planted_spike.py [SAMPLES] [M]"""
import json
import math
import sys
import time

import numpy as np


def tv_mc(M, mu, n, seed, chunk=256):
    rng = np.random.default_rng(seed)
    shift = mu * mu / 2
    total = 0.0
    total_sq = 0.0
    done = 0
    while done < n:
        k = min(chunk, n - done)
        u = rng.standard_normal((k, M))
        np.multiply(u, mu, out=u)
        np.subtract(u, shift, out=u)
        np.exp(u, out=u)
        term = np.maximum(1.0 - u.mean(axis=1), 0.0)
        total += float(term.sum())
        total_sq += float((term * term).sum())
        done += k
    mean = total / n
    return mean, math.sqrt(max(0.0, total_sq / n - mean * mean) / n)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    M = int(sys.argv[2]) if len(sys.argv) > 2 else 4096
    mu = math.sqrt(1.2 * 2 * math.log(M))  # n/N* = 1.2, as in the C++ benchmark
    start = time.perf_counter()
    tv, se = tv_mc(M, mu, n, 1)
    rate = n / (time.perf_counter() - start)
    print(json.dumps({"M": M, "mu": mu, "samples": n, "samples_per_s": rate, "tv": tv, "stderr": se}))


if __name__ == "__main__":
    main()
