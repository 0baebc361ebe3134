// theorem2 claims: BoE Theorem 2 on a model — the exact forward–reverse TV against ε(1 + max(1, W)/√2) at
// T̂ spread over the window [T_end, T_start], for each ε of the claim.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/exact_real.hpp"
#include "verify/claim_fwd.hpp"
#include "verify/claim_model_source.hpp"

namespace critwin::verify {

struct Theorem2Spec {
  static constexpr std::string_view kind = "theorem2";
  static constexpr std::string_view default_expect = "holds";
  ModelSource model;
  std::string s_init, s_target;
  std::vector<ExactReal> eps_list;
  int t_hat_count = 5;

  static Theorem2Spec parse(ClaimTable& t);
  void check(const Claim& c, const RunOptions& opt, ClaimResult& out) const;
};

}  // namespace critwin::verify
