// How a verify run is reported: table rows, the --json object {"claims": [...]} and JUnit XML for CI.
#pragma once

#include <string>
#include <vector>

#include "verify/claim.hpp"

namespace critwin::verify {

std::vector<std::string> report_header();
std::vector<std::vector<std::string>> report_rows(const std::vector<ClaimResult>& results);
Json report_json(const std::vector<ClaimResult>& results, bool strict);
// One claim's object of report_json (also one line of --jsonl).
Json report_claim_json(const ClaimResult& r);
// JUnit XML (one <testsuite> per run): a mismatch is a <failure>; an unexpected "unknown" is <skipped>
// unless strict, where it is a <failure>.
std::string report_junit(const std::vector<ClaimResult>& results, bool strict);

}  // namespace critwin::verify
