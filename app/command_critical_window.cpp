// critwin critical-window: Definition 4's [T_after, T_before] for S_after ⊊ S_before.
#include "app/command.hpp"
#include "app/model_context.hpp"
#include "bounds/critical_window.hpp"
#include "bounds/theorem2_window.hpp"

namespace critwin::app {
namespace {

struct Args {
  ModelArgs model;
  std::string eps, s_after, s_before;
};

void run(const Args& args) {
  Model m = args.model.load();
  ExactReal eps = parse_real_option(args.eps, "--eps");
  theorem2_check_eps(eps);
  Subset sa = Subset::parse(args.s_after, m, "--s-after");
  Subset sb = Subset::parse(args.s_before, m, "--s-before");
  critical_window_check_inputs(m, sa, sb, eps);
  Json mc_info;
  std::string mc_note;
  auto engine = args.model.engine(m, mc_info, mc_note);
  CriticalWindow cw = critical_window(*engine, sa, sb, eps);
  Json j = json_header("critical-window", m);
  for (auto it = mc_info.begin(); it != mc_info.end(); ++it) j[it.key()] = it.value();
  j["eps"] = eps.to_double();
  j["s_after"] = sa.to_string(m);
  j["s_before"] = sb.to_string(m);
  json_put_guaranteed(j, "t_after", cw.t_after);
  json_put_guaranteed(j, "t_before", cw.t_before);
  j["nonempty"] = cw.nonempty;
  j["nonempty_certain"] = cw.nonempty_certain;
  Table tab{{"quantity", "value"},
            {{"T_after", cell(cw.t_after)}, {"T_before", cell(cw.t_before)}, {"nonempty", nonempty_cell(cw.nonempty, cw.nonempty_certain)}},
            ""};
  if (!mc_note.empty()) tab.caption = mc_note;
  emit(args.model.common, j, tab);
}

[[maybe_unused]] const int registered = command_register(30, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(parent, "critical-window", "Definition-4 critical window [T_after, T_before]", run);
  args->model.add_to(*cmd);
  cmd->add_option("--eps", args->eps, "epsilon in (0,1)")->required();
  cmd->add_option("--s-after", args->s_after, "S_after ⊊ S_before: labels or indices")->required();
  cmd->add_option("--s-before", args->s_before, "S_before: labels or indices")->required();
});

}  // namespace
}  // namespace critwin::app
