// critwin retention: the exact retention curves of the forward–reverse experiment started in S_init
// (THEORY.md §6) — latent retention P(θ′ ∈ S_init), label retention P(label(X′) ∈ S_init) and the cloning
// probability φ(T̂) — at one T̂ or over a grid.
#include <fmt/format.h>

#include "app/command.hpp"
#include "app/model_context.hpp"
#include "app/retention_report.hpp"
#include "app/t_hat_grid.hpp"
#include "model/input_error.hpp"
#include "samplers/sampler_factory.hpp"

namespace critwin::app {
namespace {

struct Args {
  ModelArgs model;
  std::string t_hat, t_hat_grid, s_init;
};

// The row contract asks for value, _lo and _hi of each quantity whatever its guarantee.
void put_interval(Json& r, const std::string& key, const Estimate& e) {
  r[key] = e.value;
  r[key + "_lo"] = e.lo;
  r[key + "_hi"] = e.hi;
}

}  // namespace

void retention_report(const ModelArgs& model_args, const Model& m, const Subset& si,
                      const std::vector<std::pair<std::string, TimePoint>>& points) {
  Json j = json_header("retention", m);
  std::string note;
  auto engine = model_args.engine(m, j, note);
  std::vector<TimePoint> ts;
  for (const auto& p : points) ts.push_back(p.second);
  std::vector<ExactEngine::Retention> curve;
  try {
    curve = engine->retention_curve(si, ts);
  } catch (const InputError& e) {
    // The exact engine has no retention path for this model: the family's Monte Carlo engine, if any.
    if (e.field() == "s_init" || e.field() == "t_hat" || j["engine"] != "exact") throw;
    const auto& a = model_args;
    auto mc = family_monte_carlo_engine_make(m, a.common.precision, a.mc_options());
    if (!mc) throw;
    try {
      curve = mc->retention_curve(si, ts);
    } catch (const InputError&) {
      throw e;  // no Monte Carlo retention either (categorical products, icl): the exact engine's reason
    }
    j["engine"] = "monte-carlo";
    j["exact_unavailable"] = e.what();
    j["samples"] = a.samples;
    j["seed"] = a.seed;
    // The refusal (JSON exact_unavailable) ends in advice to use Monte Carlo, which is what happens here: the
    // caption keeps only the reason.
    std::string why = e.message();
    if (const size_t advice = why.find("; use "); advice != std::string::npos) why.resize(advice);
    note = a.monte_carlo_note("Monte Carlo (" + why + ")");
  }
  // The detection families' engine has exact forward TVs but Monte Carlo retention: say which path made these rows.
  if (j["engine"] == "exact" && !curve.empty() && curve.front().guarantee() == Guarantee::monte_carlo) {
    j["engine"] = "monte-carlo";
    j.erase("fr_tv_engine");
    note = model_args.monte_carlo_note("Monte Carlo (no exact retention path)");
  }
  j["s_init"] = si.to_string(m);
  j["w_s_init"] = m.weight(si).to_double();
  Table tab;
  tab.header = {"t_hat", "latent R", "label R_label", "cloning phi", "guarantee"};
  Json rows = Json::array();
  long bits = 0;
  for (size_t i = 0; i < points.size(); ++i) {
    const auto& r = curve[i];
    Json row;
    row["t_hat"] = points[i].first;
    put_interval(row, "latent", r.latent);
    put_interval(row, "label", r.label);
    put_interval(row, "cloning", r.cloning);
    row["guarantee"] = guarantee_name(r.guarantee());
    for (const auto* e : {&r.latent, &r.label, &r.cloning}) bits = precision_combine(bits, e->precision_bits);
    rows.push_back(row);
    tab.rows.push_back({points[i].first, cell(r.latent), cell(r.label), cell(r.cloning), guarantee_name(r.guarantee())});
  }
  j["rows"] = rows;
  j["precision_used"] = bits;
  tab.caption = fmt::format("retention of S_init = {} (w = {}) in the forward-reverse experiment{}", si.to_string(m),
                            m.weight(si).to_string(), note.empty() ? "" : "; " + note);
  emit(model_args.common, j, tab);
}

namespace {

void run(const Args& args) {
  Model m = args.model.load();
  Subset si = Subset::parse(args.s_init, m, "--s-init");
  retention_report(args.model, m, si, t_hat_points(args.t_hat, args.t_hat_grid, m.process));
}

[[maybe_unused]] const int registered = command_register(45, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(
      parent, "retention", "Exact retention curves: P(theta' in S_init), P(label(X') in S_init), cloning probability", run);
  args->model.add_to(*cmd);
  cmd->add_option("--t-hat", args->t_hat, "forward time T̂ in the index set (one row)");
  cmd->add_option("--t-hat-grid", args->t_hat_grid, "a:b:n — n values of T̂ from a to b (the curve)");
  cmd->add_option("--s-init", args->s_init, "S_init: labels or indices")->required();
});

}  // namespace
}  // namespace critwin::app
