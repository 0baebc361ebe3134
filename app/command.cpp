#include "app/command.hpp"

#include <algorithm>
#include <vector>

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

}  // namespace critwin::app
