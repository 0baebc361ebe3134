// One Z3 satisfiability check under a hard wall-clock limit: the query runs in a forked child that is killed
// when the limit passes, so `--timeout` holds even where Z3's own (cooperative) timeout is not polled.
#pragma once

#include <string>
#include <vector>

#include <z3++.h>

#include "model/exact_real.hpp"
#include "verify/solver_limits.hpp"

namespace critwin::verify {

struct Z3Outcome {
  z3::check_result result = z3::unknown;
  std::string reason;               // when unknown: Z3's reason_unknown, or why the worker was stopped
  std::vector<ExactReal> values;    // when sat: z3_value_exact(model.eval(e, true)) for each e of `model_of`
  bool killed = false;              // the hard wall-clock limit stopped the query
};

// Checks `s` with its configured parameters. When limits.hard and limits.timeout_ms > 0 the check runs in a
// child process (fork; the child inherits the solver copy-on-write and returns only the answer through a pipe)
// that is killed with SIGKILL at timeout_ms + 20 ms; the outcome is then unknown with `killed` set. Otherwise
// the check runs in-process under Z3's own (cooperative) timeout and rlimit. If fork fails it also runs
// in-process. The fork costs about 15 ms of page copying per query, hence only on request (`--timeout`).
// Caveat: fork copies only the calling thread; if another thread of the process is inside Z3 at that moment
// and holds one of Z3's global locks, the child can block on it and is then stopped by the limit like a hard
// query (an unknown, never a wrong answer). critwin itself runs its Z3 queries on one thread.
Z3Outcome z3_check(z3::solver& s, const SolverLimits& limits, const std::vector<z3::expr>& model_of = {});

}  // namespace critwin::verify
