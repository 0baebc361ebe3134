// closed-form-window claims: a paper's closed form for a window endpoint against the exact engine's value,
// at every parameter point of the claim.
#include <cmath>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "bounds/critical_window.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/model_file.hpp"
#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"
#include "verify/expr_ball.hpp"

namespace critwin::verify {

namespace {

BallEnv param_env(const ParamPoint& p) {
  BallEnv env;
  for (const auto& [k, v] : p)
    if (auto x = ExactReal::parse(v)) env[k] = x->ball();
  return env;
}

// The parameters the closed form and ε use (template-only parameters such as whole strings stay out).
std::string param_text(const ParamPoint& p, const std::set<std::string>& used) {
  std::string s;
  for (const auto& [k, v] : p)
    if (used.count(k)) s += fmt::format("{}{}={}", s.empty() ? "" : ", ", k, v);
  return s;
}

ExactReal eps_exact(const Ball& b, const std::string& where) {
  // ε feeds the exact engine as an exact rational: it must be (a ball of radius 0 from) a rational literal.
  if (!b.is_exact()) throw std::runtime_error("eps must evaluate to an exact number at " + where + " (write it as a rational parameter)");
  return ExactReal::from_double(b.mid());
}

}  // namespace

void closed_form_window_check(const Claim& c, const RunOptions& opt, ClaimResult& out) {
  BallPrecisionScope scope(opt.precision);
  long held = 0, failed = 0, undecided = 0;
  double min_slack = std::numeric_limits<double>::infinity();
  std::string min_where, fail_list;
  Json rows = Json::array();
  std::set<std::string> used = expr_variables(c.closed_form);
  for (const auto& v : expr_variables(c.eps_expr)) used.insert(v);
  long vacuous = 0;
  bool estimated = false;
  for (const auto& p : c.points) {
    const std::string where = param_text(p, used);
    Model m = model_file_parse(claim_model_text(c, p), c.name);
    auto engine = exact_engine_make(m, opt.precision);
    const BallEnv env = param_env(p);
    // ε: the parameter as written when it is one, else the expression's value (must be exact).
    ExactReal eps;
    if (c.eps_expr->op == Op::var) eps = *ExactReal::parse(std::find_if(p.begin(), p.end(), [&](auto& kv) { return kv.first == c.eps_expr->name; })->second);
    else eps = eps_exact(expr_eval_ball(c.eps_expr, env), where);
    Subset a = Subset::parse(c.s_first, m, c.endpoint == "t_after" || c.endpoint == "t_before" ? "s_after" : "s_init");
    Subset b = Subset::parse(c.s_second, m, c.endpoint == "t_after" || c.endpoint == "t_before" ? "s_before" : "s_target", &a);
    OptionalTime exact;
    if (c.endpoint == "t_after" || c.endpoint == "t_before") {
      CriticalWindow w = critical_window(*engine, a, b, eps);
      exact = c.endpoint == "t_after" ? w.t_after : w.t_before;
    } else {
      Theorem2Window w = theorem2_window(*engine, a, b, eps);
      exact = c.endpoint == "t_start" ? w.t_start : w.t_end;
    }
    if (exact) estimated = estimated || exact->guarantee == Guarantee::estimated;
    Ball cf = expr_eval_ball(c.closed_form, env);
    Json row = {{"params", where}, {"closed_form", cf.mid()}, {"closed_form_lo", cf.lower()}, {"closed_form_hi", cf.upper()}};
    std::string verdict;
    if (!exact && c.relation == "<=" && cf.is_finite() && cf.certainly_lt(Ball(0))) {
      // No time satisfies the exact condition and the closed form lies below the index set: the claim
      // "resampling from below the closed form keeps the feature" concerns no time at all.
      row["exact"] = nullptr;
      verdict = "holds";
      row["reason"] = "vacuous: the exact endpoint is empty and the closed form is below 0";
      ++vacuous;
    } else if (!exact) {
      row["exact"] = nullptr;
      verdict = "undecided";
      row["reason"] = "the exact endpoint is empty (no time satisfies its condition)";
    } else if (!cf.is_finite()) {
      row["exact"] = exact->infinite ? Json("inf") : Json(exact->value);
      verdict = "undecided";
      row["reason"] = "the closed form is undefined here";
    } else if (exact->infinite) {
      row["exact"] = "inf";
      verdict = c.relation == "<=" ? "holds" : "fails";
      if (verdict == "fails") row["slack"] = "-inf";
    } else {
      row["exact"] = exact->value;
      row["exact_lo"] = exact->lo;
      row["exact_hi"] = exact->hi;
      // slack >= 0 means the claimed relation holds; bounds are outward (double endpoints of enclosures).
      const double s_lo = c.relation == "<=" ? exact->lo - cf.upper() : cf.lower() - exact->hi;
      const double s_hi = c.relation == "<=" ? exact->hi - cf.lower() : cf.upper() - exact->lo;
      const double s_mid = c.relation == "<=" ? exact->value - cf.mid() : cf.mid() - exact->value;
      row["slack"] = s_mid;
      row["slack_lo"] = s_lo;
      row["slack_hi"] = s_hi;
      const double tol = c.tol.to_double();
      // Outward double bounds: "holds" is certain up to tol, "fails" certain beyond it.
      if (s_lo >= -tol) verdict = "holds";
      else if (s_hi < -tol) verdict = "fails";
      else verdict = "undecided";
      if (s_mid < min_slack) { min_slack = s_mid; min_where = where; }
    }
    row["verdict"] = verdict;
    if (verdict == "holds") ++held;
    else if (verdict == "fails") {
      ++failed;
      if (failed <= 4) fail_list += fmt::format("{}({}: slack {})", fail_list.empty() ? "" : "; ", where, row.contains("slack") ? row["slack"].dump() : "?");
    } else ++undecided;
    rows.push_back(row);
  }
  const long n = static_cast<long>(c.points.size());
  out.details["closed_form"] = c.closed_form_text;
  out.details["relation"] = "closed_form " + c.relation + " exact " + c.endpoint;
  out.details["points"] = rows;
  out.details["held"] = held;
  out.details["failed"] = failed;
  out.details["undecided"] = undecided;
  out.details["vacuous"] = vacuous;
  out.details["guarantee"] = estimated ? "estimated" : "certified";
  if (failed > 0) {
    out.status = "fails";
    out.evidence = fmt::format("fails at {}/{} points: {}{}", failed, n, fail_list, failed > 4 ? "; ..." : "");
  } else if (undecided > 0) {
    out.status = "unknown";
    out.evidence = fmt::format("holds at {}/{} points, {} undecided", held, n, undecided);
  } else {
    out.status = "holds";
    out.evidence = fmt::format("holds at {}/{} points{}; smallest slack {:.4g} at {}", held, n,
                               vacuous ? fmt::format(" ({} vacuously)", vacuous) : std::string(), min_slack, min_where);
  }
  if (estimated) out.evidence += " [some exact values carry estimated, not certified, errors]";
}

}  // namespace critwin::verify
