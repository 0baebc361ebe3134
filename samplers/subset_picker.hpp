// Draws θ ~ p^S's component law (w_θ / w_S over θ in S) from one uniform.
#pragma once

#include <vector>

#include "model/model.hpp"

namespace critwin {

class SubsetPicker {
 public:
  SubsetPicker(const Model& m, const Subset& s) : idx_(s.indices()) {
    double total = 0;
    for (int i : idx_) total += m.weights[i].to_double();
    double acc = 0;
    for (int i : idx_) {
      acc += m.weights[i].to_double() / total;
      cum_.push_back(acc);
    }
  }
  bool single() const { return idx_.size() == 1; }
  int pick(double u) const {
    for (size_t j = 0; j + 1 < idx_.size(); ++j)
      if (u <= cum_[j]) return idx_[j];
    return idx_.back();
  }

 private:
  std::vector<int> idx_;
  std::vector<double> cum_;
};

}  // namespace critwin
