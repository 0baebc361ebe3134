// For the tests of the exact engines' limits: the InputError of making the exact engine for a model file's
// text, or one with an empty field when the engine is made.
#pragma once

#include <string>

#include "bounds/engine_factory.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"

namespace critwin::test {

inline InputError engine_refusal(const std::string& text) {
  const Model m = model_file_parse(text);
  try {
    exact_engine_make(m, 128);
  } catch (const InputError& e) {
    return e;
  }
  return InputError("", "");
}

}  // namespace critwin::test
