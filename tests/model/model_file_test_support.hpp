// Shared by the model-file tests: edit a model text in place and report which field its InputError names.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "model/input_error.hpp"
#include "model/model_file.hpp"

namespace critwin::test {

// Replaces the first occurrence of `from` (which must occur) in a model text.
inline std::string edit(std::string text, const std::string& from, const std::string& to) {
  auto p = text.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  return text.replace(p, from.size(), to);
}

// The field named by the InputError that parsing `text` throws, or "<no error>".
inline std::string field_of(const std::string& text) {
  try {
    model_file_parse(text);
  } catch (const InputError& e) {
    return e.field();
  }
  return "<no error>";
}

}  // namespace critwin::test
