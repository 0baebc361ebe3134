// Fuzz target body: the claims-file reader.
#include "fuzz/fuzz_targets.hpp"
#include "model/input_error.hpp"
#include "verify/claims_file.hpp"

#ifndef CRITWIN_SOURCE_DIR
#error "CRITWIN_SOURCE_DIR must name the source tree (claims files resolve models in its examples folder)"
#endif

namespace critwin::fuzz {

void fuzz_claims_file(std::string_view bytes) {
  try {
    verify::claims_file_parse(bytes, "fuzz.toml", CRITWIN_SOURCE_DIR "/examples");
  } catch (const InputError&) {
  }
}

}  // namespace critwin::fuzz
