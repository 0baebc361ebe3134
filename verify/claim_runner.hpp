// Running claims: dispatch on the kind through claim_kinds(), time each claim, compare the status with the
// claim's expectation.
#pragma once

#include <chrono>
#include <string>

#include "model/exact_real.hpp"
#include "verify/claim.hpp"

namespace critwin::verify {

// InputError (naming the claim and field) for a bad input found only while checking; any other failure to
// finish leaves the claim "unknown" with the reason as evidence.
ClaimResult claim_run(const Claim& claim, const RunOptions& opt);

// The run passes iff every result is ok: status == expected, or (without strict) an unexpected "unknown".
bool claim_result_ok(const ClaimResult& r, bool strict);

// True once a claim started at `start` has used its wall-clock limit (RunOptions::timeout_s); the kinds check it
// between their points and report "unknown" with a "timeout" evidence.
bool claim_time_up(std::chrono::steady_clock::time_point start, const RunOptions& opt);
// Marks `out` as stopped by the wall-clock limit.
void claim_timeout(ClaimResult& out, const RunOptions& opt, const std::string& progress);

// Text of an exact value that reads well in a report ("0.45", "1/3", "1351/4000 ≈ 0.33775").
std::string exact_text(const ExactReal& v);

}  // namespace critwin::verify
