// The per-family half of the Monte Carlo TV estimator (samplers/tv_estimate.hpp): draw x ~ p, the exact
// posterior P(S_target | x), and one draw of P(S_init | Y_T̂) with Y_T̂ ~ P_T̂(· | x).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "model/model.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/subset_picker.hpp"
#include "samplers/tv_estimate.hpp"

namespace critwin {

// One outer draw x ~ p, in whatever form the family needs: real coordinates (Gaussians) or integer
// sufficient statistics (counts of ones, a component index). Reused across draws to avoid allocation.
struct TvDraw {
  std::vector<double> x;
  std::vector<int64_t> k;
};

class TvFamily {
 public:
  TvFamily(const Model& m, const TvSpec& s) : pick_(m, Subset::all(m.size())), init_(s.s_init), target_(s.s_target) {}
  virtual ~TvFamily() = default;
  virtual void draw(PhiloxStream& rng, TvDraw& d) const = 0;
  virtual double target_posterior(const TvDraw& d) const = 0;                  // P(S_target | x)
  virtual double init_posterior(const TvDraw& d, PhiloxStream& rng) const = 0;  // P(S_init | Y), one Y ~ P_T̂(·|x)
  virtual bool y_is_function_of_x() const = 0;

 protected:
  SubsetPicker pick_;      // θ ~ p's component law, for the outer draw x ~ p
  Subset init_, target_;   // S_init, S_target
};

}  // namespace critwin
