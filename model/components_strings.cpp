// Model-file reader for `kind = "strings"` components.
#include <unordered_map>

#include <fmt/format.h>

#include "model/alphabet.hpp"
#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/toml_reader.hpp"
#include "model/utf8.hpp"

namespace critwin {

using namespace toml_reader;

std::string StringComponents::text(size_t theta) const {
  std::string out;
  for (const char code : codes.at(theta)) out += alphabet[static_cast<unsigned char>(code)];
  return out;
}

namespace {

bool single_characters(const std::vector<std::string>& alphabet) {
  for (const auto& s : alphabet)
    if (utf8_char_length(s, 0) != s.size()) return false;
  return true;
}

// The alphabet as the error messages quote it: "αβγ" when every symbol is one character, else a list.
std::string alphabet_quoted(const std::vector<std::string>& alphabet) {
  if (single_characters(alphabet)) {
    std::string joined;
    for (const auto& s : alphabet) joined += s;
    return "\"" + joined + "\"";
  }
  std::string list;
  for (const auto& s : alphabet) list += (list.empty() ? "\"" : ", \"") + s + "\"";
  return "[" + list + "]";
}

// Splits `str` into symbols of `alphabet` (a prefix code, so at most one symbol begins at each offset) and
// returns their indices as bytes. `f` names the string in errors.
std::string encode(const std::string& str, const std::vector<std::string>& alphabet, const std::string& f) {
  if (const auto bad = utf8_invalid_offset(str)) throw InputError(f, utf8_invalid_message(static_cast<unsigned char>(str[*bad]), *bad));
  // Symbols by their first character: one look-up per position, whatever the alphabet's size.
  std::unordered_map<std::string, std::vector<size_t>> by_first;
  for (size_t v = 0; v < alphabet.size(); ++v) by_first[alphabet[v].substr(0, utf8_char_length(alphabet[v], 0))].push_back(v);
  std::string codes;
  for (size_t p = 0; p < str.size();) {
    const std::string ch = str.substr(p, utf8_char_length(str, p));  // valid: checked above
    const auto it = by_first.find(ch);
    size_t v = alphabet.size();
    if (it != by_first.end())
      for (size_t cand : it->second)
        if (str.compare(p, alphabet[cand].size(), alphabet[cand]) == 0) v = cand;
    if (v == alphabet.size()) {
      const std::string where = fmt::format("symbol {} (counting from 0; byte offset {})", codes.size(), p);
      if (single_characters(alphabet))
        throw InputError(f, fmt::format("{} is '{}', which is not in components.alphabet {}", where, ch,
                                        alphabet_quoted(alphabet)));
      throw InputError(f, fmt::format("{}: no symbol of components.alphabet {} matches the text there, which begins "
                                      "with '{}'", where, alphabet_quoted(alphabet), ch));
    }
    codes += static_cast<char>(static_cast<unsigned char>(v));
    p += alphabet[v].size();
  }
  return codes;
}

}  // namespace

template <>
StringComponents parse_components<StringComponents>(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "alphabet", "strings"});
  StringComponents s;
  // Either form of categorical-product's alphabet: "αβγ" (one symbol per character) or ["α", "β", "γ"].
  s.alphabet = alphabet_parse(c, "components.alphabet");
  if (s.alphabet.size() > StringComponents::max_symbols)
    throw InputError("components.alphabet", fmt::format("supports at most {} symbols for strings components (got {})",
                                                       StringComponents::max_symbols, s.alphabet.size()));
  // The strings are written as symbols one after another, so they must split into symbols one way only: the
  // list form may hold multi-character symbols provided no symbol begins another (a prefix code, read left
  // to right). Distinct single characters always qualify.
  const bool list_form = c.get("alphabet")->is_array();
  for (size_t j = 0; j < s.alphabet.size(); ++j)
    for (size_t i = 0; i < s.alphabet.size(); ++i)
      if (i != j && s.alphabet[j].starts_with(s.alphabet[i]))
        throw InputError(list_form ? fmt::format("components.alphabet[{}]", j) : std::string("components.alphabet"),
                         fmt::format("'{}' begins with symbol {} '{}': the symbols of a strings alphabet must not begin "
                                     "one another (a prefix code), so each string splits into symbols one way",
                                     s.alphabet[j], i, s.alphabet[i]));
  const auto& a = need_array(c, "strings", "components.strings");
  if (a.size() != k)
    throw InputError("components.strings", fmt::format("must list one string per component: {} (got {})", k, a.size()));
  for (size_t i = 0; i < k; ++i) {
    const std::string f = fmt::format("components.strings[{}]", i);
    if (!a.get(i)->is_string()) throw InputError(f, "must be a string");
    const std::string& str = a.get(i)->as_string()->get();
    if (str.empty()) throw InputError(f, "must not be empty");
    std::string codes = encode(str, s.alphabet, f);
    if (!s.codes.empty() && codes.size() != s.codes.front().size())
      throw InputError(f, fmt::format("must have the same length as components.strings[0] ({} symbols, got {})",
                                      s.codes.front().size(), codes.size()));
    s.codes.push_back(std::move(codes));
  }
  return s;
}

}  // namespace critwin
