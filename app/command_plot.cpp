// critwin plot tv|windows|retention MODEL … --out FILE: figures for papers (.png/.pdf/.svg through gnuplot,
// .tex as a standalone pgfplots figure with its data table beside it).
#include <cmath>

#include <fmt/format.h>

#include "app/command.hpp"
#include "app/compare_run.hpp"
#include "app/plot_render.hpp"
#include "app/plot_retention.hpp"
#include "bounds/critical_window.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/input_error.hpp"

namespace critwin::app {
namespace {

struct Args {
  std::string kind;
  ModelArgs model;
  CompareRequest req;
  std::string sweep, out, t_max;
  int points = 0;            // 0: the kind's default
  unsigned long long mc = 0; // retention: Monte Carlo samples per point (0: none)
};

double finite_or_nan(const OptionalTime& e) {
  return e && !e->infinite ? e->value : std::nan("");
}

const PlotLabel kTime{"$t$", "t"};
const PlotLabel kTimeDiscrete{"$t$ (tokens removed)", "t (tokens removed)"};

PlotLabel time_label(const Model& m) { return m.process.discrete_time() ? kTimeDiscrete : kTime; }

PlotSpec tv_spec(const Args& args, const Model& m, const ExactEngine& engine, const Subset& sa, const Subset& sb,
                 const ExactReal& eps, const CriticalWindow& cw) {
  const double t_end = plot_axis_end(m, args.t_max, cw);
  // 41 times by default on a continuous axis: each forward–reverse TV is a quadrature (~70 ms for two Gaussians).
  const std::vector<TimePoint> grid = plot_time_grid(m, t_end, args.points > 0 ? args.points : (m.process.discrete_time() ? 81 : 41));
  const Subset rest_a = sa.complement(m.size()), rest_b = sb.complement(m.size());
  PlotSpec s;
  s.xlabel = time_label(m);
  s.ylabel = {"total variation", "total variation"};
  s.columns = {"t", "tv_after_rest", "tv_after_before", "fr_tv"};
  const bool second = sb.size() < m.size();
  if (second) s.columns.push_back("tv_before_rest");
  std::vector<Estimate> fr_curve;
  if (m.process.discrete_time()) fr_curve = engine.fr_tv_curve(sa, sb);
  for (const TimePoint& t : grid) {
    std::vector<double> r{t.to_double(), engine.forward_tv(sa, rest_a, t).value, engine.forward_tv(sa, sb, t).value,
                          m.process.discrete_time() ? fr_curve[static_cast<size_t>(t.to_long())].value : engine.fr_tv(sa, sb, t).value};
    if (second) r.push_back(engine.forward_tv(sb, rest_b, t).value);
    s.rows.push_back(std::move(r));
  }
  s.series.push_back({"t", "tv_after_rest", "", "",
                      {"$\\mathrm{TV}(p_t^{S_{\\mathrm{after}}}, p_t^{\\Theta\\setminus S_{\\mathrm{after}}})$",
                       "TV(p_t^{S_{after}}, p_t^{Θ∖S_{after}})"}});
  s.series.push_back({"t", "tv_after_before", "", "",
                      {"$\\mathrm{TV}(p_t^{S_{\\mathrm{after}}}, p_t^{S_{\\mathrm{before}}})$", "TV(p_t^{S_{after}}, p_t^{S_{before}})"}});
  if (second)
    s.series.push_back({"t", "tv_before_rest", "", "",
                        {"$\\mathrm{TV}(p_t^{S_{\\mathrm{before}}}, p_t^{\\Theta\\setminus S_{\\mathrm{before}}})$",
                         "TV(p_t^{S_{before}}, p_t^{Θ∖S_{before}})"}});
  s.series.push_back({"t", "fr_tv", "", "",
                      {"$\\mathrm{TV}(p^{S_{\\mathrm{after}},\\hat T}, p^{S_{\\mathrm{before}}})$, $\\hat T = t$",
                       "TV(p^{S_{after}, T̂}, p^{S_{before}}), T̂ = t"},
                      PlotSeries::Style::dashed});
  const double e = eps.to_double();
  s.hlines.push_back({1 - e * e, {"$1-\\varepsilon^2$", "1 − ε^2"}});
  s.hlines.push_back({e, {"$\\varepsilon$", "ε"}});
  if (cw.t_after && cw.t_before && cw.nonempty && !cw.t_before->infinite) {
    s.shade_x = std::pair{cw.t_after->value, cw.t_before->value};
    s.shade_title = {"exact window $[T_{\\mathrm{after}}, T_{\\mathrm{before}}]$", "exact window [T_{after}, T_{before}]"};
  }
  return s;
}

std::string column_name(const std::string& method, const std::string& end) {
  std::string c = method;
  for (char& ch : c)
    if (ch == '-') ch = '_';
  return c + "_" + end;
}

PlotLabel sweep_label(const std::string& param) {
  if (param == "m") return {"$m = \\frac12\\|\\mu_0-\\mu_1\\|$", "m = ½‖μ_0 − μ_1‖"};
  if (param == "variance") return {"$\\sigma^2$", "σ^2"};
  if (param == "length") return {"$L$", "L"};
  if (param == "delta") return {"$\\Delta$", "Δ"};
  if (param == "barrier") return {"$A$", "A"};
  return {"$\\varepsilon$", "ε"};
}

PlotSpec windows_spec(const std::vector<ComparePoint>& points, const std::string& param, const Model& m) {
  PlotSpec s;
  s.xlabel = sweep_label(param);
  s.ylabel = m.process.discrete_time() ? PlotLabel{"window endpoint $t$ (tokens removed)", "window endpoint t (tokens removed)"}
                                       : PlotLabel{"window endpoint $t$", "window endpoint t"};
  s.columns = {"value"};
  // Columns from the union of rows over the sweep (a method may apply at some values only).
  std::vector<std::pair<std::string, bool>> methods;
  for (const auto& pt : points)
    for (const auto& p : pt.comparison.rows)
      if (std::find(methods.begin(), methods.end(), std::pair{p.method, p.window}) == methods.end()) methods.emplace_back(p.method, p.window);
  for (const auto& [meth, win] : methods) {
    if (win) {
      s.columns.push_back(column_name(meth, "after"));
      s.columns.push_back(column_name(meth, "before"));
    } else {
      s.columns.push_back(column_name(meth, "t"));
    }
  }
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& pt : points) {
    std::vector<double> r(s.columns.size(), std::nan(""));
    r[0] = pt.value->to_double();
    for (const auto& p : pt.comparison.rows) {
      auto put = [&](const std::string& col, const OptionalTime& e) {
        const size_t i = static_cast<size_t>(std::find(s.columns.begin(), s.columns.end(), col) - s.columns.begin());
        r[i] = finite_or_nan(e);
        if (std::isfinite(r[i])) lo = std::min(lo, r[i]), hi = std::max(hi, r[i]);
      };
      if (p.window) put(column_name(p.method, "after"), p.t_after), put(column_name(p.method, "before"), p.t_before);
      else put(column_name(p.method, "t"), p.t);
    }
    s.rows.push_back(std::move(r));
  }
  const double x0 = s.rows.front()[0], x1 = s.rows.back()[0];
  s.logx = x0 > 0 && x1 / x0 >= 10;               // the swept parameter spans a decade or more
  s.logy = lo > 0 && hi / lo >= 100;              // the endpoints span two decades or more
  // The exact endpoints last, so they are drawn on top; the Theorem-2 rows repeat exact endpoints (T_start of
  // (S_after, S_after) is T_after, T_end of (S_after, S_before) is T_before when S_before = Θ) and are left out.
  std::stable_partition(methods.begin(), methods.end(), [](const auto& mw) { return mw.first != "exact"; });
  for (const auto& [meth, win] : methods) {
    if (meth.rfind("theorem2", 0) == 0) continue;
    const auto style = meth == "exact" ? PlotSeries::Style::line : PlotSeries::Style::points;
    if (win) {
      s.series.push_back({"value", column_name(meth, "after"), "", "", {meth + " $T_{\\mathrm{after}}$", meth + " T_{after}"}, style});
      s.series.push_back({"value", column_name(meth, "before"), "", "", {meth + " $T_{\\mathrm{before}}$", meth + " T_{before}"}, style});
    } else {
      s.series.push_back({"value", column_name(meth, "t"), "", "", {meth + " $t$", meth + " t"}, PlotSeries::Style::dashed});
    }
  }
  return s;
}

void run(const Args& args) {
  const std::string ext = plot_format(args.out, "--out");
  (void)ext;
  Model m = args.model.load();
  std::vector<std::pair<std::string, std::string>> files;
  if (args.kind == "windows") {
    if (args.sweep.empty()) throw InputError("--sweep", "plot windows needs --sweep PARAM=a:b:n (" + sweep_parameters_help() + ")");
    CompareRequest req = args.req;
    req.sweep = sweep_parse(args.sweep, "--sweep");
    if (req.sweep->values.size() < 2) throw InputError("--sweep", "plot windows needs n >= 2 values");
    Json path;
    std::string note;
    const auto points = compare_run(args.model, m, req, path, note);
    files = plot_render(windows_spec(points, req.sweep->param, m), args.out);
  } else {
    if (!args.sweep.empty()) throw InputError("--sweep", "only plot windows takes --sweep");
    const ExactReal eps = parse_real_option(args.req.eps, "--eps");
    theorem2_check_eps(eps, "--eps");
    const Subset sa = Subset::parse(args.req.s_after, m, "--s-after");
    const Subset sb = Subset::parse(args.req.s_before, m, "--s-before");
    critical_window_check_inputs(m, sa, sb, eps);
    if (args.kind == "tv") {
      if (args.mc > 0) throw InputError("--mc", "only plot retention takes --mc");
      Json path;
      std::string note;
      auto engine = args.model.engine(m, path, note);
      const CriticalWindow cw = critical_window(*engine, sa, sb, eps);
      files = plot_render(tv_spec(args, m, *engine, sa, sb, eps, cw), args.out);
    } else {
      RetentionPlotRequest r{args.t_max, args.points, args.mc, args.model.seed, args.model.threads};
      files = plot_render(retention_spec(args.model, m, sa, sb, eps, r), args.out);
    }
  }
  files_write_atomic(files, "--out");
  // Only --json reports (the figure is the output); through emit(), so the Python module gets the object too.
  if (args.model.common.json) {
    Json j = json_header("plot", m);
    j["kind"] = args.kind;
    Json written = Json::array();
    for (const auto& f : files) written.push_back(f.first);
    j["files"] = written;
    emit(args.model.common, j, Table{}, false);
  }
}

[[maybe_unused]] const int registered = command_register(80, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(parent, "plot", "figures: retention curves, forward TVs, window endpoints vs a parameter", run);
  cmd->add_option("KIND", args->kind, "retention, tv or windows")->required()->check(CLI::IsMember({"retention", "tv", "windows"}));
  args->model.add_to(*cmd);
  cmd->add_option("--out", args->out, "output file: .png, .pdf, .svg (gnuplot cairo) or .tex (pgfplots + .dat beside it)")->required();
  cmd->add_option("--eps", args->req.eps, "epsilon in (0,1)");
  cmd->add_option("--s-after", args->req.s_after, "S_after ⊊ S_before: labels or indices")->required();
  cmd->add_option("--s-before", args->req.s_before, "S_before: labels or indices")->required();
  cmd->add_option("--sweep", args->sweep, "windows: " + sweep_parameters_help());
  cmd->add_option("--t-max", args->t_max, "tv, retention on ou: end of the time axis (default 1.4 × the exact T_before + 0.5)");
  add_integer_option(*cmd, "--points", args->points, 2, 2000, "tv, retention: number of times on the axis (default 81, tv on a continuous axis 41; discrete: every time up to this many)");
  add_integer_option(*cmd, "--mc", args->mc, 1, 100000000ULL, "retention: Monte Carlo samples per marked point (99.9% error bars; seed --seed, threads --threads, bit-identical at any thread count)");
});

}  // namespace
}  // namespace critwin::app
