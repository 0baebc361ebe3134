// Every bad input through the CLI: non-zero exit, one clear message naming the field, nothing on
// stdout, and no output file left behind.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_runner.hpp"

namespace {

const std::string kE1 = example_path("e1_two_gaussians.toml");
const std::string kE5 = example_path("e5_coins.toml");

void expect_error(const std::string& args, const std::string& field) {
  SCOPED_TRACE(args);
  CliResult r = cli_run(args);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find(field), std::string::npos) << "stderr: " << r.err;
  EXPECT_NE(r.err.find("error"), std::string::npos) << "stderr: " << r.err;
  EXPECT_TRUE(r.out.empty()) << "stdout: " << r.out;
  // One message, not a cascade.
  EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 2) << r.err;
}

}  // namespace

TEST(CliValidation, Epsilon) {
  for (const char* e : {"0", "1", "1.5", "-0.1", "abc", "1/0"})
    expect_error("window " + kE1 + " --eps " + e + " --s-init plus --s-target plus", "--eps");
  expect_error("critical-window " + kE1 + " --eps 2 --s-after plus --s-before plus,minus", "--eps");
}

TEST(CliValidation, Subsets) {
  expect_error("window " + kE1 + " --eps 0.1 --s-init plus,minus --s-target plus", "--s-init");
  expect_error("window " + kE1 + " --eps 0.1 --s-init '' --s-target plus", "--s-init");
  expect_error("window " + kE1 + " --eps 0.1 --s-init plus --s-target 7", "--s-target");
  expect_error("fr-tv " + kE1 + " --t-hat 1 --s-init zero --s-target plus", "--s-init");
  expect_error("forward-tv " + kE1 + " --t 1 --a plus --b plus,", "--b");
  expect_error("forward-tv " + kE1 + " --t 1 --a rest --b plus", "--a");
  expect_error("critical-window " + kE1 + " --eps 0.1 --s-after plus,minus --s-before plus,minus", "--s-after");
}

TEST(CliValidation, Times) {
  expect_error("forward-tv " + kE1 + " --t -1 --a plus --b minus", "--t");
  expect_error("forward-tv " + kE1 + " --t x --a plus --b minus", "--t");
  expect_error("fr-tv " + kE5 + " --t-hat 601 --s-init heads --s-target heads", "--t-hat");
  expect_error("fr-tv " + kE5 + " --t-hat 2.5 --s-init heads --s-target heads", "--t-hat");
  expect_error("fr-tv " + kE5 + " --t-hat inf --s-init heads --s-target heads", "--t-hat");
}

TEST(CliValidation, ModelFiles) {
  TempDir d;
  expect_error("window " + d.path() + "/missing.toml --eps 0.1 --s-init 0 --s-target 0", "missing.toml");
  std::string bad_weights = d.file("w.toml", R"(
[mixture]
weights = ["0.5", "0.6"]
[components]
kind = "gaussian"
dim = 1
means = [[1], [-1]]
variance = 1
[process]
kind = "ou"
)");
  expect_error("window " + bad_weights + " --eps 0.1 --s-init 0 --s-target 0", "mixture.weights");
  std::string syntax = d.file("s.toml", "[mixture\nweights = 1\n");
  expect_error("forward-tv " + syntax + " --t 1 --a 0 --b 1", "model file");
  std::string family = d.file("f.toml", R"(
[mixture]
weights = [1]
[components]
kind = "bernoulli-product"
length = 3
probs = [1.5]
[process]
kind = "truncate"
)");
  expect_error("forward-tv " + family + " --t 1 --a 0 --b 0", "components.probs[0]");
}

TEST(CliValidation, PaperLeavesNoFilesOnError) {
  TempDir d;
  const std::string out = d.path() + "/out";
  expect_error("paper --eps 0.1,1.2 --out " + out, "--eps");
  EXPECT_FALSE(std::filesystem::exists(out));
  // A model that is not one of the paper's examples fails before anything is written.
  std::string other = d.file("x.toml", R"(
[mixture]
weights = ["1/4", "3/4"]
[components]
kind = "gaussian"
dim = 1
means = [[1], [-2]]
variance = 1
[process]
kind = "ou"
)");
  expect_error("paper " + kE1 + " " + other + " --out " + out, "MODEL");
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(CliValidation, UnknownCommandAndMissingOptions) {
  CliResult r = cli_run("frobnicate");
  EXPECT_NE(r.status, 0);
  r = cli_run("window " + kE1 + " --eps 0.1 --s-init plus");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("--s-target"), std::string::npos) << r.err;
}
