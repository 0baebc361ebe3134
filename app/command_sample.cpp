// critwin sample: the forward–reverse experiment by Monte Carlo — label frequencies of X' with 99.9% Wilson
// intervals, optionally over a T̂ grid (the retention curve) and with a TV estimate beside the exact fr-tv.
#include <cmath>
#include <cstdio>
#include <optional>

#include <fmt/format.h>
#include <tbb/info.h>

#include "app/command.hpp"
#include "app/model_context.hpp"
#include "app/t_hat_grid.hpp"
#include "app/progress.hpp"
#include "model/input_error.hpp"
#include "samplers/experiment.hpp"
#include "samplers/tv_estimate.hpp"

namespace critwin::app {
namespace {

// 10^15 samples take days on one machine; the cap keeps every count far from 64-bit overflow.
constexpr unsigned long long kMaxSamples = 1000000000000000ULL;

struct Args {
  ModelArgs model;
  std::string t_hat, t_hat_grid, s_init, s_target, reverse = "jump";
  unsigned long long n = 0, seed = 0, tv_n = 0;
  int threads = 0, steps = 0, tv_inner = 0;
  bool quiet = false;
  CLI::Option *threads_opt = nullptr, *steps_opt = nullptr;  // to tell "not given" from 0
};


std::string interval_cell(double v, double lo, double hi) { return fmt::format("{:.6f} [{:.6f}, {:.6f}]", v, lo, hi); }

void run(const Args& args) {
  Model m = args.model.load();
  if (args.n == 0) throw InputError("--n", "must be a positive integer (number of samples)");
  const int threads = args.threads_opt->count() ? args.threads : tbb::info::default_concurrency();
  if (threads < 1 || threads > 1024) throw InputError("--threads", "must be between 1 and 1024");
  Subset si = Subset::parse(args.s_init, m, "--s-init");
  std::optional<Subset> st;
  if (!args.s_target.empty()) st = Subset::parse(args.s_target, m, "--s-target", &si);
  ReverseKind rev = reverse_kind_parse(args.reverse);
  if (args.steps_opt->count() && args.steps < 1) throw InputError("--steps", "must be >= 1");
  if (rev == ReverseKind::jump && args.steps_opt->count()) throw InputError("--steps", "only applies to --reverse localize|sde|ode");

  const auto times = t_hat_points(args.t_hat, args.t_hat_grid, m.process);

  std::unique_ptr<ExactEngine> engine;
  std::string exact_note, retention_note;
  try {
    engine = exact_engine_make(m, args.model.common.precision);
  } catch (const std::exception& e) {
    exact_note = retention_note = e.what();
  }
  // The exact label retention beside the Monte Carlo frequencies, where the exact engine has it (one curve
  // for all the T̂, so the work is shared as in `critwin retention`).
  std::vector<ExactEngine::Retention> exact_retention;
  if (engine) {
    std::vector<TimePoint> ts;
    for (const auto& p : times) ts.push_back(p.second);
    try {
      exact_retention = engine->retention_curve(si, ts);
    } catch (const InputError& e) {
      retention_note = e.what();
    }
  }
  const uint64_t tv_n = args.tv_n ? args.tv_n : std::min<uint64_t>(args.n, 20000);

  Progress progress(!args.quiet && !args.model.common.json);
  Json j = json_header("sample", m);
  j["s_init"] = si.to_string(m);
  if (st) j["s_target"] = st->to_string(m);
  j["reverse"] = std::string(reverse_kind_name(rev));
  j["labels"] = m.labels;
  j["n"] = args.n;
  j["seed"] = args.seed;

  Table tab;
  tab.header = {"t_hat"};
  for (const auto& l : m.labels) tab.header.push_back("freq(" + l + ")");
  tab.header.push_back("retention(S_init)");
  tab.header.push_back("exact label retention");
  if (st) {
    tab.header.push_back("TV est.");
    tab.header.push_back("TV exact");
  }
  Json rows = Json::array();
  for (size_t ti = 0; ti < times.size(); ++ti) {
    const auto& [text, t] = times[ti];
    ExperimentSpec spec{si, t, rev, args.steps};
    LabelCounts c = forward_reverse_run(m, spec, args.n, args.seed, threads, progress.fn("sample " + text));
    Json r;
    for (const auto& w : experiment_warnings(m, spec)) {
      std::fprintf(stderr, "critwin: warning: %s\n", w.c_str());
      r["warnings"].push_back(w);
    }
    r["t_hat"] = text;
    if (rev != ReverseKind::jump) r["steps"] = args.steps ? args.steps : experiment_default_steps(m, spec);
    Json f = Json::array(), lo = Json::array(), hi = Json::array();
    std::vector<std::string> row{text};
    for (int i = 0; i < m.size(); ++i) {
      Proportion p = c.freq(i);
      f.push_back(p.value);
      lo.push_back(p.lo);
      hi.push_back(p.hi);
      row.push_back(interval_cell(p.value, p.lo, p.hi));
    }
    r["label_freq"] = f;
    r["label_freq_lo"] = lo;
    r["label_freq_hi"] = hi;
    Proportion ret = c.freq_of(si);
    r["retention"] = ret.value;
    r["retention_lo"] = ret.lo;
    r["retention_hi"] = ret.hi;
    row.push_back(interval_cell(ret.value, ret.lo, ret.hi));
    if (!exact_retention.empty()) {
      const Estimate& e = exact_retention[ti].label;
      r["retention_exact"] = e.value;
      r["retention_exact_lo"] = e.lo;
      r["retention_exact_hi"] = e.hi;
      r["retention_exact_guarantee"] = guarantee_name(e.guarantee);
      row.push_back(cell(e));
    } else {
      r["retention_exact"] = nullptr;
      r["retention_exact_unavailable"] = retention_note;
      row.push_back("n/a");
    }
    if (st) {
      TvSpec ts{si, *st, t, args.tv_inner};
      TvEstimate e = tv_estimate_run(m, ts, tv_n, args.seed, threads, progress.fn("tv " + text));
      json_put(r, "tv_estimate", e.tv);
      r["tv_n"] = tv_n;
      r["tv_inner"] = e.inner;
      r["tv_bias_allowance"] = e.bias_allowance;
      row.push_back(interval_cell(e.tv.value, e.tv.lo, e.tv.hi));
      std::optional<Estimate> exact;
      if (engine) {
        try {
          exact = engine->fr_tv(si, *st, t);
        } catch (const std::exception& ex) {
          exact_note = ex.what();
        }
      }
      if (exact) {
        json_put(r, "tv_exact", *exact);
        r["tv_exact_guarantee"] = guarantee_name(exact->guarantee);
        row.push_back(cell(*exact));
      } else {
        r["tv_exact"] = nullptr;
        r["tv_exact_unavailable"] = exact_note;
        row.push_back("n/a");
      }
    }
    tab.rows.push_back(row);
    rows.push_back(r);
  }
  if (times.size() == 1 && args.t_hat_grid.empty()) {
    for (auto it = rows[0].begin(); it != rows[0].end(); ++it) j[it.key()] = it.value();
  } else {
    j["rows"] = rows;
  }
  tab.caption = fmt::format("forward-reverse experiment, reverse = {}, n = {}, seed = {}, 99.9% Wilson intervals{}",
                            reverse_kind_name(rev), args.n, args.seed,
                            st ? fmt::format("; TV est. from {} outer samples (see README)", tv_n) : "");
  emit(args.model.common, j, tab);
}

[[maybe_unused]] const int registered = command_register(50, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(parent, "sample", "Monte Carlo forward-reverse experiment: label frequencies of X' with 99.9% intervals", run);
  args->model.add_to(*cmd, false);
  cmd->add_option("--t-hat", args->t_hat, "forward time T̂ in the index set");
  cmd->add_option("--t-hat-grid", args->t_hat_grid, "a:b:n — n values of T̂ from a to b (the retention curve)");
  cmd->add_option("--s-init", args->s_init, "S_init: labels or indices")->required();
  cmd->add_option("--s-target", args->s_target, "S_target: also estimate TV(p^{S_init,T̂}, p^{S_target}) beside the exact value");
  add_integer_option(*cmd, "--n", args->n, 1, kMaxSamples, "number of samples")->required();
  add_integer_option(*cmd, "--seed", args->seed, 0, ~0ULL, "seed; same seed, same result at any thread count")->required();
  args->threads_opt = add_integer_option(*cmd, "--threads", args->threads, 1, 1024, "worker threads (default: all cores)");
  cmd->add_option("--reverse", args->reverse, "jump | localize | sde | ode");
  args->steps_opt = add_integer_option(*cmd, "--steps", args->steps, 1, 100000000, "grid steps for localize/sde/ode");
  add_integer_option(*cmd, "--tv-n", args->tv_n, 1, kMaxSamples, "outer samples of the TV estimate (default min(n, 20000))");
  add_integer_option(*cmd, "--tv-inner", args->tv_inner, 1, 1000000, "inner draws of Y given x for the TV estimate (default 256)");
  cmd->add_flag("--quiet", args->quiet, "no progress bar");
});

}  // namespace
}  // namespace critwin::app
