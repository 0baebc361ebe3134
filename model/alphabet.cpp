#include "model/alphabet.hpp"

#include <set>

#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin {

std::vector<std::string> alphabet_parse(const toml::table& c, const std::string& field) {
  const toml::node* n = c.get("alphabet");
  if (!n) throw InputError(field, "is required: a string of symbol characters or a list of symbol strings");
  std::vector<std::string> out;
  if (n->is_string()) {
    // Characters, not bytes: "αβ" is two symbols. TOML strings are valid UTF-8 (toml++ checks), so the lead
    // byte gives each character's length.
    const std::string& str = n->as_string()->get();
    for (size_t i = 0; i < str.size();) {
      const auto lead = static_cast<unsigned char>(str[i]);
      const size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      out.push_back(str.substr(i, len));
      i += len;
    }
  } else if (n->is_array()) {
    const auto& a = *n->as_array();
    for (size_t i = 0; i < a.size(); ++i) {
      const auto* e = a.get(i);
      if (!e->is_string() || e->as_string()->get().empty())
        throw InputError(fmt::format("{}[{}]", field, i), "must be a non-empty string");
      out.push_back(e->as_string()->get());
    }
  } else {
    throw InputError(field, "must be a string of symbol characters or a list of symbol strings");
  }
  if (out.empty()) throw InputError(field, "must hold at least one symbol");
  std::set<std::string> seen;
  for (size_t i = 0; i < out.size(); ++i)
    if (!seen.insert(out[i]).second)
      throw InputError(n->is_array() ? fmt::format("{}[{}]", field, i) : field,
                       fmt::format("must not repeat a symbol ('{}' appears twice)", out[i]));
  return out;
}

}  // namespace critwin
