#include "verify/inequality_check.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>

#include <fmt/format.h>

#include "model/input_error.hpp"
#include "verify/expr_taylor.hpp"
#include "verify/z3_bridge.hpp"
#include "verify/z3_check.hpp"

namespace critwin::verify {

std::string verdict_name(Verdict v) {
  switch (v) {
    case Verdict::proved: return "proved";
    case Verdict::refuted: return "refuted";
    case Verdict::unknown: return "unknown";
  }
  return "?";
}

namespace {

using Point = std::vector<std::pair<std::string, ExactReal>>;

// Z3 effort for one Taylor-model polynomial on one box: a small share of a query's default budget, since a box
// the polynomial cannot settle is better split than argued about.
// nlsat does not always charge its work to the rlimit, hence also a wall-clock cap.
constexpr unsigned kTaylorModelRlimit = 2'000'000;
constexpr unsigned kTaylorModelMs = 300;
using Clock = std::chrono::steady_clock;

BallEnv point_env(const Point& p) {
  BallEnv env;
  for (const auto& [n, v] : p) env[n] = v.ball();
  return env;
}

Point midpoint_of(const Box& box) {
  Point p;
  for (const auto& r : box) p.emplace_back(r.name, midpoint(r.lo, r.hi));
  return p;
}

// The comparison that makes the claim false at the point (descending through ⇒ and ∧), for the report.
void explain(const ExprPtr& e, const BallEnv& env, Counterexample& cx) {
  switch (e->op) {
    case Op::implies: explain(e->args[1], env, cx); return;
    case Op::and_:
      explain(expr_eval_truth(e->args[0], env) == Truth::no ? e->args[0] : e->args[1], env, cx);
      return;
    case Op::lt: case Op::le: case Op::gt: case Op::ge: case Op::eq: case Op::ne:
      cx.comparison = expr_to_string(e);
      cx.undefined = e->name;
      cx.lhs = expr_eval_ball(e->args[0], env).to_string(17);
      cx.rhs = expr_eval_ball(e->args[1], env).to_string(17);
      return;
    default: cx.comparison = expr_to_string(e); return;
  }
}

Counterexample make_counterexample(const ExprPtr& claim, const Point& p, long precision) {
  BallPrecisionScope scope(precision * 4);
  Counterexample cx;
  cx.point = p;
  explain(claim, point_env(p), cx);
  return cx;
}

double rel_width(const VarRange& r, const VarRange& orig) {
  double w0 = orig.hi.to_double() - orig.lo.to_double();
  double w = r.hi.to_double() - r.lo.to_double();
  return w0 > 0 ? w / w0 : 0;
}

// Splits along the relatively widest variable; nullopt when the box cannot usefully be split further.
std::optional<std::pair<Box, Box>> split(const Box& b, const Box& orig) {
  size_t best = 0;
  double bw = -1;
  for (size_t i = 0; i < b.size(); ++i) {
    double w = rel_width(b[i], orig[i]);
    if (w > bw) { bw = w; best = i; }
  }
  if (b.empty() || bw < 1e-15) return std::nullopt;
  // Split at 0 when the range straddles it: claims touch (both sides equal) at 0 far more often than anywhere else,
  // and a contact point on a box's edge is what the Taylor sign test certifies.
  const bool at_zero = b[best].lo.sign() < 0 && b[best].hi.sign() > 0;
  ExactReal mid = at_zero ? ExactReal() : midpoint(b[best].lo, b[best].hi);
  Box l = b, r = b;
  l[best].hi = mid;
  r[best].lo = mid;
  return std::make_pair(std::move(l), std::move(r));
}

double volume(const Box& b, const Box& orig) {
  double v = 1;
  for (size_t i = 0; i < b.size(); ++i) {
    double w0 = orig[i].hi.to_double() - orig[i].lo.to_double();
    if (w0 > 0) v *= rel_width(b[i], orig[i]);
  }
  return v;
}

struct Deadline {
  Clock::time_point end;
  bool active;
  explicit Deadline(double s) : end(Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s))), active(s > 0) {}
  bool passed() const { return active && Clock::now() >= end; }
  unsigned remaining_ms() const {
    if (!active) return 0;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
    return static_cast<unsigned>(std::max<long long>(1, ms));
  }
};

SolverLimits limits_now(const CheckOptions& opt, const Deadline& d) {
  SolverLimits l = opt.limits;
  if (d.active) {
    l.timeout_ms = l.timeout_ms ? std::min(l.timeout_ms, d.remaining_ms()) : d.remaining_ms();
    l.hard = true;  // a per-claim wall-clock limit was asked for: it must hold inside Z3 too
  }
  return l;
}

void check_box_covers(const ExprPtr& claim, const Box& box) {
  if (!expr_has_transcendental(claim)) return;
  for (const auto& v : expr_variables(claim)) {
    bool found = std::any_of(box.begin(), box.end(), [&](const VarRange& r) { return r.name == v; });
    if (!found) throw InputError("box", fmt::format("the claim uses transcendental functions, so every variable needs a range; '{}' has none", v));
  }
}

}  // namespace

Truth recheck_at_point(const ExprPtr& claim, const Point& point, long precision) {
  Truth t = Truth::unknown;
  for (long bits : {precision, precision * 4}) {
    BallPrecisionScope scope(bits);
    t = expr_eval_truth(claim, point_env(point));
    if (t != Truth::unknown) break;
  }
  return t;
}

CheckResult inequality_check(const ExprPtr& stated, const Box& box, const CheckOptions& opt) {
  check_box_covers(stated, box);
  const ExprPtr claim = expr_with_definedness(stated);
  CheckResult res;
  res.transcendental = expr_has_transcendental(claim);
  const Deadline deadline(opt.timeout_s);
  z3::context ctx;  // one per call: callers on different threads never share one
  const auto vars = expr_variables(claim);
  const bool all_boxed = std::all_of(vars.begin(), vars.end(), [&](const std::string& v) {
    return std::any_of(box.begin(), box.end(), [&](const VarRange& r) { return r.name == v; });
  });

  // One Z3 query on a box: unsat = proved there; sat = a model to re-check; unknown = say so.
  auto z3_query = [&](const Box& b, Point& model_pt) -> z3::check_result {
    BallPrecisionScope scope(opt.precision);
    BallEnv env = box_env(b);
    Z3Encoder enc(ctx, &env);
    const SolverLimits limits = limits_now(opt, deadline);
    z3::solver s = z3_make_solver(ctx, limits);
    z3::expr negated = !enc.formula(claim);
    for (const auto& r : b) {
      s.add(enc.var(r.name) >= z3_rational(ctx, r.lo));
      s.add(enc.var(r.name) <= z3_rational(ctx, r.hi));
    }
    for (const auto& c : enc.side_constraints()) s.add(c);
    s.add(negated);
    ++res.z3_calls;
    std::vector<z3::expr> model_of;
    std::vector<std::string> names;
    if (all_boxed) {
      for (const auto& r : b) names.push_back(r.name);
    } else {
      names.assign(vars.begin(), vars.end());
    }
    for (const auto& n : names) model_of.push_back(enc.var(n));
    Z3Outcome o = z3_check(s, limits, model_of);
    z3::check_result r = o.result;
    if (r == z3::sat) {
      model_pt.clear();
      for (size_t i = 0; i < model_of.size(); ++i) {
        ExactReal v = o.values[i];
        if (all_boxed) {  // an algebraic value's rational bound can fall just outside the box
          if (v < b[i].lo) v = b[i].lo;
          if (v > b[i].hi) v = b[i].hi;
        }
        model_pt.emplace_back(names[i], v);
      }
    } else if (r == z3::unknown) {
      res.note = "z3: " + o.reason;
      if (o.killed || deadline.passed()) res.timed_out = true;
    }
    return r;
  };

  if (!all_boxed) {
    // Unbounded variables: a single polynomial query, no branch and bound.
    Point p;
    z3::check_result r = z3_query(box, p);
    if (r == z3::unsat) { res.verdict = Verdict::proved; res.boxes_proved = 1; return res; }
    if (r == z3::sat) {
      if (recheck_at_point(claim, p, opt.precision) == Truth::no) {
        res.verdict = Verdict::refuted;
        res.boxes_refuted = 1;
        res.counterexample = make_counterexample(claim, p, opt.precision);
        return res;
      }
      ++res.spurious;
      res.note = "Z3's model was not confirmed by the Arb re-check; give every variable a range to allow refinement";
    }
    res.boxes_unknown = 1;
    return res;
  }

  std::deque<Box> queue{box};
  long examined = 0;
  auto refute = [&](const Point& p) {
    res.verdict = Verdict::refuted;
    res.boxes_refuted = 1;
    res.counterexample = make_counterexample(claim, p, opt.precision);
    res.boxes_unknown += static_cast<long>(queue.size());
    return res;
  };
  while (!queue.empty()) {
    if (examined >= opt.max_boxes || deadline.passed()) {
      res.timed_out = deadline.passed();
      res.note = res.timed_out ? "wall-clock timeout reached" : fmt::format("box budget of {} exhausted", opt.max_boxes);
      res.boxes_unknown += static_cast<long>(queue.size());
      break;
    }
    Box b = std::move(queue.front());
    queue.pop_front();
    ++examined;
    Truth on_box;
    {
      BallPrecisionScope scope(opt.precision);
      SolverLimits tm = limits_now(opt, deadline);
      tm.rlimit = tm.rlimit ? std::min(tm.rlimit, kTaylorModelRlimit) : kTaylorModelRlimit;
      tm.timeout_ms = tm.timeout_ms ? std::min(tm.timeout_ms, kTaylorModelMs) : kTaylorModelMs;
      on_box = truth_on_box(claim, b, opt.use_z3 ? &tm : nullptr);
    }
    if (on_box == Truth::yes) { ++res.boxes_proved; continue; }
    const Point mid = midpoint_of(b);
    if (on_box == Truth::no || recheck_at_point(claim, mid, opt.precision) == Truth::no) return refute(mid);
    Point p;
    z3::check_result r = opt.use_z3 ? z3_query(b, p) : z3::unknown;
    if (r == z3::unsat) { ++res.boxes_proved; continue; }
    if (r == z3::sat) {
      if (recheck_at_point(claim, p, opt.precision) == Truth::no) return refute(p);
      ++res.spurious;  // the abstraction (or an algebraic model value) was too coarse: refine
    }
    auto halves = split(b, box);
    if (!halves) { ++res.boxes_unknown; res.note = "a box became too small to split"; continue; }
    queue.push_back(std::move(halves->first));
    queue.push_back(std::move(halves->second));
  }
  res.verdict = (res.boxes_unknown == 0) ? Verdict::proved : Verdict::unknown;
  if (res.verdict == Verdict::proved) res.note.clear();
  return res;
}

RegionResult region_query(const ExprPtr& stated, const Box& box, const CheckOptions& opt) {
  const ExprPtr formula = expr_with_definedness(stated);
  for (const auto& v : expr_variables(formula))
    if (std::none_of(box.begin(), box.end(), [&](const VarRange& r) { return r.name == v; }))
      throw InputError("box", fmt::format("a region query needs a range for every variable; '{}' has none", v));
  RegionResult res;
  const Deadline deadline(opt.timeout_s);
  z3::context ctx;
  std::vector<std::pair<double, Box>> inside;
  // Is `f` unsatisfiable on b (with every side definition)? Proves the other side's membership.
  auto unsat_on = [&](const Box& b, bool negate) {
    BallPrecisionScope scope(opt.precision);
    BallEnv env = box_env(b);
    Z3Encoder enc(ctx, &env);
    const SolverLimits limits = limits_now(opt, deadline);
    z3::solver s = z3_make_solver(ctx, limits);
    z3::expr f = enc.formula(formula);
    for (const auto& r : b) {
      s.add(enc.var(r.name) >= z3_rational(ctx, r.lo));
      s.add(enc.var(r.name) <= z3_rational(ctx, r.hi));
    }
    for (const auto& c : enc.side_constraints()) s.add(c);
    s.add(negate ? !f : f);
    ++res.z3_calls;
    return z3_check(s, limits).result == z3::unsat;
  };
  std::deque<Box> queue{box};
  long examined = 0;
  while (!queue.empty()) {
    if (examined >= opt.max_boxes || deadline.passed()) break;
    Box b = std::move(queue.front());
    queue.pop_front();
    ++examined;
    const double vol = volume(b, box);
    Truth t;
    {
      BallPrecisionScope scope(opt.precision);
      // Plain balls: a region's undecided boxes straddle its boundary surface, where no sign test can succeed,
      // so the Taylor test would only cost time on the many boxes a region query examines.
      t = expr_eval_truth(formula, box_env(b));
    }
    if (t == Truth::unknown && opt.use_z3) {
      if (unsat_on(b, true)) t = Truth::yes;
      else if (unsat_on(b, false)) t = Truth::no;
    }
    if (t == Truth::yes) { res.inside += vol; ++res.boxes_inside; inside.emplace_back(vol, b); continue; }
    if (t == Truth::no) { res.outside += vol; ++res.boxes_outside; continue; }
    auto halves = split(b, box);
    if (!halves) { res.undecided += vol; ++res.boxes_undecided; continue; }
    queue.push_back(std::move(halves->first));
    queue.push_back(std::move(halves->second));
  }
  for (const auto& b : queue) { res.undecided += volume(b, box); ++res.boxes_undecided; }
  std::stable_sort(inside.begin(), inside.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; i < inside.size() && i < 8; ++i) res.largest_inside.push_back(inside[i].second);
  return res;
}

}  // namespace critwin::verify
