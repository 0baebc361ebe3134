// Validated readers for TOML fields, shared by every file format critwin reads (model files, tree files,
// claims files). Each reader names the field and the allowed range in its InputError.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "model/exact_real.hpp"

namespace critwin::toml_reader {

// Parses a whole TOML document; a syntax error becomes one InputError on `field` saying
// "SOURCE:LINE:COLUMN: TOML syntax error: …" (toml++'s own exception never reaches the user).
toml::table parse_document(std::string_view text, const std::string& source_name, const std::string& field);

// Rejecting unknown keys turns a typo ("varience") into an error instead of a silently ignored field.
// `where` is the dotted path of the table ("components"; "" for the root).
void check_keys(const toml::table& t, const std::string& where, std::initializer_list<std::string_view> allowed);

const toml::table& need_table(const toml::table& t, std::string_view key);
std::string need_string(const toml::table& t, std::string_view key, const std::string& field);
// An integer in [lo, hi]; InputError naming `field` and the range otherwise (also when missing).
long need_int(const toml::table& t, std::string_view key, const std::string& field, long lo, long hi);
const toml::array& need_array(const toml::table& t, std::string_view key, const std::string& field);

// A real number: a TOML integer, a TOML float (taken as the binary double it is; must be finite), or a
// string holding an exact decimal or rational ("0.1", "3/10", "1e-3"), parsed exactly.
ExactReal to_real(const toml::node& n, const std::string& field);
std::vector<ExactReal> real_array(const toml::array& a, const std::string& field);

}  // namespace critwin::toml_reader
