#include "bounds/tv_crossing.hpp"


#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "model/interrupt.hpp"

namespace critwin {

namespace {

constexpr long kMaxBits = 1L << 16;

enum class Side { above, below };

// Where TV = anchor − gap stands against the level L, from the gap's side of the comparison: TV >= L ⇔
// gap <= anchor − L. Returns the sign of gap − (anchor − L), 0 for an exact tie, nullopt when the balls
// overlap. The difference anchor − L is formed exactly, so a level such as 1 − ε² is never rounded.
std::optional<int> gap_vs_level(const ExactEngine::TvGap& g, const ExactReal& level) {
  const ExactReal d = g.anchor - level;
  if (d.sign() == 0 && g.gap_positive) return 1;
  // An exact gap (e.g. TV = 0 exactly at t = ∞: gap = anchor) is compared exactly: anchor − level rounded to
  // a Ball may be too coarse to separate (1/2 − 1e-50 at 128 bits), and more bits do not refine an exact gap.
  if (g.gap.is_exact() && g.gap.is_finite()) {
    const ExactReal gx = ExactReal::from_ball_midpoint(g.gap);
    return gx < d ? -1 : (d < gx ? 1 : 0);
  }
  const Ball db = d.ball();
  if (g.gap.certainly_lt(db)) return -1;
  if (g.gap.certainly_gt(db)) return 1;
  if (g.gap.is_exact() && db.is_exact() && g.gap.certainly_le(db) && g.gap.certainly_ge(db)) return 0;
  return std::nullopt;
}

// Bits beyond the working precision that keep 1 − level (or level) relatively accurate in a Ball.
long level_extra_bits(const ExactReal& level) {
  const double l = level.to_double(), room = std::min(std::abs(l), std::abs(1 - l));
  return room > 0 && room < 0.5 ? static_cast<long>(std::ceil(-std::log2(room))) + 8 : 8;
}

TimePoint time_at(double t) { return TimePoint{ExactReal::from_double(t), false}; }

OptionalTime search(const ExactEngine& engine, const Subset& a, const Subset& b, const ExactReal& exact_level,
                    Side side) {
  const Process& proc = engine.model().process;
  BallPrecisionScope scope(engine.precision());
  Guarantee g = Guarantee::certified;
  bool monte_carlo = false;
  long bits_used = 0;  // the Ball precision of the decisions behind a bracket (precision_used in JSON)
  // Decides TV(t) >= level (above) or <= level (below); a tie satisfies both. An undecided comparison is
  // retried with 4× the bits while the engine's gap refines (ties with a transcendental TV separate
  // eventually); a tie the balls cannot separate goes to exact rational arithmetic.
  auto decide = [&](const TimePoint& t) -> std::optional<bool> {
    interruption_point();  // each step of the search may be a quadrature: Ctrl-C from Python between steps
    for (long bits = engine.precision();; bits *= 4) {
      BallPrecisionScope bits_scope(bits);
      const ExactEngine::TvGap gap = engine.forward_tv_gap(a, b, t);
      g = std::max(g, gap.guarantee);
      if (gap.guarantee == Guarantee::monte_carlo) monte_carlo = true;
      if (auto r = gap_vs_level(gap, exact_level)) {
        bits_used = std::max(bits_used, gap.guarantee == Guarantee::monte_carlo ? 53L : bits);
        return side == Side::above ? *r <= 0 : *r >= 0;
      }
      if (!gap.refines || bits >= kMaxBits) break;
    }
    if (auto q = engine.rational_forward_tv(a, b, t))
      return side == Side::above ? (*q >= exact_level) : (*q <= exact_level);
    return std::nullopt;
  };
  auto test = [&](const TimePoint& t) -> bool {
    if (auto r = decide(t)) return *r;
    // A Monte Carlo band straddling the level at an end of I: the endpoint's interval then reaches that end.
    if (monte_carlo) return true;
    throw std::runtime_error(fmt::format("cannot decide whether TV = level {} at t = {} with up to {} bits",
                                         exact_level.to_string(), t.to_double(), kMaxBits));
  };
  // "above" holds on an initial segment [0, t*]; "below" on a final segment [t*, sup I].
  if (proc.discrete_time()) {
    const long n = proc.length;
    // Integer bisection with the straddling times (Monte Carlo bands only) counted as `straddle`.
    auto bisect = [&](bool straddle) -> long {
      auto holds = [&](long t) {
        if (auto r = decide(TimePoint::integer(t))) return *r;
        return test(TimePoint::integer(t)) && straddle;  // test throws unless the band is Monte Carlo
      };
      long lo = 0, hi = n;
      if (side == Side::above) {  // holds(lo), not holds(hi)
        while (hi - lo > 1) {
          long mid = lo + (hi - lo) / 2;
          (holds(mid) ? lo : hi) = mid;
        }
        return lo;
      }
      while (hi - lo > 1) {  // not holds(lo), holds(hi)
        long mid = lo + (hi - lo) / 2;
        (holds(mid) ? hi : lo) = mid;
      }
      return hi;
    };
    // With Monte Carlo bands the crossing is reported as the interval between the bisection that counts the
    // times where the band straddles the level as "holds" and the one that does not (guarantee monte-carlo),
    // never as an exact integer.
    auto mc_time = [](long a, long b) {
      const double x = static_cast<double>(std::min(a, b)), y = static_cast<double>(std::max(a, b));
      return Estimate{x + (y - x) / 2, x, y, Guarantee::monte_carlo, false, 53};
    };
    const long far = side == Side::above ? n : 0;  // the end of I where the property fails unless t* is there
    if (!test(TimePoint::integer(side == Side::above ? 0 : n))) return std::nullopt;
    const std::optional<bool> at_far = decide(TimePoint::integer(far));
    if (!monte_carlo) {
      if (!at_far) test(TimePoint::integer(far));  // throws: undecided without Monte Carlo
      if (*at_far) return Estimate::exact_value(static_cast<double>(far));
      return Estimate::exact_value(static_cast<double>(bisect(true)));
    }
    if (at_far && *at_far) return mc_time(far, far);
    if (!at_far) return mc_time(far, bisect(false));  // the band straddles at the far end
    return mc_time(bisect(true), bisect(false));
  }

  const bool ou = proc.kind == ProcessKind::ou;
  const TimePoint sup = ou ? TimePoint::inf() : TimePoint{*proc.sup_time(), false};
  if (side == Side::above) {
    if (!test(TimePoint::integer(0))) return std::nullopt;
    if (test(sup)) return tv_crossing_sup_time(proc);
  } else {
    if (!test(sup)) return std::nullopt;
    if (test(TimePoint::integer(0))) return Estimate::exact_value(0);
  }
  // Strictly inside: a closed form if the engine has one, else bisection on an enclosing bracket.
  {
    BallPrecisionScope level_scope(engine.precision() + level_extra_bits(exact_level));
    if (auto cf = engine.forward_tv_crossing(a, b, exact_level.ball())) return cf;
  }
  const bool want_true_low = side == Side::above;  // test is true below the crossing for "above"
  double lo = 0, hi = 1;  // random-mask: I = [0, 1]; ou: grown below until TV falls past the level
  if (ou) {
    while (test(time_at(hi)) == want_true_low) {
      lo = hi;
      hi *= 2;
      if (hi > 1e6) throw std::runtime_error("tv crossing: no bracket below t = 1e6");
    }
  }
  for (int it = 0; it < 200; ++it) {
    double mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    auto r = decide(time_at(mid));
    if (!r) {
      // The enclosure (or Monte Carlo band) straddles the level at mid: the crossing lies in the set of such
      // times. Shrink [lo, hi] to it: the last decided-true time below mid and the first decided-false above.
      // Monte Carlo: to 1e-4 in t (the band's own width is far larger); enclosures: to 1e-12 relative.
      double a = mid, b = mid;
      const double tol = monte_carlo ? 1e-4 : 1e-12 * std::max(1.0, mid);
      for (int k = 0; k < 60 && a - lo > tol; ++k) {
        const double m2 = lo + (a - lo) / 2;
        auto q = decide(time_at(m2));
        (q && *q == want_true_low ? lo : a) = m2;
      }
      for (int k = 0; k < 60 && hi - b > tol; ++k) {
        const double m2 = b + (hi - b) / 2;
        auto q = decide(time_at(m2));
        (q && *q != want_true_low ? hi : b) = m2;
      }
      break;
    }
    ((*r == want_true_low) ? lo : hi) = mid;
  }
  // A Monte Carlo bracket is as good as its double-precision band, whatever bits decided the ends of I.
  return Estimate{lo + (hi - lo) / 2, lo, hi, g, false, monte_carlo ? 53L : bits_used};
}

}  // namespace

Estimate tv_crossing_sup_time(const Process& process) {
  if (process.kind == ProcessKind::ou) return Estimate::plus_infinity();
  return Estimate::exact_value(process.sup_time()->to_double());
}

OptionalTime tv_crossing_last_at_least(const ExactEngine& engine, const Subset& a, const Subset& b, const ExactReal& level) {
  return search(engine, a, b, level, Side::above);
}

OptionalTime tv_crossing_first_at_most(const ExactEngine& engine, const Subset& a, const Subset& b, const ExactReal& level) {
  return search(engine, a, b, level, Side::below);
}

}  // namespace critwin
