#include "app/command.hpp"

#include <algorithm>
#include <vector>

#include "samplers/distributed.hpp"

namespace critwin::app {

namespace {
std::vector<std::pair<int, std::function<void(CLI::App&)>>>& registry() {
  static std::vector<std::pair<int, std::function<void(CLI::App&)>>> r;
  return r;
}
}  // namespace

int command_register(int order, std::function<void(CLI::App&)> add) {
  registry().emplace_back(order, std::move(add));
  return order;
}

void command_add_all(CLI::App& parent) {
  auto& r = registry();
  std::stable_sort(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [order, add] : r) add(parent);
}

bool command_is_distributed(const std::string& name) { return name == "sample" || name == "verify" || name == "sweep"; }

void command_run_on_ranks(const std::string& name, const std::function<void()>& run) {
  if (command_parse_only) return;
  const bool everywhere = command_is_distributed(name);
  // At the top of the program the other ranks leave a rank-0 command to rank 0; inside work dealt to this rank (a
  // sweep's query, run in-process) nothing is distributing and the command runs here.
  if (!everywhere && dist::distributing() && !dist::is_root()) return;
  dist::LocalScope local(!everywhere);
  dist::test_failure_point("start");
  run();
}

}  // namespace critwin::app
