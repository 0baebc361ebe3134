// icl-tensorization claims: BoE Examples 6/11 bound the Hellinger affinity after n in-context examples by
// tensorization, BC(P^{θ*}_n, P^{rest}_n) <= (1 − δ/2)^n with δ the one-example squared Hellinger separation.
// The check computes the exact BC at every listed n (certified sums over count tables) and reports `holds`
// when the bound holds at all of them (equality within the enclosure counts: two tasks tensorize exactly),
// `fails` when it is certainly violated at one of them, `unknown` otherwise. THEORY.md §7 has the 3-task
// counterexample this kind is bundled with.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "verify/claim_fwd.hpp"
#include "verify/claim_model_source.hpp"

namespace critwin::verify {

struct IclTensorizationSpec {
  static constexpr std::string_view kind = "icl-tensorization";
  static constexpr std::string_view default_expect = "holds";
  ModelSource model;       // an icl model
  std::string theta_star;  // label or index of θ*
  std::vector<long> ns;    // example counts n in [0, N]

  static IclTensorizationSpec parse(ClaimTable& t);
  void check(const Claim& c, const RunOptions& opt, ClaimResult& out) const;
};

}  // namespace critwin::verify
