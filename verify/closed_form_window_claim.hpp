// closed-form-window claims: a paper's closed form for a window endpoint (T_after, T_before, T_start, T_end)
// against the exact engine's value, at every parameter point of the claim.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/exact_real.hpp"
#include "verify/claim_fwd.hpp"
#include "verify/claim_model_source.hpp"
#include "verify/expr.hpp"

namespace critwin::verify {

struct ClosedFormWindowSpec {
  static constexpr std::string_view kind = "closed-form-window";
  static constexpr std::string_view default_expect = "holds";
  ModelSource model;
  std::vector<ParamPoint> points;  // every parameter assignment checked (grid × points)
  std::string endpoint;            // t_after | t_before | t_start | t_end
  std::string s_first, s_second;   // (s_after, s_before) or (s_init, s_target)
  ExprPtr closed_form;
  std::string closed_form_text;
  ExprPtr eps_expr;                // ε as an expression of the parameters
  std::string relation = "<=";     // closed_form REL exact
  ExactReal tol;                   // slack tolerance

  static ClosedFormWindowSpec parse(ClaimTable& t);
  void check(const Claim& c, const RunOptions& opt, ClaimResult& out) const;
  bool critical_window_endpoint() const { return endpoint == "t_after" || endpoint == "t_before"; }
};

}  // namespace critwin::verify
