// Model-file reader for `kind = "icl"` components (in-context learning, BoE Examples 6 and 11).
#include <fmt/format.h>

#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

using namespace toml_reader;

namespace {

// The cap keeps 3N tokens and the count enumerations in range; the exact engine has its own, smaller,
// cost limits (bounds/icl/icl_engine.cpp) and names this field when it refuses.
constexpr long kMaxExamples = 1000000;

// A probability vector read exactly: entries in [0, 1] summing to exactly 1.
std::vector<ExactReal> probability_row(const toml::node& n, const std::string& field, size_t expected_size) {
  if (!n.is_array()) throw InputError(field, "must be an array of probabilities");
  std::vector<ExactReal> row = real_array(*n.as_array(), field);
  if (expected_size && row.size() != expected_size)
    throw InputError(field, fmt::format("must have {} entries, one per output (got {})", expected_size, row.size()));
  if (row.empty()) throw InputError(field, "must list at least one probability");
  ExactReal sum;
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i].sign() < 0 || row[i] > ExactReal::from_int(1))
      throw InputError(fmt::format("{}[{}]", field, i), fmt::format("must be in [0, 1] (got {})", row[i].to_string()));
    sum = sum + row[i];
  }
  if (!(sum == ExactReal::from_int(1)))
    throw InputError(field, fmt::format("must sum to exactly 1 (the sum is {:.17g}); write entries as strings such as "
                                        "\"0.3\" or \"3/10\" for exact decimals",
                                        sum.to_double()));
  return row;
}

}  // namespace

template <>
IclComponents parse_components<IclComponents>(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "examples", "input_probs", "tables"});
  IclComponents icl;
  icl.examples = static_cast<int>(need_int(c, "examples", "components.examples", 1, kMaxExamples));
  const auto& pi = need_array(c, "input_probs", "components.input_probs");
  icl.input_probs = probability_row(pi, "components.input_probs", 0);
  const size_t m = icl.input_probs.size();
  const auto& tabs = need_array(c, "tables", "components.tables");
  if (tabs.size() != k)
    throw InputError("components.tables",
                     fmt::format("must list one table (m = {} rows of output probabilities) per component: {} (got {})", m,
                                 k, tabs.size()));
  size_t r = 0;
  for (size_t th = 0; th < k; ++th) {
    const std::string f = fmt::format("components.tables[{}]", th);
    const auto* t = tabs.get(th);
    if (!t->is_array()) throw InputError(f, fmt::format("must be an array of {} rows, one per input", m));
    if (t->as_array()->size() != m)
      throw InputError(f, fmt::format("must have {} rows, one per input of components.input_probs (got {})", m,
                                      t->as_array()->size()));
    std::vector<std::vector<ExactReal>> table;
    for (size_t x = 0; x < m; ++x) {
      table.push_back(probability_row(*t->as_array()->get(x), fmt::format("{}[{}]", f, x), r));
      r = table.back().size();
    }
    icl.tables.push_back(std::move(table));
  }
  return icl;
}

}  // namespace critwin
