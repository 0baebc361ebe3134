// Errors at the command-line boundary: bounds/ and samplers/ name a quantity (`s_init`, `t_hat`), the user
// typed a flag (`--s-init`, `--t-hat`).
#pragma once

#include <CLI/CLI.hpp>

#include "model/input_error.hpp"

namespace critwin::app {

// The error under the name of the flag of `cmd` that carries its quantity (`s_init` → `--s-init`) when
// `cmd` has such a flag; otherwise (model-file fields, positional names) unchanged.
InputError as_flag(const InputError& e, const CLI::App& cmd);

}  // namespace critwin::app
