// critwin forward-tv: TV(p_t^A, p_t^B) for one time.
#include "app/command.hpp"
#include "app/model_context.hpp"

namespace critwin::app {
namespace {

struct Args {
  ModelArgs model;
  std::string t, a, b;
};

void run(const Args& args) {
  Model m = args.model.load();
  TimePoint t = TimePoint::parse(args.t, m.process, "--t");
  Subset a = Subset::parse(args.a, m, "--a");
  Subset b = Subset::parse(args.b, m, "--b", &a);
  Json mc_info;
  std::string mc_note;
  auto engine = args.model.engine(m, mc_info, mc_note);
  Estimate tv = engine->forward_tv(a, b, t);
  Json j = json_header("forward-tv", m);
  for (auto it = mc_info.begin(); it != mc_info.end(); ++it) j[it.key()] = it.value();
  j["t"] = args.t;
  j["a"] = a.to_string(m);
  j["b"] = b.to_string(m);
  json_put(j, "tv", tv);
  j["guarantee"] = guarantee_name(tv.guarantee);
  Table tab{{"t", "A", "B", "TV(p_t^A, p_t^B)", "guarantee"}, {{args.t, a.to_string(m), b.to_string(m), cell(tv), guarantee_name(tv.guarantee)}}, ""};
  if (!mc_note.empty()) tab.caption = mc_note;
  emit(args.model.common, j, tab);
}

[[maybe_unused]] const int registered = command_register(10, [](CLI::App& parent) {
  auto args = std::make_shared<Args>();
  auto* cmd = parent.add_subcommand("forward-tv", "TV(p_t^A, p_t^B) between two sub-mixtures observed at time t");
  args->model.add_to(*cmd);
  cmd->add_option("--t", args->t, "time in the process's index set (e.g. 1.5, 3/2, inf)")->required();
  cmd->add_option("--a", args->a, "subset A: labels or indices, comma separated")->required();
  cmd->add_option("--b", args->b, "subset B: labels or indices, or 'rest' for the complement of A")->required();
  cmd->callback([args] { run(*args); });
});

}  // namespace
}  // namespace critwin::app
