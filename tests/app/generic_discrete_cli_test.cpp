// Categorical-product and icl models beyond the exact limits through the CLI: window, critical-window,
// forward-tv and fr-tv answer by Monte Carlo (engine monte-carlo, samples, seed, intervals), bit-identical at
// 1 and 2 threads; a command without a Monte Carlo path (tree) refuses at once with exit 2, naming the key and
// the limits, and no output.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

// bench/categorical_window.cpp's generic model: 16 agreeing blocks of 500, then 4 blocks whose rows share all
// five symbols with likelihood ratios 2, 1/2, 4/3, 2/3, 6/5.
std::string categorical_model() {
  std::string t[2];
  for (int blk = 0; blk < 16; ++blk) {
    const std::string row = fmt::format(R"({{ probs = ["{}/20", "{}/20", "{}/20", "2/20", "3/20"], repeat = 500 }}, )",
                                        1 + blk % 5, 4 + blk % 3, 10 - blk % 5 - blk % 3);
    t[0] += row;
    t[1] += row;
  }
  for (int blk = 0; blk < 4; ++blk) {
    t[0] += R"({ probs = ["1/5", "1/10", "1/5", "1/5", "3/10"], repeat = 500 }, )";
    t[1] += R"({ probs = ["1/10", "1/5", "3/20", "3/10", "1/4"], repeat = 500 }, )";
  }
  return fmt::format(R"(
name = "generic categorical"
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "categorical-product"
alphabet = ["ok", "sure", "sorry", "cannot", "."]
length = 10000
tables = [ [ {} ], [ {} ] ]
[process]
kind = "truncate"
)", t[0], t[1]);
}

const char* kIcl = R"(
name = "generic icl"
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "icl"
examples = 200
input_probs = ["1/5", "3/10", "1/2"]
tables = [[["1/3", "2/3"], ["1/7", "6/7"], ["2/5", "3/5"]], [["1/2", "1/2"], ["3/4", "1/4"], ["1/9", "8/9"]]]
[process]
kind = "truncate"
)";

void expect_monte_carlo(const std::string& args, const std::vector<std::string>& keys) {
  CliResult one = cli_run(args + " --json --samples 20000 --seed 5 --threads 1");
  ASSERT_EQ(one.status, 0) << args << "\n" << one.err;
  const auto j = nlohmann::json::parse(one.out);
  EXPECT_EQ(j["engine"], "monte-carlo") << args;
  EXPECT_EQ(j["samples"], 20000) << args;
  EXPECT_EQ(j["seed"], 5) << args;
  for (const auto& k : keys) {
    ASSERT_TRUE(j.contains(k)) << args << " " << k << "\n" << one.out;
    EXPECT_EQ(j[k == "tv" ? "guarantee" : k + "_guarantee"], "monte-carlo") << args << " " << k;
    EXPECT_LE(j[k + "_lo"].get<double>(), j[k].get<double>()) << args << " " << k;
    EXPECT_GE(j[k + "_hi"].get<double>(), j[k].get<double>()) << args << " " << k;
  }
  CliResult two = cli_run(args + " --json --samples 20000 --seed 5 --threads 2");
  ASSERT_EQ(two.status, 0) << two.err;
  EXPECT_EQ(one.out, two.out) << args;  // bit-identical at any thread count
}

TEST(GenericDiscreteCli, CategoricalBeyondTheExactLimitsAnswersByMonteCarlo) {
  TempDir dir;
  const std::string p = dir.file("generic.toml", categorical_model());
  expect_monte_carlo("window " + p + " --eps 0.1 --s-init 0 --s-target 0,1", {"t_end"});
  expect_monte_carlo("critical-window " + p + " --eps 0.1 --s-after 0 --s-before 0,1", {"t_after", "t_before"});
  expect_monte_carlo("forward-tv " + p + " --t 1990 --a 0 --b 1", {"tv"});
  expect_monte_carlo("fr-tv " + p + " --t-hat 1990 --s-init 0 --s-target 0", {"tv"});
}

TEST(GenericDiscreteCli, IclBeyondTheExactLimitsAnswersByMonteCarlo) {
  TempDir dir;
  const std::string p = dir.file("icl.toml", kIcl);
  expect_monte_carlo("window " + p + " --eps 0.1 --s-init 0 --s-target 0,1", {"t_end"});
  expect_monte_carlo("critical-window " + p + " --eps 0.1 --s-after 0 --s-before 0,1", {"t_after", "t_before"});
  expect_monte_carlo("forward-tv " + p + " --t 300 --a 0 --b 1", {"tv"});
  expect_monte_carlo("fr-tv " + p + " --t-hat 300 --s-init 0 --s-target 0", {"tv"});
}

TEST(GenericDiscreteCli, WithoutAMonteCarloPathTheRefusalIsImmediate) {
  TempDir dir;
  const std::string p = dir.file("generic.toml", categorical_model());
  CliResult r = cli_run("tree " + p + " --eps 0.1");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("components.tables"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3000000 group updates"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
  const std::string q = dir.file("icl.toml", kIcl);
  r = cli_run("tree " + q + " --eps 0.1");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("components.examples"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("limit of 1500000 enumerated tables"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
