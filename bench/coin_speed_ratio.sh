#!/bin/sh
# Speed of critwin's exact coin fr-tv curve (L = 1000, every T̂, 128 bits) against the mpmath peer
# (bench/peer_coins.py, the direct double sum; its full-curve time is extrapolated from a timed subset of
# T̂, as the peer itself reports). Builds nothing: run after building, e.g.
#   bench/coin_speed_ratio.sh [BUILD_DIR]        (default: build)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
bench="$build/bench/bench_coin_fr_tv_curve"
cli="$build/app/critwin"
for f in "$bench" "$cli"; do
  [ -x "$f" ] || { echo "coin_speed_ratio: $f not found; build first (cmake --build $build)" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bench" --benchmark_format=json --benchmark_out="$tmp/critwin.json" --benchmark_out_format=json >/dev/null
/usr/bin/python3 bench/peer_coins.py >"$tmp/peer.json"
# The peer's values at its computed T̂ must agree with critwin's certified ones before speed means anything.
for t in $(/usr/bin/python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["values"]))' "$tmp/peer.json"); do
  "$cli" fr-tv examples/coins_l1000.toml --t-hat "$t" --s-init heads --s-target heads --json >"$tmp/cli_$t.json"
done
/usr/bin/python3 - "$tmp" <<'PY'
import json, sys, glob, os
d = sys.argv[1]
crit = json.load(open(os.path.join(d, "critwin.json")))["benchmarks"][0]
crit_cpu = crit["cpu_time"] / {"ms": 1e3, "us": 1e6, "ns": 1e9, "s": 1}[crit["time_unit"]]
peer = json.load(open(os.path.join(d, "peer.json")))
worst = 0.0
for t, v in peer["values"].items():
    j = json.load(open(os.path.join(d, f"cli_{t}.json")))
    worst = max(worst, abs(float(v) - j["tv"]) / max(abs(j["tv"]), 1e-300))
    if not (j["tv_lo"] - 1e-15 <= float(v) <= j["tv_hi"] + 1e-15) and abs(float(v) - j["tv"]) > 1e-15:
        sys.exit(f"peer and critwin disagree at T̂ = {t}: {v} vs {j['tv']}")
peer_cpu = peer["cpu_seconds_full_curve_extrapolated"]
print(f"critwin fr-tv curve, L = 1000, 1001 values, 128 bits: {crit_cpu:.3f} s CPU (Google Benchmark, mean of {crit['iterations']})")
print(f"peer (mpmath, direct double sum): {peer['cpu_seconds_measured_total']:.1f} s CPU for {len(peer['values'])} T̂ values, "
      f"{peer_cpu:.0f} s CPU extrapolated to the full curve")
print(f"agreement at the peer's T̂: max relative difference {worst:.1e}")
print(f"speed ratio critwin/peer: {peer_cpu / crit_cpu:.0f}x")
PY
