#include "verify/all_or_nothing_claim.hpp"

#include <cstdio>
#include <limits>

#include <fmt/format.h>

#include "model/model_file.hpp"
#include "verify/all_or_nothing_check.hpp"
#include "verify/claim.hpp"
#include "verify/claim_table.hpp"

namespace critwin::verify {

namespace {

long model_length(const Model& m) {
  if (const auto* s = m.family<PlantedSpikeComponents>()) return s->length;
  if (const auto* s = m.family<SparseRegressionComponents>()) return s->length;
  return -1;
}

}  // namespace

AllOrNothingSpec AllOrNothingSpec::parse(ClaimTable& t) {
  AllOrNothingSpec s;
  s.model = ModelSource::parse(t);
  const Model m = s.model.parse_model(t);
  const long length = model_length(m);
  if (length < 0) t.fail("model", "must be a planted-spike or sparse-regression model");
  // n_grid: an array of counts, or "a:b:k" (a, a+k, ..., up to b) as on the all-or-nothing command line.
  const toml::node* g = t.get("n_grid");
  const std::string range_hint = fmt::format("is required: an array of integers in [0, {}] or \"a:b:k\"", length);
  if (!g) t.fail("n_grid", range_hint);
  if (const toml::array* a = g->as_array()) {
    if (a->empty()) t.fail("n_grid", range_hint);
    for (size_t i = 0; i < a->size(); ++i) {
      const toml::node* e = a->get(i);
      if (!e->is_integer() || e->as_integer()->get() < 0 || e->as_integer()->get() > length)
        t.fail(fmt::format("n_grid[{}]", i), fmt::format("must be an integer in [0, {}]", length));
      s.n_grid.push_back(static_cast<long>(e->as_integer()->get()));
    }
  } else if (g->is_string()) {
    long a = 0, b = 0, k = 0;
    char tail = 0;
    const std::string text = g->as_string()->get();
    if (std::sscanf(text.c_str(), "%ld:%ld:%ld%c", &a, &b, &k, &tail) != 3 || a < 0 || b < a || b > length || k < 1)
      t.fail("n_grid", fmt::format("\"{}\" must be \"a:b:k\" with 0 <= a <= b <= {} and step k >= 1", text, length));
    for (long n = a; n <= b; n += k) s.n_grid.push_back(n);
  } else {
    t.fail("n_grid", range_hint);
  }
  const toml::node* d = t.get("delta");
  if (!d) t.fail("delta", "is required: a number > 0 (the transition half-width relative to N*)");
  s.delta = t.real(*d, "delta");
  if (s.delta.sign() <= 0) t.fail("delta", "must be > 0");
  const toml::node* tol = t.get("tol");
  if (!tol) t.fail("tol", "is required: a number in (0, 1/2)");
  s.tol = t.real(*tol, "tol");
  if (s.tol.sign() <= 0 || s.tol >= *ExactReal::parse("1/2")) t.fail("tol", "must be in (0, 1/2)");
  s.samples = t.opt_int("samples", 20000, 100, 100000000);
  s.seed = t.opt_int("seed", 1, 0, std::numeric_limits<int32_t>::max());
  return s;
}

void AllOrNothingSpec::check(const Claim& claim, const RunOptions& opt, ClaimResult& out) const {
  BallPrecisionScope scope(opt.precision);
  const AllOrNothingOutcome o =
      all_or_nothing_check(AllOrNothingClaim{model.text({}, claim.name), n_grid, delta, tol, samples, seed});
  out.status = o.status;
  out.evidence = o.evidence;
  for (const auto& [k, v] : o.details.items()) out.details[k] = v;
  out.details["delta"] = delta.to_string();
  out.details["tol"] = tol.to_string();
}

}  // namespace critwin::verify
