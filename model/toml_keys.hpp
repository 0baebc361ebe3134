// Unknown-key rejection shared by every TOML reader (model files, tree files): a typo ("varience") becomes an
// error naming the key instead of a silently ignored field.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace critwin {

// Throws InputError("<where>.<key>", "unknown key; allowed keys here are: …") for the first key of `t` not in
// `allowed`; `where` is the table's path ("" for the document root).
void toml_check_keys(const toml::table& t, const std::string& where, std::initializer_list<std::string_view> allowed);

}  // namespace critwin
