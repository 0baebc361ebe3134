// The component families p^θ of a mixture. A toy model picks one family and lists one parameter
// set per component; new models of an existing family are data files, not code.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "model/exact_real.hpp"

namespace critwin {

// Isotropic Gaussians N(mean_i, variance · I_dim).
struct GaussianComponents {
  int dim = 0;
  std::vector<std::vector<ExactReal>> means;  // one vector of length dim per component
  ExactReal variance;                        // >= 0; 0 = point masses at the means
};

// Products of Bernoulli(prob_i) over `length` positions (tokens in {0,1}; 1 = success).
struct BernoulliProductComponents {
  int length = 0;
  std::vector<ExactReal> probs;  // one success probability in (0,1) per component
};

// Point masses on strings over an alphabet, all of the same length.
struct StringComponents {
  std::string alphabet;
  std::vector<std::string> strings;
  int length() const { return strings.empty() ? 0 : static_cast<int>(strings.front().size()); }
};

using Components = std::variant<GaussianComponents, BernoulliProductComponents, StringComponents>;

}  // namespace critwin
