// critwin fr-tv: TV(p^{S_init, T̂}, p^{S_target}) of the forward–reverse experiment.
#include <fmt/format.h>

#include "app/command.hpp"
#include "app/model_context.hpp"

namespace critwin::app {
namespace {

struct Args {
  ModelArgs model;
  std::string t_hat, s_init, s_target;
};

void run(const Args& args) {
  Model m = args.model.load();
  TimePoint t = TimePoint::parse(args.t_hat, m.process, "--t-hat");
  Subset si = Subset::parse(args.s_init, m, "--s-init");
  Subset st = Subset::parse(args.s_target, m, "--s-target", &si);
  Json mc_info;
  std::string mc_note;
  auto engine = args.model.engine(m, mc_info, mc_note);
  const Estimate tv = engine->fr_tv(si, st, t);
  // The exact engine handed this fr-tv to Monte Carlo (e.g. more than 16 collinear Gaussian atoms): say so.
  if (tv.guarantee == Guarantee::monte_carlo && mc_info.value("engine", "") == "exact" && !mc_info.contains("fr_tv_engine")) {
    mc_info["fr_tv_engine"] = "monte-carlo";
    mc_info["samples"] = args.model.samples;
    mc_info["seed"] = args.model.seed;
    mc_note = fmt::format("Monte Carlo (no exact fr-tv for this model): {} samples, seed {}, 99.9% interval",
                          args.model.samples, args.model.seed);
  }
  emit_pair_tv(args.model.common, m,
               {"fr-tv", {"t_hat", "s_init", "s_target"}, {"t_hat", "S_init", "S_target"},
                {args.t_hat, si.to_string(m), st.to_string(m)}, "TV(p^{S_init,t_hat}, p^{S_target})"},
               tv, mc_info, mc_note);
}

[[maybe_unused]] const int registered = command_register(40, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(parent, "fr-tv", "TV between the forward-reverse output p^{S_init,T} and p^{S_target}", run);
  args->model.add_to(*cmd);
  cmd->add_option("--t-hat", args->t_hat, "forward time T̂ in the index set")->required();
  cmd->add_option("--s-init", args->s_init, "S_init: labels or indices")->required();
  cmd->add_option("--s-target", args->s_target, "S_target: labels or indices, or 'rest'")->required();
});

}  // namespace
}  // namespace critwin::app
