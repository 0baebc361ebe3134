#include "app/plot_retention.hpp"

#include <algorithm>
#include <cmath>

#include <tbb/info.h>

#include "app/compare_run.hpp"
#include "model/input_error.hpp"
#include "samplers/experiment.hpp"

namespace critwin::app {

std::vector<TimePoint> plot_time_grid(const Model& m, double t_end, int points) {
  std::vector<TimePoint> g;
  if (m.process.discrete_time()) {
    const long len = m.process.length, step = std::max(1L, len / std::max(points, 1));
    for (long t = 0; t <= len; t += step) g.push_back(TimePoint::integer(t));
    if (g.back().to_long() != len) g.push_back(TimePoint::integer(len));
    return g;
  }
  const ExactReal end = ExactReal::from_double(t_end);
  for (int i = 0; i < points; ++i)
    g.push_back(TimePoint{ExactReal::from_int(i) * end / ExactReal::from_int(points - 1), false});
  return g;
}

double plot_axis_end(const Model& m, const std::string& t_max_text, const CriticalWindow& cw) {
  if (m.process.kind == ProcessKind::random_mask) return 1;
  if (m.process.discrete_time()) return m.process.length;
  if (!t_max_text.empty()) {
    const ExactReal v = parse_real_option(t_max_text, "--t-max");
    if (v.sign() <= 0) throw InputError("--t-max", "must be > 0 (got " + t_max_text + ")");
    return v.to_double();
  }
  double end = 0;
  for (const auto* e : {&cw.t_after, &cw.t_before})
    if (*e && !(*e)->infinite) end = std::max(end, (*e)->value);
  return end > 0 ? 1.4 * end + 0.5 : 5;
}

namespace {

// Exact (latent, label) retention of S_after at each time from the exact engine's retention curve (no Monte
// Carlo fallback: exact_engine_or_null); nullopt when the model has none (no engine, or the engine refuses).
std::optional<std::vector<std::pair<double, double>>> exact_retention(const ExactEngine* e, const Subset& sa,
                                                                      const std::vector<TimePoint>& grid) {
  if (!e) return std::nullopt;
  std::vector<ExactEngine::Retention> curve;
  try {
    curve = e->retention_curve(sa, grid);
  } catch (const InputError&) {
    return std::nullopt;
  }
  std::vector<std::pair<double, double>> out;
  for (const auto& r : curve) out.emplace_back(r.latent.value, r.label.value);
  return out;
}

}  // namespace

PlotSpec retention_spec(const ModelArgs& args, const Model& m, const Subset& sa, const Subset& sb, const ExactReal& eps,
                        const RetentionPlotRequest& r) {
  Json path;
  std::string note;
  CompareRequest req{eps.to_string(), sa.to_string(m), sb.to_string(m), std::nullopt};
  const auto engine = r.exact ? exact_engine_or_null(m, args.common.precision) : nullptr;
  const std::vector<TimePoint> probe{TimePoint::integer(0)};
  const bool has_exact = exact_retention(engine.get(), sa, probe).has_value();
  if (!has_exact && r.mc == 0)
    throw InputError("--mc", "this model has no exact retention curve in critwin (see `critwin retention`: its curve "
                             "is Monte Carlo or refused); give --mc N for Monte Carlo points");
  const auto points = compare_run(args, m, req, path, note);
  const Comparison& cmp = points.front().comparison;
  CriticalWindow cw;
  for (const auto& p : cmp.rows)
    if (p.method == "exact") cw.t_after = p.t_after, cw.t_before = p.t_before;
  const double t_end = plot_axis_end(m, r.t_max, cw);
  const int npoints = r.points > 0 ? r.points : 81;
  std::vector<TimePoint> grid = plot_time_grid(m, t_end, npoints);
  // On a continuous axis half of the times (and so of the Monte Carlo points) go inside the exact window, where
  // the curves move (E3's window is [0.79, 0.99] of [0, 1]).
  if (!m.process.discrete_time() && cw.t_after && cw.t_before && !cw.t_before->infinite &&
      cw.t_after->value < cw.t_before->value && npoints >= 4) {
    grid = plot_time_grid(m, t_end, npoints - npoints / 2);
    const ExactReal a = ExactReal::from_double(cw.t_after->value), b = ExactReal::from_double(cw.t_before->value);
    const int inside = npoints / 2;
    for (int i = 1; i <= inside; ++i)
      grid.push_back(TimePoint{a + (b - a) * ExactReal::from_int(i) / ExactReal::from_int(inside + 1), false});
    std::sort(grid.begin(), grid.end(), [](const TimePoint& x, const TimePoint& y) { return x.value < y.value; });
  }
  const auto exact = has_exact ? exact_retention(engine.get(), sa, grid) : std::nullopt;

  PlotSpec s;
  s.xlabel = m.process.discrete_time() ? PlotLabel{"$\\hat T$ (tokens removed)", "T̂ (tokens removed)"} : PlotLabel{"$\\hat T$", "T̂"};
  s.ylabel = {"retention of $S_{\\mathrm{after}}$", "retention of S_{after}"};
  s.columns = {"t", "latent", "label", "mc", "mc_lo", "mc_hi"};
  // Monte Carlo at about 11 of the curve's times, --mc samples each, the label frequency of S_after.
  const size_t mc_every = std::max<size_t>(1, grid.size() / 10);
  const int threads = r.threads > 0 ? r.threads : tbb::info::default_concurrency();
  for (size_t i = 0; i < grid.size(); ++i) {
    std::vector<double> row{grid[i].to_double(), std::nan(""), std::nan(""), std::nan(""), std::nan(""), std::nan("")};
    if (exact) row[1] = (*exact)[i].first, row[2] = (*exact)[i].second;
    if (r.mc > 0 && (i % mc_every == 0 || i + 1 == grid.size())) {
      const ExperimentSpec spec{sa, grid[i], ReverseKind::jump, 0};
      const Proportion p = forward_reverse_run(m, spec, r.mc, r.seed, threads).freq_of(sa);
      row[3] = p.value, row[4] = p.lo, row[5] = p.hi;
    }
    s.rows.push_back(std::move(row));
  }
  if (exact) {
    s.series.push_back({"t", "latent", "", "", {"exact latent $R(\\hat T)$", "exact latent R(T̂)"}});
    s.series.push_back({"t", "label", "", "", {"exact label $R_{\\mathrm{label}}(\\hat T)$", "exact label R_{label}(T̂)"},
                        PlotSeries::Style::dashed});
  }
  if (r.mc > 0)
    s.series.push_back({"t", "mc", "mc_lo", "mc_hi",
                        {"Monte Carlo label frequency, 99.9\\% interval", "Monte Carlo label frequency, 99.9% interval"},
                        PlotSeries::Style::error_bars});
  s.hlines.push_back({m.weight(sa).to_double(), {"$w_{S_{\\mathrm{after}}}$", "w_{S_{after}}"}});
  if (cw.t_after && cw.t_before && !cw.t_before->infinite && cw.t_after->value <= cw.t_before->value) {
    s.shade_x = std::pair{cw.t_after->value, cw.t_before->value};
    s.shade_title = {"exact window $[T_{\\mathrm{after}}, T_{\\mathrm{before}}]$", "exact window [T_{after}, T_{before}]"};
  }
  // One line per prediction inside the axis (window methods other than the exact and Theorem-2 ones: both ends).
  auto add_line = [&](const OptionalTime& e, const std::string& tex, const std::string& plain) {
    if (e && !e->infinite && e->value >= 0 && e->value <= t_end) s.vlines.push_back({e->value, {tex, plain}});
  };
  for (const auto& p : cmp.rows) {
    if (p.method == "exact" || p.method.rfind("theorem2", 0) == 0) continue;
    if (p.window) {
      add_line(p.t_after, p.method + " $T_{\\mathrm{after}}$", p.method + " T_{after}");
      add_line(p.t_before, p.method + " $T_{\\mathrm{before}}$", p.method + " T_{before}");
    } else {
      add_line(p.t, p.method, p.method);
    }
  }
  return s;
}

}  // namespace critwin::app
