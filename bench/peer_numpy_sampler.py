#!/usr/bin/python3
"""NumPy peer of critwin's two benchmark samplers, vectorized the way a careful user would write them:
large chunks, no Python loop per sample, the same collapsed formulas critwin uses (Y | θ drawn in one normal).
Prints one JSON object: samples per second for each experiment, and the label frequency as a sanity check
(E1 minus frequency ≈ 0.05555; E5 tails frequency at T̂ = 300).

Usage: peer_numpy_sampler.py [N_GAUSS] [N_COINS]"""
import json
import math
import sys
import time

import numpy as np


def two_gaussian_jump(n, seed, chunk=1 << 20):
    rng = np.random.default_rng(seed)
    m0, m1, var, t = 8.0, -8.0, 1.0, 1.5  # E1: N(±8, 1), S_init = {plus}, T̂ = 1.5
    e = math.exp(-t)
    v = e * e * var + 1 - e * e
    sd_y, c1 = math.sqrt(v), e * (m1 - m0) / v
    c0 = -e * e * (m1 * m1 - m0 * m0) / (2 * v)
    gain, sd_x = e * var / v, math.sqrt(var * (1 - e * e) / v)
    d1, d0 = (m1 - m0) / var, -(m1 * m1 - m0 * m0) / (2 * var)
    ones = 0
    done = 0
    while done < n:
        k = min(chunk, n - done)
        y = e * m0 + sd_y * rng.standard_normal(k)
        u = rng.random(k)
        to1 = u * (1 + np.exp(-(c0 + c1 * y))) < 1
        mp = np.where(to1, m1, m0)
        x = mp + gain * (y - e * mp) + sd_x * rng.standard_normal(k)
        ones += int(np.count_nonzero(d0 + d1 * x > 0))
        done += k
    return ones / n


def coin_jump(n, seed, chunk=1 << 20):
    rng = np.random.default_rng(seed)
    L, t, ph, pt = 600, 300, 0.6, 0.4  # E5: S_init = {heads}, T̂ = 300
    m = L - t
    tails = 0
    done = 0
    while done < n:
        k = min(chunk, n - done)
        ones = rng.binomial(m, ph, k)
        # log P(tails | ones) / P(heads | ones), equal weights
        lo = ones * math.log(pt / ph) + (m - ones) * math.log((1 - pt) / (1 - ph))
        to_tails = rng.random(k) * (1 + np.exp(-lo)) < 1
        total = ones + rng.binomial(t, np.where(to_tails, pt, ph))
        tails += int(np.count_nonzero(total < L // 2))  # tie (300) goes to heads, the lower index
        done += k
    return tails / n


def rate(f, n, seed):
    start = time.perf_counter()
    freq = f(n, seed)
    return n / (time.perf_counter() - start), freq


if __name__ == "__main__":
    n_g = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 24
    n_c = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 22
    two_gaussian_jump(1 << 20, 0)  # warm-up
    g_rate, g_freq = rate(two_gaussian_jump, n_g, 1)
    c_rate, c_freq = rate(coin_jump, n_c, 2)
    print(json.dumps({"numpy": np.__version__, "two_gaussian_jump_per_s": g_rate, "two_gaussian_minus_freq": g_freq,
                      "coin_jump_per_s": c_rate, "coin_tails_freq": c_freq}))
