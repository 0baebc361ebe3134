// Claim: one statement from a claims file that critwin proves, refutes or checks — and ClaimResult, what
// checking it found. Claims files are documented in verify/claims/README.md.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/exact_real.hpp"
#include "verify/expr.hpp"
#include "verify/z3_bridge.hpp"

namespace critwin::verify {

using Json = nlohmann::ordered_json;

enum class ClaimKind { inequality, region, closed_form_window, theorem2, mc_agrees, icl_tensorization };
std::string claim_kind_name(ClaimKind k);

// One parameter assignment of a closed-form-window claim: name -> text (numbers or any template text).
using ParamPoint = std::vector<std::pair<std::string, std::string>>;

struct Claim {
  std::string name;
  ClaimKind kind = ClaimKind::inequality;
  std::string expect;       // proved | refuted | unknown | holds | fails
  std::string source;       // claims file it came from
  std::string description;  // optional free text

  // inequality and region
  std::string expr_text, assume_text;
  ExprPtr formula;          // assume => expr (or expr alone)
  Box box;
  long budget = 512;        // boxes for branch and bound
  bool use_z3 = true;       // solver = "z3+arb" (default) or "arb" (interval branch and bound only)
  double max_undecided = 0.05;  // region: largest undecided volume fraction that still "holds"

  // closed-form-window and theorem2
  std::string template_text;     // model TOML with ${name} placeholders
  std::vector<ParamPoint> points;  // closed-form-window: every parameter assignment checked
  std::string endpoint;          // t_after | t_before | t_start | t_end
  std::string s_first, s_second; // (s_after, s_before) or (s_init, s_target)
  ExprPtr closed_form;
  std::string closed_form_text;
  ExprPtr eps_expr;              // ε as an expression of the parameters
  std::string relation = "<=";   // closed_form REL exact
  ExactReal tol;                 // slack tolerance

  // theorem2
  std::vector<ExactReal> eps_list;
  int t_hat_count = 5;

  // mc-agrees: Monte Carlo TV estimates at each T̂ must contain the exact fr-tv in their 99.9% intervals
  std::vector<std::string> t_hats;
  long mc_n = 20000;
  long mc_seed = 1;
  long mc_inner = 0;  // draws of Y | x per outer sample (0 = the estimator's default)
  std::string exact_template_text;  // optional: take the exact values from this model instead (wrong twins)

  // icl-tensorization: BC(P^{θ*}_n, P^{rest}_n) <= (1 − δ/2)^n at every listed n (θ* = s_first)
  std::vector<long> icl_ns;
};

struct ClaimResult {
  std::string name, kind, status, expected;
  bool matches = false;  // status == expected
  std::string evidence;  // one line for the table
  double seconds = 0;
  Json details;          // everything else, for --json
};

}  // namespace critwin::verify
