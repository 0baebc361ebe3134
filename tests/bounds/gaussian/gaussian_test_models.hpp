// Small Gaussian-mixture models for the Gaussian-engine tests, written as model-file text.
#pragma once

#include <string>

#include "model/model_file.hpp"

namespace critwin::test {

inline Model gaussian_model(const std::string& weights, const std::string& labels, int dim, const std::string& means,
                            const std::string& variance) {
  return model_file_parse("name = \"t\"\n[mixture]\nweights = " + weights + "\nlabels = " + labels +
                          "\n[components]\nkind = \"gaussian\"\ndim = " + std::to_string(dim) + "\nmeans = " + means +
                          "\nvariance = \"" + variance + "\"\n[process]\nkind = \"ou\"\n");
}

inline TimePoint at(const std::string& t) { return TimePoint{*ExactReal::parse(t), false}; }

}  // namespace critwin::test
