// Reading claims files (TOML, a list of [[claim]] tables); every problem is an InputError naming the file,
// the claim and the field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "verify/claim.hpp"

namespace critwin::verify {

std::vector<Claim> claims_file_load(const std::string& path);
// `base_dir` resolves relative `model` paths.
std::vector<Claim> claims_file_parse(std::string_view toml_text, const std::string& source_name, const std::string& base_dir);

// The model text of a closed-form-window/theorem2 claim at one parameter point (placeholders ${name}
// replaced); InputError when a placeholder has no parameter.
std::string claim_model_text(const Claim& c, const ParamPoint& p);

}  // namespace critwin::verify
