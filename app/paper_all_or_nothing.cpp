// Sharpening table and Theorem-6 window for `critwin paper` (exact planted-spike TV curves).
#include "app/paper_all_or_nothing.hpp"

#include <fmt/format.h>

#include "app/all_or_nothing_text.hpp"
#include "bounds/planted_spike/planted_spike_sharpening.hpp"
#include "model/model_file.hpp"

#ifndef CRITWIN_EXAMPLES_DIR
#define CRITWIN_EXAMPLES_DIR "examples"
#endif

namespace critwin::app {

PaperSection paper_all_or_nothing_section() {
  const Model m = model_file_load(std::string(CRITWIN_EXAMPLES_DIR) + "/planted_spike.toml");
  const auto& c = std::get<PlantedSpikeComponents>(m.components);
  PaperSection s;
  s.table.header = {"M", "N*", "n at TV = 0.1", "n at TV = 0.9", "width / N*", "Theorem 6 window (N = " + std::to_string(c.length) + ")"};
  Json rows = Json::array();
  for (long M : {16L, c.dim, 65536L}) {
    const SharpeningRow r = planted_spike_sharpening(M, c.snr);
    const auto w = aon_theorem6_window(r.transition, r.n_star, c.length);
    // The window is the example's own (its M); the other rows show how the transition sharpens.
    const bool own = M == c.dim;
    s.table.rows.push_back({std::to_string(M), fmt::format("{:.4f}", r.n_star), aon_crossing_text(r.transition.low, r.last_n),
                            aon_crossing_text(r.transition.high, r.last_n), aon_width_text(r.transition),
                            own && w ? fmt::format("[{:.3f}, {:.3f}], delta = {:.4f}", w->t_lo, w->t_hi, w->delta) : "-"});
    Json o;
    o["dim"] = M;
    o["n_star"] = r.n_star;
    o["width_over_nstar_lo"] = r.transition.width_over_nstar_lo ? Json(*r.transition.width_over_nstar_lo) : Json(nullptr);
    o["width_over_nstar_hi"] = r.transition.width_over_nstar_hi ? Json(*r.transition.width_over_nstar_hi) : Json(nullptr);
    if (own && w) o["theorem6_window"] = {{"delta", w->delta}, {"t_lo", w->t_lo}, {"t_hi", w->t_hi}, {"length", c.length}};
    rows.push_back(o);
  }
  s.json["model"] = m.name;
  s.json["snr"] = c.snr.to_double();
  s.json["sharpening"] = rows;
  s.table.caption = fmt::format("All-or-nothing (BoE Theorems 5-6): planted spike, lambda = {}, exact TV(P_n, Q_n) by "
                                "Laplace inversion; the 0.1 -> 0.9 transition narrows in units of N* = 2 ln M / lambda^2 "
                                "only slowly as M grows", c.snr.to_string());
  return s;
}

}  // namespace critwin::app
