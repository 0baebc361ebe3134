// Replays every input of tests/fuzz/corpus/<target>/ (the seeds and every input a fuzzer ever crashed or hung
// on) through the harness bodies of fuzz/fuzz_targets.cpp in the ordinary build, so a fixed fuzzer finding
// stays fixed without clang or libFuzzer.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "fuzz/fuzz_targets.hpp"

namespace fs = std::filesystem;
using critwin::fuzz::fuzz_targets;

namespace {
std::string file_read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST(FuzzCorpus, EveryTargetHasACorpus) {
  for (const auto& t : fuzz_targets()) {
    const fs::path dir = fs::path(CRITWIN_SOURCE_DIR) / "tests/fuzz/corpus" / t.name;
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    EXPECT_GE(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}), 3) << dir;
  }
}

// Each input is answered (an InputError or a parsed value) without another exception or a crash; a hang is
// caught by ctest's timeout.
TEST(FuzzCorpus, EveryInputIsAnswered) {
  for (const auto& t : fuzz_targets()) {
    const fs::path dir = fs::path(CRITWIN_SOURCE_DIR) / "tests/fuzz/corpus" / t.name;
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string bytes = file_read(e.path());
      EXPECT_NO_THROW(t.run(bytes)) << e.path();
    }
  }
}
