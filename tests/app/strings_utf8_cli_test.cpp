// strings models over UTF-8 alphabets, end to end: every result equals that of the same model with the
// alphabet renamed to ASCII (a separate, hand-written file), UTF-8 labels print as text, and each bad alphabet
// or string is one error naming the field, exit status 2 and no output.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

std::string data_model(const std::string& file) { return std::string(CRITWIN_SOURCE_DIR) + "/tests/data/models/" + file; }

// Replaces every "{}" in a command template by `model`.
std::string with_model(std::string q, const std::string& model) {
  for (size_t p; (p = q.find("{}")) != std::string::npos;) q.replace(p, 2, model);
  return q;
}

}  // namespace

// strings-utf8-greek.toml (alphabet "αβγ"), strings-utf8-words.toml (["alpha", "🙂b", "γ"]) and
// strings-utf8-ascii.toml ("abc") are one model: exact TVs, windows, trees and Monte Carlo runs with the same
// seed must agree byte for byte, under random-mask (as written) and under truncate and ordered-mask (the same
// edit of each file's [process]).
TEST(StringsUtf8Cli, ResultsEqualTheAsciiRenaming) {
  const std::vector<std::string> queries = {
      "forward-tv {} --t 0.4 --a s0 --b s1,s2 --json",
      "forward-tv {} --t 3/4 --a s0,s3 --b s1 --json",
      "fr-tv {} --t-hat 0.4 --s-init s0 --s-target s0,s3 --json",
      "window {} --eps 0.1 --s-init s0 --s-target s0,s3 --json",
      "critical-window {} --eps 0.1 --s-after s0 --s-before s0,s3 --json",
      "tree {} --eps 0.1 --json",
      "sample {} --t-hat 0.4 --s-init s0 --n 20000 --seed 11 --json",
      "sample {} --t-hat 0.6 --s-init s1,s2 --reverse localize --steps 4 --n 20000 --seed 5 --json",
  };
  // Discrete processes take integer times: 0.4, 3/4 and 0.6 become 3, 5 and 6 of the 8 positions.
  const std::vector<std::pair<std::string, bool>> processes = {  // [process] text, integer times
      {"kind = \"random-mask\"", false},
      {"kind = \"truncate\"", true},
      {"kind = \"ordered-mask\"\norder = [7, 2, 5, 0, 3, 6, 1, 4]", true}};
  TempDir dir;
  auto variant = [&](const std::string& file, const std::string& process) {
    std::ifstream in(data_model(file));
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const std::string written = "kind = \"random-mask\"";
    const size_t p = text.find(written);
    EXPECT_NE(p, std::string::npos) << file;
    return dir.file(file, text.replace(p, written.size(), process));
  };
  for (const auto& [process, discrete] : processes) {
    for (std::string q : queries) {
      if (discrete)
        for (auto [from, to] : {std::pair{"0.4 ", "3 "}, std::pair{"3/4 ", "5 "}, std::pair{"0.6 ", "6 "}})
          if (const size_t p = q.find(from); p != std::string::npos) q.replace(p, std::string(from).size(), to);
      const CliResult a = cli_run(with_model(q, variant("strings-utf8-ascii.toml", process)));
      ASSERT_EQ(a.status, 0) << q << " / " << process << "\n" << a.err;
      for (const char* other : {"strings-utf8-greek.toml", "strings-utf8-words.toml"}) {
        const CliResult u = cli_run(with_model(q, variant(other, process)));
        ASSERT_EQ(u.status, 0) << q << " on " << other << " / " << process << "\n" << u.err;
        EXPECT_EQ(u.out, a.out) << q << " on " << other << " / " << process;
      }
    }
  }
  // The model is not degenerate: the TV is strictly between 0 and 1.
  const auto tv = nlohmann::json::parse(cli_run(with_model(queries[0], data_model("strings-utf8-ascii.toml"))).out)["tv"];
  EXPECT_GT(tv.get<double>(), 0.5);
  EXPECT_LT(tv.get<double>(), 1.0);
}

// Labels in the alphabet's symbols come out as the same UTF-8 text in the table, CSV and JSON (LaTeX: see
// cli_latex_test.cpp).
TEST(StringsUtf8Cli, Utf8LabelsPrintAsText) {
  TempDir dir;
  const std::string m = dir.file("m.toml", R"(
[mixture]
weights = ["1/2", "1/4", "1/4"]
labels  = ["ααβγ", "βγγα", "γ😀αβ"]
[components]
kind = "strings"
alphabet = "αβγ😀"
strings = ["ααβγ", "βγγα", "γ😀αβ"]
[process]
kind = "ordered-mask"
order = [3, 0, 2, 1]
)");
  const CliResult s = cli_run("sample " + m + " --t-hat 2 --s-init ααβγ --n 1000 --seed 3");
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_NE(s.out.find("freq(γ😀αβ)"), std::string::npos) << s.out;
  const CliResult csv = cli_run("tree " + m + " --eps 0.1 --format csv");
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_NE(csv.out.find("\"ααβγ,βγγα,γ😀αβ\""), std::string::npos) << csv.out;
  const CliResult j = cli_run("tree " + m + " --eps 0.1 --json");
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_NE(j.out.find("γ😀αβ"), std::string::npos) << j.out;  // not \u escapes
  EXPECT_TRUE(nlohmann::json::accept(j.out)) << j.out;
}

TEST(StringsUtf8Cli, BadAlphabetsAndStringsNameTheField) {
  TempDir dir;
  auto model = [&](const std::string& alphabet, const std::string& strings) {
    return dir.file("m.toml", "[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = \"strings\"\nalphabet = " +
                                  alphabet + "\nstrings = " + strings + "\n[process]\nkind = \"random-mask\"\n");
  };
  const std::string good = R"(["ααβγ", "βγγα"])";
  auto expect_error = [&](const std::string& path, const std::string& needle) {
    const CliResult r = cli_run("forward-tv " + path + " --t 0.5 --a 0 --b 1");
    EXPECT_EQ(r.status, 2) << needle << "\n" << r.err;
    EXPECT_EQ(r.out, "") << needle;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  };
  ASSERT_EQ(cli_run("forward-tv " + model("\"αβγ\"", good) + " --t 0.5 --a 0 --b 1").status, 0);
  expect_error(model("\"αβ\xFFγ\"", good), "components.alphabet: is not valid UTF-8: the bytes at byte offset 4 ");
  expect_error(model("\"αβγ\"", "[\"ααβγ\", \"β\xCEγγα\"]"), "components.strings[1]: is not valid UTF-8: the bytes at byte offset 2 ");
  expect_error(model("\"αβγβ\"", good), "components.alphabet: must not repeat a symbol: 'β'");
  expect_error(model(R"(["α", "β", "γ", "γ"])", good), "components.alphabet[3]: must not repeat a symbol: 'γ'");
  expect_error(model("\"αβγ\"", R"(["ααβγ", "βδγα"])"), "components.strings[1]: symbol 1 (counting from 0; byte offset 2) is 'δ'");
  expect_error(model("\"αβγ\"", R"(["ααβγ", "βγγαα"])"), "components.strings[1]: must have the same length as components.strings[0] (4 symbols, got 5)");
  expect_error(model(R"(["α", "αβ", "γ"])", good), "components.alphabet[1]: 'αβ' begins with symbol 0 'α'");
}
