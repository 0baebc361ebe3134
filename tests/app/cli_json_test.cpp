// JSON output parsed back and checked field by field, against the paper's public checks and against
// independent computations (std::erf, the definitions).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using nlohmann::json;

namespace {

const std::string kE1 = example_path("e1_two_gaussians.toml");
const std::string kE3 = example_path("e3_two_strings.toml");
const std::string kE5 = example_path("e5_coins.toml");

json run_json(const std::string& args) {
  CliResult r = cli_run(args + " --json");
  EXPECT_EQ(r.status, 0) << args << "\n" << r.err;
  json j = json::parse(r.out);  // throws (fails the test) unless stdout is exactly one JSON document
  EXPECT_TRUE(j.is_object());
  return j;
}

// A certified/estimated real field: a number with lo <= value <= hi when the bracket is present.
double real_field(const json& j, const std::string& key) {
  EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_TRUE(j[key].is_number()) << key << " = " << j[key];
  double v = j[key].get<double>();
  if (j.contains(key + "_lo")) {
    EXPECT_LE(j[key + "_lo"].get<double>(), v) << key;
    EXPECT_GE(j[key + "_hi"].get<double>(), v) << key;
  }
  return v;
}

}  // namespace

TEST(CliJson, PublicChecksTwoGaussians) {
  json w = run_json("window " + kE1 + " --eps 0.1 --s-init plus --s-target plus");
  EXPECT_NEAR(real_field(w, "t_start"), 1.1332699997835702, 1e-9);
  EXPECT_NEAR(real_field(w, "W"), 1.0, 0);
  EXPECT_NEAR(real_field(w, "bound"), 0.1 * (1 + 1 / std::sqrt(2.0)), 1e-15);
  EXPECT_TRUE(w["nonempty"].is_boolean());

  json w2 = run_json("window " + kE1 + " --eps 0.1 --s-init plus --s-target plus,minus");
  EXPECT_NEAR(real_field(w2, "t_end"), 3.452436323043437, 1e-9);
  EXPECT_EQ(w2["t_start"], "inf");
  EXPECT_EQ(w2["W"].get<double>(), 0.0);
  EXPECT_TRUE(w2["nonempty"].get<bool>());

  EXPECT_NEAR(real_field(run_json("fr-tv " + kE1 + " --t-hat 1.5 --s-init plus --s-target plus"), "tv"),
              0.0555531343, 1e-8);
  EXPECT_NEAR(real_field(run_json("fr-tv " + kE1 + " --t-hat 1.5 --s-init plus --s-target plus,minus"), "tv"),
              0.4444468657, 1e-8);
}

TEST(CliJson, ForwardTvMatchesErfIdentity) {
  // E1: TV(p_t^+, p_t^-) = erf(m e^{-t} / sqrt 2) with m = 8, checked against the C library's erf.
  for (double t : {0.0, 0.5, 1.5, 2.25, 4.0}) {
    json j = run_json("forward-tv " + kE1 + " --t " + std::to_string(t) + " --a plus --b rest");
    double expect = std::erf(8 * std::exp(-t) / std::sqrt(2.0));
    EXPECT_NEAR(real_field(j, "tv"), expect, 1e-14 + 1e-14 * expect) << t;
    EXPECT_EQ(j["b"], "minus");
  }
  json inf = run_json("forward-tv " + kE1 + " --t inf --a plus --b minus");
  EXPECT_EQ(real_field(inf, "tv"), 0.0);
}

TEST(CliJson, PublicChecksCoins) {
  json a = run_json("window " + kE5 + " --eps 0.2 --s-init heads --s-target heads");
  EXPECT_EQ(a["t_start"].get<double>(), 497);
  EXPECT_FALSE(a.contains("t_start_lo"));  // discrete times are exact integers
  json b = run_json("window " + kE5 + " --eps 0.2 --s-init heads --s-target heads,tails");
  EXPECT_EQ(b["t_end"].get<double>(), 594);
  EXPECT_EQ(b["t_start"].get<double>(), 600);  // void condition: sup I = length
}

TEST(CliJson, CriticalWindowTwoStrings) {
  // E3: TV(p_t^+, p_t^-) = 1 - t^20, so T_after = (eps^2)^{1/20}; TV(p_t^+, p_t) = (1 - t^20)/2, so
  // T_before = (1 - 2 eps)^{1/20}. Both follow from the definitions by hand.
  json j = run_json("critical-window " + kE3 + " --eps 0.1 --s-after plus --s-before plus,minus");
  EXPECT_NEAR(real_field(j, "t_after"), std::pow(0.01, 1.0 / 20), 1e-12);
  EXPECT_NEAR(real_field(j, "t_before"), std::pow(0.8, 1.0 / 20), 1e-12);
}

TEST(CliJson, EmptyWindowIsNull) {
  // Means ±8: TV(p_0^+, p_0^-) = erf(8/sqrt2) = 1 - 1.2e-15 < 1 - eps^2 for eps = 1e-9, so no t reaches the
  // separation threshold and T_start is the sup of an empty set.
  json j = run_json("window " + kE1 + " --eps 1e-9 --s-init plus --s-target plus");
  EXPECT_TRUE(j["t_start"].is_null());
  EXPECT_FALSE(j["nonempty"].get<bool>());
}

TEST(CliJson, FormatsCarryTheSameRows) {
  for (const char* f : {"csv", "md", "latex", "table"}) {
    CliResult r = cli_run("window " + kE5 + " --eps 0.2 --s-init heads --s-target heads --format " + f);
    EXPECT_EQ(r.status, 0) << f << r.err;
    EXPECT_NE(r.out.find("497"), std::string::npos) << f << "\n" << r.out;
  }
}

namespace {

// Nothing refused (issue 10): four non-collinear Gaussian means have no exact path, so every command
// answers by Monte Carlo in the span of the means and says so; the pair TV has the closed form
// erf(‖μ_a − μ_b‖ e^{−t}/(2√2)) = erf(3 e^{−1/2}/(2√2)) here.
TEST(CliJson, RefusedGaussianMixtureFallsBackToMonteCarlo) {
  TempDir dir;
  const std::string path = dir.path() + "/four_means.toml";
  std::ofstream(path) << "name = \"four\"\n[mixture]\nweights = [\"1/4\", \"1/4\", \"1/4\", \"1/4\"]\n"
                         "labels = [\"a\", \"b\", \"c\", \"d\"]\n[components]\nkind = \"gaussian\"\ndim = 3\n"
                         "means = [[\"0\", \"0\", \"0\"], [\"3\", \"0\", \"0\"], [\"0\", \"3\", \"0\"], [\"0\", \"0\", \"3\"]]\n"
                         "variance = \"1\"\n[process]\nkind = \"ou\"\n";
  json f = run_json("forward-tv " + path + " --t 0.5 --a a --b b --samples 50000 --seed 3");
  EXPECT_EQ(f["engine"], "monte-carlo");
  EXPECT_EQ(f["guarantee"], "monte-carlo");
  EXPECT_EQ(f["samples"], 50000);
  EXPECT_EQ(f["seed"], 3);
  const double exact = std::erf(3 * std::exp(-0.5) / (2 * std::sqrt(2.0)));
  EXPECT_LE(f["tv_lo"].get<double>(), exact);
  EXPECT_GE(f["tv_hi"].get<double>(), exact);
  json c = run_json("critical-window " + path + " --eps 0.2 --s-after a --s-before a,b,c,d --samples 20000");
  EXPECT_TRUE(c["t_before"].is_number());
  EXPECT_LE(c["t_before_lo"].get<double>(), c["t_before_hi"].get<double>());
  json w = run_json("window " + path + " --eps 0.2 --s-init a --s-target a,b --samples 20000");
  EXPECT_EQ(w["engine"], "monte-carlo");
  CliResult bad = cli_run("forward-tv " + path + " --t 0.5 --a a --b b --samples 3");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--samples"), std::string::npos);
}

}  // namespace
