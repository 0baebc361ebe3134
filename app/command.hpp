// The critwin subcommand registry: each command file registers itself, so a new command is one new
// file in app/ and main.cpp never changes.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace critwin::app {

// `order` places the command in --help; `add` attaches the subcommand (and its callback) to `parent`.
int command_register(int order, std::function<void(CLI::App& parent)> add);
void command_add_all(CLI::App& parent);

}  // namespace critwin::app
