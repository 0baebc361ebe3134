#include "bounds/critical_window.hpp"

#include "bounds/theorem2_window.hpp"
#include "bounds/tv_crossing.hpp"
#include "model/input_error.hpp"

namespace critwin {

void critical_window_check_inputs(const Model& m, const Subset& s_after, const Subset& s_before, const ExactReal& eps) {
  theorem2_check_eps(eps);
  subset_check_nested(m, s_after, "s_after", s_before, "s_before", /*proper=*/true);
}

CriticalWindow critical_window(const ExactEngine& engine, const Subset& s_after, const Subset& s_before,
                               const ExactReal& eps) {
  const Model& m = engine.model();
  critical_window_check_inputs(m, s_after, s_before, eps);
  BallPrecisionScope scope(engine.precision());
  const ExactReal sep = ExactReal::from_int(1) - eps * eps;
  CriticalWindow cw;
  cw.t_after = tv_crossing_last_at_least(engine, s_after, s_after.complement(m.size()), sep);
  // The two conditions of T_before hold on [t1, sup I] and [0, t2]: the inf of the intersection is t1
  // when t1 <= t2 and the set is empty otherwise.
  OptionalTime t1 = tv_crossing_first_at_most(engine, s_after, s_before, eps);
  const Subset rest_before = s_before.complement(m.size());
  OptionalTime t2 = rest_before.empty() ? OptionalTime(tv_crossing_sup_time(m.process))
                                        : tv_crossing_last_at_least(engine, s_before, rest_before, sep);
  if (t1 && t2 && t1->value <= t2->value) cw.t_before = t1;
  const Ordering o = window_nonempty(cw.t_after, cw.t_before);
  cw.nonempty = o.holds;
  cw.nonempty_certain = o.certain;
  return cw;
}

}  // namespace critwin
