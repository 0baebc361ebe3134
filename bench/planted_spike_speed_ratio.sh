#!/bin/sh
# Planted spike: critwin's Monte Carlo TV rate at M = 4096 (Google Benchmark, 1 and 2 threads) against the
# NumPy peer in the same run, and the exact TV curve's time at M = 2^16 (100 values of n).
# Usage: bench/planted_spike_speed_ratio.sh [BUILD_DIR]   (needs bench_planted_spike_tv built there)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
bench=$(find "$build" -name bench_planted_spike_tv -type f | head -n 1)
[ -x "$bench" ] || { echo "bench_planted_spike_tv not found under $build" >&2; exit 1; }
cw=$(mktemp)
"$bench" --benchmark_format=json --benchmark_min_time=1 >"$cw" 2>/dev/null
py=$(/usr/bin/python3 "$here/peer_planted_spike.py")
/usr/bin/python3 - "$cw" "$py" <<'PY'
import json, sys
cw = {b["name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
py = json.loads(sys.argv[2])
c1 = cw["BM_PlantedSpikeMcM4096/1/real_time"]["items_per_second"]
c2 = cw["BM_PlantedSpikeMcM4096/2/real_time"]["items_per_second"]
p = py["samples_per_s"]
curve = [b for n, b in cw.items() if n.startswith("BM_PlantedSpikeExactCurveM65536")][0]
print(f"planted spike MC TV (M=4096): critwin {c1:.0f}/s (1 thread), {c2:.0f}/s (2 threads); numpy {p:.0f}/s; "
      f"ratio {c1/p:.1f}x (1 thread), {c2/p:.1f}x (2 threads)")
print(f"exact TV curve (M=2^16, 100 n): {curve['real_time']/1e3:.3f} s")
PY
rm -f "$cw"
