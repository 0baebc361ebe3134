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
  Json mc_info;
  std::string mc_note;
  auto engine = args.model.engine(m, mc_info, mc_note);
  Estimate tv = engine->fr_tv(si, st, t);
  Json j = json_header("fr-tv", m);
  for (auto it = mc_info.begin(); it != mc_info.end(); ++it) j[it.key()] = it.value();
  j["t_hat"] = args.t_hat;
  j["s_init"] = si.to_string(m);
  j["s_target"] = st.to_string(m);
  json_put(j, "tv", tv);
  j["guarantee"] = guarantee_name(tv.guarantee);
  Table tab{{"t_hat", "S_init", "S_target", "TV(p^{S_init,t_hat}, p^{S_target})", "guarantee"},
            {{args.t_hat, si.to_string(m), st.to_string(m), cell(tv), guarantee_name(tv.guarantee)}}, ""};
  if (!mc_note.empty()) tab.caption = mc_note;
  emit(args.model.common, j, tab);
}

[[maybe_unused]] const int registered = command_register(40, [](CLI::App& parent) {
  auto args = std::make_shared<Args>();
  auto* cmd = parent.add_subcommand("fr-tv", "TV between the forward-reverse output p^{S_init,T} and p^{S_target}");
  args->model.add_to(*cmd);
  cmd->add_option("--t-hat", args->t_hat, "forward time T̂ in the index set")->required();
  cmd->add_option("--s-init", args->s_init, "S_init: labels or indices")->required();
  cmd->add_option("--s-target", args->s_target, "S_target: labels or indices, or 'rest'")->required();
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace critwin::app
