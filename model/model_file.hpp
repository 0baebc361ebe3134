// Reads and validates a TOML model file (format in DESIGN.md). Every problem is an InputError that
// names the TOML field and the allowed range.
#pragma once

#include <string>
#include <string_view>

#include "model/model.hpp"

namespace critwin {

Model model_file_load(const std::string& path);
Model model_file_parse(std::string_view toml_text, const std::string& source_name = "<string>");

}  // namespace critwin
