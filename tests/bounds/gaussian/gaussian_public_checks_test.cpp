// The public checks on E1 (two Gaussians, means ±8, variance 1), through the critwin CLI.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace {

nlohmann::json run(const std::string& args) {
  const std::string cmd = std::string(CRITWIN_BINARY) + " " + args + " " + CRITWIN_SOURCE_DIR +
                          "/examples/e1_two_gaussians.toml --json";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  EXPECT_EQ(pclose(p), 0) << cmd;
  return nlohmann::json::parse(out);
}

TEST(GaussianPublicChecks, WindowTStart) {
  auto j = run("window --eps 0.1 --s-init plus --s-target plus");
  EXPECT_NEAR(j["t_start"].get<double>(), 1.1332699997835702, 1e-9);
}

TEST(GaussianPublicChecks, WindowTEnd) {
  auto j = run("window --eps 0.1 --s-init plus --s-target plus,minus");
  EXPECT_NEAR(j["t_end"].get<double>(), 3.452436323043437, 1e-9);
  EXPECT_EQ(j["t_start"], "inf");
}

TEST(GaussianPublicChecks, FrTv) {
  EXPECT_NEAR(run("fr-tv --t-hat 1.5 --s-init plus --s-target plus")["tv"].get<double>(), 0.0555531343, 1e-8);
  EXPECT_NEAR(run("fr-tv --t-hat 1.5 --s-init plus --s-target plus,minus")["tv"].get<double>(), 0.4444468657, 1e-8);
}

}  // namespace
