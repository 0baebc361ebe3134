#include "verify/inequality_check.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>

#include <fmt/format.h>

#include "model/input_error.hpp"
#include "samplers/distributed.hpp"
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

namespace {

// What examining one box found. The branch and bound runs in waves: the boxes the one-at-a-time loop would
// examine next, before any child of theirs, are examined independently (dealt to the MPI ranks when a claim
// runs on all of them; dist::deal_gather) and their outcomes are merged in queue order, which reproduces that
// loop's counts, notes and counterexample exactly. Each box gets its own Z3 context (about 2 ms), so what Z3
// answers on a box does not depend on which boxes the same process saw before it.
struct BoxOutcome {
  enum Kind : uint8_t { proved, refuted, split, unsplittable, inside, outside, not_examined } kind = not_examined;
  long z3_calls = 0, spurious = 0;
  bool timed_out = false;
  std::string note;  // Z3's reason when it answered unknown (the last one counts, as in the loop)
  Point point;       // refuted: where

  std::string bytes() const {
    std::string s;
    dist::put(s, kind);
    dist::put(s, z3_calls);
    dist::put(s, spurious);
    dist::put(s, timed_out);
    dist::put_string(s, note);
    dist::put<uint64_t>(s, point.size());
    for (const auto& [name, v] : point) {
      dist::put_string(s, name);
      dist::put_string(s, v.to_string());
    }
    return s;
  }
  static BoxOutcome from_bytes(const std::string& s) {
    BoxOutcome o;
    size_t pos = dist::get(s, 0, o.kind);
    pos = dist::get(s, pos, o.z3_calls);
    pos = dist::get(s, pos, o.spurious);
    pos = dist::get(s, pos, o.timed_out);
    pos = dist::get_string(s, pos, o.note);
    uint64_t n = 0;
    pos = dist::get(s, pos, n);
    for (uint64_t i = 0; i < n; ++i) {
      std::string name, v;
      pos = dist::get_string(s, pos, name);
      pos = dist::get_string(s, pos, v);
      o.point.emplace_back(name, *ExactReal::parse(v));
    }
    return o;
  }
};

// Runs the branch and bound from `box`: `examine` judges one box, `merge` takes each outcome in queue order
// (with the box and, for a split, its halves already queued) and returns false to stop. The budget and the
// deadline end it as the one-at-a-time loop would: the boxes still queued are returned.
template <class Examine, class Merge>
std::deque<Box> branch_and_bound(const Box& box, const CheckOptions& opt, const Deadline& deadline,
                                 const Examine& examine, const Merge& merge) {
  std::deque<Box> queue{box};
  long examined = 0;
  while (!queue.empty() && examined < opt.max_boxes && !deadline.passed()) {
    const size_t n = std::min<size_t>(queue.size(), static_cast<size_t>(opt.max_boxes - examined));
    std::vector<Box> wave(std::make_move_iterator(queue.begin()), std::make_move_iterator(queue.begin() + n));
    queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(n));
    const std::vector<std::string> out =
        dist::deal_gather(n, [&](uint64_t i) { return examine(wave[i]).bytes(); });
    for (size_t i = 0; i < n; ++i) {
      const BoxOutcome o = BoxOutcome::from_bytes(out[i]);
      if (o.kind == BoxOutcome::not_examined) {  // the deadline passed first: this box and the rest stay queued
        queue.insert(queue.begin(), std::make_move_iterator(wave.begin() + static_cast<std::ptrdiff_t>(i)),
                     std::make_move_iterator(wave.end()));
        return queue;
      }
      ++examined;
      if (o.kind == BoxOutcome::split) {
        auto halves = split(wave[i], box);
        queue.push_back(std::move(halves->first));
        queue.push_back(std::move(halves->second));
      }
      if (!merge(wave[i], o, queue.size() + (n - i - 1))) return {};
    }
  }
  return queue;
}

}  // namespace

CheckResult inequality_check(const ExprPtr& stated, const Box& box, const CheckOptions& opt) {
  check_box_covers(stated, box);
  const ExprPtr claim = expr_with_definedness(stated);
  CheckResult res;
  res.transcendental = expr_has_transcendental(claim);
  const Deadline deadline(opt.timeout_s);
  const auto vars = expr_variables(claim);
  const bool all_boxed = std::all_of(vars.begin(), vars.end(), [&](const std::string& v) {
    return std::any_of(box.begin(), box.end(), [&](const VarRange& r) { return r.name == v; });
  });

  // One Z3 query on a box: unsat = proved there; sat = a model to re-check; unknown = say so (in `o`).
  auto z3_query = [&](const Box& b, Point& model_pt, BoxOutcome& o) -> z3::check_result {
    z3::context ctx;
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
    ++o.z3_calls;
    std::vector<z3::expr> model_of;
    std::vector<std::string> names;
    if (all_boxed) {
      for (const auto& r : b) names.push_back(r.name);
    } else {
      names.assign(vars.begin(), vars.end());
    }
    for (const auto& n : names) model_of.push_back(enc.var(n));
    Z3Outcome z = z3_check(s, limits, model_of);
    z3::check_result r = z.result;
    if (r == z3::sat) {
      model_pt.clear();
      for (size_t i = 0; i < model_of.size(); ++i) {
        ExactReal v = z.values[i];
        if (all_boxed) {  // an algebraic value's rational bound can fall just outside the box
          if (v < b[i].lo) v = b[i].lo;
          if (v > b[i].hi) v = b[i].hi;
        }
        model_pt.emplace_back(names[i], v);
      }
    } else if (r == z3::unknown) {
      o.note = "z3: " + z.reason;
      if (z.killed || deadline.passed()) o.timed_out = true;
    }
    return r;
  };
  auto take_tallies = [&](const BoxOutcome& o) {
    res.z3_calls += o.z3_calls;
    res.spurious += o.spurious;
    if (!o.note.empty()) res.note = o.note;
    if (o.timed_out) res.timed_out = true;
  };

  if (!all_boxed) {
    // Unbounded variables: a single polynomial query, no branch and bound.
    Point p;
    BoxOutcome o;
    z3::check_result r = z3_query(box, p, o);
    take_tallies(o);
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

  auto examine = [&](const Box& b) {
    BoxOutcome o;
    if (deadline.passed()) return o;
    Truth on_box;
    {
      BallPrecisionScope scope(opt.precision);
      SolverLimits tm = limits_now(opt, deadline);
      tm.rlimit = tm.rlimit ? std::min(tm.rlimit, kTaylorModelRlimit) : kTaylorModelRlimit;
      tm.timeout_ms = tm.timeout_ms ? std::min(tm.timeout_ms, kTaylorModelMs) : kTaylorModelMs;
      on_box = truth_on_box(claim, b, opt.use_z3 ? &tm : nullptr);
    }
    o.kind = BoxOutcome::proved;
    if (on_box == Truth::yes) return o;
    o.kind = BoxOutcome::refuted;
    o.point = midpoint_of(b);
    if (on_box == Truth::no || recheck_at_point(claim, o.point, opt.precision) == Truth::no) return o;
    z3::check_result r = opt.use_z3 ? z3_query(b, o.point, o) : z3::unknown;
    if (r == z3::unsat) { o.kind = BoxOutcome::proved; o.point.clear(); return o; }
    if (r == z3::sat) {
      if (recheck_at_point(claim, o.point, opt.precision) == Truth::no) return o;
      ++o.spurious;  // the abstraction (or an algebraic model value) was too coarse: refine
    }
    o.point.clear();
    o.kind = split(b, box) ? BoxOutcome::split : BoxOutcome::unsplittable;
    return o;
  };
  bool refuted = false;
  std::deque<Box> left = branch_and_bound(box, opt, deadline, examine, [&](const Box&, const BoxOutcome& o, size_t queued) {
    take_tallies(o);
    switch (o.kind) {
      case BoxOutcome::proved: ++res.boxes_proved; break;
      case BoxOutcome::unsplittable: ++res.boxes_unknown; res.note = "a box became too small to split"; break;
      case BoxOutcome::refuted:
        refuted = true;
        res.verdict = Verdict::refuted;
        res.boxes_refuted = 1;
        res.counterexample = make_counterexample(claim, o.point, opt.precision);
        res.boxes_unknown += static_cast<long>(queued);
        return false;
      default: break;
    }
    return true;
  });
  if (refuted) return res;
  if (!left.empty()) {
    res.timed_out = deadline.passed();
    res.note = res.timed_out ? "wall-clock timeout reached" : fmt::format("box budget of {} exhausted", opt.max_boxes);
    res.boxes_unknown += static_cast<long>(left.size());
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
  std::vector<std::pair<double, Box>> inside;
  // Is `f` unsatisfiable on b (with every side definition)? Proves the other side's membership.
  auto unsat_on = [&](const Box& b, bool negate, BoxOutcome& o) {
    z3::context ctx;
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
    ++o.z3_calls;
    return z3_check(s, limits).result == z3::unsat;
  };
  auto examine = [&](const Box& b) {
    BoxOutcome o;
    if (deadline.passed()) return o;
    Truth t;
    {
      BallPrecisionScope scope(opt.precision);
      // Plain balls: a region's undecided boxes straddle its boundary surface, where no sign test can succeed,
      // so the Taylor test would only cost time on the many boxes a region query examines.
      t = expr_eval_truth(formula, box_env(b));
    }
    if (t == Truth::unknown && opt.use_z3) {
      if (unsat_on(b, true, o)) t = Truth::yes;
      else if (unsat_on(b, false, o)) t = Truth::no;
    }
    o.kind = t == Truth::yes ? BoxOutcome::inside
             : t == Truth::no ? BoxOutcome::outside
             : split(b, box) ? BoxOutcome::split : BoxOutcome::unsplittable;
    return o;
  };
  const std::deque<Box> left = branch_and_bound(box, opt, deadline, examine, [&](const Box& b, const BoxOutcome& o, size_t) {
    res.z3_calls += o.z3_calls;
    const double vol = volume(b, box);
    switch (o.kind) {
      case BoxOutcome::inside: res.inside += vol; ++res.boxes_inside; inside.emplace_back(vol, b); break;
      case BoxOutcome::outside: res.outside += vol; ++res.boxes_outside; break;
      case BoxOutcome::unsplittable: res.undecided += vol; ++res.boxes_undecided; break;
      default: break;
    }
    return true;
  });
  for (const auto& b : left) { res.undecided += volume(b, box); ++res.boxes_undecided; }
  std::stable_sort(inside.begin(), inside.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; i < inside.size() && i < 8; ++i) res.largest_inside.push_back(inside[i].second);
  return res;
}

}  // namespace critwin::verify
