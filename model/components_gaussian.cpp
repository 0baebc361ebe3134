// Model-file reader for `kind = "gaussian"` components.
#include <limits>
#include <set>

#include <fmt/format.h>

#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/random_means.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

using namespace toml_reader;

template <>
GaussianComponents parse_components<GaussianComponents>(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "dim", "means", "variance"});
  GaussianComponents g;
  g.dim = static_cast<int>(need_int(c, "dim", "components.dim", 1, 1000000));
  if (const auto* t = c.get("means"); t && t->is_table()) {
    // Drawn means: μ_i ~ N(0, I_dim) by the recipe of model/random_means.hpp.
    const auto& r = *t->as_table();
    check_keys(r, "components.means", {"random", "count", "seed"});
    if (need_string(r, "random", "components.means.random") != "normal")
      throw InputError("components.means.random", "must be \"normal\" (means drawn from N(0, I_dim))");
    const long count = need_int(r, "count", "components.means.count", 1, 1000000);
    if (static_cast<size_t>(count) != k)
      throw InputError("components.means.count", fmt::format("must equal the number of weights, {} (got {})", k, count));
    if (static_cast<double>(count) * g.dim > 1e7)
      throw InputError("components.means.count",
                       fmt::format("count x dim must be <= 1e7 drawn coordinates (got {} x {})", count, g.dim));
    const long seed = need_int(r, "seed", "components.means.seed", 0, std::numeric_limits<long>::max());
    g.means = random_normal_means(static_cast<int>(count), g.dim, static_cast<uint64_t>(seed));
    g.random_seed = static_cast<unsigned long long>(seed);
  } else {
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
  }
  const auto* var = c.get("variance");
  if (!var) throw InputError("components.variance", "missing; must be a real number >= 0 (0: point masses)");
  g.variance = to_real(*var, "components.variance");
  if (g.variance.sign() < 0) throw InputError("components.variance", "must be a real number >= 0 (0: point masses)");
  return g;
}

}  // namespace critwin
