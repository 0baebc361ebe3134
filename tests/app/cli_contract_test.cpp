// The seam between the library and the CLI: precision_used and the *_certain flags in JSON, quantities in
// library errors mapped to the flags the user typed, and the engines' limits stated in --help.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "bounds/bernoulli/bernoulli_engine.hpp"
#include "cli_runner.hpp"

using nlohmann::json;

namespace {

json run_json(const std::string& args) {
  CliResult r = cli_run(args + " --json");
  EXPECT_EQ(r.status, 0) << args << "\n" << r.err;
  return json::parse(r.out);
}

TEST(CliContract, PrecisionUsedFollowsThePath) {
  const std::string e1 = example_path("e1_two_gaussians.toml");
  // Arb closed form: exactly the requested working precision.
  EXPECT_EQ(run_json("forward-tv " + e1 + " --t 1.5 --a plus --b minus --precision 200")["precision_used"], 200);
  EXPECT_EQ(run_json("forward-tv " + e1 + " --t 1.5 --a plus --b minus")["precision_used"], 128);
  // Three means in a plane: the fr-tv runs in double precision whatever --precision says.
  const json plane = run_json("fr-tv " + example_path("gaussians_three_plane.toml") +
                              " --t-hat 0.8 --s-init a --s-target a,b --precision 256");
  EXPECT_EQ(plane["precision_used"], 53);
  // Collinear means: MPFR quadrature with a fixed type above the request (40 or 80 decimal digits).
  const json line = run_json("forward-tv " + example_path("gaussians_three_line.toml") + " --t 0.5 --a 0 --b rest");
  EXPECT_GE(line["precision_used"].get<long>(), 128);
  EXPECT_LE(line["precision_used"].get<long>(), 140);
  // Discrete windows are exact integers.
  EXPECT_EQ(run_json("critical-window " + example_path("e5_coins.toml") +
                     " --eps 0.2 --s-after heads --s-before heads,tails")["precision_used"],
            0);
}

TEST(CliContract, TableSaysThePrecisionOnce) {
  CliResult r = cli_run("forward-tv " + example_path("e1_two_gaussians.toml") + " --t 1.5 --a plus --b minus --precision 96");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("precision used: 96 bits"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("precision used"), r.out.rfind("precision used"));
  // csv is for pasting: no trailing prose line.
  r = cli_run("forward-tv " + example_path("e1_two_gaussians.toml") + " --t 1.5 --a plus --b minus --format csv");
  EXPECT_EQ(r.out.find("precision used"), std::string::npos) << r.out;
}

TEST(CliContract, CriticalWindowOrderFlags) {
  for (const char* eps : {"0.2", "0.1", "0.01"}) {
    const json j = run_json("critical-window " + example_path("e1_two_gaussians.toml") + " --eps " + eps +
                            " --s-after plus --s-before plus,minus");
    ASSERT_TRUE(j["t_after"].is_number() && j["t_before"].is_number()) << j;
    EXPECT_EQ(j["nonempty"].get<bool>(), j["t_after"].get<double>() <= j["t_before"].get<double>());
    // Disjoint enclosures make the order certain.
    EXPECT_EQ(j["nonempty_certain"].get<bool>(),
              j["t_after_hi"].get<double>() <= j["t_before_lo"].get<double>() ||
                  j["t_after_lo"].get<double>() > j["t_before_hi"].get<double>());
  }
}

TEST(CliContract, LibraryQuantitiesBecomeFlags) {
  const std::string e1 = example_path("e1_two_gaussians.toml");
  CliResult r = cli_run("sample " + e1 + " --t-hat 1 --s-init plus --n 0 --seed 1");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--n: must be a positive integer"), std::string::npos) << r.err;
  r = cli_run("window " + e1 + " --eps 0.1 --s-init plus,minus --s-target plus");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--s-init: must be contained in S_target"), std::string::npos) << r.err;
  r = cli_run("sample " + example_path("e5_coins.toml") + " --t-hat 3 --s-init heads --n 10 --seed 1 --reverse ode");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--reverse: sde and ode need"), std::string::npos) << r.err;
  // A model-file field keeps its dotted name even when it looks like a quantity.
  TempDir dir;
  r = cli_run("forward-tv " + dir.file("m.toml", "name = 'x'\nweights = 1\n") + " --t 1 --a 0 --b 0");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error: weights: unknown key"), std::string::npos) << r.err;
}

TEST(CliContract, HelpStatesTheEngineLimits) {
  CliResult r = cli_run("--help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("fr-tv length <= " + std::to_string(critwin::kRandomMaskFrTvMaxLength)), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("forward TV length <= " + std::to_string(critwin::kRandomMaskForwardMaxLength)), std::string::npos);
}

}  // namespace
