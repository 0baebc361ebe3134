// Model-file reader for `kind = "random-walk"` components.
#include <fmt/format.h>

#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

using namespace toml_reader;

template <>
RandomWalkComponents parse_components<RandomWalkComponents>(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "length", "barrier", "probs"});
  RandomWalkComponents w;
  w.length = static_cast<int>(need_int(c, "length", "components.length", 1, 100000000));
  // A barrier beyond the length is never reached; it is allowed (the model is then the coin model written
  // as ±1 steps) rather than refused, so a sweep over A may pass through it.
  w.barrier = static_cast<int>(need_int(c, "barrier", "components.barrier", 1, 100000000));
  w.probs = real_array(need_array(c, "probs", "components.probs"), "components.probs");
  if (w.probs.size() != k)
    throw InputError("components.probs",
                     fmt::format("must list one up-probability per component: {} (got {})", k, w.probs.size()));
  for (size_t i = 0; i < k; ++i)
    if (w.probs[i].sign() <= 0 || w.probs[i] >= ExactReal::from_int(1))
      throw InputError(fmt::format("components.probs[{}]", i),
                       fmt::format("must be in the open interval (0, 1) (got {})", w.probs[i].to_string()));
  return w;
}

}  // namespace critwin
