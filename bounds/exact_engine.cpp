#include "bounds/exact_engine.hpp"

#include <algorithm>

#include "model/input_error.hpp"

namespace critwin {

std::vector<Estimate> ExactEngine::fr_tv_curve(const Subset& s_init, const Subset& s_target) const {
  std::vector<Estimate> out;
  for (long t = 0; t <= model_.process.length; ++t) out.push_back(fr_tv(s_init, s_target, TimePoint::integer(t)));
  return out;
}

ExactEngine::TvGap ExactEngine::forward_tv_gap(const Subset& a, const Subset& b, const TimePoint& t) const {
  const Estimate tv = forward_tv(a, b, t);
  TvGap g;
  g.anchor = ExactReal::from_int(0);
  g.gap = Ball(-1) * Ball::interval(tv.lo, tv.hi);
  g.guarantee = tv.guarantee;
  return g;
}

namespace {
int guarantee_rank(Guarantee g) {
  switch (g) {
    case Guarantee::exact: return 0;
    case Guarantee::certified: return 1;
    case Guarantee::estimated: return 2;
    case Guarantee::monte_carlo: return 3;
  }
  return 3;
}
}  // namespace

Guarantee ExactEngine::Retention::guarantee() const {
  Guarantee g = latent.guarantee;
  for (Guarantee h : {label.guarantee, cloning.guarantee})
    if (guarantee_rank(h) > guarantee_rank(g)) g = h;
  return g;
}

ExactEngine::Retention ExactEngine::retention(const Subset& s_init, const TimePoint& t_hat) const {
  return retention_curve(s_init, {t_hat}).front();
}

std::vector<ExactEngine::Retention> ExactEngine::retention_curve(const Subset& s_init,
                                                                 const std::vector<TimePoint>& t_hats) const {
  if (s_init.empty()) throw InputError("s_init", "must name at least one component");
  for (int i : s_init.indices())
    if (i < 0 || i >= model_.size())
      throw InputError("s_init", "component indices must be in 0.." + std::to_string(model_.size() - 1));
  const auto sup = model_.process.sup_time();
  for (const auto& t : t_hats) {
    const bool inside = t.infinite ? !sup : t.value.sign() >= 0 && (!sup || !(*sup < t.value));
    if (!inside) throw InputError("t_hat", "must lie in the index set " + model_.process.index_set_text());
  }
  if (t_hats.empty()) return {};
  std::vector<Retention> out = retention_impl(s_init, t_hats);
  // They are probabilities: an enclosure may round past 1 (E1 with S_init = Θ gave 1.0000000000000004 with
  // hi = 1), so clip the interval to [0, 1] and keep the value inside it.
  for (Retention& r : out)
    for (Estimate* e : {&r.latent, &r.label, &r.cloning}) {
      e->lo = std::max(e->lo, 0.0);
      e->hi = std::min(e->hi, 1.0);
      e->value = std::clamp(e->value, e->lo, e->hi);
    }
  return out;
}

std::vector<ExactEngine::Retention> ExactEngine::retention_impl(const Subset&, const std::vector<TimePoint>&) const {
  throw InputError("components.kind", "exact retention curves are not available for " + model_.family_name() +
                                          " components with the '" + std::string(process_kind_name(model_.process.kind)) +
                                          "' process; use Monte Carlo (critwin sample)");
}

}  // namespace critwin
