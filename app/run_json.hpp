// critwin commands run in-process, as `critwin ARGS --json` would, for callers that want the JSON object
// itself (the Python module): the same parsing, validation, computation and JSON as the command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/estimate_json.hpp"
#include "model/input_error.hpp"
#include "model/model.hpp"

namespace critwin::app {

struct RunResult {
  Json json;            // the object `--json` prints (null if the command printed nothing)
  std::string failure;  // a failure after the output, as the CLI reports it with exit 1 (verify's mismatches)
};

// `args` is argv without the program name and without --json (added here). With `model` set, the command's
// ModelArgs::load() returns a copy of it instead of reading the MODEL argument, which must still be given.
// Input errors (exit status 2 on the command line) throw InputError carrying the message the CLI prints
// after "critwin: error: ", flags named as the command line names them; argument syntax errors (CLI11's)
// throw std::invalid_argument with CLI11's message, as printed.
RunResult run_json(const std::vector<std::string>& args, const Model* model = nullptr);

// An InputError thrown by `command`'s computation under the flag names the CLI prints (`t_hat` → `--t-hat`).
InputError command_error(const std::string& command, const InputError& e);

// Checks the command word and `--flag`s of `args` (argv without the program name) without running anything:
// the InputError the command line would print for an unknown command or option, nullopt when all are known.
std::optional<InputError> run_json_check_words(const std::vector<std::string>& args);
// Parses `args` as the command line would, without running the command: the error it would print for a missing
// required option, a value CLI11 refuses or an integer out of range (InputError, flags as the CLI names them), or
// nullopt.
std::optional<InputError> run_json_check_syntax(const std::vector<std::string>& args);
// Whether `command` has the option `flag` ("--quiet").
bool command_has_option(const std::string& command, const std::string& flag);
// Whether that option is a flag (takes no value, e.g. "--quiet"); false for options with a value and unknown ones.
bool command_option_is_flag(const std::string& command, const std::string& flag);

// The registered command names, in --help order.
std::vector<std::string> command_names();

}  // namespace critwin::app
