#include "model/model.hpp"

#include <utility>

namespace critwin {

ExactReal Model::weight(const Subset& s) const {
  ExactReal w;
  for (int i : s.indices()) w = w + weights[static_cast<size_t>(i)];
  return w;
}

std::vector<ExactReal> Model::signed_weights(const Subset& a, const Subset& b) const {
  std::vector<ExactReal> c(weights.size());
  const ExactReal wa = weight(a), wb = weight(b);
  for (int i : a.indices()) c[static_cast<size_t>(i)] = c[static_cast<size_t>(i)] + weights[static_cast<size_t>(i)] / wa;
  for (int i : b.indices()) c[static_cast<size_t>(i)] = c[static_cast<size_t>(i)] - weights[static_cast<size_t>(i)] / wb;
  return c;
}

int Model::label_index(std::string_view label) const {
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == label) return static_cast<int>(i);
  return -1;
}

std::string Model::family_name() const {
  return std::visit([](const auto& c) { return std::string(c.kind); }, components);
}

std::vector<std::string_view> component_kinds() {
  return [&]<size_t... I>(std::index_sequence<I...>) {
    return std::vector<std::string_view>{std::variant_alternative_t<I, Components>::kind...};
  }(std::make_index_sequence<std::variant_size_v<Components>>());
}

}  // namespace critwin
