// libFuzzer entry point for the expr reader (body in fuzz/fuzz_targets.cpp).
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  critwin::fuzz::fuzz_expr({reinterpret_cast<const char*>(data), size});
  return 0;
}
