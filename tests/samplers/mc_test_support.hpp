// Shared by the Monte Carlo tests: bundled models and experiment specs parsed as the CLI parses them.
#pragma once

#include <string>

#include "model/model_file.hpp"
#include "samplers/experiment.hpp"

namespace critwin::test {

inline Model load(const std::string& name) {
  return model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/" + name);
}

inline ExperimentSpec spec(const Model& m, const std::string& s_init, const std::string& t,
                           ReverseKind r = ReverseKind::jump, int steps = 0) {
  return ExperimentSpec{Subset::parse(s_init, m, "--s-init"), TimePoint::parse(t, m.process, "--t-hat"), r, steps};
}

}  // namespace critwin::test
