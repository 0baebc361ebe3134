// Deterministic: fixed seed, one thread (results are bit-identical at any thread count anyway).
#include "verify/mc_agrees_claim.hpp"

#include <chrono>
#include <limits>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "samplers/tv_estimate.hpp"
#include "verify/claim.hpp"
#include "verify/claim_runner.hpp"
#include "verify/claim_table.hpp"

namespace critwin::verify {

McAgreesSpec McAgreesSpec::parse(ClaimTable& t) {
  McAgreesSpec s;
  s.model = ModelSource::parse(t);
  Model m = s.model.parse_model(t);
  s.s_init = t.req_string("s_init");
  s.s_target = t.req_string("s_target");
  t.named([&] {
    Subset si = Subset::parse(s.s_init, m, "s_init");
    Subset::parse(s.s_target, m, "s_target", &si);
  });
  const toml::node* n = t.get("t_hat");
  const toml::array* a = n ? n->as_array() : nullptr;
  if (!a || a->empty()) t.fail("t_hat", "is required: a non-empty array of times in the index set");
  for (size_t i = 0; i < a->size(); ++i) {
    const toml::node* e = a->get(i);
    std::string text = e->is_string() ? e->as_string()->get() : e->is_integer() ? std::to_string(e->as_integer()->get())
                                                                                 : t.real(*e, "t_hat").to_string();
    TimePoint::parse(text, m.process, t.field(fmt::format("t_hat[{}]", i)));  // fail early outside the index set
    s.t_hats.push_back(text);
  }
  s.n = t.opt_int("n", 20000, 1, 100000000);
  s.seed = t.opt_int("seed", 1, 0, std::numeric_limits<int32_t>::max());
  s.inner = t.opt_int("inner", 0, 0, 1000000);
  if (auto other = t.opt_string("exact_template")) {
    Model e = model_file_parse(*other, t.field("exact_template"));
    if (e.size() != m.size()) t.fail("exact_template", "must have as many components as the model");
    s.exact_template_text = *other;
  }
  return s;
}

void McAgreesSpec::check(const Claim& claim, const RunOptions& opt, ClaimResult& out) const {
  const McAgreesSpec& c = *this;
  BallPrecisionScope scope(opt.precision);
  Model m = model_file_parse(c.model.text({}, claim.name), claim.name);
  Model exact_model = c.exact_template_text.empty() ? m : model_file_parse(c.exact_template_text, claim.name);
  auto engine = exact_engine_make(exact_model, opt.precision);
  Subset si = Subset::parse(c.s_init, m, "s_init");
  Subset st = Subset::parse(c.s_target, m, "s_target", &si);
  int contained = 0;
  std::string misses;
  Json rows = Json::array();
  const auto t0 = std::chrono::steady_clock::now();
  for (const auto& text : c.t_hats) {
    if (claim_time_up(t0, opt)) return claim_timeout(out, opt, fmt::format("{} of {} T̂ checked", rows.size(), c.t_hats.size()));
    TimePoint t = TimePoint::parse(text, m.process, "t_hat");
    Estimate exact = engine->fr_tv(si, st, t);
    TvEstimate mc = tv_estimate_run(m, TvSpec{si, st, t, static_cast<int>(c.inner)}, static_cast<uint64_t>(c.n),
                                    static_cast<uint64_t>(c.seed), 1);
    // The exact value is itself an enclosure (or an estimate with an error): agreement means overlap.
    const bool ok = exact.lo <= mc.tv.hi && exact.hi >= mc.tv.lo;
    contained += ok;
    if (!ok) misses += fmt::format("{}T̂={}: exact {:.6g} outside [{:.6g}, {:.6g}]", misses.empty() ? "" : "; ", text,
                                   exact.value, mc.tv.lo, mc.tv.hi);
    rows.push_back({{"t_hat", text}, {"exact", exact.value}, {"mc", mc.tv.value}, {"mc_lo", mc.tv.lo},
                    {"mc_hi", mc.tv.hi}, {"contains", ok}});
  }
  out.details["n"] = c.n;
  out.details["seed"] = c.seed;
  out.details["points"] = rows;
  const int total = static_cast<int>(c.t_hats.size());
  out.status = contained == total ? "holds" : "fails";
  out.evidence = contained == total
                     ? fmt::format("{}/{} 99.9% MC intervals (n = {}, seed {}) contain the exact fr-tv", contained, total,
                                   c.n, c.seed)
                     : fmt::format("{}/{} contain the exact fr-tv; {}", contained, total, misses);
}

}  // namespace critwin::verify
