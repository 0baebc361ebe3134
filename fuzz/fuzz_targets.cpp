// The list of fuzz targets, for the corpus replay test.
#include "fuzz/fuzz_targets.hpp"

namespace critwin::fuzz {

const std::vector<FuzzTarget>& fuzz_targets() {
  static const std::vector<FuzzTarget> t = {
      {"model_file", &fuzz_model_file}, {"claims_file", &fuzz_claims_file}, {"expr", &fuzz_expr}, {"options", &fuzz_options}};
  return t;
}

}  // namespace critwin::fuzz
