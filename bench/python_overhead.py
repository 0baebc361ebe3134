#!/usr/bin/env python3
"""Python's overhead over C++ for the issue's two targets (issue 12, "Performance"):
  - Model.fr_tv on E5's coins (L = 600, T̂ = 450): one Python call vs the same work in C++ (< 5% more);
  - Model.forward_tv over a 10^4-point numpy grid on E1's two Gaussians (< 0.1 s).
The C++ side is bench_python_baseline (Google Benchmark, built with -DCRITWIN_BENCH=ON).
Usage: PYTHONPATH=build/python python3 bench/python_overhead.py [build]"""
import json
import os
import subprocess
import sys
import time

import numpy as np

import critwin

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SOURCE, "build")


def best_of(f, repeats, inner):
    """Smallest mean seconds per call over `repeats` rounds of `inner` calls (the least disturbed round)."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(inner):
            f()
        best = min(best, (time.perf_counter() - t0) / inner)
    return best


coins = critwin.Model.load(os.path.join(SOURCE, "examples", "e5_coins.toml"))
coins.fr_tv(450, "heads", "heads")  # builds the engine once, as the C++ benchmark does outside its loop
py_fr = best_of(lambda: coins.fr_tv(450, "heads", "heads"), 7, 200)

e1 = critwin.Model.load(os.path.join(SOURCE, "examples", "e1_two_gaussians.toml"))
grid = np.linspace(0, 4, 10**4)
e1.forward_tv(grid[:2], "plus", "minus")
py_grid = best_of(lambda: e1.forward_tv(grid, "plus", "minus"), 5, 1)
py_grid1 = best_of(lambda: e1.forward_tv(grid, "plus", "minus", threads=1), 3, 1)
# The fixed cost of a call: t = inf is exact (TV 0) with no arithmetic, so this is all binding and parsing.
py_fixed = best_of(lambda: e1.forward_tv("inf", "plus", "minus"), 7, 2000)

print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
print(f"python per-call fixed cost (forward_tv at t=inf): {py_fixed * 1e6:7.1f} us")
print(f"python fr_tv coins L=600, t_hat=450:       {py_fr * 1e6:10.1f} us per call "
      f"(fixed cost = {100 * py_fixed / py_fr:.2f}% of it)")
print(f"python forward_tv 1e4-point grid, E1:      {py_grid * 1e3:10.1f} ms per call, all cores (target < 100 ms)")
print(f"python forward_tv 1e4-point grid, E1:      {py_grid1 * 1e3:10.1f} ms per call, threads=1")

exe = os.path.join(BUILD, "bench", "bench_python_baseline")
if os.path.exists(exe):
    out = subprocess.run([exe, "--benchmark_format=json", "--benchmark_repetitions=5",
                          "--benchmark_report_aggregates_only=true"], capture_output=True, text=True, check=True)
    rows = {b["run_name"]: b for b in json.loads(out.stdout)["benchmarks"] if b.get("aggregate_name") == "median"}
    scale = {"us": 1e-6, "ms": 1e-3, "ns": 1e-9, "s": 1.0}
    cpp = {k.split("/")[0]: v["real_time"] * scale[v["time_unit"]] for k, v in rows.items()}
    c_fr, c_grid = cpp["BM_FrTvCoins600"], cpp["BM_ForwardTvGaussianGrid1e4"]
    print(f"C++    fr_tv coins (median of 5):          {c_fr * 1e6:10.1f} us  -> Python overhead "
          f"{100 * (py_fr / c_fr - 1):+.2f}% (target < 5%)")
    print(f"C++    forward_tv 1e4 grid (median of 5):  {c_grid * 1e3:10.1f} ms (one thread) -> Python threads=1 "
          f"overhead {100 * (py_grid1 / c_grid - 1):+.2f}%")
else:
    print(f"({exe} not built: configure with -DCRITWIN_BENCH=ON and build bench_python_baseline for the C++ side)")
