#include "verify/region_claim.hpp"

#include <fmt/format.h>

#include "verify/claim.hpp"
#include "verify/claim_table.hpp"
#include "verify/inequality_check.hpp"

namespace critwin::verify {

RegionSpec RegionSpec::parse(ClaimTable& t) {
  RegionSpec s{FormulaSpec::parse(t, true)};
  if (const toml::node* n = t.get("max_undecided")) {
    auto v = n->value<double>();
    if (!v || *v < 0 || *v > 1) t.fail("max_undecided", "must be a number in [0, 1]");
    s.max_undecided = *v;
  }
  return s;
}

void RegionSpec::check(const Claim&, const RunOptions& opt, ClaimResult& out) const {
  RegionResult r = region_query(formula, box, check_options(opt));
  out.status = r.undecided <= max_undecided ? "holds" : "unknown";
  Json& d = out.details;
  d["inside"] = r.inside;
  d["outside"] = r.outside;
  d["undecided"] = r.undecided;
  d["boxes"] = {{"inside", r.boxes_inside}, {"outside", r.boxes_outside}, {"undecided", r.boxes_undecided}};
  d["z3_calls"] = r.z3_calls;
  Json boxes = Json::array();
  for (const auto& b : r.largest_inside) {
    Json jb = Json::object();
    for (const auto& v : b) jb[v.name] = {v.lo.to_string(), v.hi.to_string()};
    boxes.push_back(jb);
  }
  d["largest_inside_boxes"] = boxes;
  out.evidence = fmt::format("volume: {:.2f}% satisfies, {:.2f}% violates, {:.2f}% undecided ({} boxes)", 100 * r.inside,
                             100 * r.outside, 100 * r.undecided, r.boxes_inside + r.boxes_outside + r.boxes_undecided);
}

}  // namespace critwin::verify
