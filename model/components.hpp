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

// In-context learning (BoE Examples 6 and 11): N examples, each three tokens x, y, o — an input x ~ π from
// {0..m−1} (π shared by all components), an answer y ~ f_θ(·|x) from {0..r−1}, and a fixed delimiter o.
// The sequence has 3N tokens; under `truncate` only complete (x, y) pairs carry information about θ.
struct IclComponents {
  static constexpr std::string_view kind = "icl";
  static constexpr unsigned processes = process_bit(ProcessKind::truncate);
  std::optional<int> sequence_length() const { return 3 * examples; }

  int examples = 0;                                       // N >= 1
  std::vector<ExactReal> input_probs;                     // π, length m, entries in [0, 1], Σ = 1
  std::vector<std::vector<std::vector<ExactReal>>> tables; // tables[θ][x][y] = f_θ(y|x), rows sum to 1
  int inputs() const { return static_cast<int>(input_probs.size()); }
  int outputs() const { return tables.empty() || tables[0].empty() ? 0 : static_cast<int>(tables[0][0].size()); }
  // Complete (x, y) pairs among the first 3N − t tokens: example i occupies tokens 3i, 3i+1, 3i+2 and its
  // pair is complete once token 3i+1 is visible, so the count is ⌊(3N − t + 1)/3⌋.
  long visible_pairs(long t) const { return (3L * examples - t + 1) / 3; }
};

using Components = std::variant<GaussianComponents, BernoulliProductComponents, StringComponents, IclComponents>;

// The `kind` names of all families, in variant order (for error messages and --help).
std::vector<std::string_view> component_kinds();

}  // namespace critwin
