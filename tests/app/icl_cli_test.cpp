// The icl family through the CLI: bad model files exit with status 2 and name the key; the bundled E6
// example runs in `critwin paper`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

const char* kBadRow = R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "icl"
examples = 4
input_probs = ["1"]
tables = [[["1/2", "1/2"]], [["1/2", "1/3"]]]
[process]
kind = "truncate"
)";

TEST(IclCli, BadTableRowExitsTwoNamingTheKey) {
  TempDir dir;
  const std::string path = dir.file("bad.toml", kBadRow);
  CliResult r = cli_run("window " + path + " --eps 0.1 --s-init 0 --s-target 0");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("components.tables[1][0]"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(IclCli, PaperRowForE6) {
  CliResult r = cli_run("paper " + example_path("e6_icl.toml") + " --eps 0.1 --no-files --json");
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 1u);
  const auto& row = j["rows"][0];
  EXPECT_EQ(row["example"], "E6");
  EXPECT_TRUE(row.contains("e6"));
  EXPECT_GT(row["e6"]["n_proof"].get<double>(), row["e6"]["n_printed"].get<double>());
  EXPECT_FALSE(row["t_after"].is_null());
}

}  // namespace
