// Reading claims files (TOML, a list of [[claim]] tables); every problem — a syntax error, a missing or unknown
// key, a misspelled table, a bad value — is an InputError naming the file, the claim and the key.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "verify/claim.hpp"

namespace critwin::verify {

std::vector<Claim> claims_file_load(const std::string& path);
// `base_dir` resolves relative `model` paths.
std::vector<Claim> claims_file_parse(std::string_view toml_text, const std::string& source_name, const std::string& base_dir);

}  // namespace critwin::verify
