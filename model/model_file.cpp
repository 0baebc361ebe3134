#include "model/model_file.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "model/input_error.hpp"

namespace critwin {

namespace {

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

GaussianComponents parse_gaussian(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "dim", "means", "variance"});
  GaussianComponents g;
  g.dim = static_cast<int>(need_int(c, "dim", "components.dim", 1, 1000000));
  const auto& means = need_array(c, "means", "components.means");
  if (means.size() != k)
    throw InputError("components.means", fmt::format("must list one mean per component: {} (got {})", k, means.size()));
  for (size_t i = 0; i < k; ++i) {
    std::string f = fmt::format("components.means[{}]", i);
    if (!means.get(i)->is_array()) throw InputError(f, fmt::format("must be an array of {} real numbers", g.dim));
    auto v = real_array(*means.get(i)->as_array(), f);
    if (static_cast<int>(v.size()) != g.dim)
      throw InputError(f, fmt::format("must have dim = {} entries (got {})", g.dim, v.size()));
    g.means.push_back(std::move(v));
  }
  const auto* var = c.get("variance");
  if (!var) throw InputError("components.variance", "missing; must be a real number >= 0 (0: point masses)");
  g.variance = to_real(*var, "components.variance");
  if (g.variance.sign() < 0) throw InputError("components.variance", "must be a real number >= 0 (0: point masses)");
  return g;
}

BernoulliProductComponents parse_bernoulli(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "length", "probs"});
  BernoulliProductComponents b;
  b.length = static_cast<int>(need_int(c, "length", "components.length", 1, 100000000));
  b.probs = real_array(need_array(c, "probs", "components.probs"), "components.probs");
  if (b.probs.size() != k)
    throw InputError("components.probs",
                     fmt::format("must list one success probability per component: {} (got {})", k, b.probs.size()));
  for (size_t i = 0; i < k; ++i)
    if (b.probs[i].sign() <= 0 || b.probs[i] >= ExactReal::from_int(1))
      throw InputError(fmt::format("components.probs[{}]", i),
                       fmt::format("must be in the open interval (0, 1) (got {})", b.probs[i].to_string()));
  return b;
}

StringComponents parse_strings(const toml::table& c, size_t k) {
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

Process parse_process(const toml::table& p, const Components& comps) {
  Process pr;
  std::string kind = need_string(p, "kind", "process.kind");
  bool gaussian = std::holds_alternative<GaussianComponents>(comps);
  if (kind == "ou") {
    pr.kind = ProcessKind::ou;
    if (!gaussian) throw InputError("process.kind", "'ou' needs gaussian components; sequence families take truncate, random-mask or ordered-mask");
    check_keys(p, "process", {"kind"});
    return pr;
  }
  if (kind == "truncate") pr.kind = ProcessKind::truncate;
  else if (kind == "random-mask") pr.kind = ProcessKind::random_mask;
  else if (kind == "ordered-mask") pr.kind = ProcessKind::ordered_mask;
  else throw InputError("process.kind", fmt::format("must be one of ou, truncate, random-mask, ordered-mask (got '{}')", kind));
  if (gaussian) throw InputError("process.kind", fmt::format("'{}' needs a sequence family (bernoulli-product or strings); gaussian components take 'ou'", kind));
  if (const auto* b = std::get_if<BernoulliProductComponents>(&comps)) pr.length = b->length;
  else pr.length = std::get<StringComponents>(comps).length();
  if (pr.kind == ProcessKind::ordered_mask) {
    check_keys(p, "process", {"kind", "order"});
    if (const auto* o = p.get("order")) {
      if (!o->is_array()) throw InputError("process.order", "must be an array of positions");
      std::vector<bool> seen(static_cast<size_t>(pr.length), false);
      for (size_t i = 0; i < o->as_array()->size(); ++i) {
        const auto* e = o->as_array()->get(i);
        std::string f = fmt::format("process.order[{}]", i);
        if (!e->is_integer()) throw InputError(f, fmt::format("must be an integer position in [0, {}]", pr.length - 1));
        long v = static_cast<long>(e->as_integer()->get());
        if (v < 0 || v >= pr.length || seen[static_cast<size_t>(v)])
          throw InputError(f, fmt::format("must be a position in [0, {}] not listed before (got {})", pr.length - 1, v));
        seen[static_cast<size_t>(v)] = true;
        pr.order.push_back(static_cast<int>(v));
      }
      if (static_cast<int>(pr.order.size()) != pr.length)
        throw InputError("process.order", fmt::format("must be a permutation of all {} positions 0..{} (got {} entries)",
                                                      pr.length, pr.length - 1, pr.order.size()));
    } else {
      for (int i = 0; i < pr.length; ++i) pr.order.push_back(i);
    }
  } else {
    check_keys(p, "process", {"kind"});
  }
  return pr;
}

}  // namespace

Model model_file_parse(std::string_view text, const std::string& source_name) {
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    throw InputError("model file", fmt::format("{}:{}:{}: TOML syntax error: {}", source_name, e.source().begin.line,
                                               e.source().begin.column, e.description()));
  }
  check_keys(root, "", {"name", "mixture", "components", "process"});
  Model m;
  m.name = root.get("name") ? need_string(root, "name", "name") : source_name;

  const auto& mix = need_table(root, "mixture");
  check_keys(mix, "mixture", {"weights", "labels"});
  m.weights = real_array(need_array(mix, "weights", "mixture.weights"), "mixture.weights");
  if (m.weights.empty()) throw InputError("mixture.weights", "must list at least one positive weight");
  ExactReal sum;
  for (size_t i = 0; i < m.weights.size(); ++i) {
    if (m.weights[i].sign() <= 0)
      throw InputError(fmt::format("mixture.weights[{}]", i), fmt::format("must be > 0 (got {})", m.weights[i].to_string()));
    sum = sum + m.weights[i];
  }
  if (!(sum == ExactReal::from_int(1)))
    throw InputError("mixture.weights",
                     fmt::format("must sum to exactly 1 (the sum is {:.17g}); TOML floats are taken as the binary double "
                                 "they are, so write weights as strings such as \"0.3\" or \"3/10\" for exact decimals",
                                 sum.to_double()));
  const size_t k = m.weights.size();
  if (const auto* l = mix.get("labels")) {
    if (!l->is_array() || l->as_array()->size() != k)
      throw InputError("mixture.labels", fmt::format("must be an array of {} distinct strings, one per weight", k));
    std::set<std::string> seen;
    for (size_t i = 0; i < k; ++i) {
      const auto* e = l->as_array()->get(i);
      std::string f = fmt::format("mixture.labels[{}]", i);
      if (!e->is_string() || e->as_string()->get().empty())
        throw InputError(f, "must be a non-empty string");
      std::string s = e->as_string()->get();
      if (s == "rest" || s.find(',') != std::string::npos || !seen.insert(s).second)
        throw InputError(f, fmt::format("'{}' must be unique, contain no ',' and not be the word 'rest'", s));
      m.labels.push_back(s);
    }
  } else {
    for (size_t i = 0; i < k; ++i) m.labels.push_back(std::to_string(i));
  }

  const auto& comps = need_table(root, "components");
  std::string kind = need_string(comps, "kind", "components.kind");
  if (kind == "gaussian") m.components = parse_gaussian(comps, k);
  else if (kind == "bernoulli-product") m.components = parse_bernoulli(comps, k);
  else if (kind == "strings") m.components = parse_strings(comps, k);
  else throw InputError("components.kind", fmt::format("must be one of gaussian, bernoulli-product, strings (got '{}')", kind));

  m.process = parse_process(need_table(root, "process"), m.components);
  return m;
}

Model model_file_load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("MODEL", fmt::format("cannot open model file '{}'", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return model_file_parse(ss.str(), path);
}

}  // namespace critwin
