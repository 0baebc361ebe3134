#include "bounds/tv_crossing.hpp"


#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace critwin {

namespace {

enum class Side { above, below };

// Decides TV(t) >= level (Side::above) or TV(t) <= level (Side::below) from an enclosure. Equality
// counts as satisfying both, so an exact tie is decided; an overlap that is not a tie is undecidable
// at this precision and is reported rather than guessed.
std::optional<bool> satisfies(const Estimate& tv, double level_lo, double level_hi, bool level_exact, Side side) {
  if (side == Side::above) {
    if (tv.lo >= level_hi) return true;
    if (tv.hi < level_lo) return false;
  } else {
    if (tv.hi <= level_lo) return true;
    if (tv.lo > level_hi) return false;
  }
  if (level_exact && tv.guarantee == Guarantee::exact && tv.value == level_lo) return true;
  return std::nullopt;
}

TimePoint time_at(double t) { return TimePoint{ExactReal::from_double(t), false}; }

OptionalTime search(const ExactEngine& engine, const Subset& a, const Subset& b, const ExactReal& exact_level,
                    Side side) {
  const Process& proc = engine.model().process;
  BallPrecisionScope scope(engine.precision());
  const Ball level = exact_level.ball();
  const double llo = level.lower(), lhi = level.upper();
  const bool lexact = level.is_exact() && llo == lhi;
  // The enclosure decides when it can; a tie it cannot separate goes to exact rational arithmetic.
  auto decide = [&](const TimePoint& t, const Estimate& tv) -> std::optional<bool> {
    if (auto r = satisfies(tv, llo, lhi, lexact, side)) return r;
    if (auto q = engine.rational_forward_tv(a, b, t))
      return side == Side::above ? (*q >= exact_level) : (*q <= exact_level);
    return std::nullopt;
  };
  auto test = [&](const TimePoint& t) -> bool {
    if (auto r = decide(t, engine.forward_tv(a, b, t))) return *r;
    throw std::runtime_error(fmt::format(
        "cannot decide whether TV = level {} at t = {} with {} bits; rerun with a larger --precision",
        level.to_string(17), t.to_double(), engine.precision()));
  };
  // "above" holds on an initial segment [0, t*]; "below" on a final segment [t*, sup I].
  if (proc.discrete_time()) {
    const long n = proc.length;
    if (side == Side::above) {
      if (!test(TimePoint::integer(0))) return std::nullopt;
      if (test(TimePoint::integer(n))) return Estimate::exact_value(static_cast<double>(n));
      long lo = 0, hi = n;  // test(lo) true, test(hi) false
      while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;
        (test(TimePoint::integer(mid)) ? lo : hi) = mid;
      }
      return Estimate::exact_value(static_cast<double>(lo));
    }
    if (!test(TimePoint::integer(n))) return std::nullopt;
    if (test(TimePoint::integer(0))) return Estimate::exact_value(0);
    long lo = 0, hi = n;  // test(lo) false, test(hi) true
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      (test(TimePoint::integer(mid)) ? hi : lo) = mid;
    }
    return Estimate::exact_value(static_cast<double>(hi));
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
  if (auto cf = engine.forward_tv_crossing(a, b, level)) return cf;
  const bool want_true_low = side == Side::above;  // test is true below the crossing for "above"
  double lo = 0, hi = 1;  // random-mask: I = [0, 1]; ou: grown below until TV falls past the level
  if (ou) {
    while (test(time_at(hi)) == want_true_low) {
      lo = hi;
      hi *= 2;
      if (hi > 1e6) throw std::runtime_error("tv crossing: no bracket below t = 1e6");
    }
  }
  Guarantee g = Guarantee::certified;
  long bits = 0;
  for (int it = 0; it < 200; ++it) {
    double mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    const Estimate tv = engine.forward_tv(a, b, time_at(mid));
    if (tv.guarantee == Guarantee::estimated) g = Guarantee::estimated;
    bits = precision_combine(bits, tv.precision_bits);
    auto r = decide(time_at(mid), tv);
    if (!r) break;  // the crossing is within [lo, hi]; the enclosure cannot split it further
    ((*r == want_true_low) ? lo : hi) = mid;
  }
  return Estimate{lo + (hi - lo) / 2, lo, hi, g, false, bits};
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
