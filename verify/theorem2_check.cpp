// theorem2 claims: BoE Theorem 2 on a model — the exact forward–reverse TV against ε(1 + max(1, W)/√2) at
// T̂ spread over the window [T_end, T_start], for each ε of the claim, with the tightness ratio bound/exact.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/model_file.hpp"
#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"

namespace critwin::verify {

namespace {

// T̂ values certainly inside [T_end, T_start]: evenly spaced between the inner ends of the two enclosures;
// integers on a discrete index set; a span of 4 past T_end when T_start = +∞.
std::vector<TimePoint> t_hat_grid(const Theorem2Window& w, const Process& proc, int count) {
  std::vector<TimePoint> out;
  const double lo = w.t_end->hi;
  const double hi = w.t_start->infinite ? lo + 4 : w.t_start->lo;
  if (!(lo <= hi)) return out;
  if (proc.discrete_time()) {
    const long a = static_cast<long>(std::ceil(lo)), b = static_cast<long>(std::floor(hi));
    if (a > b) return out;
    const long n = std::min<long>(count, b - a + 1);
    for (long i = 0; i < n; ++i) {
      long t = n == 1 ? a : a + (b - a) * i / (n - 1);
      if (out.empty() || out.back().to_long() != t) out.push_back(TimePoint::integer(t));
    }
    return out;
  }
  for (int i = 0; i < count; ++i) {
    double t = count == 1 ? lo : lo + (hi - lo) * i / (count - 1);
    if (proc.kind == ProcessKind::random_mask) t = std::clamp(t, 0.0, 1.0);
    out.push_back(TimePoint{ExactReal::from_double(t), false});
  }
  return out;
}

}  // namespace

void theorem2_check(const Claim& c, const RunOptions& opt, ClaimResult& out) {
  BallPrecisionScope scope(opt.precision);
  Model m = model_file_parse(claim_model_text(c, c.points[0]), c.name);
  auto engine = exact_engine_make(m, opt.precision);
  Subset si = Subset::parse(c.s_first, m, "s_init");
  Subset st = Subset::parse(c.s_second, m, "s_target", &si);
  long held = 0, failed = 0, undecided = 0, empty = 0;
  bool estimated = false;  // some value only carries an error estimate (quadrature), not a certified enclosure
  double min_ratio = std::numeric_limits<double>::infinity(), max_ratio = 0;
  std::string tight_where, fail_list;
  Json per_eps = Json::array();
  for (const auto& eps : c.eps_list) {
    Theorem2Window w = theorem2_window(*engine, si, st, eps);
    for (const auto& e : {w.t_start, w.t_end}) estimated = estimated || (e && e->guarantee == Guarantee::estimated);
    Json je = {{"eps", eps.to_string()}, {"bound", w.bound.value}, {"bound_lo", w.bound.lo}, {"bound_hi", w.bound.hi}, {"W", w.W.value}};
    je["t_end"] = w.t_end ? Json(w.t_end->value) : Json(nullptr);
    je["t_start"] = !w.t_start ? Json(nullptr) : w.t_start->infinite ? Json("inf") : Json(w.t_start->value);
    Json pts = Json::array();
    std::vector<TimePoint> grid;
    if (w.t_start && w.t_end && w.nonempty && w.nonempty_certain) grid = t_hat_grid(w, m.process, c.t_hat_count);
    if (grid.empty()) {
      ++empty;
      je["note"] = "window empty (T_end > T_start) or not certainly non-empty: the theorem says nothing";
    }
    for (const auto& t : grid) {
      Estimate fr = engine->fr_tv(si, st, t);
      estimated = estimated || fr.guarantee == Guarantee::estimated;
      std::string verdict = fr.hi <= w.bound.lo ? "holds" : fr.lo > w.bound.hi ? "fails" : "undecided";
      const double ratio = fr.value > 0 ? w.bound.value / fr.value : std::numeric_limits<double>::infinity();
      Json jp = {{"t_hat", t.to_double()}, {"fr_tv", fr.value}, {"fr_tv_lo", fr.lo}, {"fr_tv_hi", fr.hi}, {"verdict", verdict}};
      jp["ratio"] = std::isfinite(ratio) ? Json(ratio) : Json("inf");
      pts.push_back(jp);
      if (verdict == "holds") ++held;
      else if (verdict == "fails") {
        ++failed;
        if (failed <= 4) fail_list += fmt::format("{}(eps={}, T̂={}: fr-tv {:.6g} > bound {:.6g})", fail_list.empty() ? "" : "; ", eps.to_string(), t.to_double(), fr.value, w.bound.value);
      } else ++undecided;
      if (ratio < min_ratio) { min_ratio = ratio; tight_where = fmt::format("eps={}, T̂={:.6g}", eps.to_string(), t.to_double()); }
      if (std::isfinite(ratio)) max_ratio = std::max(max_ratio, ratio);
    }
    je["points"] = pts;
    per_eps.push_back(je);
  }
  const long n = held + failed + undecided;
  out.details["guarantee"] = estimated ? "estimated" : "certified";
  out.details["per_eps"] = per_eps;
  out.details["held"] = held;
  out.details["failed"] = failed;
  out.details["undecided"] = undecided;
  out.details["empty_windows"] = empty;
  if (std::isfinite(min_ratio)) out.details["min_ratio_bound_over_exact"] = min_ratio;
  if (max_ratio > 0) out.details["max_ratio_bound_over_exact"] = max_ratio;
  if (failed > 0) {
    out.status = "fails";
    out.evidence = fmt::format("fails at {}/{} T̂: {}", failed, n, fail_list);
  } else if (undecided > 0 || n == 0) {
    out.status = "unknown";
    out.evidence = n == 0 ? "every window is empty: nothing to check" : fmt::format("holds at {}/{} T̂, {} undecided", held, n, undecided);
  } else {
    out.status = "holds";
    out.evidence = fmt::format("holds at {}/{} T̂ ({} eps, {} empty windows); tightest bound/exact = {:.4g} at {}", held, n,
                               c.eps_list.size(), empty, min_ratio, tight_where);
  }
  if (estimated) out.evidence += " [quadrature values: estimated errors, not certified]";
}

}  // namespace critwin::verify
