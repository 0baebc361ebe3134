#!/usr/bin/env bash
# critwin under mpirun against critwin as one process (ctest: mpi_cli; registered only when the build has MPI
# and mpirun). Usage: mpi_cli.sh CRITWIN MPIEXEC SOURCE_DIR WORK_DIR
#  - sample: JSON byte-identical for R = 1, 2, 3 ranks (1, 2, 1 threads per rank) to one process with 2 threads;
#  - verify: the JSON report identical apart from the per-claim wall-clock times;
#  - sweep: CSV and JSON Lines byte-identical for R = 2, 3; a failing rank leaves a journal that --resume finishes;
#  - a failing rank (CRITWIN_MPI_TEST_FAIL) makes the run exit non-zero with that rank's message on rank 0's
#    stderr, nothing on stdout, and no output file (not even a temporary one);
#  - bad input is exit status 2 under mpirun too.
set -uo pipefail
CRITWIN=$1 MPIEXEC=$2 SRC=$3 WORK=$4
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK" || exit 1
# Open MPI refuses to run as root unless told (CI containers run as root).
if [ "$(id -u)" -eq 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
unset CRITWIN_MPI_TEST_FAIL
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
mpi() { local np=$1; shift; "$MPIEXEC" --oversubscribe -np "$np" "$@"; }

# --- sample: one model per kind of accumulator path (Gaussian batch kernel with the TV estimate; coins) ---
sample_e1=(sample "$SRC/examples/e1_two_gaussians.toml" --t-hat-grid 0.5:2:2 --s-init plus --s-target minus
           --n 70000 --tv-n 20000 --tv-inner 16 --seed 11 --json)
sample_e5=(sample "$SRC/examples/e5_coins.toml" --t-hat 3 --s-init 0 --n 90000 --seed 5 --json)
for name in e1 e5; do
  declare -n cmd="sample_$name"
  "$CRITWIN" "${cmd[@]}" --threads 2 > "base_$name.json" 2> "base_$name.err" || fail "sample $name (one process) failed"
  [ -s "base_$name.err" ] && fail "sample $name (one process) wrote to stderr: $(cat "base_$name.err")"
  grep -q '"label_freq"' "base_$name.json" || fail "sample $name: no label_freq in the JSON"
  for run in "1 1" "2 2" "3 1"; do  # ranks, threads per rank
    read -r np th <<< "$run"
    mpi "$np" "$CRITWIN" "${cmd[@]}" --threads "$th" > "mpi_${name}_${np}_${th}.json" 2> "mpi_${name}_${np}_${th}.err" ||
      fail "sample $name -np $np --threads $th exited $?"
    cmp -s "base_$name.json" "mpi_${name}_${np}_${th}.json" || fail "sample $name -np $np --threads $th: JSON differs from one process"
  done
  unset -n cmd
done

# --- verify: two small claims files; the report without the time_s lines ---
claims=("$SRC/verify/claims/theorem2_examples.toml" "$SRC/verify/claims/boe_proof_steps.toml")
"$CRITWIN" verify "${claims[@]}" --json > verify_base.json || fail "verify (one process) failed"
[ "$(grep -c '"name"' verify_base.json)" -ge 4 ] || fail "verify: fewer than 4 claims in the report"
for np in 2 3; do
  mpi "$np" "$CRITWIN" verify "${claims[@]}" --json --junit "junit_$np.xml" > "verify_$np.json" || fail "verify -np $np failed"
  diff <(grep -v '"time_s"' verify_base.json) <(grep -v '"time_s"' "verify_$np.json") > /dev/null ||
    fail "verify -np $np: report differs from one process"
  grep -q '<testsuites' "junit_$np.xml" || fail "verify -np $np: no JUnit file"
done

# --- verify, one claim at a time on every rank: its branch-and-bound boxes are dealt (a proof and a refutation) ---
for only in "E1 T_after sufficiency in closed form (eps in [0.001, 0.3])" \
            "E1 T_after sufficiency in closed form (eps in [0.001, 0.45])"; do
  "$CRITWIN" verify "$SRC/verify/claims/closed_forms.toml" --only "$only" --json > verify_one_base.json ||
    fail "verify --only '$only' (one process) failed"
  grep -q '"boxes"' verify_one_base.json || fail "verify --only '$only': no branch-and-bound counts in the report"
  for np in 2 3; do
    mpi "$np" "$CRITWIN" verify "$SRC/verify/claims/closed_forms.toml" --only "$only" --json > "verify_one_$np.json" ||
      fail "verify --only '$only' -np $np failed"
    diff <(grep -v '"time_s"' verify_one_base.json) <(grep -v '"time_s"' "verify_one_$np.json") > /dev/null ||
      fail "verify --only '$only' -np $np: report differs from one process"
  done
done

# --- sweep: the grid points dealt to ranks; CSV and JSON Lines byte-identical to one process ---
sweep_file="$SRC/examples/sweep_e1_width.toml"
"$CRITWIN" sweep "$sweep_file" --out sweep_base --quiet > /dev/null || fail "sweep (one process) failed"
[ "$(wc -l < sweep_base.jsonl)" -eq 20 ] || fail "sweep: $(wc -l < sweep_base.jsonl) rows, not 20"
for run in "2 1" "3 2"; do
  read -r np th <<< "$run"
  mpi "$np" "$CRITWIN" sweep "$sweep_file" --out "sweep_$np" --threads "$th" > "sweep_$np.out" 2> "sweep_$np.err" ||
    fail "sweep -np $np exited $?: $(cat "sweep_$np.err")"
  for ext in csv jsonl; do
    cmp -s "sweep_base.$ext" "sweep_$np.$ext" || fail "sweep -np $np: $ext differs from one process"
  done
  [ -e "sweep_$np.journal.jsonl" ] && fail "sweep -np $np left its journal"
done
# A rank failing mid-sweep: no tables, a journal is left (holding the rounds finished before the failure: here none,
# the injected failure is in rank 1's first point), and --resume with another number of ranks finishes the same tables.
CRITWIN_MPI_TEST_FAIL=1 mpi 2 "$CRITWIN" sweep "$sweep_file" --out sweep_cut > /dev/null 2> sweep_cut.err &&
  fail "sweep with a failing rank exited 0"
grep -qF "rank 1 of 2: injected failure on rank 1 at 'item'" sweep_cut.err || fail "sweep, failing rank: $(head -c 400 sweep_cut.err)"
[ -e sweep_cut.csv ] || [ -e sweep_cut.jsonl ] && fail "sweep with a failing rank wrote its tables"
[ -e sweep_cut.journal.jsonl ] || fail "sweep with a failing rank left no journal to resume"
mpi 3 "$CRITWIN" sweep "$sweep_file" --out sweep_cut --resume > sweep_cut.out 2>&1 || fail "sweep --resume -np 3 failed: $(cat sweep_cut.out)"
for ext in csv jsonl; do cmp -s "sweep_base.$ext" "sweep_cut.$ext" || fail "sweep resumed under MPI: $ext differs"; done

# --- a failing rank ---
expect_failure() {  # label, expected message, output file that must not exist, command...
  local label=$1 msg=$2 out=$3; shift 3
  "$@" > fail.out 2> fail.err
  local rc=$?
  [ "$rc" -ne 0 ] || fail "$label: exit status 0"
  grep -qF "$msg" fail.err || fail "$label: stderr lacks '$msg': $(head -c 400 fail.err)"
  [ -s fail.out ] && fail "$label: printed to stdout: $(head -c 200 fail.out)"
  if [ -n "$out" ]; then
    ls -a | grep -qF "$(basename "$out")" && fail "$label: left $(ls -a | grep -F "$(basename "$out")")"
  fi
  return 0
}
export CRITWIN_MPI_TEST_FAIL=2  # rank 2 fails in its first Monte Carlo block
expect_failure "sample, rank 2 fails in a block" "rank 2 of 3: injected failure on rank 2 at 'item'" "" \
  mpi 3 "$CRITWIN" "${sample_e5[@]}"
export CRITWIN_MPI_TEST_FAIL=1  # rank 1 fails on its first claim
expect_failure "verify, rank 1 fails on a claim" "rank 1 of 3: injected failure on rank 1 at 'item'" junit_fail.xml \
  mpi 3 "$CRITWIN" verify "${claims[@]}" --junit junit_fail.xml
export CRITWIN_MPI_TEST_FAIL=1:start  # rank 1 fails before the command runs, outside any collective
expect_failure "verify, rank 1 fails at the start" "rank 1 of 3: injected failure on rank 1 at 'start'" junit_fail.xml \
  mpi 3 "$CRITWIN" verify "${claims[@]}" --junit junit_fail.xml
expect_failure "sample, rank 1 fails at the start" "rank 1 of 3: injected failure on rank 1 at 'start'" "" \
  mpi 3 "$CRITWIN" "${sample_e5[@]}"
unset CRITWIN_MPI_TEST_FAIL

# --- bad input under mpirun: exit status 2, the usual message, once ---
mpi 2 "$CRITWIN" sample "$SRC/examples/e5_coins.toml" --t-hat 3 --s-init 0 --n 0 --seed 5 > bad.out 2> bad.err
rc=$?
[ "$rc" -eq 2 ] || fail "bad --n under mpirun: exit status $rc, not 2"
[ "$(grep -c 'critwin: error: --n' bad.err)" -eq 1 ] || fail "bad --n under mpirun: message not printed exactly once: $(cat bad.err)"

if [ "$fails" -gt 0 ]; then echo "$fails failure(s)"; exit 1; fi
echo "all MPI CLI checks passed"
