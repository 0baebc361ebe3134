// Model-file reader for `kind = "bernoulli-product"` components.
#include <set>

#include <fmt/format.h>

#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

using namespace toml_reader;

template <>
BernoulliProductComponents parse_components<BernoulliProductComponents>(const toml::table& c, size_t k) {
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

}  // namespace critwin
