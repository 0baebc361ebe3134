// Recognizes a model as one of BoE's worked examples (E1 two Gaussians, E3 two strings under random
// masking, E4 critical tokens: two categorical-product modes under truncation, E5 biased coins under truncation) and evaluates the printed closed-form window for it.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bounds/paper/paper_closed_forms.hpp"
#include "model/model.hpp"

namespace critwin {

struct PaperExample {
  std::string id;          // "E1", "E3", "E5", "E5-walk"
  std::string parameters;  // e.g. "m = 8", "L = 64, d_H = 20", "L = 600, Delta = 1/10"
  ExactReal m_squared;     // E1
  long d_hamming = 0;      // E3
  long length = 0;         // E5
  ExactReal delta;         // E5
  long barrier = 0;        // E5 with barriers (random-walk): A; 0 for the coin form
  long agree = 0;          // E4: s, the number of leading positions with equal laws (length = L)
  std::vector<std::pair<ExactReal, long>> overlap_factors{};  // E4: see paper_e4_window
};

// nullopt when the model is not literally one of the examples (two components, the example's family,
// process and symmetry: E1 means ±μ with variance 1; E5 probabilities ½ ± Δ).
std::optional<PaperExample> paper_example_match(const Model& model);

PaperWindow paper_example_window(const PaperExample& ex, const ExactReal& eps);

}  // namespace critwin
