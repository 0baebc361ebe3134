// Reading a model file's `alphabet`: either one string whose characters are the symbols ("ab") or a list of
// distinct non-empty symbol strings (["yes", "no"]). Shared by the strings and categorical-product families.
#pragma once

#include <string>
#include <vector>

#include <toml++/toml.h>

namespace critwin {

// The symbols in order (the string form is split into UTF-8 characters — code points — not bytes); InputError
// naming `field` (or `field[i]`) when missing, empty, repeated or not valid UTF-8 (with the byte offset).
std::vector<std::string> alphabet_parse(const toml::table& components, const std::string& field);

}  // namespace critwin
