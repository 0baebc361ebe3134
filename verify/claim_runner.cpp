#include "verify/claim_runner.hpp"

#include <chrono>

#include <fmt/format.h>

namespace critwin::verify {

std::string exact_text(const ExactReal& v) {
  std::string s = v.to_string();
  if (s.find('/') == std::string::npos || s.size() <= 7) return s;
  if (s.size() > 30) return fmt::format("≈{:.12g}", v.to_double());
  return fmt::format("{} ≈ {:.10g}", s, v.to_double());
}

bool claim_result_ok(const ClaimResult& r, bool strict) {
  return r.matches || (!strict && r.status == "unknown");
}

namespace {

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

CheckOptions check_options(const Claim& c, const RunOptions& opt) {
  CheckOptions o;
  o.limits = opt.limits;
  o.max_boxes = c.budget;
  o.timeout_s = opt.timeout_s;
  o.precision = opt.precision;
  o.use_z3 = c.use_z3;
  return o;
}

void run_inequality(const Claim& c, const RunOptions& opt, ClaimResult& out) {
  CheckResult r = inequality_check(c.formula, c.box, check_options(c, opt));
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
      out.evidence = cx.lhs.empty() ? fmt::format("counterexample {}: '{}' is false there (Arb-checked)", point_text(cx.point), cx.comparison)
                                    : fmt::format("counterexample {}: lhs {} vs rhs {} (Arb-checked)", point_text(cx.point), cx.lhs, cx.rhs);
      break;
    }
    case Verdict::unknown:
      out.evidence = fmt::format("{} boxes proved, {} unknown; {}", r.boxes_proved, r.boxes_unknown, r.note);
      break;
  }
}

void run_region(const Claim& c, const RunOptions& opt, ClaimResult& out) {
  RegionResult r = region_query(c.formula, c.box, check_options(c, opt));
  out.status = r.undecided <= c.max_undecided ? "holds" : "unknown";
  Json& d = out.details;
  d["inside"] = r.inside;
  d["outside"] = r.outside;
  d["undecided"] = r.undecided;
  d["boxes"] = {{"inside", r.boxes_inside}, {"outside", r.boxes_outside}, {"undecided", r.boxes_undecided}};
  d["z3_calls"] = r.z3_calls;
  Json boxes = Json::array();
  for (const auto& b : r.largest_inside) {
    Json jb = Json::object();
    for (const auto& v : b) jb[v.name] = {v.lo.to_string(), v.hi.to_string()};
    boxes.push_back(jb);
  }
  d["largest_inside_boxes"] = boxes;
  out.evidence = fmt::format("volume: {:.2f}% satisfies, {:.2f}% violates, {:.2f}% undecided ({} boxes)", 100 * r.inside,
                             100 * r.outside, 100 * r.undecided, r.boxes_inside + r.boxes_outside + r.boxes_undecided);
}

}  // namespace

ClaimResult claim_run(const Claim& c, const RunOptions& opt) {
  ClaimResult out;
  out.name = c.name;
  out.kind = claim_kind_name(c.kind);
  out.expected = c.expect;
  out.details = Json::object();
  const auto t0 = std::chrono::steady_clock::now();
  try {
    switch (c.kind) {
      case ClaimKind::inequality: run_inequality(c, opt, out); break;
      case ClaimKind::region: run_region(c, opt, out); break;
      case ClaimKind::closed_form_window: closed_form_window_check(c, opt, out); break;
      case ClaimKind::theorem2: theorem2_check(c, opt, out); break;
      case ClaimKind::mc_agrees: mc_agrees_check(c, opt, out); break;
      case ClaimKind::icl_tensorization: icl_tensorization_check(c, opt, out); break;
    }
  } catch (const std::exception& e) {
    // A computation that cannot finish (an engine that cannot decide, a model it does not support) leaves the
    // claim undecided; it is never counted as holding.
    out.status = "unknown";
    out.evidence = std::string("error: ") + e.what();
    out.details["error"] = e.what();
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.matches = out.status == out.expected;
  return out;
}

}  // namespace critwin::verify
