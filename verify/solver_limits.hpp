// SolverLimits: the budgets of one Z3 query, in a header of its own so that callers configure the prover
// without including <z3++.h> (only verify/z3_bridge.hpp does).
#pragma once

namespace critwin::verify {

// rlimit makes results reproducible (same answer on every machine); the wall-clock timeout protects users
// from a hard query. 0 = no limit.
struct SolverLimits {
  unsigned rlimit = 20'000'000;
  unsigned timeout_ms = 0;
  // Enforce timeout_ms by running the query in a child process that is killed at the limit (verify/z3_check.hpp):
  // Z3's own timeout is cooperative and nlsat does not always poll it.
  bool hard = false;
};

}  // namespace critwin::verify
