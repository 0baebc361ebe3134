// Model-file reader for `kind = "gaussian"` components.
#include <set>

#include <fmt/format.h>

#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

using namespace toml_reader;

template <>
GaussianComponents parse_components<GaussianComponents>(const toml::table& c, size_t k) {
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
  if (!var) throw InputError("components.variance", "missing; must be a real number > 0");
  g.variance = to_real(*var, "components.variance");
  if (g.variance.sign() <= 0) throw InputError("components.variance", "must be a real number > 0");
  return g;
}

}  // namespace critwin
