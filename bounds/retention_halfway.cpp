#include "bounds/retention_halfway.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>

#include "model/input_error.hpp"

namespace critwin {
namespace {

using Curve = std::function<Estimate(const ExactEngine::Retention&)>;

// Discrete index sets {0, …, L}: binary search on the monotone curve, `at(t)` giving it at index t (from a whole
// curve computed beforehand when the engine shares work along it; see retention_halfway_times).
constexpr long kMaxWholeCurve = 100000;  // memory: one Retention (three Estimates) per index
std::optional<Estimate> halfway_discrete(const std::function<Estimate(long)>& at, long length) {
  const Estimate first = at(0), last = at(length);
  // The level with its own uncertainty (both ends' enclosures; one point for exact curves).
  const double level_lo = (first.lo + last.lo) / 2, level_hi = (first.hi + last.hi) / 2;
  if (!(first.lo > level_hi) || !(last.hi <= level_lo)) return std::nullopt;
  // Least t with the curve at or below the level; a value whose enclosure meets the level's cannot place the
  // crossing to one index.
  long lo = 0, hi = length;  // curve(lo) surely above the level, curve(hi) surely at or below it
  while (hi - lo > 1) {
    const long mid = lo + (hi - lo) / 2;
    const Estimate v = at(mid);
    if (v.hi <= level_lo) hi = mid;
    else if (v.lo > level_hi) lo = mid;
    else return std::nullopt;
  }
  return Estimate::exact_value(static_cast<double>(hi));
}

std::optional<Estimate> halfway_continuous(const ExactEngine& e, const Subset& s, const Curve& pick, double sup) {
  auto at = [&](double t) {
    const TimePoint tp = std::isinf(t) ? TimePoint::inf() : TimePoint{ExactReal::from_double(t), false};
    return pick(e.retention(s, tp));
  };
  const Estimate first = at(0), last = at(sup);
  // The level's own uncertainty: half the sum of the two ends' radii.
  const double level_lo = (first.lo + last.lo) / 2, level_hi = (first.hi + last.hi) / 2;
  if (!(first.lo > level_hi) || !(last.hi < level_lo)) return std::nullopt;
  // Exact or certified values bracket the crossing rigorously; estimated ones only as far as their error estimates.
  auto rigorous = [](const Estimate& v) { return v.guarantee == Guarantee::exact || v.guarantee == Guarantee::certified; };
  Guarantee g = rigorous(first) && rigorous(last) ? Guarantee::certified : Guarantee::estimated;
  long bits = precision_combine(first.precision_bits, last.precision_bits);
  const double level = (level_lo + level_hi) / 2;
  double lo = 0, hi = sup, f_lo = first.value - level, f_hi = last.value - level;
  if (std::isinf(sup)) {  // OU: double until the curve is surely below the level
    hi = 1;
    for (;;) {
      const Estimate v = at(hi);
      f_hi = v.value - level;
      if (v.hi < level_lo) break;
      if (v.lo > level_hi) {
        lo = hi;
        f_lo = f_hi;
      }
      hi *= 2;
      if (hi > 1e6) return std::nullopt;  // below the curve's resolution: no stated crossing
    }
  }
  // Invariant: the curve is surely above the level at lo and surely below it at hi. The next point is the
  // Illinois (modified regula falsi) step, kept 1% of the bracket away from its ends: a handful of curve
  // points instead of bisection's forty-odd (certified Gaussian points cost milliseconds each). Which end
  // moves is decided by the enclosures, as before; the values only choose where to look.
  int moved = 0;  // +1: lo moved last, −1: hi moved last
  for (int i = 0; i < 200 && hi - lo > 1e-13 * std::max(1.0, hi); ++i) {
    const double w = hi - lo;
    double mid = f_lo != f_hi ? hi - f_hi * w / (f_hi - f_lo) : lo + w / 2;
    if (!std::isfinite(mid)) mid = lo + w / 2;
    mid = std::clamp(mid, lo + w / 100, hi - w / 100);
    const Estimate v = at(mid);
    if (!rigorous(v)) g = Guarantee::estimated;
    bits = precision_combine(bits, v.precision_bits);
    if (v.hi < level_lo) {
      hi = mid;
      f_hi = v.value - level;
      if (moved == -1) f_lo /= 2;
      moved = -1;
    } else if (v.lo > level_hi) {
      lo = mid;
      f_lo = v.value - level;
      if (moved == +1) f_hi /= 2;
      moved = +1;
    } else {
      break;  // the level lies in the curve's error band here: [lo, hi] is as narrow as the values allow
    }
  }
  return Estimate{lo + (hi - lo) / 2, lo, hi, g, false, bits};
}

}  // namespace

HalfwayTimes retention_halfway_times(const ExactEngine& engine, const Subset& s_after) {
  HalfwayTimes h;
  const Model& m = engine.model();
  const Curve latent = [](const ExactEngine::Retention& r) { return r.latent; };
  const Curve cloning = [](const ExactEngine::Retention& r) { return r.cloning; };
  try {
    if (m.process.discrete_time()) {
      const long len = m.process.length;
      std::map<long, ExactEngine::Retention> seen;  // both searches share the indices they both probe
      // Engines differ in how a whole curve costs against one T̂: coins and walks share the work along the
      // curve (601 T̂ for about the price of one), icl sums over count tables afresh at each T̂ (seconds each).
      // So: time one T̂ and its two neighbours in one call; if the pair cost no more than 1.5 single ones the whole
      // curve is computed at once, else binary search (about log2 L single T̂). The result is the same either
      // way (the least index, decided by enclosures), only the time differs.
      using Clock = std::chrono::steady_clock;
      auto t0 = Clock::now();
      seen.emplace(1, engine.retention(s_after, TimePoint::integer(1)));
      const double single = std::chrono::duration<double>(Clock::now() - t0).count();
      if (len >= 8) {
        t0 = Clock::now();
        // Neighbours of the first T̂, so that a cost that varies along the curve does not skew the comparison;
        // near T̂ = 0, where icl's hidden part is empty and each T̂ is cheap.
        const std::vector<TimePoint> pair{TimePoint::integer(2), TimePoint::integer(3)};
        const auto two = engine.retention_curve(s_after, pair);
        const double both = std::chrono::duration<double>(Clock::now() - t0).count();
        seen.emplace(2, two[0]);
        seen.emplace(3, two[1]);
        if (both <= 1.5 * single && len <= kMaxWholeCurve) {
          std::vector<TimePoint> all;
          for (long t = 0; t <= len; ++t) all.push_back(TimePoint::integer(t));
          const auto curve = engine.retention_curve(s_after, all);
          for (long t = 0; t <= len; ++t) seen.insert_or_assign(t, curve[static_cast<size_t>(t)]);
        }
      }
      auto on = [&](const Curve& pick) {
        return [&, pick](long t) {
          auto it = seen.find(t);
          if (it == seen.end()) it = seen.emplace(t, engine.retention(s_after, TimePoint::integer(t))).first;
          return pick(it->second);
        };
      };
      h.cloning = halfway_discrete(on(cloning), len);
      h.retention = halfway_discrete(on(latent), len);
    } else {
      const auto sup = m.process.sup_time();
      const double end = sup ? sup->to_double() : INFINITY;
      h.cloning = halfway_continuous(engine, s_after, cloning, end);
      h.retention = halfway_continuous(engine, s_after, latent, end);
    }
  } catch (const InputError& e) {
    h.reason = "no exact retention curve for this model (" + e.message() + ")";
    return h;
  }
  if (!h.cloning) h.reason = "φ(0) = φ(sup I) within the curve's error (the components are not told apart), or the "
                             "level is inside the curve's error band";
  return h;
}

}  // namespace critwin
