// The planted-spike user trial at large μ = λ√n end to end: forward-tv printed `nan ±nan` (JSON "tv": null)
// for ps2 (M = 2, λ = 3), all-or-nothing had NaN rows, and snr = 10 on the bundled example hung. Each run
// here must finish (a hang makes ctest time out) with finite values near 1 and intervals below 1.
#include <gtest/gtest.h>

#include <cmath>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

std::string spike_model(const std::string& components) {
  return "name = \"ps\"\n[components]\nkind = \"planted-spike\"\n" + components + "\n[process]\nkind = \"truncate\"\n";
}

void expect_near_one(const nlohmann::json& j, const std::string& where) {
  ASSERT_TRUE(j["tv"].is_number()) << where << ": " << j.dump();
  const double tv = j["tv"], lo = j["tv_lo"], hi = j["tv_hi"];
  EXPECT_LE(lo, tv) << where;
  EXPECT_LE(tv, hi) << where;
  EXPECT_LE(hi, 1.0) << where;
  EXPECT_LT(lo, 1.0) << where;  // TV < 1 at every finite n
  EXPECT_GT(lo, 1 - 1e-9) << where;
}

TEST(PlantedSpikeLargeMuCli, ForwardTvIsFiniteWhereItWasNan) {
  TempDir d;
  const std::string ps2 = d.file("ps2.toml", spike_model("length = 50\ndim = 2\nsnr = \"3\""));
  for (int t : {0, 1, 5, 10, 15}) {
    CliResult r = cli_run("forward-tv " + ps2 + " --t " + std::to_string(t) + " --a signal --b null --json");
    ASSERT_EQ(r.status, 0) << r.err;
    expect_near_one(nlohmann::json::parse(r.out), "t=" + std::to_string(t));
  }
  CliResult text = cli_run("forward-tv " + ps2 + " --t 0 --a signal --b null");
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.out.find("nan"), std::string::npos) << text.out;
}

TEST(PlantedSpikeLargeMuCli, AllOrNothingRowsHaveNoNan) {
  TempDir d;
  const std::string ps2 = d.file("ps2.toml", spike_model("length = 50\ndim = 2\nsnr = \"3\""));
  CliResult r = cli_run("all-or-nothing " + ps2 + " --n-grid 1:50:8 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("null"), std::string::npos) << r.out;  // only the NaN rows were null
  auto j = nlohmann::json::parse(r.out);
  double prev = 0;
  for (const auto& row : j["rows"]) {
    ASSERT_TRUE(row["tv"].is_number()) << row.dump();
    EXPECT_GE(row["tv_hi"].get<double>(), prev) << row.dump();  // non-decreasing in n
    prev = row["tv_lo"];
  }
}

TEST(PlantedSpikeLargeMuCli, SnrTenOnTheBundledExampleFinishes) {
  // examples/planted_spike.toml with snr = 10 (M = 1024, N = 160): t = 0 ran > 8 minutes, t = 155 > 20 s.
  TempDir d;
  const std::string m = d.file("ps10.toml", spike_model("length = 160\ndim = 1024\nsnr = \"10\""));
  for (int t : {0, 155}) {
    CliResult r = cli_run("forward-tv " + m + " --t " + std::to_string(t) + " --a signal --b null --json");
    ASSERT_EQ(r.status, 0) << r.err;
    expect_near_one(nlohmann::json::parse(r.out), "t=" + std::to_string(t));
  }
}

TEST(PlantedSpikeLargeMuCli, PlotTvFinishes) {
  // Did not finish in 100 s (every t of ps2 from 0 to 15 went through the NaN quadrature).
  TempDir d;
  const std::string ps2 = d.file("ps2.toml", spike_model("length = 50\ndim = 2\nsnr = \"3\""));
  CliResult r = cli_run("plot tv " + ps2 + " --eps 0.1 --s-after signal --s-before all --out " + d.path() + "/r2.png");
  ASSERT_EQ(r.status, 0) << r.err;
}

}  // namespace
