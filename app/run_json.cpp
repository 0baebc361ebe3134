#include "app/run_json.hpp"

#include <mutex>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "app/cli_field.hpp"
#include "app/command.hpp"
#include "app/model_context.hpp"
#include "app/output.hpp"
#include "samplers/block_runner.hpp"

namespace critwin::app {

namespace {

// command_add_all sorts the shared registry in place, so building Apps from several threads is serialized.
std::unique_ptr<CLI::App> make_app() {
  static std::mutex mu;
  std::lock_guard lock(mu);
  auto app = std::make_unique<CLI::App>("critwin");
  app->require_subcommand(1);
  command_add_all(*app);
  return app;
}

// Restores a thread-local hook on every exit path.
template <class T>
struct Scoped {
  T& slot;
  T saved;
  Scoped(T& s, T v) : slot(s), saved(s) { slot = v; }
  ~Scoped() { slot = saved; }
};

}  // namespace

RunResult run_json(const std::vector<std::string>& args, const Model* model) {
  // A fresh CLI::App per run: a parsed App keeps its options' values, and commands share Args through it.
  auto app = make_app();
  std::vector<std::string> argv_s{"critwin"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  argv_s.emplace_back("--json");
  std::vector<const char*> argv;
  for (const auto& s : argv_s) argv.push_back(s.c_str());
  RunResult r;
  EmitCapture capture(&r.json);
  Scoped<const Model*> preload(model_preloaded(), model);
  try {
    if (auto e = unknown_words(*app, static_cast<int>(argv.size()), argv.data())) throw *e;
    app->parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    // The CLI prints e.what() (exit 2); --help and friends have nowhere to print to here.
    throw std::invalid_argument(e.what());
  } catch (const InputError& e) {
    const CLI::App* cmd = app->get_subcommands().empty() ? app.get() : app->get_subcommands().front();
    const InputError mapped = as_flag(e, *cmd);
    throw InputError(mapped.field(), mapped.message());
  } catch (const Interrupted&) {
    throw;
  } catch (const std::runtime_error& e) {
    // Output already produced and then a failure (verify: claims not matching their expectation).
    if (r.json.is_null()) throw;
    r.failure = e.what();
  }
  // A command that prints its JSON itself instead of through emit() would hand nothing back.
  if (r.json.is_null())
    throw std::logic_error("critwin " + (args.empty() ? std::string() : args.front()) +
                           " printed its --json object without app::emit(), so it cannot be run in-process");
  return r;
}

InputError command_error(const std::string& command, const InputError& e) {
  static const auto app = make_app();
  for (const CLI::App* cmd : app->get_subcommands({}))
    if (cmd->get_name() == command) return as_flag(e, *cmd);
  return e;
}

std::optional<InputError> run_json_check_words(const std::vector<std::string>& args) {
  static const auto app = make_app();
  std::vector<const char*> argv{"critwin"};
  for (const auto& s : args) argv.push_back(s.c_str());
  return unknown_words(*app, static_cast<int>(argv.size()), argv.data());
}

std::optional<InputError> run_json_check_syntax(const std::vector<std::string>& args) {
  auto app = make_app();
  Scoped<bool> parse_only(command_parse_only, true);
  std::vector<std::string> argv_s{"critwin"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const auto& s : argv_s) argv.push_back(s.c_str());
  try {
    if (auto e = unknown_words(*app, static_cast<int>(argv.size()), argv.data())) return e;
    app->parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::ParseError& e) {
    return InputError("command line", parse_error_text(e, *app));
  } catch (const InputError& e) {
    const CLI::App* cmd = app->get_subcommands().empty() ? app.get() : app->get_subcommands().front();
    return as_flag(e, *cmd);
  }
  return std::nullopt;
}

bool command_has_option(const std::string& command, const std::string& flag) {
  static const auto app = make_app();
  for (const CLI::App* cmd : app->get_subcommands({}))
    if (cmd->get_name() == command) return cmd->get_option_no_throw(flag) != nullptr;
  return false;
}

bool command_option_is_flag(const std::string& command, const std::string& flag) {
  static const auto app = make_app();
  for (const CLI::App* cmd : app->get_subcommands({}))
    if (cmd->get_name() == command) {
      const CLI::Option* o = cmd->get_option_no_throw(flag);
      return o != nullptr && o->get_expected_max() == 0;  // add_flag sets expected(0)
    }
  return false;
}

std::vector<std::string> command_names() {
  static const auto app = make_app();
  std::vector<std::string> out;
  for (const CLI::App* cmd : app->get_subcommands({})) out.push_back(cmd->get_name());
  return out;
}

}  // namespace critwin::app
