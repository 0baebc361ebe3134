#include "model/model.hpp"

namespace critwin {

ExactReal Model::weight(const Subset& s) const {
  ExactReal w;
  for (int i : s.indices()) w = w + weights[static_cast<size_t>(i)];
  return w;
}

int Model::label_index(std::string_view label) const {
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == label) return static_cast<int>(i);
  return -1;
}

std::string Model::family_name() const {
  switch (components.index()) {
    case 0: return "gaussian";
    case 1: return "bernoulli-product";
    default: return "strings";
  }
}

}  // namespace critwin
