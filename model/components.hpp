// The component families p^θ of a mixture. A toy model picks one family and lists one parameter
// set per component; new models of an existing family are data files, not code.
//
// Every family struct carries the same small interface, which generic code reaches through std::visit:
//   static constexpr std::string_view kind;       its `components.kind` in model files
//   static constexpr unsigned processes;           the forward processes it supports (process_bit mask)
//   std::optional<int> sequence_length() const;   length of the token sequence (nullopt: not a sequence)
// Adding a family: see CONTRIBUTING.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/exact_real.hpp"
#include "model/process.hpp"

namespace critwin {

// Isotropic Gaussians N(mean_i, variance · I_dim).
struct GaussianComponents {
  static constexpr std::string_view kind = "gaussian";
  static constexpr unsigned processes = process_bit(ProcessKind::ou);
  std::optional<int> sequence_length() const { return std::nullopt; }

  int dim = 0;
  std::vector<std::vector<ExactReal>> means;  // one vector of length dim per component
  ExactReal variance;                        // > 0
};

// Products of Bernoulli(prob_i) over `length` positions (tokens in {0,1}; 1 = success).
struct BernoulliProductComponents {
  static constexpr std::string_view kind = "bernoulli-product";
  static constexpr unsigned processes = process_bit(ProcessKind::truncate) | process_bit(ProcessKind::random_mask) |
                                        process_bit(ProcessKind::ordered_mask);
  std::optional<int> sequence_length() const { return length; }

  int length = 0;
  std::vector<ExactReal> probs;  // one success probability in (0,1) per component
};

// Point masses on strings over an alphabet, all of the same length.
struct StringComponents {
  static constexpr std::string_view kind = "strings";
  static constexpr unsigned processes = process_bit(ProcessKind::truncate) | process_bit(ProcessKind::random_mask) |
                                        process_bit(ProcessKind::ordered_mask);
  std::optional<int> sequence_length() const { return length(); }

  std::string alphabet;
  std::vector<std::string> strings;
  int length() const { return strings.empty() ? 0 : static_cast<int>(strings.front().size()); }
};

// ±1 random walks from 0 with up-probability prob_i, absorbed at ±barrier: tokens +1/−1, then a pad token at
// every position after absorption (our convention; BoE §E5 does not say what follows absorption).
struct RandomWalkComponents {
  static constexpr std::string_view kind = "random-walk";
  static constexpr unsigned processes = process_bit(ProcessKind::truncate);
  std::optional<int> sequence_length() const { return length; }

  int length = 0;
  int barrier = 0;               // A >= 1; A > length is allowed (the walk is then never absorbed)
  std::vector<ExactReal> probs;  // one up-probability in (0,1) per component
};

using Components = std::variant<GaussianComponents, BernoulliProductComponents, StringComponents, RandomWalkComponents>;

// The `kind` names of all families, in variant order (for error messages and --help).
std::vector<std::string_view> component_kinds();

}  // namespace critwin
