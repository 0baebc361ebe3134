// Model-file reader for `kind = "categorical-product"` components.
#include <fmt/format.h>

#include "model/alphabet.hpp"
#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

using namespace toml_reader;

namespace {

// The exact engine keys prefixes by the set of components that can still emit them: a 64-bit mask.
constexpr size_t kMaxComponents = 64;

// One row: `[p_0, …, p_{V−1}]` or `{ probs = [...], repeat = n }`. `f` names the row.
CategoricalProductComponents::Run parse_row(const toml::node& n, const std::string& f, size_t symbols, long length) {
  CategoricalProductComponents::Run run;
  const toml::array* probs = nullptr;
  std::string pf = f;
  if (n.is_array()) {
    probs = n.as_array();
  } else if (n.is_table()) {
    const toml::table& t = *n.as_table();
    check_keys(t, f, {"probs", "repeat"});
    probs = &need_array(t, "probs", f + ".probs");
    pf = f + ".probs";
    if (t.get("repeat")) run.repeat = static_cast<int>(need_int(t, "repeat", f + ".repeat", 1, length));
  } else {
    throw InputError(f, "must be a list of probabilities (one per alphabet symbol) or { probs = [...], repeat = n }");
  }
  run.probs = real_array(*probs, pf);
  if (run.probs.size() != symbols)
    throw InputError(f, fmt::format("must list one probability per alphabet symbol: {} (got {})", symbols, run.probs.size()));
  ExactReal sum;
  for (size_t v = 0; v < symbols; ++v) {
    if (run.probs[v].sign() < 0 || run.probs[v] > ExactReal::from_int(1))
      throw InputError(fmt::format("{}[{}]", pf, v),
                       fmt::format("must be a probability in [0, 1] (got {})", run.probs[v].to_string()));
    sum = sum + run.probs[v];
  }
  if (!(sum == ExactReal::from_int(1)))
    throw InputError(f, fmt::format("must sum to exactly 1 (the sum is {}); TOML floats are taken as the binary double "
                                    "they are, so write probabilities as strings such as \"0.3\" or \"3/10\"",
                                    sum.to_string()));
  return run;
}

}  // namespace

template <>
CategoricalProductComponents parse_components<CategoricalProductComponents>(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "alphabet", "length", "tables"});
  CategoricalProductComponents out;
  out.alphabet = alphabet_parse(c, "components.alphabet");
  out.length = static_cast<int>(need_int(c, "length", "components.length", 1, 10000000));
  const auto& tables = need_array(c, "tables", "components.tables");
  if (tables.size() != k)
    throw InputError("components.tables", fmt::format("must list one table per component: {} (got {})", k, tables.size()));
  if (k > kMaxComponents)
    throw InputError("components.tables", fmt::format("supports at most {} components (got {})", kMaxComponents, k));
  for (size_t th = 0; th < k; ++th) {
    const std::string tf = fmt::format("components.tables[{}]", th);
    const toml::node* tn = tables.get(th);
    if (!tn->is_array()) throw InputError(tf, "must be a list of rows, one per position (a row may carry `repeat`)");
    const auto& rows = *tn->as_array();
    std::vector<CategoricalProductComponents::Run> table;
    long total = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
      const std::string rf = fmt::format("{}[{}]", tf, r);
      table.push_back(parse_row(*rows.get(r), rf, out.alphabet.size(), out.length));
      total += table.back().repeat;
      if (total > out.length)
        throw InputError(rf, fmt::format("runs past components.length = {} positions (rows so far cover {})", out.length,
                                         total));
    }
    if (total != out.length)
      throw InputError(tf, fmt::format("must cover components.length = {} positions (its rows cover {})", out.length, total));
    out.tables.push_back(std::move(table));
  }
  return out;
}

}  // namespace critwin
