// icl-tensorization claims: BoE Examples 6/11 bound the Hellinger affinity after n in-context examples by
// tensorization, BC(P^{θ*}_n, P^{rest}_n) <= (1 − δ/2)^n with δ the one-example squared Hellinger separation.
// The check computes the exact BC at every listed n (certified sums over count tables) and reports `holds`
// when the bound holds at all of them (equality within the enclosure counts: two tasks tensorize exactly),
// `fails` when it is certainly violated at one of them, `unknown` otherwise. THEORY.md §7 has the 3-task
// counterexample this kind is bundled with.
#include <algorithm>

#include <fmt/format.h>

#include "bounds/paper/paper_icl.hpp"
#include "model/model_file.hpp"
#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"

namespace critwin::verify {

void icl_tensorization_check(const Claim& c, const RunOptions& opt, ClaimResult& out) {
  BallPrecisionScope scope(opt.precision);
  Model m = model_file_parse(claim_model_text(c, c.points[0]), c.name);
  const Subset star = Subset::parse(c.s_first, m, "theta_star");
  const auto points = paper_e6_tensorization(m, star.indices().front(), c.icl_ns);
  std::string failed, undecided;
  Json rows = Json::array();
  bool correct_everywhere = true;
  for (const auto& p : points) {
    if (p.fails) failed += fmt::format("{}{}", failed.empty() ? "" : ", ", p.n);
    else if (!p.holds) undecided += fmt::format("{}{}", undecided.empty() ? "" : ", ", p.n);
    correct_everywhere = correct_everywhere && p.correct_bound_holds;
    rows.push_back({{"n", p.n},
                    {"bc_exact", p.exact.value},
                    {"bc_exact_lo", p.exact.lo},
                    {"bc_exact_hi", p.exact.hi},
                    {"bc_tensorized", p.tensorized.value},
                    {"bc_correct_bound", p.correct_bound.value},
                    {"tensorized_holds", p.holds},
                    {"correct_bound_holds", p.correct_bound_holds}});
  }
  out.details["theta_star"] = c.s_first;
  out.details["points"] = rows;
  out.details["correct_bound_holds_everywhere"] = correct_everywhere;
  if (!failed.empty()) {
    const auto& first = *std::find_if(points.begin(), points.end(), [](const auto& p) { return p.fails; });
    out.status = "fails";
    out.evidence = fmt::format("exact BC exceeds (1-delta/2)^n at n = {} (n = {}: {:.10g} > {:.10g}); the bound "
                               "sum_phi sqrt(w_phi/w_rest) BC_1(phi)^n {}",
                               failed, first.n, first.exact.value, first.tensorized.value,
                               correct_everywhere ? "holds at every n" : "is NOT certified at every n");
  } else if (!undecided.empty()) {
    out.status = "unknown";
    out.evidence = fmt::format("undecided at n = {} with {} bits", undecided, opt.precision);
  } else {
    out.status = "holds";
    out.evidence = fmt::format("exact BC <= (1-delta/2)^n at all {} listed n (equality within the enclosure counts)",
                               points.size());
  }
}

}  // namespace critwin::verify
