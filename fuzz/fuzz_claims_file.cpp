// libFuzzer entry point for the claims file reader (body in fuzz/fuzz_targets.cpp).
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  critwin::fuzz::fuzz_claims_file({reinterpret_cast<const char*>(data), size});
  return 0;
}
