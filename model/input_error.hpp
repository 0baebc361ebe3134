// InputError: the one error type for bad user input (model files, command-line values). It names the
// offending field and the allowed range so the CLI can print one clear line and exit non-zero.
// bounds/ and samplers/ name the quantity (`s_init`, `n`, `threads`); the boundary that knows where the
// value came from renames it (app/: `--s-init`; verify/: `claim 'NAME': s_init`) with `renamed`.
#pragma once

#include <stdexcept>
#include <string>

namespace critwin {

class InputError : public std::runtime_error {
 public:
  InputError(std::string field, const std::string& message)
      : std::runtime_error(field + ": " + message), field_(std::move(field)), message_(message) {}
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }
  // The same error reported under another name for the field.
  InputError renamed(std::string field) const { return InputError(std::move(field), message_); }

 private:
  std::string field_;
  std::string message_;
};

}  // namespace critwin
