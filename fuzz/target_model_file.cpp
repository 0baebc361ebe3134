// Fuzz target body: the model-file reader.
#include "fuzz/fuzz_targets.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"

namespace critwin::fuzz {

void fuzz_model_file(std::string_view bytes) {
  try {
    model_file_parse(bytes, "fuzz.toml");
  } catch (const InputError&) {
  }
}

}  // namespace critwin::fuzz
