#include "bounds/exact_engine.hpp"

namespace critwin {

std::vector<Estimate> ExactEngine::fr_tv_curve(const Subset& s_init, const Subset& s_target) const {
  std::vector<Estimate> out;
  for (long t = 0; t <= model_.process.length; ++t) out.push_back(fr_tv(s_init, s_target, TimePoint::integer(t)));
  return out;
}

}  // namespace critwin
