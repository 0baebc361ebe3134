#!/bin/sh
# One line per experiment: critwin's samples/s (Google Benchmark, 1 and 2 threads), the NumPy peer's, and the
# ratio; plus the two-Gaussian sampler as a fraction of the raw RNG rate at 2 threads.
# Usage: bench/sampler_speed_ratio.sh [BUILD_DIR]   (needs bench_sampler_forward_reverse built there)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
bench=$(find "$build" -name bench_sampler_forward_reverse -type f | head -n 1)
[ -x "$bench" ] || { echo "bench_sampler_forward_reverse not found under $build" >&2; exit 1; }
cw=$(mktemp)
"$bench" --benchmark_format=json --benchmark_min_time=1 >"$cw" 2>/dev/null
py=$(/usr/bin/python3 "$here/peer_numpy_sampler.py")
/usr/bin/python3 - "$cw" "$py" <<'PY'
import json, sys
cw = {b["name"]: b["items_per_second"] for b in json.load(open(sys.argv[1]))["benchmarks"]}
py = json.loads(sys.argv[2])
g1, g2 = cw["BM_TwoGaussianJump/1/real_time"], cw["BM_TwoGaussianJump/2/real_time"]
r2 = cw["BM_RawRngNormalsUniform/2/real_time"]
c1, c2 = cw["BM_CoinJump/1/real_time"], cw["BM_CoinJump/2/real_time"]
pg, pc = py["two_gaussian_jump_per_s"], py["coin_jump_per_s"]
print(f"two-gaussian jump: critwin {g1/1e6:.1f} M/s (1 thread), {g2/1e6:.1f} M/s (2 threads); numpy {pg/1e6:.1f} M/s; "
      f"ratio {g2/pg:.2f}x (2 threads); raw RNG {r2/1e6:.1f} M/s, sampler/raw {g2/r2:.0%}")
print(f"coin jump (L=600): critwin {c1/1e6:.2f} M/s (1 thread), {c2/1e6:.2f} M/s (2 threads); numpy {pc/1e6:.2f} M/s; "
      f"ratio {c2/pc:.2f}x (2 threads)")
PY
rm -f "$cw"
