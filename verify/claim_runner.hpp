// Running claims: dispatch on the kind, time each claim, compare the status with the claim's expectation.
#pragma once

#include <vector>

#include "verify/claim.hpp"
#include "verify/inequality_check.hpp"

namespace critwin::verify {

struct RunOptions {
  SolverLimits limits;     // Z3 rlimit (deterministic) and per-query timeout
  double timeout_s = 0;    // wall clock per claim; 0 = none
  long precision = 128;    // Arb / exact-engine bits
  bool strict = false;     // an unexpected "unknown" fails the run
};

ClaimResult claim_run(const Claim& claim, const RunOptions& opt);

// The run passes iff every result is ok: status == expected, or (without strict) an unexpected "unknown".
bool claim_result_ok(const ClaimResult& r, bool strict);

// Kind-specific checks (in their own files); each fills status, evidence and details.
void closed_form_window_check(const Claim& claim, const RunOptions& opt, ClaimResult& out);
void theorem2_check(const Claim& claim, const RunOptions& opt, ClaimResult& out);
void mc_agrees_check(const Claim& claim, const RunOptions& opt, ClaimResult& out);
void icl_tensorization_check(const Claim& claim, const RunOptions& opt, ClaimResult& out);

// Text of an exact value that reads well in a report ("0.45", "1/3", "1351/4000 ≈ 0.33775").
std::string exact_text(const ExactReal& v);

}  // namespace critwin::verify
