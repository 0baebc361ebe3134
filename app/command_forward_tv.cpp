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
  auto engine = exact_engine_make(m, args.model.common.precision);
  emit_pair_tv(args.model.common, m,
               {"forward-tv", {"t", "a", "b"}, {"t", "A", "B"}, {args.t, a.to_string(m), b.to_string(m)}, "TV(p_t^A, p_t^B)"},
               engine->forward_tv(a, b, t));
}

[[maybe_unused]] const int registered = command_register(10, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(parent, "forward-tv", "TV(p_t^A, p_t^B) between two sub-mixtures observed at time t", run);
  args->model.add_to(*cmd);
  cmd->add_option("--t", args->t, "time in the process's index set (e.g. 1.5, 3/2, inf)")->required();
  cmd->add_option("--a", args->a, "subset A: labels or indices, comma separated")->required();
  cmd->add_option("--b", args->b, "subset B: labels or indices, or 'rest' for the complement of A")->required();
});

}  // namespace
}  // namespace critwin::app
