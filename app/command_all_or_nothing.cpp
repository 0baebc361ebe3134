// critwin all-or-nothing: the detection curve n ↦ TV(P_n, Q_n) of a planted-spike or sparse-regression model
// with its certified bounds, the 0.1 → 0.9 transition in units of N*, its sharpening with M, and BoE
// Theorem 6's window next to the exact Definition-4 window of the sequence model (THEORY.md §8).
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <tbb/info.h>

#include "app/all_or_nothing_text.hpp"
#include "app/command.hpp"
#include "app/model_context.hpp"
#include "bounds/all_or_nothing_transition.hpp"
#include "bounds/critical_window.hpp"
#include "bounds/planted_spike/planted_spike_engine.hpp"
#include "bounds/planted_spike/planted_spike_sharpening.hpp"
#include "bounds/sparse_regression/sparse_regression_engine.hpp"
#include "model/input_error.hpp"
#include "samplers/sparse_regression/sparse_regression_sampler.hpp"

namespace critwin::app {
namespace {

struct Args {
  ModelArgs model;
  std::string n_grid, sharpening, eps = "1/10";
  unsigned long long samples = 4000, seed = 1;
  int threads = 0;
};

struct Row {
  long n = 0;
  Estimate tv;
  std::string guarantee;
  double upper = 1, lower = 0;  // rigorous (certified) bounds on TV(P_n, Q_n)
};

// "a:b:k": k >= 1 integer points from a to b (0 <= a <= b <= length), duplicates after rounding removed.
std::vector<long> parse_n_grid(const std::string& text, long length) {
  const std::string field = "--n-grid";
  if (text.empty()) {
    std::vector<long> out;
    const long k = std::min<long>(length, 100);
    for (long i = 1; i <= k; ++i) out.push_back(std::max(1L, (length * i) / k));
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  long a = 0, b = 0, k = 0;
  char c1 = 0, c2 = 0;
  std::istringstream in(text);
  if (!(in >> a >> c1 >> b >> c2 >> k) || c1 != ':' || c2 != ':' || !in.eof())
    throw InputError(field, "must be a:b:k with integers 0 <= a <= b <= length and k >= 1 (got '" + text + "')");
  if (a < 0 || b < a || b > length || k < 1)
    throw InputError(field, fmt::format("must be a:b:k with 0 <= a <= b <= length = {} and k >= 1 (got '{}')", length, text));
  std::set<long> pts;
  for (long i = 0; i < k; ++i) pts.insert(k == 1 ? a : a + static_cast<long>(std::llround(static_cast<double>(b - a) * i / (k - 1))));
  return {pts.begin(), pts.end()};
}

std::vector<long> parse_dims(const std::string& text) {
  std::vector<long> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    const long v = std::strtol(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || v < 2 || v > (1L << 30))
      throw InputError("--sharpening", "must be a comma list of dimensions M in [2, 2^30] (got '" + text + "')");
    out.push_back(v);
  }
  return out;
}

Row planted_row(const PlantedSpikeComponents& c, long n) {
  Row r{n, planted_spike_detection_tv(c, n), "estimated", 1, 0};
  if (n == 0) {
    r.guarantee = "exact";
    r.upper = 0;
    return r;
  }
  const PlantedSpikeParams p{c.dim, c.snr};
  r.upper = std::min({1.0, planted_spike_second_moment_upper(p, n).hi, planted_spike_truncated_second_moment_upper(p, n).bound.hi});
  r.lower = planted_spike_max_test_lower(p, n).bound.lo;
  return r;
}

Row sparse_row(const SparseRegressionComponents& c, long n, const Args& args, int threads) {
  const Estimate bounds = sparse_regression_detection_tv_bounds(c, n);
  Row r{n, sparse_regression_detection_tv_mc(c, n, args.samples, args.seed, threads), n == 0 ? "exact" : "monte-carlo",
        bounds.hi, bounds.lo};
  // The certified bounds also bound the truth: intersect (the Monte Carlo band stays as measured otherwise).
  r.tv.lo = std::max(r.tv.lo, r.lower);
  r.tv.hi = std::min(r.tv.hi, r.upper);
  return r;
}

Json crossing_json(const Crossing& c) {
  Json j;
  j["lo"] = c.lo ? Json(*c.lo) : Json(nullptr);
  j["hi"] = c.hi ? Json(*c.hi) : Json(nullptr);
  return j;
}

// Six decimals rounded outward, so a printed lower (upper) bound is still a lower (upper) bound.
std::string bound_text(double v, bool upper) {
  const double scaled = v * 1e6;
  return fmt::format("{:.6f}", (upper ? std::ceil(scaled) : std::floor(scaled)) / 1e6);
}

Json opt_json(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

void run(const Args& args, CLI::Option* threads_opt) {
  Model m = args.model.load();
  const auto* spike = m.family<PlantedSpikeComponents>();
  const auto* sparse = m.family<SparseRegressionComponents>();
  if (!spike && !sparse)
    throw InputError("components.kind", fmt::format("all-or-nothing needs a planted-spike or sparse-regression model (got '{}')",
                                                    m.family_name()));
  if (args.samples == 0) throw InputError("--samples", "must be a positive integer");
  const int threads = threads_opt->count() ? args.threads : static_cast<int>(tbb::info::default_concurrency());
  if (threads < 1 || threads > 1024) throw InputError("--threads", "must be between 1 and 1024");
  const ExactReal eps = parse_real_option(args.eps, "--eps");
  if (eps.sign() <= 0 || eps >= ExactReal::from_int(1)) throw InputError("--eps", "must be in the open interval (0, 1)");
  const long length = spike ? spike->length : sparse->length;
  const std::vector<long> grid = parse_n_grid(args.n_grid, length);
  std::vector<long> dims;
  if (!args.sharpening.empty()) {
    if (!spike) throw InputError("--sharpening", "is available for planted-spike models only (no exact TV for sparse regression)");
    dims = parse_dims(args.sharpening);
  }

  const Ball n_star = spike ? planted_spike_n_star(PlantedSpikeParams{spike->dim, spike->snr})
                            : sparse_regression_n_star(sparse_regression_params(*sparse));
  const double ns = n_star.mid();
  std::vector<Row> rows;
  for (long n : grid) rows.push_back(spike ? planted_row(*spike, n) : sparse_row(*sparse, n, args, threads));
  std::vector<AonPoint> pts;
  for (const Row& r : rows) pts.push_back({r.n, r.tv});
  const Transition tr = aon_transition(pts, ns);
  const auto t6 = aon_theorem6_window(tr, ns, length);

  // The sequence model's own Definition-4 window, S_after = signal, S_before = Θ (truncate index t = N − n;
  // the paper's token index of Definition 7 adds the query token and the label: t + 2).
  // Sparse regression has only a certified TV interval (no exact TV), too wide for Definition 4's
  // comparisons with 1 − ε² and ε: its window is not reported.
  std::optional<CriticalWindow> cw;
  if (spike) {
    auto engine = exact_engine_make(m, args.model.common.precision);
    const Subset s_after(std::vector<int>{0}), s_before = Subset::all(2);
    critical_window_check_inputs(m, s_after, s_before, eps);
    cw = critical_window(*engine, s_after, s_before, eps);
  }

  Json j = json_header("all-or-nothing", m);
  json_put(j, "n_star", Estimate::from_ball(n_star));
  if (sparse) {
    j["samples"] = args.samples;
    j["seed"] = args.seed;
  }
  Json jr = Json::array();
  Table tab{{"n", "n/N*", "TV", "guarantee", "lower bound", "upper bound"}, {}, ""};
  for (const Row& r : rows) {
    Json o;
    o["n"] = r.n;
    o["n_over_nstar"] = static_cast<double>(r.n) / ns;
    json_put(o, "tv", r.tv);
    o["guarantee"] = r.guarantee;
    o["upper_bound"] = r.upper;
    o["lower_bound"] = r.lower;
    jr.push_back(o);
    tab.rows.push_back({std::to_string(r.n), fmt::format("{:.4f}", static_cast<double>(r.n) / ns),
                        cell(r.tv), r.guarantee, bound_text(r.lower, false), bound_text(r.upper, true)});
  }
  j["rows"] = jr;
  Json jt;
  jt["n_tv_0.1"] = crossing_json(tr.low);
  jt["n_tv_0.9"] = crossing_json(tr.high);
  jt["width_over_nstar_lo"] = opt_json(tr.width_over_nstar_lo);
  jt["width_over_nstar_hi"] = opt_json(tr.width_over_nstar_hi);
  j["transition"] = jt;
  std::string sharp_text;
  if (!dims.empty()) {
    Json js = Json::array();
    for (long M : dims) {
      const SharpeningRow sr = planted_spike_sharpening(M, spike->snr);
      const Transition& t = sr.transition;
      const double nsM = sr.n_star;
      Json o;
      o["dim"] = M;
      o["n_star"] = nsM;
      o["n_tv_0.1"] = crossing_json(t.low);
      o["n_tv_0.9"] = crossing_json(t.high);
      o["width_over_nstar_lo"] = opt_json(t.width_over_nstar_lo);
      o["width_over_nstar_hi"] = opt_json(t.width_over_nstar_hi);
      js.push_back(o);
      sharp_text += fmt::format("\n  M = {}: N* = {:.3f}, width/N* {}", M, nsM, aon_width_text(t));
    }
    j["sharpening"] = js;
  }
  Json jw;
  if (t6) {
    jw["delta"] = t6->delta;
    jw["t_lo"] = t6->t_lo;
    jw["t_hi"] = t6->t_hi;
  }
  j["theorem6_window"] = t6 ? jw : Json(nullptr);
  Json jd;
  if (cw) {
    jd["eps"] = eps.to_double();
    json_put(jd, "t_after", cw->t_after);
    json_put(jd, "t_before", cw->t_before);
    jd["token_offset"] = 2;  // add to t for the token index of Definition 7 (query token and label)
  }
  j["definition4_window"] = cw ? jd : Json(nullptr);

  tab.caption = fmt::format(
      "N* = {:.6f}; TV crosses 0.1 at n = {}, 0.9 at n = {}; width/N* {}; Theorem 6 window {}; "
      "Definition-4 window (eps = {}, truncate index) {}{}",
      ns, aon_crossing_text(tr.low, grid.back()), aon_crossing_text(tr.high, grid.back()), aon_width_text(tr),
      t6 ? fmt::format("[{:.3f}, {:.3f}] (delta = {:.4f})", t6->t_lo, t6->t_hi, t6->delta) : std::string("undetermined on this grid"),
      eps.to_string(), cw ? "[" + cell(cw->t_after) + ", " + cell(cw->t_before) + "]" : std::string("not available (no exact TV)"),
      sharp_text);
  emit(args.model.common, j, tab);
}

[[maybe_unused]] const int registered = command_register(75, [](CLI::App& parent) {
  auto args = std::make_shared<Args>();
  auto* cmd = parent.add_subcommand("all-or-nothing",
                                    "Detection TV curve, bounds, transition and Theorem-6 window (planted-spike, sparse-regression)");
  args->model.add_to(*cmd, false);
  cmd->add_option("--n-grid", args->n_grid, "a:b:k — k observation counts n from a to b (default: 100 points up to the length)");
  add_integer_option(*cmd, "--samples", args->samples, 1, 1000000000ULL,
                     "Monte Carlo samples per n where no exact TV exists (default 4000)");
  add_integer_option(*cmd, "--seed", args->seed, 0, ~0ULL, "Monte Carlo seed (default 1)");
  auto* threads_opt = add_integer_option(*cmd, "--threads", args->threads, 1, 1024,
                                         "threads (default: all cores); results do not depend on it");
  cmd->add_option("--sharpening", args->sharpening, "M1,M2,…: the transition width for other dimensions (planted-spike)");
  cmd->add_option("--eps", args->eps, "epsilon of the Definition-4 window (default 1/10)");
  cmd->callback([args, threads_opt] { command_run_on_ranks("all-or-nothing", [&] { run(*args, threads_opt); }); });
});

}  // namespace
}  // namespace critwin::app
