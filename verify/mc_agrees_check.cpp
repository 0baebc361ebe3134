// mc-agrees claims: the Monte Carlo TV estimate of TV(p^{S_init,T̂}, p^{S_target}) must contain the exact
// engine's value in its 99.9% interval at every listed T̂ — the samplers and the exact engines checking each
// other. Deterministic: fixed seed, one thread (results are bit-identical at any thread count anyway).
#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "verify/claim_runner.hpp"
#include "samplers/tv_estimate.hpp"
#include "verify/claims_file.hpp"

namespace critwin::verify {

void mc_agrees_check(const Claim& c, const RunOptions& opt, ClaimResult& out) {
  BallPrecisionScope scope(opt.precision);
  Model m = model_file_parse(claim_model_text(c, c.points[0]), c.name);
  Model exact_model = c.exact_template_text.empty() ? m : model_file_parse(c.exact_template_text, c.name);
  auto engine = exact_engine_make(exact_model, opt.precision);
  Subset si = Subset::parse(c.s_first, m, "s_init");
  Subset st = Subset::parse(c.s_second, m, "s_target", &si);
  int contained = 0;
  std::string misses;
  Json rows = Json::array();
  for (const auto& text : c.t_hats) {
    TimePoint t = TimePoint::parse(text, m.process, "t_hat");
    Estimate exact = engine->fr_tv(si, st, t);
    TvEstimate mc = tv_estimate_run(m, TvSpec{si, st, t, static_cast<int>(c.mc_inner)}, static_cast<uint64_t>(c.mc_n),
                                    static_cast<uint64_t>(c.mc_seed), 1);
    // The exact value is itself an enclosure (or an estimate with an error): agreement means overlap.
    const bool ok = exact.lo <= mc.tv.hi && exact.hi >= mc.tv.lo;
    contained += ok;
    if (!ok) misses += fmt::format("{}T̂={}: exact {:.6g} outside [{:.6g}, {:.6g}]", misses.empty() ? "" : "; ", text,
                                   exact.value, mc.tv.lo, mc.tv.hi);
    rows.push_back({{"t_hat", text}, {"exact", exact.value}, {"mc", mc.tv.value}, {"mc_lo", mc.tv.lo},
                    {"mc_hi", mc.tv.hi}, {"contains", ok}});
  }
  out.details["n"] = c.mc_n;
  out.details["seed"] = c.mc_seed;
  out.details["points"] = rows;
  const int total = static_cast<int>(c.t_hats.size());
  out.status = contained == total ? "holds" : "fails";
  out.evidence = contained == total
                     ? fmt::format("{}/{} 99.9% MC intervals (n = {}, seed {}) contain the exact fr-tv", contained, total,
                                   c.mc_n, c.mc_seed)
                     : fmt::format("{}/{} contain the exact fr-tv; {}", contained, total, misses);
}

}  // namespace critwin::verify
