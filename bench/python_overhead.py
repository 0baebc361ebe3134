#!/usr/bin/env python3
"""Python's overhead over C++ for the issue's two targets (issue 12, "Performance"):
  - Model.fr_tv on E5's coins (L = 600, T̂ = 450): one Python call vs the same work in C++ (< 5% more);
  - Model.forward_tv over a 10^4-point numpy grid on E1's two Gaussians (< 0.1 s wall).
The C++ side is bench_python_baseline (Google Benchmark, built with -DCRITWIN_BENCH=ON): the same parsing and
engine calls without Python; for fr_tv also in the same process (critwin._critwin.cpp_pair_seconds), in
alternating rounds, which a busy machine disturbs least. Both sides are timed as CPU time of the calling
thread and as wall time; each figure is the best of several rounds.
Usage: PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py [build]"""
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
    """(wall, cpu): the smallest mean seconds per call over `repeats` rounds of `inner` calls, each clock."""
    wall = cpu = float("inf")
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.thread_time()
        for _ in range(inner):
            f()
        wall = min(wall, (time.perf_counter() - w0) / inner)
        cpu = min(cpu, (time.thread_time() - c0) / inner)
    return wall, cpu


coins = critwin.Model.load(os.path.join(SOURCE, "examples", "e5_coins.toml"))
coins.fr_tv(450, "heads", "heads")  # builds the engine once, as the C++ benchmark does outside its loop
py_fr, py_fr_cpu = best_of(lambda: coins.fr_tv(450, "heads", "heads"), 9, 200)
# The same comparison in one process: rounds of 200 Python calls alternate with rounds of the same work in C++
# (critwin._critwin.cpp_pair_seconds), each timed as this thread's CPU time; best round of each.
opt = critwin._critwin.EngineOptions(128, 100000, 1, 0)
inproc_py = inproc_cpp = float("inf")
for _ in range(15):
    inproc_py = min(inproc_py, best_of(lambda: coins.fr_tv(450, "heads", "heads"), 1, 200)[1])
    inproc_cpp = min(inproc_cpp, critwin._critwin.cpp_pair_seconds(coins._h, "fr-tv", "450", "heads", "heads", opt,
                                                                    200))

e1 = critwin.Model.load(os.path.join(SOURCE, "examples", "e1_two_gaussians.toml"))
grid = np.linspace(0, 4, 10**4)
e1.forward_tv(grid[:2], "plus", "minus")
py_grid, _ = best_of(lambda: e1.forward_tv(grid, "plus", "minus"), 7, 1)
py_grid1, py_grid1_cpu = best_of(lambda: e1.forward_tv(grid, "plus", "minus", threads=1), 5, 1)
# The fixed cost of a call: t = inf is exact (TV 0) with no arithmetic, so this is all binding and parsing.
py_fixed, py_fixed_cpu = best_of(lambda: e1.forward_tv("inf", "plus", "minus"), 7, 2000)

print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
print(f"python per-call fixed cost (forward_tv at t=inf): {py_fixed * 1e6:7.1f} us wall, {py_fixed_cpu * 1e6:7.1f} us CPU")
print(f"python fr_tv coins L=600, t_hat=450:       {py_fr * 1e6:10.1f} us wall, {py_fr_cpu * 1e6:10.1f} us CPU per call")
print(f"in one process, alternating rounds:        Python {inproc_py * 1e6:8.1f} us CPU, C++ {inproc_cpp * 1e6:8.1f} us CPU"
      f" -> Python overhead {100 * (inproc_py / inproc_cpp - 1):+.2f}% (target < 5%)")
print(f"python forward_tv 1e4-point grid, E1:      {py_grid * 1e3:10.1f} ms wall, all cores (target < 100 ms)")
print(f"python forward_tv 1e4-point grid, E1:      {py_grid1 * 1e3:10.1f} ms wall, {py_grid1_cpu * 1e3:10.1f} ms CPU, threads=1")

exe = os.path.join(BUILD, "bench", "bench_python_baseline")
if os.path.exists(exe):
    out = subprocess.run([exe, "--benchmark_format=json", "--benchmark_repetitions=7"], capture_output=True,
                         text=True, check=True)
    scale = {"us": 1e-6, "ms": 1e-3, "ns": 1e-9, "s": 1.0}
    best = {}
    for b in json.loads(out.stdout)["benchmarks"]:
        if b.get("run_type") != "iteration":
            continue
        k = b["run_name"].split("/")[0]
        t = (b["real_time"] * scale[b["time_unit"]], b["cpu_time"] * scale[b["time_unit"]])
        best[k] = tuple(min(x, y) for x, y in zip(best.get(k, t), t))
    (c_fr, c_fr_cpu), (c_grid, c_grid_cpu) = best["BM_FrTvCoins600"], best["BM_ForwardTvGaussianGrid1e4"]
    print(f"C++    fr_tv coins (best of 7):            {c_fr * 1e6:10.1f} us wall, {c_fr_cpu * 1e6:10.1f} us CPU"
          f"  -> Python overhead {100 * (py_fr_cpu / c_fr_cpu - 1):+.2f}% CPU, {100 * (py_fr / c_fr - 1):+.2f}% wall"
          f" (target < 5%)")
    print(f"C++    forward_tv 1e4 grid (best of 7):    {c_grid * 1e3:10.1f} ms wall, {c_grid_cpu * 1e3:10.1f} ms CPU"
          f" (one thread) -> Python threads=1 overhead {100 * (py_grid1_cpu / c_grid_cpu - 1):+.2f}% CPU")
else:
    print(f"({exe} not built: configure with -DCRITWIN_BENCH=ON and build bench_python_baseline for the C++ side)")
