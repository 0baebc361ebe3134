// Model-file reader for `kind = "strings"` components.
#include <fmt/format.h>

#include "model/alphabet.hpp"
#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

using namespace toml_reader;

template <>
StringComponents parse_components<StringComponents>(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "alphabet", "strings"});
  StringComponents s;
  // The list form (["a", "b"]) is accepted like categorical-product's; strings are character strings, so each
  // symbol must then be one character.
  const std::vector<std::string> symbols = alphabet_parse(c, "components.alphabet");
  for (size_t i = 0; i < symbols.size(); ++i) {
    // The strings engines index positions by byte, so a symbol here is one ASCII character.
    if (symbols[i].size() != 1)
      throw InputError(fmt::format("components.alphabet[{}]", i),
                       fmt::format("must be a single ASCII character for strings components (got \"{}\"; "
                                   "kind = \"categorical-product\" takes any UTF-8 symbols)", symbols[i]));
    s.alphabet += symbols[i];
  }
  const auto& a = need_array(c, "strings", "components.strings");
  if (a.size() != k)
    throw InputError("components.strings", fmt::format("must list one string per component: {} (got {})", k, a.size()));
  for (size_t i = 0; i < k; ++i) {
    std::string f = fmt::format("components.strings[{}]", i);
    if (!a.get(i)->is_string()) throw InputError(f, "must be a string");
    std::string str = a.get(i)->as_string()->get();
    if (str.empty()) throw InputError(f, "must not be empty");
    for (char ch : str)
      if (s.alphabet.find(ch) == std::string::npos)
        throw InputError(f, fmt::format("character '{}' is not in components.alphabet \"{}\"", ch, s.alphabet));
    if (!s.strings.empty() && str.size() != s.strings.front().size())
      throw InputError(f, fmt::format("must have the same length as components.strings[0] ({} characters, got {})",
                                      s.strings.front().size(), str.size()));
    s.strings.push_back(std::move(str));
  }
  return s;
}

}  // namespace critwin
