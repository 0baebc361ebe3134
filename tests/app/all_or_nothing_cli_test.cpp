// critwin all-or-nothing end to end, and bad input for the two detection families (exit status 2, one
// message naming the field, nothing on stdout).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

const std::string kSpike = example_path("planted_spike.toml");
const std::string kSparse = example_path("sparse_regression_tiny.toml");

void expect_input_error(const std::string& args, const std::string& field) {
  SCOPED_TRACE(args);
  CliResult r = cli_run(args);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(field), std::string::npos) << "stderr: " << r.err;
  EXPECT_TRUE(r.out.empty()) << "stdout: " << r.out;
  EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 2) << r.err;
}

std::string spike_model(const std::string& components) {
  return "[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = \"planted-spike\"\n" + components +
         "\n[process]\nkind = \"truncate\"\n";
}
std::string sparse_model(const std::string& components) {
  return "[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = \"sparse-regression\"\n" + components +
         "\n[process]\nkind = \"truncate\"\n";
}

TEST(AllOrNothingCli, PlantedSpikeRowsAndTransition) {
  CliResult r = cli_run("all-or-nothing " + kSpike + " --n-grid 10:160:16 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["n_star"].get<double>(), 80 * std::log(2.0), 1e-9);  // 2 ln 1024 / (1/4)
  double prev = 0;
  for (const auto& row : j["rows"]) {
    const double tv = row["tv"];
    EXPECT_LE(row["lower_bound"].get<double>(), row["tv_hi"].get<double>());
    EXPECT_GE(row["upper_bound"].get<double>(), row["tv_lo"].get<double>());
    EXPECT_GE(tv, prev);
    prev = tv;
    EXPECT_EQ(row["guarantee"], "estimated");
  }
  EXPECT_FALSE(j["transition"]["n_tv_0.1"]["hi"].is_null());
  EXPECT_FALSE(j["theorem6_window"].is_null());
  EXPECT_FALSE(j["definition4_window"].is_null());
}

TEST(AllOrNothingCli, SparseRegressionIsReproducible) {
  const std::string cmd = "all-or-nothing " + kSparse + " --n-grid 1:12:4 --samples 3000 --seed 5 --json";
  CliResult a = cli_run(cmd + " --threads 1"), b = cli_run(cmd + " --threads 2");
  ASSERT_EQ(a.status, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  auto j = nlohmann::json::parse(a.out);
  EXPECT_EQ(j["seed"], 5);
  for (const auto& row : j["rows"]) EXPECT_EQ(row["guarantee"], "monte-carlo");
}

TEST(AllOrNothingCli, BadInput) {
  TempDir d;
  expect_input_error("all-or-nothing " + d.file("a.toml", spike_model("length = 10\ndim = 1\nsnr = 1")), "components.dim");
  expect_input_error("all-or-nothing " + d.file("b.toml", spike_model("length = 10\ndim = 8\nsnr = 0")), "components.snr");
  expect_input_error("all-or-nothing " + d.file("c.toml", spike_model("length = 10\ndim = 8\nsnr = \"-1/2\"")), "components.snr");
  expect_input_error("all-or-nothing " + d.file("d.toml", spike_model("length = 0\ndim = 8\nsnr = 1")), "components.length");
  expect_input_error("all-or-nothing " + d.file("e.toml", sparse_model("length = 5\ndim = 3\nsparsity = 4\nnoise_variance = 1")),
                     "components.sparsity");
  expect_input_error("all-or-nothing " + d.file("f.toml", sparse_model("length = 5\ndim = 3\nsparsity = 2\nnoise_variance = 0")),
                     "components.noise_variance");
  expect_input_error("all-or-nothing " + d.file("g.toml", sparse_model("length = 0\ndim = 3\nsparsity = 2\nnoise_variance = 1")),
                     "components.length");
  expect_input_error("all-or-nothing " + d.file("h.toml", spike_model("length = 10\ndim = 8\nsnr = 1\nvariance = 2")), "components");
  expect_input_error("all-or-nothing " + kSpike + " --n-grid 1:500:3", "--n-grid");
  expect_input_error("all-or-nothing " + kSpike + " --n-grid x", "--n-grid");
  expect_input_error("all-or-nothing " + kSpike + " --sharpening 1", "--sharpening");
  expect_input_error("all-or-nothing " + kSparse + " --sharpening 16", "--sharpening");
  expect_input_error("all-or-nothing " + kSparse + " --samples 0", "--samples");
  expect_input_error("all-or-nothing " + example_path("e5_coins.toml"), "components.kind");
}

}  // namespace

// fr-tv on a detection model: the forward TVs stay exact, fr-tv is estimated by Monte Carlo. At T̂ = N the
// whole sequence is resampled from the mixture, so TV(p^{signal,N}, p^{signal}) = TV(½P + ½Q, P) = ½ TV(P_N, Q_N),
// and the exact detection TV comes from forward-tv: the interval must contain half of it. Same seed, any
// thread count: the same bytes.
TEST(AllOrNothingCli, FrTvIsEstimatedBesideExactForwardTvs) {
  TempDir d;
  const std::string model = d.file("s.toml", "[components]\nkind = \"planted-spike\"\nlength = 6\ndim = 8\nsnr = 1\n"
                                             "[process]\nkind = \"truncate\"\n");
  CliResult fwd = cli_run("forward-tv " + model + " --t 0 --a signal --b null --json");
  ASSERT_EQ(fwd.status, 0) << fwd.err;
  const auto jf = nlohmann::json::parse(fwd.out);
  EXPECT_EQ(jf["engine"], "exact");
  const double half_tv = 0.5 * jf["tv"].get<double>();
  const std::string cmd = "fr-tv " + model + " --t-hat 6 --s-init signal --s-target signal --samples 40000 --seed 4 --json";
  CliResult a = cli_run(cmd + " --threads 1"), b = cli_run(cmd + " --threads 2");
  ASSERT_EQ(a.status, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  const auto j = nlohmann::json::parse(a.out);
  EXPECT_EQ(j["fr_tv_engine"], "monte-carlo");
  EXPECT_EQ(j["guarantee"], "monte-carlo");
  EXPECT_LE(j["tv_lo"].get<double>(), half_tv);
  EXPECT_GE(j["tv_hi"].get<double>(), half_tv);
  EXPECT_LT(j["tv_hi"].get<double>() - j["tv_lo"].get<double>(), 0.05);
  // T̂ = 0 resamples nothing: exactly 0.
  CliResult z = cli_run("fr-tv " + model + " --t-hat 0 --s-init signal --s-target signal --samples 2000 --json");
  ASSERT_EQ(z.status, 0) << z.err;
  EXPECT_EQ(nlohmann::json::parse(z.out)["tv"].get<double>(), 0.0);
}
