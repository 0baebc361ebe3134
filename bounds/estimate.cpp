#include "bounds/estimate.hpp"

namespace critwin {

std::string guarantee_name(Guarantee g) {
  switch (g) {
    case Guarantee::exact: return "exact";
    case Guarantee::certified: return "certified";
    case Guarantee::estimated: return "estimated";
  }
  return "?";
}

Estimate Estimate::from_ball(const Ball& b) {
  if (!b.is_finite() && b.lower() == std::numeric_limits<double>::infinity()) return plus_infinity();
  return Estimate{b.mid(), b.lower(), b.upper(), b.is_exact() ? Guarantee::exact : Guarantee::certified, false};
}

}  // namespace critwin
