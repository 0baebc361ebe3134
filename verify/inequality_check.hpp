// Proving or refuting a real inequality claim over a box: Z3 on the polynomial/algebraic part (unsat = proved),
// every Z3 model re-checked with Arb before it counts as a counterexample, and for transcendental claims a
// branch and bound over the box in which each transcendental subterm is replaced by a fresh variable bounded
// by its certified enclosure on the current sub-box.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "verify/expr.hpp"
#include "verify/box.hpp"
#include "verify/solver_limits.hpp"

namespace critwin::verify {

struct CheckOptions {
  SolverLimits limits;
  long max_boxes = 512;    // branch-and-bound budget (boxes examined)
  double timeout_s = 0;    // wall clock for the whole check; 0 = none
  long precision = 128;    // Arb bits for enclosures; re-checks escalate to 4x this before giving up
  bool use_z3 = true;      // false: interval (Arb) branch and bound only — faster where Z3 adds nothing
};

// A point where the claim is certainly false (Arb), with the two sides of the failing comparison.
struct Counterexample {
  std::vector<std::pair<std::string, ExactReal>> point;
  std::string comparison;  // the comparison that fails there, as text
  std::string lhs, rhs;    // Arb enclosures of its two sides at the point
  std::string undefined;   // when the claim has no value there: the subterm that is undefined ("denominator of 1/x")
};

enum class Verdict { proved, refuted, unknown };
std::string verdict_name(Verdict v);

struct CheckResult {
  Verdict verdict = Verdict::unknown;
  long boxes_proved = 0, boxes_refuted = 0, boxes_unknown = 0;
  long z3_calls = 0;
  long spurious = 0;        // Z3 models that the Arb re-check did not confirm
  bool transcendental = false;
  bool timed_out = false;   // the wall-clock limit (CheckOptions::timeout_s) ended the check
  std::optional<Counterexample> counterexample;
  std::string note;         // why the answer is unknown, when it is
};

// `claim` is the whole formula (assumptions ⇒ statement). "proved" means true and defined at every point of the box
// where the assumptions hold (expr_with_definedness); a point where a subterm is undefined refutes it.
// Variables without a range in `box` are unbounded; that is only allowed when the claim has no transcendental
// function (InputError otherwise).
CheckResult inequality_check(const ExprPtr& claim, const Box& box, const CheckOptions& opt);

// Arb truth of `claim` at an exact point, escalating precision when undecided.
Truth recheck_at_point(const ExprPtr& claim, const std::vector<std::pair<std::string, ExactReal>>& point, long precision);

// What region of a box satisfies a formula (and is defined there): sub-boxes proved inside / outside by Arb or Z3, the rest undecided.
struct RegionResult {
  double inside = 0, outside = 0, undecided = 0;  // fractions of the box's volume
  long boxes_inside = 0, boxes_outside = 0, boxes_undecided = 0;
  long z3_calls = 0;
  std::vector<Box> largest_inside;  // up to 8 of the largest inside boxes, largest first
};
RegionResult region_query(const ExprPtr& formula, const Box& box, const CheckOptions& opt);

}  // namespace critwin::verify
