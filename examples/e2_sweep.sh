#!/usr/bin/env bash
# BoE E2 at scale: K in {3, 5, 10} Gaussians N(mu_i, I_d) with means drawn mu_i ~ N(0, I_d), d in {10, 1e2, 1e3,
# 1e4}, three seeds each. For each model `critwin paper` prints the Definition-4 window for S_after = {first
# component}, S_before = all (exact for K = 3, Monte Carlo with 99.9% intervals for K >= 4), its width, the
# printed closed forms and the KL/Pinsker-route T_before. The paper's claim: the width stays O(1) as d grows.
#
# Usage: examples/e2_sweep.sh [CRITWIN] [EPS] [SAMPLES] [FORMAT]
#   defaults: build/app/critwin, 0.1, 100000, table (or md, csv, latex, json)
set -euo pipefail
critwin=${1:-build/app/critwin}
eps=${2:-0.1}
samples=${3:-100000}
format=${4:-table}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
models=()
for k in 3 5 10; do
  weights=$(printf '"1/%d", ' $(seq 1 "$k" | sed "s/.*/$k/") | sed 's/, $//')
  for d in 10 100 1000 10000; do
    for seed in 1 2 3; do
      f="$dir/e2_k${k}_d${d}_s${seed}.toml"
      cat > "$f" <<TOML
name = "E2 K = $k, d = $d, seed $seed"
[mixture]
weights = [$weights]
[components]
kind = "gaussian"
dim = $d
means = { random = "normal", count = $k, seed = $seed }
variance = "1"
[process]
kind = "ou"
TOML
      models+=("$f")
    done
  done
done
if [ "$format" = json ]; then
  exec "$critwin" paper "${models[@]}" --eps "$eps" --samples "$samples" --no-files --json
fi
"$critwin" paper "${models[@]}" --eps "$eps" --samples "$samples" --no-files --format "$format"
