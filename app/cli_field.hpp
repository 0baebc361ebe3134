// Errors at the command-line boundary: bounds/ and samplers/ name a quantity (`s_init`, `t_hat`), the user
// typed a flag (`--s-init`, `--t-hat`); a mistyped command or flag is named, with the nearest valid one.
#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "model/input_error.hpp"

namespace critwin::app {

// The error under the name of the flag of `cmd` that carries its quantity (`s_init` → `--s-init`) when
// `cmd` has such a flag; otherwise (model-file fields, positional names) unchanged.
InputError as_flag(const InputError& e, const CLI::App& cmd);

// Checks the command word and every `--flag` of argv against `app` before CLI11 parses, so that a typo is
// reported as what it is ("unknown option '--epss' for 'window'; did you mean '--eps'?") rather than as
// a missing required option. nullopt when every word is known.
// Also refuses an option that takes one value given twice, naming both values.
std::optional<InputError> unknown_words(const CLI::App& app, int argc, const char* const* argv);

// CLI11's text for a parse error, reworded where it is unclear: extra positional arguments are named with
// what the command takes.
std::string parse_error_text(const CLI::ParseError& e, const CLI::App& app);

}  // namespace critwin::app
