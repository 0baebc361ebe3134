// critwin window: the Theorem-2 window [T_end, T_start] and its bound for S_init ⊆ S_target.
#include "app/command.hpp"
#include "app/model_context.hpp"
#include "bounds/theorem2_window.hpp"

namespace critwin::app {
namespace {

struct Args {
  ModelArgs model;
  std::string eps, s_init, s_target;
};

void run(const Args& args) {
  Model m = args.model.load();
  ExactReal eps = parse_real_option(args.eps, "--eps");
  theorem2_check_eps(eps);
  Subset si = Subset::parse(args.s_init, m, "--s-init");
  Subset st = Subset::parse(args.s_target, m, "--s-target", &si);
  theorem2_check_inputs(m, si, st, eps);
  Json mc_info;
  std::string mc_note;
  auto engine = args.model.engine(m, mc_info, mc_note);
  Theorem2Window w = theorem2_window(*engine, si, st, eps);
  Json j = json_header("window", m);
  for (auto it = mc_info.begin(); it != mc_info.end(); ++it) j[it.key()] = it.value();
  j["eps"] = eps.to_double();
  j["s_init"] = si.to_string(m);
  j["s_target"] = st.to_string(m);
  json_put_guaranteed(j, "t_start", w.t_start);
  json_put_guaranteed(j, "t_end", w.t_end);
  json_put_guaranteed(j, "W", w.W);
  json_put_guaranteed(j, "bound", w.bound);
  j["nonempty"] = w.nonempty;
  j["nonempty_certain"] = w.nonempty_certain;
  Table tab{{"quantity", "value"},
            {{"T_start", cell(w.t_start)},
             {"T_end", cell(w.t_end)},
             {"W", cell(w.W)},
             {"bound eps(1+max(1,W)/sqrt2)", cell(w.bound)},
             {"nonempty", nonempty_cell(w.nonempty, w.nonempty_certain)}},
            ""};
  if (!mc_note.empty()) tab.caption = mc_note;
  emit(args.model.common, j, tab);
}

[[maybe_unused]] const int registered = command_register(20, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(parent, "window", "Theorem-2 window [T_end, T_start], W and the bound for S_init ⊆ S_target", run);
  args->model.add_to(*cmd);
  cmd->add_option("--eps", args->eps, "epsilon in (0,1)")->required();
  cmd->add_option("--s-init", args->s_init, "S_init: labels or indices")->required();
  cmd->add_option("--s-target", args->s_target, "S_target ⊇ S_init: labels or indices")->required();
});

}  // namespace
}  // namespace critwin::app
