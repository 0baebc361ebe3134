#include "bounds/paper/paper_icl.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "bounds/icl/icl_affinity.hpp"
#include "model/input_error.hpp"

namespace critwin {

namespace {

// The last t in {0..3N} whose visible prefix still holds ≥ n complete examples; nullopt when n > N.
std::optional<long> time_with_pairs(long examples, long n) {
  if (n > examples) return std::nullopt;
  n = std::max(n, 0L);
  return std::min(3 * (examples - n) + 1, 3 * examples);
}

}  // namespace

PaperWindow paper_e6_window(long examples, const Ball& bc1, const ExactReal& eps) {
  PaperWindow w;
  const Ball np = log(bc1 / eps.ball());
  if (!np.is_finite()) return w;
  // The condition is n ≥ np over integers n: the least such n is ⌈np⌉, taken at both ends of the enclosure.
  const auto t_lo = time_with_pairs(examples, static_cast<long>(std::ceil(np.upper())));
  const auto t_hi = time_with_pairs(examples, static_cast<long>(std::ceil(np.lower())));
  const auto t_mid = time_with_pairs(examples, static_cast<long>(std::ceil(np.mid())));
  if (!t_lo || !t_hi || !t_mid) return w;
  const Guarantee g = *t_lo == *t_hi ? Guarantee::exact : Guarantee::certified;
  w.t_after = Estimate{static_cast<double>(*t_mid), static_cast<double>(*t_lo), static_cast<double>(*t_hi), g, false};
  return w;
}

IclPaperReport paper_e6_report(const Model& m, int theta_star, const ExactReal& eps, long n) {
  const auto* icl = m.family<IclComponents>();
  if (!icl) throw InputError("components.kind", "the E6 report needs an icl model (got " + m.family_name() + ")");
  if (m.size() < 2) throw InputError("mixture.weights", "the E6 report needs at least two tasks");
  if (theta_star < 0 || theta_star >= m.size()) throw InputError("theta_star", "must be a component index");
  if (n < 0 || n > icl->examples)
    throw InputError("n", "must be between 0 and components.examples = " + std::to_string(icl->examples));
  IclPaperReport r;
  r.examples = icl->examples;
  r.n = n;
  const Subset star({theta_star});
  const Subset rest = star.complement(m.size());
  const Ball bc1 = icl_bhattacharyya(m, star, rest, 1);
  r.bc1 = Estimate::from_ball(bc1);
  r.delta = Estimate::from_ball(Ball(2) * (Ball(1) - bc1));
  const Ball e = eps.ball();
  const Ball np = log(bc1 / e);
  if (np.is_finite()) r.n_printed = Estimate::from_ball(np);
  const Ball lb = -log(bc1);
  if (lb.certainly_gt(Ball(0))) r.n_proof = Estimate::from_ball(-log(e) / lb);
  const Ball exact = icl_bhattacharyya(m, star, rest, n);
  const Ball tens = pow(bc1, n);
  r.bc_exact = Estimate::from_ball(exact);
  r.bc_tensorized = Estimate::from_ball(tens);
  Ball correct(0);
  const Ball wr = m.weight(rest).ball();
  for (int phi : rest.indices())
    correct += sqrt(m.weights[phi].ball() / wr) * pow(icl_bhattacharyya(m, star, Subset({phi}), 1), n);
  r.bc_correct_bound = Estimate::from_ball(correct);
  if (exact.certainly_le(tens)) r.tensorized_holds = true;
  else if (exact.certainly_gt(tens)) r.tensorized_holds = false;
  r.tensorized_equal = (exact - tens).contains_zero();
  r.correct_bound_holds = exact.certainly_le(correct);
  return r;
}

std::string paper_e6_summary(const IclPaperReport& r) {
  auto num = [](const std::optional<Estimate>& e) { return e ? fmt::format("{:.6g}", e->value) : std::string("inf"); };
  std::string verdict = r.tensorized_holds ? (*r.tensorized_holds ? "holds" : "FAILS")
                                           : (r.tensorized_equal ? "holds (equal within the enclosure)" : "undecided");
  return fmt::format("delta = {:.6g}; n >= {} (printed), n >= {} (proof); BC after n = {}: exact {:.6g} vs (1-delta/2)^n "
                     "{:.6g}: {}; correct bound {:.6g}",
                     r.delta.value, num(r.n_printed), num(r.n_proof), r.n, r.bc_exact.value, r.bc_tensorized.value, verdict,
                     r.bc_correct_bound.value);
}

std::vector<IclTensorizationPoint> paper_e6_tensorization(const Model& m, int theta_star, const std::vector<long>& ns) {
  std::vector<IclTensorizationPoint> out;
  const ExactReal any_eps = *ExactReal::parse("1/2");  // ε only enters the sample-size conditions, not the BCs
  for (long n : ns) {
    const IclPaperReport r = paper_e6_report(m, theta_star, any_eps, n);
    IclTensorizationPoint p;
    p.n = n;
    p.exact = r.bc_exact;
    p.tensorized = r.bc_tensorized;
    p.correct_bound = r.bc_correct_bound;
    p.holds = (r.tensorized_holds && *r.tensorized_holds) || r.tensorized_equal;
    p.fails = r.tensorized_holds && !*r.tensorized_holds;
    p.correct_bound_holds = r.correct_bound_holds || (r.bc_correct_bound.lo <= r.bc_exact.hi && r.bc_exact.lo <= r.bc_correct_bound.hi);
    out.push_back(p);
  }
  return out;
}

}  // namespace critwin
