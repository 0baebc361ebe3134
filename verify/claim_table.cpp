#include "verify/claim_table.hpp"

#include <cmath>

#include <fmt/format.h>

#include "model/input_error.hpp"
#include "model/toml_reader.hpp"

namespace critwin::verify {

InputError claim_input_error(const std::string& source, const std::string& claim, const InputError& e) {
  const std::string& f = e.field();
  if (f.rfind(source, 0) == 0) return e;
  const std::string what = e.what();
  const std::string message = what.size() >= f.size() + 2 ? what.substr(f.size() + 2) : what;
  std::string key = f.rfind("--", 0) == 0 ? f.substr(2) : f;
  for (auto& ch : key)
    if (ch == '-') ch = '_';
  return InputError(fmt::format("{}: claim '{}': {}", source, claim, key), message);
}

ClaimTable::ClaimTable(const toml::table& t, std::string source, std::string base_dir)
    : t_(t), source_(std::move(source)), base_dir_(std::move(base_dir)) {}

std::string ClaimTable::field(const std::string& key) const {
  return claim_.empty() ? fmt::format("{}: {}", source_, key) : fmt::format("{}: claim '{}': {}", source_, claim_, key);
}

void ClaimTable::fail(const std::string& key, const std::string& message) const { throw InputError(field(key), message); }

const toml::node* ClaimTable::get(const std::string& key) {
  read_.insert(key);
  return t_.get(key);
}

std::optional<std::string> ClaimTable::opt_string(const std::string& key) {
  const toml::node* n = get(key);
  if (!n) return std::nullopt;
  auto s = n->value<std::string>();
  if (!s || !n->is_string()) fail(key, "must be a string");
  return *s;
}

std::string ClaimTable::req_string(const std::string& key) {
  auto s = opt_string(key);
  if (!s) fail(key, "is required");
  return *s;
}

long ClaimTable::opt_int(const std::string& key, long def, long lo, long hi) {
  const toml::node* n = get(key);
  if (!n) return def;
  auto v = n->value<int64_t>();
  if (!v || !n->is_integer() || *v < lo || *v > hi) fail(key, fmt::format("must be an integer in [{}, {}]", lo, hi));
  return static_cast<long>(*v);
}

std::string ClaimTable::text(const toml::node& n, const std::string& key) const {
  if (n.is_string()) return *n.value<std::string>();
  if (n.is_integer()) return std::to_string(*n.value<int64_t>());
  if (n.is_floating_point()) {
    const double d = *n.value<double>();
    if (!std::isfinite(d)) fail(key, fmt::format("must be a finite number (got {})", d));
    return ExactReal::from_double(d).to_string();
  }
  fail(key, "must be a string or a number");
}

ExactReal ClaimTable::real(const toml::node& n, const std::string& key) const { return toml_reader::to_real(n, field(key)); }

void ClaimTable::check_all_keys_read() const {
  for (const auto& [k, v] : t_) {
    const std::string key(k.str());
    if (!read_.count(key)) fail(key, "unknown key for this claim kind (misspelled? see verify/claims/README.md)");
  }
}

}  // namespace critwin::verify
