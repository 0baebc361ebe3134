#include "bounds/retention_halfway.hpp"

#include <cmath>
#include <functional>

#include "model/input_error.hpp"

namespace critwin {
namespace {

using Curve = std::function<Estimate(const ExactEngine::Retention&)>;

// Discrete index sets {0, …, L}: `at(t)` gives the curve at index t. Up to kWholeCurve indices the curve is
// computed once (engines share work along it); beyond, binary search on the monotone curve.
constexpr long kWholeCurve = 4096;

std::optional<Estimate> halfway_discrete(const std::function<Estimate(long)>& at, long length) {
  const Estimate first = at(0), last = at(length);
  const double level = (first.value + last.value) / 2;
  if (!(first.value > last.value)) return std::nullopt;
  // Least t with the curve at or below the level; a value whose enclosure straddles the level cannot place
  // the crossing to one index.
  long lo = 0, hi = length;  // curve(lo) > level >= curve(hi)
  while (hi - lo > 1) {
    const long mid = lo + (hi - lo) / 2;
    const Estimate v = at(mid);
    if (v.lo <= level && v.hi > level) return std::nullopt;
    (v.hi <= level ? hi : lo) = mid;
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
  double lo = 0, hi = sup;
  if (std::isinf(sup)) {  // OU: double until the curve is surely below the level
    hi = 1;
    for (;;) {
      const Estimate v = at(hi);
      if (v.hi < level_lo) break;
      if (v.lo > level_hi) lo = hi;
      hi *= 2;
      if (hi > 1e6) return std::nullopt;  // below the curve's resolution: no stated crossing
    }
  }
  // Invariant: the curve is surely above the level at lo and surely below it at hi.
  for (int i = 0; i < 200 && hi - lo > 1e-13 * std::max(1.0, hi); ++i) {
    const double mid = lo + (hi - lo) / 2;
    const Estimate v = at(mid);
    if (!rigorous(v)) g = Guarantee::estimated;
    bits = precision_combine(bits, v.precision_bits);
    if (v.hi < level_lo) {
      hi = mid;
    } else if (v.lo > level_hi) {
      lo = mid;
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
    const ExactEngine::Retention probe = engine.retention(s_after, TimePoint::integer(0));
    if (probe.guarantee() == Guarantee::monte_carlo) {
      h.reason = "the retention curve of this model is Monte Carlo only (no exact curve to find the half-way time on)";
      return h;
    }
    if (m.process.discrete_time()) {
      const long len = m.process.length;
      std::vector<ExactEngine::Retention> curve;
      if (len <= kWholeCurve) {
        std::vector<TimePoint> all;
        for (long t = 0; t <= len; ++t) all.push_back(TimePoint::integer(t));
        curve = engine.retention_curve(s_after, all);
      }
      auto on = [&](const Curve& pick) {
        return [&, pick](long t) {
          return pick(curve.empty() ? engine.retention(s_after, TimePoint::integer(t)) : curve[static_cast<size_t>(t)]);
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
