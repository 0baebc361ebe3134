// Bad input of every kind at the CLI boundary: one line naming the field and the allowed range, exit
// status 2, nothing written. One test per kind, each with several members of the kind.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

void expect_error(const std::string& args, const std::string& needle) {
  CliResult r = cli_run(args);
  EXPECT_EQ(r.status, 2) << args << "\n" << r.out << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << args << "\nstderr: " << r.err;
  EXPECT_EQ(r.err.find("Run with --help"), std::string::npos) << "CLI11's own text leaked: " << r.err;
}

const std::string kE1 = example_path("e1_two_gaussians.toml");

TEST(CliInputErrors, MistypedWordsAreNamedWithTheNearestValidOne) {
  expect_error("frtv " + kE1, "unknown command 'frtv'; did you mean 'fr-tv'?");
  expect_error("windw " + kE1, "did you mean 'window'?");
  expect_error("window " + kE1 + " --epss 0.1 --s-init plus --s-target plus", "--epss: unknown option for 'window'; did you mean '--eps'?");
  expect_error("sample " + kE1 + " --t-hat 1 --s-init plus --n 10 --sed 3", "did you mean '--seed'?");
  // Missing required options and subcommands are input errors too (exit 2, not CLI11's 104-114).
  expect_error("window " + kE1 + " --eps 0.1", "--s-init is required");
  expect_error("", "A subcommand is required");
  EXPECT_EQ(cli_run("--help").status, 0);
  EXPECT_EQ(cli_run("window --help").status, 0);
}

TEST(CliInputErrors, RepeatsConflictsAndExtraWordsAreNamed) {
  const std::string w = "window " + kE1 + " --eps 0.1 --s-init plus --s-target plus";
  expect_error(w + " --eps 0.2", "--eps: given twice ('0.1' and '0.2'); give it once");
  expect_error(w + " --format csv --format=md", "--format: given twice ('csv' and 'md')");
  expect_error(w + " --json --format csv", "excludes --");
  expect_error(w + " extra words", "unexpected arguments 'extra words' for 'window': it takes 1 positional argument (MODEL)");
  // A subset naming one component twice is a typo, not a set.
  expect_error("window " + kE1 + " --eps 0.1 --s-init plus,plus --s-target plus", "--s-init: ");
  expect_error("forward-tv " + kE1 + " --t 1 --a plus --b minus,1", "'1' names component minus a second time");
  // A flag given twice is still the flag.
  EXPECT_EQ(cli_run(w + " --json --json").status, 0);
}

TEST(CliInputErrors, CountsAndSeedsNeverWrap) {
  const std::string base = "sample " + kE1 + " --t-hat 1 --s-init plus ";
  expect_error(base + "--n -1 --seed 1", "--n: must be an integer in [1, 1000000000000000]");
  expect_error(base + "--n 18446744073709551615 --seed 1", "--n: must be an integer");
  expect_error(base + "--n 1e6 --seed 1", "--n: must be an integer");
  expect_error(base + "--n 0 --seed 1", "--n: must be an integer");
  expect_error(base + "--n 10 --seed -1", "--seed: must be an integer in [0, 18446744073709551615]");
  expect_error(base + "--n 10 --seed 18446744073709551616", "--seed: must be an integer");
  expect_error(base + "--n 10 --seed 1 --threads 0", "--threads: must be an integer in [1, 1024]");
  expect_error(base + "--n 10 --seed 1 --tv-inner 2000000", "--tv-inner: must be an integer in [1, 1000000]");
  expect_error("window " + kE1 + " --eps 0.1 --s-init plus --s-target plus --precision 20", "--precision: must be an integer in [64, 4096]");
  // The largest seed is a valid seed.
  EXPECT_EQ(cli_run(base + "--n 10 --seed 18446744073709551615").status, 0);
}

TEST(CliInputErrors, OutputPathsAndNoPartialFiles) {
  TempDir dir;
  // An empty --out used to write /paper.md; now it is refused before any work.
  CliResult r = cli_run("paper --out ''");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--out: must name a folder"), std::string::npos) << r.err;
  // A folder that cannot be created: nothing is written anywhere, no temporary left behind.
  const std::string blocker = dir.file("file", "x");
  r = cli_run("paper --eps 0.2 --out " + blocker + "/sub");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--out: cannot create directory"), std::string::npos) << r.err;
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  EXPECT_EQ(entries, 1);
  // Success writes both files and leaves no temporaries (one bundled model: the full run is tested in PaperCli).
  r = cli_run("paper " + example_path("e3_two_strings.toml") + " --eps 0.2 --out " + dir.path() + "/out");
  ASSERT_EQ(r.status, 0) << r.err;
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir.path() + "/out")) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  // paper.md, paper.tex and the appendix (appendix.*, fig_*: issue 11 item 4); nothing else, no temporaries.
  for (const auto& n : names)
    EXPECT_TRUE(n == "paper.md" || n == "paper.tex" || n.rfind("appendix.", 0) == 0 || n.rfind("fig_", 0) == 0) << n;
  for (const char* n : {"paper.md", "paper.tex", "appendix.md", "appendix.tex"})
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
}

TEST(CliInputErrors, LabelsAndSubsets) {
  TempDir dir;
  auto model = [&](const std::string& labels) {
    return dir.file("m.toml", "[mixture]\nweights = [\"1/2\", \"1/2\"]\nlabels = " + labels +
                                  "\n[components]\nkind = \"bernoulli-product\"\nlength = 3\nprobs = [\"0.2\", \"0.3\"]\n"
                                  "[process]\nkind = \"truncate\"\n");
  };
  expect_error("forward-tv " + model("[\"1\", \"0\"]") + " --t 1 --a 0 --b 1",
               "mixture.labels[0]: '1' looks like an index but names component 0");
  expect_error("forward-tv " + model("[\" a\", \"b\"]") + " --t 1 --a 0 --b 1",
               "mixture.labels[0]: ' a' must not start or end with white space");
  expect_error("forward-tv " + model("[\"all\", \"b\"]") + " --t 1 --a 0 --b 1", "not be the word 'rest' or 'all'");
  // Digit labels equal to their own index are fine, and 'all' is Θ.
  CliResult r = cli_run("forward-tv " + model("[\"0\", \"1\"]") + " --t 0 --a all --b 0 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"a\": \"0,1\""), std::string::npos) << r.out;
}

TEST(CliInputErrors, WeightsSayByHowMuchTheyMiss) {
  TempDir dir;
  const std::string m = dir.file("m.toml", "[mixture]\nweights = [0.1, 0.9]\n[components]\nkind = \"bernoulli-product\"\n"
                                           "length = 3\nprobs = [\"0.2\", \"0.3\"]\n[process]\nkind = \"truncate\"\n");
  // 0.1 and 0.9 as binary doubles sum to 1 + 2^-55 exactly.
  expect_error("forward-tv " + m + " --t 1 --a 0 --b 1", "exceeds 1 by 2.78e-17, exactly 1/36028797018963968");
}

TEST(CliInputErrors, OnlyThatMatchesNoClaimIsAnError) {
  expect_error("verify " + std::string(CRITWIN_SOURCE_DIR) + "/verify/claims/closed_forms.toml --only 'no such claim'",
               "--only: 'no such claim' is contained in no claim name");
}

// Far times on OU: e^{-t} underflows, yet the answer is an enclosure [0, TV(1000)] of a number below 1e-434
// (certified for pairs; for three collinear means bounded by the quadrature's error estimate), never NaN.
TEST(CliInputErrors, FarTimesGiveCertifiedTinyTv) {
  for (const std::string& args : {"forward-tv " + kE1 + " --a plus --b minus",
                                 "forward-tv " + example_path("gaussians_three_plane.toml") + " --a a --b b",
                                 "forward-tv " + example_path("gaussians_three_line.toml") + " --a 0 --b rest"}) {
    for (const char* t : {"1e100", "1e300", "1e400", "1001"}) {
      CliResult r = cli_run(args + " --t " + t + " --json");
      ASSERT_EQ(r.status, 0) << args << " --t " << t << "\n" << r.err;
      EXPECT_EQ(r.out.find("null"), std::string::npos) << r.out;
      EXPECT_EQ(r.out.find("nan"), std::string::npos) << r.out;
      const auto j = nlohmann::json::parse(r.out);
      EXPECT_EQ(j["tv"].get<double>(), 0.0) << r.out;
      EXPECT_EQ(j["tv_lo"].get<double>(), 0.0) << r.out;
      EXPECT_GE(j["tv_hi"].get<double>(), 0.0) << r.out;
      EXPECT_LT(j["tv_hi"].get<double>(), 1e-30) << r.out;
      EXPECT_NE(j["guarantee"], "exact") << r.out;
      if (args.find("three_line") == std::string::npos) {
        EXPECT_LT(j["tv_hi"].get<double>(), 1e-300) << r.out;
        EXPECT_EQ(j["guarantee"], "certified") << r.out;
      }
    }
  }
}

}  // namespace
