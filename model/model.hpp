// Model: a finite mixture p = Σ_θ w_θ p^θ together with its forward process — one model file.
#pragma once

#include <string>
#include <vector>

#include "model/components.hpp"
#include "model/exact_real.hpp"
#include "model/process.hpp"
#include "model/subset.hpp"

namespace critwin {

class Model {
 public:
  std::string name;
  std::vector<ExactReal> weights;  // w_θ > 0, Σ w_θ = 1 exactly
  std::vector<std::string> labels; // one per component (defaults to "0", "1", …)
  Components components;
  Process process;

  int size() const { return static_cast<int>(weights.size()); }
  ExactReal weight(const Subset& s) const;  // w_S
  // c_θ = 1[θ∈A] w_θ/w_A − 1[θ∈B] w_θ/w_B, so that p^A − p^B = Σ_θ c_θ p^θ (one entry per component).
  std::vector<ExactReal> signed_weights(const Subset& a, const Subset& b) const;
  int label_index(std::string_view label) const;  // -1 when absent
  template <class F> const F* family() const { return std::get_if<F>(&components); }
  std::string family_name() const;  // the family's `components.kind`
};

}  // namespace critwin
