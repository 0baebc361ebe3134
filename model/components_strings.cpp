// Model-file reader for `kind = "strings"` components.
#include <set>

#include <fmt/format.h>

#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

using namespace toml_reader;

template <>
StringComponents parse_components<StringComponents>(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "alphabet", "strings"});
  StringComponents s;
  s.alphabet = need_string(c, "alphabet", "components.alphabet");
  if (s.alphabet.empty()) throw InputError("components.alphabet", "must hold at least one character");
  if (std::set<char>(s.alphabet.begin(), s.alphabet.end()).size() != s.alphabet.size())
    throw InputError("components.alphabet", "must not repeat a character");
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
