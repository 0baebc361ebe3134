#include "verify/inequality_claim.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "verify/claim.hpp"
#include "verify/claim_runner.hpp"
#include "verify/claim_table.hpp"
#include "verify/expr_parser.hpp"
#include "verify/inequality_check.hpp"

namespace critwin::verify {

namespace {

Box parse_box(ClaimTable& t) {
  Box box;
  const toml::node* n = t.get("box");
  if (!n) return box;
  const toml::table* bt = n->as_table();
  if (!bt) t.fail("box", "must be a table { name = [\"lo\", \"hi\"], ... }");
  for (const auto& [k, v] : *bt) {
    const std::string name(k.str());
    const std::string f = "box." + name;
    if (name == "pi" || name == "e") t.fail(f, "'" + name + "' is a constant of the language, not a variable: rename the variable");
    const toml::array* a = v.as_array();
    if (!a || a->size() != 2) t.fail(f, "must be a two-element array [lo, hi]");
    VarRange r{name, t.real(*a->get(0), f), t.real(*a->get(1), f)};
    if (r.hi < r.lo) t.fail(f, fmt::format("lower end {} exceeds upper end {}", r.lo.to_string(), r.hi.to_string()));
    box.push_back(std::move(r));
  }
  return box;
}

Json point_json(const std::vector<std::pair<std::string, ExactReal>>& p) {
  Json j = Json::object();
  for (const auto& [n, v] : p) j[n] = v.to_string();
  return j;
}

std::string point_text(const std::vector<std::pair<std::string, ExactReal>>& p) {
  std::string s;
  for (const auto& [n, v] : p) s += fmt::format("{}{}={}", s.empty() ? "" : ", ", n, exact_text(v));
  return s;
}

}  // namespace

FormulaSpec FormulaSpec::parse(ClaimTable& t, bool need_full_box) {
  FormulaSpec s;
  s.expr_text = t.req_string("expr");
  ExprPtr e = expr_parse_formula(s.expr_text, t.field("expr"));
  if (auto a = t.opt_string("assume")) {
    s.assume_text = *a;
    s.formula = expr_make(Op::implies, {expr_parse_formula(*a, t.field("assume")), e}, 0);
  } else {
    s.formula = e;
  }
  s.box = parse_box(t);
  s.budget = t.opt_int("budget", 512, 1, 1000000);
  if (auto sv = t.opt_string("solver")) {
    if (*sv != "z3+arb" && *sv != "arb") t.fail("solver", "must be \"z3+arb\" (default) or \"arb\" (got '" + *sv + "')");
    s.use_z3 = *sv == "z3+arb";
  }
  const auto vars = expr_variables(s.formula);
  for (const auto& r : s.box)
    if (!vars.count(r.name)) t.fail("box." + r.name, "names a variable the claim does not use");
  if (need_full_box || expr_has_transcendental(s.formula))
    for (const auto& v : vars)
      if (std::none_of(s.box.begin(), s.box.end(), [&](const VarRange& r) { return r.name == v; }))
        t.fail("box", fmt::format("needs a range for '{}': {}", v,
                                  need_full_box ? "a region query needs one for every variable"
                                                : "the claim uses transcendental functions, so every variable needs one"));
  return s;
}

CheckOptions FormulaSpec::check_options(const RunOptions& opt) const {
  CheckOptions o;
  o.limits = opt.limits;
  o.max_boxes = budget;
  o.timeout_s = opt.timeout_s;
  o.precision = opt.precision;
  o.use_z3 = use_z3;
  return o;
}

InequalitySpec InequalitySpec::parse(ClaimTable& t) { return {FormulaSpec::parse(t, false)}; }

void InequalitySpec::check(const Claim&, const RunOptions& opt, ClaimResult& out) const {
  CheckResult r = inequality_check(formula, box, check_options(opt));
  out.status = verdict_name(r.verdict);
  Json& d = out.details;
  d["boxes"] = {{"proved", r.boxes_proved}, {"refuted", r.boxes_refuted}, {"unknown", r.boxes_unknown}};
  d["z3_calls"] = r.z3_calls;
  d["spurious_models"] = r.spurious;
  d["transcendental"] = r.transcendental;
  if (!r.note.empty()) d["note"] = r.note;
  const long boxes = r.boxes_proved + r.boxes_refuted + r.boxes_unknown;
  switch (r.verdict) {
    case Verdict::proved:
      out.evidence = r.transcendental || boxes > 1
                         ? fmt::format("Z3+Arb: {} boxes proved, {} spurious models rejected", r.boxes_proved, r.spurious)
                         : "Z3: negation unsat";
      break;
    case Verdict::refuted: {
      const Counterexample& cx = *r.counterexample;
      d["counterexample"] = {{"point", point_json(cx.point)}, {"comparison", cx.comparison}, {"lhs", cx.lhs}, {"rhs", cx.rhs}};
      if (!cx.undefined.empty()) {
        d["counterexample"]["undefined"] = cx.undefined;
        out.evidence = fmt::format("undefined at {}: {} violates '{}' (Arb-checked)", point_text(cx.point), cx.undefined, cx.comparison);
        break;
      }
      out.evidence = cx.lhs.empty() ? fmt::format("counterexample {}: '{}' is false there (Arb-checked)", point_text(cx.point), cx.comparison)
                                    : fmt::format("counterexample {}: lhs {} vs rhs {} (Arb-checked)", point_text(cx.point), cx.lhs, cx.rhs);
      break;
    }
    case Verdict::unknown:
      out.evidence = fmt::format("{}{} boxes proved, {} unknown; {}", r.timed_out ? "timeout: " : "", r.boxes_proved,
                                 r.boxes_unknown, r.note);
      if (r.timed_out) d["timeout"] = true;
      break;
  }
}

}  // namespace critwin::verify
