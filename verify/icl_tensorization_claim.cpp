#include "verify/icl_tensorization_claim.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "bounds/paper/paper_icl.hpp"
#include "model/model_file.hpp"
#include "verify/claim.hpp"
#include "verify/claim_table.hpp"

namespace critwin::verify {

IclTensorizationSpec IclTensorizationSpec::parse(ClaimTable& t) {
  IclTensorizationSpec s;
  s.model = ModelSource::parse(t);
  Model m = s.model.parse_model(t);
  if (!m.family<IclComponents>()) t.fail("model", "must be an icl model (components.kind = \"icl\")");
  s.theta_star = t.req_string("theta_star");
  const Subset star = t.named([&] { return Subset::parse(s.theta_star, m, "theta_star"); });
  if (star.size() != 1) t.fail("theta_star", "must name exactly one component (θ*), by label or index");
  const long examples = m.family<IclComponents>()->examples;
  const toml::node* n = t.get("n");
  const toml::array* a = n ? n->as_array() : nullptr;
  if (!a || a->empty()) t.fail("n", fmt::format("is required: a non-empty array of example counts in [0, {}]", examples));
  for (size_t i = 0; i < a->size(); ++i) {
    const toml::node* e = a->get(i);
    if (!e->is_integer() || e->as_integer()->get() < 0 || e->as_integer()->get() > examples)
      t.fail(fmt::format("n[{}]", i), fmt::format("must be an integer in [0, {}]", examples));
    s.ns.push_back(static_cast<long>(e->as_integer()->get()));
  }
  return s;
}

void IclTensorizationSpec::check(const Claim& claim, const RunOptions& opt, ClaimResult& out) const {
  BallPrecisionScope scope(opt.precision);
  Model m = model_file_parse(model.text({}, claim.name), claim.name);
  const Subset star = Subset::parse(theta_star, m, "theta_star");
  const auto points = paper_e6_tensorization(m, star.indices().front(), ns);
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
  out.details["theta_star"] = theta_star;
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
