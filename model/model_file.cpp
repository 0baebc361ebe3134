#include "model/model_file.hpp"

#include <cctype>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/input_file.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

namespace {

using namespace toml_reader;

// The family whose `kind` matches, through its parse_components specialization; the variant's alternatives
// are the list of families, so this needs no edit when a family is added.
Components parse_any_components(const toml::table& c, size_t k, const std::string& kind) {
  std::optional<Components> out;
  [&]<size_t... I>(std::index_sequence<I...>) {
    (void)((kind == std::variant_alternative_t<I, Components>::kind
                ? (out.emplace(parse_components<std::variant_alternative_t<I, Components>>(c, k)), true)
                : false) ||
           ...);
  }(std::make_index_sequence<std::variant_size_v<Components>>());
  if (!out) {
    std::string list;
    for (auto name : component_kinds()) list += (list.empty() ? "" : ", ") + std::string(name);
    throw InputError("components.kind", fmt::format("must be one of {} (got '{}')", list, kind));
  }
  return std::move(*out);
}

// The labels of a family with a fixed set of components (`default_labels`), or none.
std::optional<std::vector<std::string>> default_labels_of(const std::string& kind) {
  std::optional<std::vector<std::string>> out;
  [&]<size_t... I>(std::index_sequence<I...>) {
    auto one = [&]<class F>(F*) {
      if constexpr (requires { F::default_labels; })
        if (kind == F::kind) out.emplace(F::default_labels.begin(), F::default_labels.end());
    };
    (one(static_cast<std::variant_alternative_t<I, Components>*>(nullptr)), ...);
  }(std::make_index_sequence<std::variant_size_v<Components>>());
  return out;
}

Process parse_process(const toml::table& p, const Components& comps) {
  Process pr;
  std::string kind = need_string(p, "kind", "process.kind");
  std::string all;
  for (ProcessKind k : all_process_kinds) all += (all.empty() ? "" : ", ") + std::string(process_kind_name(k));
  bool known = false;
  for (ProcessKind k : all_process_kinds)
    if (kind == process_kind_name(k)) pr.kind = k, known = true;
  if (!known) throw InputError("process.kind", fmt::format("must be one of {} (got '{}')", all, kind));
  const unsigned allowed = std::visit([](const auto& c) { return c.processes; }, comps);
  if (!(allowed & process_bit(pr.kind))) {
    std::string list;
    for (ProcessKind k : all_process_kinds)
      if (allowed & process_bit(k)) list += (list.empty() ? "" : ", ") + std::string(process_kind_name(k));
    throw InputError("process.kind", fmt::format("'{}' is not available for {} components; they take: {}", kind,
                                                 std::visit([](const auto& c) { return c.kind; }, comps), list));
  }
  pr.length = std::visit([](const auto& c) { return c.sequence_length().value_or(0); }, comps);
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

// [mixture]: weights (exact, positive, summing to 1) and optional labels.
void parse_mixture(const toml::table& mix, Model& m) {
  check_keys(mix, "mixture", {"weights", "labels"});
  m.weights = real_array(need_array(mix, "weights", "mixture.weights"), "mixture.weights");
  if (m.weights.empty()) throw InputError("mixture.weights", "must list at least one positive weight");
  ExactReal sum;
  for (size_t i = 0; i < m.weights.size(); ++i) {
    if (m.weights[i].sign() <= 0)
      throw InputError(fmt::format("mixture.weights[{}]", i), fmt::format("must be > 0 (got {})", m.weights[i].to_string()));
    sum = sum + m.weights[i];
  }
  if (!(sum == ExactReal::from_int(1))) {
    // Say by how much, exactly: a float sum off by 2^-55 prints as 1 in any decimal format.
    const ExactReal off = sum - ExactReal::from_int(1);
    throw InputError("mixture.weights",
                     fmt::format("must sum to exactly 1 (the sum {} 1 by {:.3g}, exactly {}); TOML floats are taken as "
                                 "the binary double they are (0.1 is 0.1000000000000000055…), so write weights as "
                                 "strings such as \"0.3\" or \"3/10\" for exact decimals",
                                 off.sign() > 0 ? "exceeds" : "falls short of",
                                 std::abs(off.to_double()), (off.sign() > 0 ? off : ExactReal() - off).to_string()));
  }
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
      if (s == "rest" || s == "all" || s.find(',') != std::string::npos || !seen.insert(s).second)
        throw InputError(f, fmt::format("'{}' must be unique, contain no ',' and not be the word 'rest' or 'all'", s));
      if (std::isspace(static_cast<unsigned char>(s.front())) || std::isspace(static_cast<unsigned char>(s.back())))
        throw InputError(f, fmt::format("'{}' must not start or end with white space", s));
      // Subsets accept labels and indices; a label made of digits that is not its own index would make
      // "1" mean two different components.
      if (s.find_first_not_of("0123456789") == std::string::npos && s != std::to_string(i))
        throw InputError(f, fmt::format("'{}' looks like an index but names component {}; a label made of digits must "
                                        "equal its own index", s, i));
      m.labels.push_back(s);
    }
  } else {
    for (size_t i = 0; i < k; ++i) m.labels.push_back(std::to_string(i));
  }
}

}  // namespace

Model model_file_parse(std::string_view text, const std::string& source_name) {
  const toml::table root = toml_reader::parse_document(text, source_name, "model file");
  check_keys(root, "", {"name", "mixture", "components", "process"});
  Model m;
  m.name = root.get("name") ? need_string(root, "name", "name") : source_name;

  const auto& comps = need_table(root, "components");
  const std::string kind = need_string(comps, "kind", "components.kind");
  if (const auto labels = default_labels_of(kind); labels && !root.get("mixture")) {
    m.labels = *labels;
    m.weights.assign(labels->size(), ExactReal::from_int(1) / ExactReal::from_int(static_cast<long>(labels->size())));
  } else {
    parse_mixture(need_table(root, "mixture"), m);
  }
  m.components = parse_any_components(comps, m.weights.size(), kind);

  m.process = parse_process(need_table(root, "process"), m.components);
  return m;
}

Model model_file_load(const std::string& path) { return model_file_parse(input_file_read(path, "MODEL", "model file"), path); }

}  // namespace critwin
