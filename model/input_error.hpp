// InputError: the one error type for bad user input (model files, command-line values). It names the
// offending field and the allowed range so the CLI can print one clear line and exit non-zero.
#pragma once

#include <stdexcept>
#include <string>

namespace critwin {

class InputError : public std::runtime_error {
 public:
  InputError(std::string field, const std::string& message)
      : std::runtime_error(field + ": " + message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

}  // namespace critwin
