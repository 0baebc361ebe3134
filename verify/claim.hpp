// Claim: one statement from a claims file that critwin proves, refutes or checks — {name, expect, source,
// description, the kind's own spec} — and ClaimResult, what checking it found. The kinds are the alternatives of
// ClaimSpec; claim_kinds() is the table {kind name, parse, check} built from it. A new kind is one file pair
// (a spec struct with `kind`, `default_expect`, `parse`, `check`) plus its one entry in ClaimSpec.
// Claims files are documented in verify/claims/README.md.
#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "verify/all_or_nothing_claim.hpp"
#include "verify/closed_form_window_claim.hpp"
#include "verify/icl_tensorization_claim.hpp"
#include "verify/inequality_claim.hpp"
#include "verify/mc_agrees_claim.hpp"
#include "verify/region_claim.hpp"
#include "verify/solver_limits.hpp"
#include "verify/theorem2_claim.hpp"

namespace critwin::verify {

using Json = nlohmann::ordered_json;

// The table of claim kinds, in the order `critwin verify` lists them.
using ClaimSpec =
    std::variant<InequalitySpec, RegionSpec, ClosedFormWindowSpec, Theorem2Spec, McAgreesSpec, IclTensorizationSpec,
                 AllOrNothingSpec>;

struct Claim {
  std::string name;
  std::string expect;       // proved | refuted | unknown | holds | fails
  std::string source;       // claims file it came from
  std::string description;  // optional free text
  ClaimSpec spec;
};

struct RunOptions {
  SolverLimits limits;     // Z3 rlimit (deterministic) and per-query timeout
  double timeout_s = 0;    // wall clock per claim, every part including Z3; 0 = none
  long precision = 128;    // Arb / exact-engine bits
  bool strict = false;     // an unexpected "unknown" fails the run
};

struct ClaimResult {
  std::string name, kind, status, expected;
  bool matches = false;  // status == expected
  std::string evidence;  // one line for the table
  double seconds = 0;
  Json details;          // everything else, for --json
};

struct ClaimKindRow {
  std::string_view name;            // as written in `kind = "..."`
  std::string_view default_expect;  // `expect` when the claim gives none
  ClaimSpec (*parse)(ClaimTable&);
  // Fills status, evidence and details; InputError for a bad input found only while checking.
  void (*check)(const Claim&, const RunOptions&, ClaimResult&);
};
// One row per ClaimSpec alternative, in its order.
const std::vector<ClaimKindRow>& claim_kinds();
std::string_view claim_kind_name(const Claim& c);

}  // namespace critwin::verify
