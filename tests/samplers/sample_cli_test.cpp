// End-to-end: `critwin sample` follows the CLI contract (JSON fields, 99.9% intervals, n, seed), is
// identical across --threads, and rejects bad input with one clear error naming the option.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

#include <unistd.h>

#include <nlohmann/json.hpp>

namespace {

struct CliRun {
  int status;
  std::string out, err;
};

CliRun run_cli(const std::string& args) {
  // One file per test process: ctest -j runs other SampleCli tests at the same time (a shared name lost stderr).
  const std::string err_file = ::testing::TempDir() + "critwin_sample_stderr_" + std::to_string(getpid()) + ".txt";
  std::string cmd = std::string(CRITWIN_BINARY) + " " + args + " 2>" + err_file;
  CliRun r{};
  FILE* p = popen(cmd.c_str(), "r");
  std::array<char, 4096> buf{};
  size_t got;
  while ((got = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), got);
  r.status = pclose(p);
  if (FILE* f = fopen(err_file.c_str(), "r")) {
    while ((got = fread(buf.data(), 1, buf.size(), f)) > 0) r.err.append(buf.data(), got);
    fclose(f);
  }
  return r;
}

std::string model(const char* name) { return std::string(CRITWIN_SOURCE_DIR) + "/examples/" + name; }

}  // namespace

TEST(SampleCli, ContractFieldsAndPublicCheck) {
  CliRun r = run_cli("sample " + model("e1_two_gaussians.toml") + " --t-hat 1.5 --s-init plus --n 300000 --seed 5 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["label_freq"].size(), 2u);
  ASSERT_EQ(j["label_freq_lo"].size(), 2u);
  ASSERT_EQ(j["label_freq_hi"].size(), 2u);
  EXPECT_EQ(j["n"], 300000);
  EXPECT_EQ(j["seed"], 5);
  EXPECT_NEAR(j["label_freq"][0].get<double>() + j["label_freq"][1].get<double>(), 1.0, 1e-12);
  EXPECT_LE(j["label_freq_lo"][1].get<double>(), 0.0555531343);
  EXPECT_GE(j["label_freq_hi"][1].get<double>(), 0.0555531343);
}

TEST(SampleCli, ThreadsGiveIdenticalOutput) {
  const std::string base = "sample " + model("mc_three_gaussians.toml") +
                           " --t-hat-grid 0.5:2:3 --s-init a --reverse localize --steps 3 --n 70000 --seed 8 --json --threads ";
  CliRun one = run_cli(base + "1"), two = run_cli(base + "2"), eight = run_cli(base + "8");
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.out, eight.out);
  auto j = nlohmann::json::parse(one.out);
  ASSERT_EQ(j["rows"].size(), 3u);
  EXPECT_EQ(j["rows"][0]["t_hat"], "0.5");
  EXPECT_EQ(j["rows"][2]["t_hat"], "2");
  CliRun other = run_cli("sample " + model("mc_three_gaussians.toml") +
                  " --t-hat-grid 0.5:2:3 --s-init a --reverse localize --steps 3 --n 70000 --seed 9 --json");
  EXPECT_NE(one.out, other.out);
}

// Grid points are a + i(b − a)/(n − 1) exactly: the decimals one means by 0.5:1.5:11 (0.9, not
// 0.8999999999999999), and the exact fraction where no short decimal is the point.
TEST(SampleCli, GridPointsAreTheIntendedDecimals) {
  CliRun r = run_cli("sample " + model("e1_two_gaussians.toml") + " --t-hat-grid 0.5:1.5:11 --s-init plus --n 10 --seed 1 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 11u);
  const char* expected[] = {"0.5", "0.6", "0.7", "0.8", "0.9", "1", "1.1", "1.2", "1.3", "1.4", "1.5"};
  for (size_t i = 0; i < 11; ++i) EXPECT_EQ(j["rows"][i]["t_hat"], expected[i]);
  r = run_cli("sample " + model("e1_two_gaussians.toml") + " --t-hat-grid 1:2:4 --s-init plus --n 10 --seed 1 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 4u);
  EXPECT_EQ(j["rows"][1]["t_hat"], "4/3");
  EXPECT_EQ(j["rows"][2]["t_hat"], "5/3");
  EXPECT_EQ(j["rows"][3]["t_hat"], "2");
}

TEST(SampleCli, DiscreteGridAndFormats) {
  CliRun r = run_cli("sample " + model("e5_coins.toml") + " --t-hat-grid 0:600:4 --s-init heads --n 2000 --seed 1 --format csv");
  ASSERT_EQ(r.status, 0) << r.err;
  // The exact label retention sits beside the Monte Carlo retention (critwin retention).
  EXPECT_EQ(r.out.rfind("t_hat,freq(heads),freq(tails),retention(S_init),exact label retention\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\n200,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n600,"), std::string::npos) << r.out;
}

TEST(SampleCli, BadInputNamesTheOption) {
  struct Bad { std::string args, option; };
  const std::string e1 = model("e1_two_gaussians.toml"), coins = model("e5_coins.toml");
  for (const Bad& b : {Bad{"sample " + e1 + " --t-hat 1 --s-init plus --n 0 --seed 1", "--n"},
                       Bad{"sample " + e1 + " --t-hat -1 --s-init plus --n 10 --seed 1", "--t-hat"},
                       Bad{"sample " + coins + " --t-hat 601 --s-init heads --n 10 --seed 1", "--t-hat"},
                       Bad{"sample " + e1 + " --t-hat 1 --s-init plus --n 10 --seed 1 --threads 0", "--threads"},
                       Bad{"sample " + e1 + " --t-hat-grid 2:1:5 --s-init plus --n 10 --seed 1", "--t-hat-grid"},
                       Bad{"sample " + e1 + " --t-hat-grid 1:2:0 --s-init plus --n 10 --seed 1", "--t-hat-grid"},
                       Bad{"sample " + e1 + " --t-hat 1 --s-init plus --n 10 --seed 1 --reverse leap", "--reverse"},
                       Bad{"sample " + coins + " --t-hat 5 --s-init heads --n 10 --seed 1 --reverse sde", "--reverse"},
                       Bad{"sample " + e1 + " --t-hat 1 --s-init plus --n 10 --seed 1 --reverse sde --steps 0", "--steps"},
                       Bad{"sample " + e1 + " --t-hat inf --s-init plus --n 10 --seed 1 --reverse ode", "--t-hat"},
                       Bad{"sample " + e1 + " --t-hat 1 --s-init nobody --n 10 --seed 1", "--s-init"}}) {
    CliRun r = run_cli(b.args);
    EXPECT_NE(r.status, 0) << b.args;
    EXPECT_NE(r.err.find(b.option), std::string::npos) << b.args << " → " << r.err;
    EXPECT_TRUE(r.out.empty()) << b.args;
  }
}
