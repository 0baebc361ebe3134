#include "bounds/theorem2_window.hpp"

#include "bounds/tv_crossing.hpp"
#include "model/input_error.hpp"

namespace critwin {

void theorem2_check_eps(const ExactReal& eps, const std::string& field) {
  if (eps.sign() <= 0 || eps >= ExactReal::from_int(1))
    throw InputError(field, "must be in the open interval (0, 1) (got " + eps.to_string() + ")");
}

Ball theorem2_bound(const ExactReal& eps, const ExactReal& w_rest, const ExactReal& w_target) {
  Ball W = w_rest.ball() / w_target.ball();
  return eps.ball() * (Ball(1) + max(Ball(1), W) / ball_sqrt2());
}

void theorem2_check_inputs(const Model& m, const Subset& s_init, const Subset& s_target, const ExactReal& eps) {
  theorem2_check_eps(eps);
  subset_check_nested(m, s_init, "s_init", s_target, "s_target", /*proper=*/false);
}

Theorem2Window theorem2_window(const ExactEngine& engine, const Subset& s_init, const Subset& s_target,
                               const ExactReal& eps) {
  const Model& m = engine.model();
  theorem2_check_inputs(m, s_init, s_target, eps);
  BallPrecisionScope scope(engine.precision());
  Theorem2Window w;
  const Subset rest = s_target.complement(m.size());
  const ExactReal w_rest = m.weight(rest), w_target = m.weight(s_target);
  if (rest.empty()) w.t_start = tv_crossing_sup_time(m.process);
  else w.t_start = tv_crossing_last_at_least(engine, s_target, rest, ExactReal::from_int(1) - eps * eps);
  w.t_end = tv_crossing_first_at_most(engine, s_init, s_target, eps);
  w.W = Estimate::from_ball(w_rest.ball() / w_target.ball());
  w.bound = Estimate::from_ball(theorem2_bound(eps, w_rest, w_target));
  const Ordering o = window_nonempty(w.t_end, w.t_start);
  w.nonempty = o.holds;
  w.nonempty_certain = o.certain;
  return w;
}

}  // namespace critwin
