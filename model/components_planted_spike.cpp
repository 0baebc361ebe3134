// Model-file readers for the two detection families of THEORY.md §8: `kind = "planted-spike"` and
// `kind = "sparse-regression"` (both a signal component and a null component, in that order).
#include <fmt/format.h>

#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

using namespace toml_reader;

namespace {

void need_two_components(size_t k, const char* kind) {
  if (k != 2)
    throw InputError("mixture.weights",
                     fmt::format("{} models have exactly two components (signal, null) (got {} weights)", kind, k));
}

ExactReal positive_real(const toml::table& c, std::string_view key, const std::string& field) {
  const auto* n = c.get(key);
  if (!n) throw InputError(field, "is required (a real number > 0)");
  ExactReal v = to_real(*n, field);
  if (v.sign() <= 0) throw InputError(field, fmt::format("must be > 0 (got {})", v.to_string()));
  return v;
}

}  // namespace

template <>
PlantedSpikeComponents parse_components<PlantedSpikeComponents>(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "length", "dim", "snr"});
  need_two_components(k, "planted-spike");
  PlantedSpikeComponents p;
  p.length = static_cast<int>(need_int(c, "length", "components.length", 1, 100000000));
  p.dim = need_int(c, "dim", "components.dim", 2, 1L << 30);
  p.snr = positive_real(c, "snr", "components.snr");
  return p;
}

template <>
SparseRegressionComponents parse_components<SparseRegressionComponents>(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "length", "dim", "sparsity", "noise_variance"});
  need_two_components(k, "sparse-regression");
  SparseRegressionComponents p;
  p.length = static_cast<int>(need_int(c, "length", "components.length", 1, 100000000));
  // The likelihood ratio sums over all C(s, k) supports with s-bit masks.
  p.dim = need_int(c, "dim", "components.dim", 1, 62);
  p.sparsity = need_int(c, "sparsity", "components.sparsity", 1, p.dim);
  p.noise_variance = positive_real(c, "noise_variance", "components.noise_variance");
  return p;
}

}  // namespace critwin
