// The critwin subcommand registry: each command file registers itself, so a new command is one new
// file in app/ and main.cpp never changes.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include <CLI/CLI.hpp>

namespace critwin::app {

// `order` places the command in --help; `add` attaches the subcommand (and its callback) to `parent`.
int command_register(int order, std::function<void(CLI::App& parent)> add);
void command_add_all(CLI::App& parent);

// Adds the subcommand `name` whose options fill an Args shared with its callback, run(args).
template <class Args>
std::pair<CLI::App*, std::shared_ptr<Args>> command_add(CLI::App& parent, const std::string& name,
                                                        const std::string& description, void (*run)(const Args&)) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = parent.add_subcommand(name, description);
  cmd->callback([args, run] { run(*args); });
  return {cmd, args};
}

}  // namespace critwin::app
