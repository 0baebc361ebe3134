#include "model/alphabet.hpp"

#include <map>

#include <fmt/format.h>

#include "model/input_error.hpp"
#include "model/utf8.hpp"

namespace critwin {

std::vector<std::string> alphabet_parse(const toml::table& c, const std::string& field) {
  const toml::node* n = c.get("alphabet");
  if (!n) throw InputError(field, "is required: a string of symbol characters or a list of symbol strings");
  std::vector<std::string> out;
  if (n->is_string()) {
    // Characters, not bytes: "αβ" is two symbols.
    out = utf8_characters(n->as_string()->get(), field);
  } else if (n->is_array()) {
    const auto& a = *n->as_array();
    for (size_t i = 0; i < a.size(); ++i) {
      const std::string f = fmt::format("{}[{}]", field, i);
      const auto* e = a.get(i);
      if (!e->is_string() || e->as_string()->get().empty()) throw InputError(f, "must be a non-empty string");
      utf8_characters(e->as_string()->get(), f);  // validates: a symbol is UTF-8 text
      out.push_back(e->as_string()->get());
    }
  } else {
    throw InputError(field, "must be a string of symbol characters or a list of symbol strings");
  }
  if (out.empty()) throw InputError(field, "must hold at least one symbol");
  std::map<std::string, size_t> first;
  for (size_t i = 0; i < out.size(); ++i)
    if (const auto [it, fresh] = first.emplace(out[i], i); !fresh)
      throw InputError(n->is_array() ? fmt::format("{}[{}]", field, i) : field,
                       fmt::format("must not repeat a symbol: '{}' is symbol {} and again symbol {} (counting from 0)",
                                   out[i], it->second, i));
  return out;
}

}  // namespace critwin
