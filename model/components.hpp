// The component families p^θ of a mixture. A toy model picks one family and lists one parameter
// set per component; new models of an existing family are data files, not code.
//
// Every family struct carries the same small interface, which generic code reaches through std::visit:
//   static constexpr std::string_view kind;       its `components.kind` in model files
//   static constexpr unsigned processes;           the forward processes it supports (process_bit mask)
//   std::optional<int> sequence_length() const;   length of the token sequence (nullopt: not a sequence)
// Adding a family: see CONTRIBUTING.md.
#pragma once

#include <array>
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
  ExactReal variance;                        // >= 0; 0 = point masses at the means
  // Set when the model file draws the means (`means = { random = "normal", count = K, seed = S }`):
  // model/random_means.hpp says how; commands print the drawn means with --json.
  std::optional<unsigned long long> random_seed;
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

// Point masses on strings over an alphabet, all of the same length (in symbols).
struct StringComponents {
  static constexpr std::string_view kind = "strings";
  static constexpr unsigned processes = process_bit(ProcessKind::truncate) | process_bit(ProcessKind::random_mask) |
                                        process_bit(ProcessKind::ordered_mask);
  std::optional<int> sequence_length() const { return length(); }

  static constexpr size_t max_symbols = 256;  // a symbol index is one byte of `codes`
  std::vector<std::string> alphabet;  // distinct UTF-8 symbols (one character each, or a prefix code)
  // codes[θ][i] = index in `alphabet` of the symbol at position i of component θ's string, one byte per
  // position whatever the symbols' lengths in bytes, so the engines compare and key positions as chars.
  std::vector<std::string> codes;
  int length() const { return codes.empty() ? 0 : static_cast<int>(codes.front().size()); }
  // Component θ's string written in the alphabet's symbols, as in the model file: what output shows.
  std::string text(size_t theta) const;
};

// Planted spike (THEORY.md §8): two components over `length` = N observations z_r ∈ R^dim — component 0 the
// signal (J ~ Unif[dim], z_r = snr e_J + g_r), component 1 the null (z_r = g_r); g_r ~ N(0, I_dim).
struct PlantedSpikeComponents {
  static constexpr std::string_view kind = "planted-spike";
  static constexpr unsigned processes = process_bit(ProcessKind::truncate);
  // A family with a fixed set of components may name them: a model file may then omit [mixture]
  // (weights ½/½ and these labels).
  static constexpr std::array<std::string_view, 2> default_labels = {"signal", "null"};
  std::optional<int> sequence_length() const { return length; }

  int length = 0;  // N >= 1
  long dim = 2;    // M >= 2
  ExactReal snr;   // λ > 0
};

// Sparse linear regression (BoE Theorem 5): component 0 the signal (θ uniform over sparsity-subsets of
// [dim], y = ⟨θ, x⟩ + ξ, ξ ~ N(0, noise_variance)), component 1 the null (y ~ N(0, sparsity + noise_variance)
// independent of x); x ~ N(0, I_dim); `length` = N observations (x_r, y_r).
struct SparseRegressionComponents {
  static constexpr std::string_view kind = "sparse-regression";
  static constexpr unsigned processes = process_bit(ProcessKind::truncate);
  static constexpr std::array<std::string_view, 2> default_labels = {"signal", "null"};
  std::optional<int> sequence_length() const { return length; }

  int length = 0;           // N >= 1
  long dim = 1;             // s >= 1
  long sparsity = 1;        // k in [1, s]
  ExactReal noise_variance; // σ² > 0
};

// Products of per-position categorical laws over a shared alphabet (BoE E4, "critical tokens"): component θ
// emits symbol v at position i with probability tables[θ] row i, entry v. Rows are stored as runs of
// identical positions so long repeated stretches cost one row.
struct CategoricalProductComponents {
  static constexpr std::string_view kind = "categorical-product";
  static constexpr unsigned processes = process_bit(ProcessKind::truncate) | process_bit(ProcessKind::random_mask) |
                                        process_bit(ProcessKind::ordered_mask);
  std::optional<int> sequence_length() const { return length; }

  struct Run {
    std::vector<ExactReal> probs;  // one probability per alphabet symbol, in [0, 1], summing to exactly 1
    int repeat = 1;                // number of consecutive positions with this law
  };
  std::vector<std::string> alphabet;      // distinct non-empty symbols
  int length = 0;
  std::vector<std::vector<Run>> tables;   // one per component; the repeats of each table sum to length
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

// BoE Theorem 9, autoregressive with a Gaussian concept (THEORY.md §7): two components θ ∈ {u, v} (unit vectors
// of R^dim, ρ = ⟨u, v⟩); a concept C_0 ~ N(0, I + α θθᵀ) run through OU, words w_t | C_t ~ N(C_t, I) for
// t = 0..context, emitted w_T first, so the sequence has context + 1 words and `truncate` at time t shows
// (w_T, …, w_t). Every TV depends on u and v only through ρ.
struct ConceptOuComponents {
  static constexpr std::string_view kind = "concept-ou";
  static constexpr unsigned processes = process_bit(ProcessKind::truncate);
  static constexpr std::array<std::string_view, 2> default_labels = {"u", "v"};  // [mixture] may be omitted
  std::optional<int> sequence_length() const { return context + 1; }

  ExactReal alpha;   // α > 0
  ExactReal rho;     // ⟨u, v⟩ in (−1, 1)
  int dim = 2;       // d >= 2 (the TVs do not depend on it)
  int context = 0;   // T >= 0: words w_0..w_T
  std::vector<ExactReal> u, v;  // the unit vectors when the model file gives them (else empty)
};

using Components = std::variant<GaussianComponents, BernoulliProductComponents, StringComponents,
                                PlantedSpikeComponents, SparseRegressionComponents, CategoricalProductComponents,
                                RandomWalkComponents, IclComponents, ConceptOuComponents>;

// The `kind` names of all families, in variant order (for error messages and --help).
std::vector<std::string_view> component_kinds();

}  // namespace critwin
