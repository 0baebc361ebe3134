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

// Under mpirun, the commands that deal their work to the ranks (samplers/distributed.hpp) run on every rank;
// any other command runs on rank 0 alone, as one process, while the other ranks wait for its outcome.
bool command_is_distributed(const std::string& name);
// Runs `run` as this rank should (see above), or not at all while command_parse_only is set. Every command's
// callback goes through it.
void command_run_on_ranks(const std::string& name, const std::function<void()>& run);

// While set on this thread, command_run_on_ranks does nothing: run_json_check_syntax parses a command line without
// running it. (Replacing the callbacks instead would free the Args they own while the options still point into them.)
inline thread_local bool command_parse_only = false;

// Adds the subcommand `name` whose options fill an Args shared with its callback, run(args).
template <class Args>
std::pair<CLI::App*, std::shared_ptr<Args>> command_add(CLI::App& parent, const std::string& name,
                                                        const std::string& description, void (*run)(const Args&)) {
  auto args = std::make_shared<Args>();
  CLI::App* cmd = parent.add_subcommand(name, description);
  cmd->callback([args, run, name] { command_run_on_ranks(name, [&] { run(*args); }); });
  return {cmd, args};
}

}  // namespace critwin::app
