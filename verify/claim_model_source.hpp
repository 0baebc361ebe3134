// ModelSource: the model of a closed-form-window, theorem2 or mc-agrees claim — a file (`model`) or inline TOML
// (`template`) with ${name} placeholders filled from the claim's parameter points.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/model.hpp"

namespace critwin::verify {

class ClaimTable;

// One parameter assignment: name -> text (numbers or any template text).
using ParamPoint = std::vector<std::pair<std::string, std::string>>;

struct ModelSource {
  std::string template_text;

  // Reads `model` (a path, relative to the claims file) or `template`; exactly one is required.
  static ModelSource parse(ClaimTable& t);
  // The model text at one point (placeholders replaced); InputError naming `field` when a placeholder has no
  // parameter.
  std::string text(const ParamPoint& p, const std::string& field) const;
  // The model of a template without placeholders, parsed now so that a bad model is an error naming the claim.
  Model parse_model(const ClaimTable& t) const;
};

}  // namespace critwin::verify
