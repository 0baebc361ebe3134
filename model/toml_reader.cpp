#include "model/toml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "model/input_error.hpp"
#include "model/utf8.hpp"

namespace critwin::toml_reader {

namespace {

// The key or value of `node` (at dotted path `path`) whose text holds `marker`, with the marker's byte offset in
// that text; nullopt when none does.
std::optional<std::pair<std::string, size_t>> find_marker(const toml::node& node, const std::string& path,
                                                          std::string_view marker) {
  if (const auto* s = node.as_string())
    if (const size_t at = s->get().find(marker); at != std::string::npos) return std::pair{path, at};
  if (const auto* t = node.as_table())
    for (const auto& [key, value] : *t) {
      const std::string sub = path.empty() ? std::string(key.str()) : path + "." + std::string(key.str());
      if (const size_t at = key.str().find(marker); at != std::string_view::npos) return std::pair{sub, at};
      if (auto hit = find_marker(value, sub, marker)) return hit;
    }
  if (const auto* a = node.as_array())
    for (size_t i = 0; i < a->size(); ++i)
      if (auto hit = find_marker(*a->get(i), fmt::format("{}[{}]", path, i), marker)) return hit;
  return std::nullopt;
}

// toml++ stops at invalid UTF-8 with a line and column only. To name the key or value that holds the first bad
// byte (`bad`, a byte offset in `text`), the document is parsed again with that byte replaced by a noncharacter
// the text does not contain (and later bad bytes by U+FFFD), and the parsed tree is searched for it.
InputError invalid_utf8_error(std::string_view text, size_t bad, const std::string& source_name,
                              const std::string& field, const toml::parse_error& e) {
  const toml::source_position& where = e.source().begin;
  const unsigned char byte = static_cast<unsigned char>(text[bad]);
  const std::string place =
      fmt::format("{}:{}:{}, byte offset {} of the file", source_name, where.line, where.column, bad);
  constexpr std::string_view marker = "\U0010FFFE";
  if (text.find(marker) == std::string_view::npos) {
    std::string clean;
    for (size_t i = 0; i < text.size();) {
      if (const size_t n = utf8_char_length(text, i)) {
        clean.append(text.substr(i, n));
        i += n;
      } else {
        clean += i == bad ? marker : std::string_view("\uFFFD");
        ++i;
      }
    }
    try {
      const toml::table doc = toml::parse(clean, source_name);
      if (const auto hit = find_marker(doc, "", marker))
        return InputError(hit->first, fmt::format("{} ({})", utf8_invalid_message(byte, hit->second), place));
    } catch (const toml::parse_error&) {
      // Another syntax error as well: toml++'s message, with the byte.
    }
  }
  return InputError(field, fmt::format("{}:{}:{}: TOML syntax error: {} (the file is not valid UTF-8 at byte offset {}: "
                                       "0x{:02X})", source_name, where.line, where.column, e.description(), bad, byte));
}

}  // namespace

toml::table parse_document(std::string_view text, const std::string& source_name, const std::string& field) {
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    // toml++ reports the first problem in the file; it is the invalid UTF-8 when that is on the same line.
    if (const auto bad = utf8_invalid_offset(text);
        bad && 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(*bad), '\n') ==
                   static_cast<std::ptrdiff_t>(e.source().begin.line))
      throw invalid_utf8_error(text, *bad, source_name, field, e);
    throw InputError(field, fmt::format("{}:{}:{}: TOML syntax error: {}", source_name, e.source().begin.line,
                                        e.source().begin.column, e.description()));
  }
}

// Rejecting unknown keys turns a typo ("varience") into an error instead of a silently ignored field.
void check_keys(const toml::table& t, const std::string& where, std::initializer_list<std::string_view> allowed) {
  for (const auto& [k, v] : t) {
    bool ok = false;
    for (auto a : allowed) ok = ok || k.str() == a;
    if (!ok) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      throw InputError(where.empty() ? std::string(k.str()) : where + "." + std::string(k.str()),
                       fmt::format("unknown key; allowed keys here are: {}", list));
    }
  }
}

const toml::table& need_table(const toml::table& t, std::string_view key) {
  const auto* n = t.get(key);
  if (!n) throw InputError(std::string(key), "missing table [" + std::string(key) + "]");
  if (!n->is_table()) throw InputError(std::string(key), "must be a table [" + std::string(key) + "]");
  return *n->as_table();
}

std::string need_string(const toml::table& t, std::string_view key, const std::string& field) {
  const auto* n = t.get(key);
  if (!n) throw InputError(field, "missing (a string is required)");
  if (!n->is_string()) throw InputError(field, "must be a string");
  return n->as_string()->get();
}

long need_int(const toml::table& t, std::string_view key, const std::string& field, long lo, long hi) {
  const auto* n = t.get(key);
  auto range = fmt::format("must be an integer in [{}, {}]", lo, hi);
  if (!n) throw InputError(field, "missing; " + range);
  if (!n->is_integer()) throw InputError(field, range);
  long v = static_cast<long>(n->as_integer()->get());
  if (v < lo || v > hi) throw InputError(field, range + fmt::format(" (got {})", v));
  return v;
}

ExactReal to_real(const toml::node& n, const std::string& field) {
  if (n.is_integer()) return ExactReal::from_int(static_cast<long>(n.as_integer()->get()));
  if (n.is_floating_point()) {
    double d = n.as_floating_point()->get();
    if (!std::isfinite(d)) throw InputError(field, "must be a finite real number");
    return ExactReal::from_double(d);
  }
  if (n.is_string()) {
    auto v = ExactReal::parse(n.as_string()->get());
    if (!v)
      throw InputError(field, fmt::format("'{}' is not an exact decimal or rational (examples: \"0.1\", \"3/10\", \"1e-3\")",
                                          n.as_string()->get()));
    return *v;
  }
  throw InputError(field, "must be a real number (a TOML number, or a string holding a decimal or rational)");
}

const toml::array& need_array(const toml::table& t, std::string_view key, const std::string& field) {
  const auto* n = t.get(key);
  if (!n) throw InputError(field, "missing (an array is required)");
  if (!n->is_array()) throw InputError(field, "must be an array");
  return *n->as_array();
}

std::vector<ExactReal> real_array(const toml::array& a, const std::string& field) {
  std::vector<ExactReal> out;
  for (size_t i = 0; i < a.size(); ++i) out.push_back(to_real(*a.get(i), fmt::format("{}[{}]", field, i)));
  return out;
}

}  // namespace critwin::toml_reader
