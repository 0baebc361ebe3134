// critwin fr-tv: TV(p^{S_init, T̂}, p^{S_target}) of the forward–reverse experiment.
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
  auto engine = exact_engine_make(m, args.model.common.precision);
  emit_pair_tv(args.model.common, m,
               {"fr-tv", {"t_hat", "s_init", "s_target"}, {"t_hat", "S_init", "S_target"},
                {args.t_hat, si.to_string(m), st.to_string(m)}, "TV(p^{S_init,t_hat}, p^{S_target})"},
               engine->fr_tv(si, st, t));
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
