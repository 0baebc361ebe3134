// The random-walk family through the CLI: every bad key of a model file exits with status 2 naming the
// field and its range; the bundled E5 walk runs through window, fr-tv, sample and paper, where the paper's
// hypotheses (A) and (B) and a printed T_before beyond L are reported beside the exact window.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

using json = nlohmann::json;

std::string walk(const std::string& components, const std::string& process = "kind = \"truncate\"") {
  return "[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = \"random-walk\"\n" + components +
         "\n[process]\n" + process + "\n";
}

void expect_input_error(const std::string& model_text, const std::string& field, const std::string& range) {
  TempDir d;
  const std::string path = d.file("m.toml", model_text);
  SCOPED_TRACE(model_text);
  CliResult r = cli_run("forward-tv " + path + " --t 1 --a 0 --b 1");
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find(field), std::string::npos) << "stderr: " << r.err;
  EXPECT_NE(r.err.find(range), std::string::npos) << "stderr: " << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(RandomWalkCli, BadModelFiles) {
  const std::string ok_probs = "probs = [\"0.6\", \"0.4\"]";
  for (const char* b : {"0", "-3", "1.5", "\"7\""})
    expect_input_error(walk(std::string("length = 10\nbarrier = ") + b + "\n" + ok_probs), "components.barrier", "[1, ");
  expect_input_error(walk("length = 10\n" + ok_probs), "components.barrier", "[1, ");
  for (const char* l : {"0", "-1"})
    expect_input_error(walk(std::string("length = ") + l + "\nbarrier = 3\n" + ok_probs), "components.length", "[1, ");
  for (const char* p : {"0", "1", "\"1.2\"", "\"-1/10\""})
    expect_input_error(walk(std::string("length = 10\nbarrier = 3\nprobs = [\"0.6\", ") + p + "]"), "components.probs[1]",
                       "open interval (0, 1)");
  expect_input_error(walk("length = 10\nbarrier = 3\nprobs = [\"0.6\"]"), "components.probs", "one up-probability per component");
  expect_input_error(walk("length = 10\nbarrier = 3\n" + ok_probs + "\nbarier = 4"), "barier", "");
  expect_input_error(walk("length = 10\nbarrier = 3\n" + ok_probs, "kind = \"random-mask\""), "process.kind", "truncate");
}

// A barrier beyond the length is allowed: the walk is never absorbed and its prefixes are the coins'.
TEST(RandomWalkCli, BarrierBeyondLengthIsTheCoinModel) {
  TempDir d;
  const std::string w = d.file("w.toml", walk("length = 12\nbarrier = 50\nprobs = [\"0.6\", \"0.4\"]"));
  const std::string c = d.file("c.toml", "[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = "
                                         "\"bernoulli-product\"\nlength = 12\nprobs = [\"0.6\", \"0.4\"]\n[process]\n"
                                         "kind = \"truncate\"\n");
  for (const char* cmd : {"forward-tv {} --t 5 --a 0 --b 1 --json", "fr-tv {} --t-hat 5 --s-init 0 --s-target 0 --json"}) {
    auto run = [&](const std::string& path) {
      std::string args = cmd;
      args.replace(args.find("{}"), 2, path);
      CliResult r = cli_run(args);
      EXPECT_EQ(r.status, 0) << r.err;
      return json::parse(r.out)["tv"].get<double>();
    };
    EXPECT_NEAR(run(w), run(c), 1e-15) << cmd;
  }
}

TEST(RandomWalkCli, BundledExampleEndToEnd) {
  const std::string e5 = example_path("e5_random_walk.toml");
  CliResult r = cli_run("window " + e5 + " --eps 0.1 --s-init solve --s-target solve --json");
  ASSERT_EQ(r.status, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_TRUE(j["t_start"].is_number());
  EXPECT_TRUE(j["t_end"].is_number());
  r = cli_run("sample " + e5 + " --t-hat 900 --s-init solve --n 2000 --seed 1 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["label_freq"].size(), 2u);

  r = cli_run("paper " + e5 + " --no-files --json --eps 0.2,0.1,0.01");
  ASSERT_EQ(r.status, 0) << r.err;
  j = json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 3u);
  for (const auto& row : j["rows"]) {
    EXPECT_EQ(row["example"], "E5-walk");
    EXPECT_EQ(row["barrier"], 200);
    const double eps = row["eps"].get<double>();
    // (A) ln(2/ε²)/(2Δ²) < A with Δ = 0.1, A = 200: 195.6 (ε = 0.2) holds; 264.9 and 495.2 fail.
    EXPECT_EQ(row["e5_barrier_hypothesis"].get<bool>(), eps == 0.2) << row;
    // (B) ε² < 10⁻³ · 0.24 holds only for ε = 0.01.
    EXPECT_EQ(row["e5_eps_hypothesis"].get<bool>(), eps == 0.01) << row;
    // Printed T_before = L − ε²/Δ² + 2 exceeds L = 1000 when ε² < 2Δ²: for ε = 0.1 and 0.01, not 0.2.
    EXPECT_EQ(row["t_before_paper_exceeds_length"].get<bool>(), eps < 0.15) << row;
    EXPECT_NEAR(row["t_before_paper"].get<double>(), 1000 - eps * eps / 0.01 + 2, 1e-9);
    EXPECT_TRUE(row["t_after"].is_number());
    EXPECT_TRUE(row["t_before"].is_number());
  }
}

}  // namespace
