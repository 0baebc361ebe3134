// mc-agrees claims: the Monte Carlo TV estimate of TV(p^{S_init,T̂}, p^{S_target}) must contain the exact
// engine's value in its 99.9% interval at every listed T̂ — the samplers and the exact engines checking each other.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "verify/claim_fwd.hpp"
#include "verify/claim_model_source.hpp"

namespace critwin::verify {

struct McAgreesSpec {
  static constexpr std::string_view kind = "mc-agrees";
  static constexpr std::string_view default_expect = "holds";
  ModelSource model;
  std::string s_init, s_target;
  std::vector<std::string> t_hats;
  long n = 20000;
  long seed = 1;
  long inner = 0;                   // draws of Y | x per outer sample (0 = the estimator's default)
  std::string exact_template_text;  // optional: take the exact values from this model instead (wrong twins)

  static McAgreesSpec parse(ClaimTable& t);
  void check(const Claim& c, const RunOptions& opt, ClaimResult& out) const;
};

}  // namespace critwin::verify
