// Every LaTeX output of every command compiles with pdflatex (texlive-latex-base, installed by
// .ci/install-deps): critwin's tables carry ^, _, \, ~, |, braces and non-ASCII symbols.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "cli_runner.hpp"

namespace {

// Wraps a table in a minimal document and runs pdflatex on it; returns pdflatex's log on failure.
std::string compile(const std::string& table) {
  TempDir dir;
  dir.file("t.tex", "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\begin{document}\n" + table +
                        "\n\\end{document}\n");
  const std::string cmd = "cd " + dir.path() + " && pdflatex -interaction=nonstopmode -halt-on-error t.tex >log.txt 2>&1";
  if (std::system(cmd.c_str()) == 0 && std::ifstream(dir.path() + "/t.pdf")) return "";
  std::ifstream log(dir.path() + "/log.txt");
  return std::string(std::istreambuf_iterator<char>(log), {});
}

TEST(CliLatex, EveryCommandsTableCompiles) {
  ASSERT_EQ(std::system("command -v pdflatex >/dev/null"), 0) << "pdflatex is missing: run .ci/install-deps";
  const std::string e1 = example_path("e1_two_gaussians.toml"), e5 = example_path("e5_coins.toml");
  TempDir claims;
  const std::string cf = claims.file("c.toml", "[[claim]]\nname = \"a^2 <= |a| ~ x_1 {b}\"\nkind = \"inequality\"\n"
                                               "assume = \"a > 0 && a < 1\"\nexpr = \"a*a <= a\"\nbox = { a = [\"0\", \"1\"] }\n");
  const std::vector<std::string> runs = {
      "paper --eps 0.2 --no-files",
      "forward-tv " + e1 + " --t 1.5 --a plus --b minus",
      "fr-tv " + e1 + " --t-hat 1.5 --s-init plus --s-target plus",
      "window " + e1 + " --eps 0.1 --s-init plus --s-target plus,minus",
      "critical-window " + e5 + " --eps 0.2 --s-after heads --s-before heads,tails",
      "sample " + e5 + " --t-hat 590 --s-init heads --n 1000 --seed 7 --quiet",
      "verify " + cf,
      // Labels in a UTF-8 strings alphabet.
      "tree " + claims.file("u.toml", "[mixture]\nweights = [\"1/2\", \"1/2\"]\nlabels = [\"αβ😀\", \"ββα\"]\n[components]\n"
                                      "kind = \"strings\"\nalphabet = \"αβ😀\"\nstrings = [\"αβ😀\", \"ββα\"]\n"
                                      "[process]\nkind = \"ordered-mask\"\norder = [2, 1, 0]\n") + " --eps 0.1",
      // Greek labels whose collapsed-node rows start with a label: once printed as [U+03B3] right after a row's
      // \\, which LaTeX reads as \\[<length>] ("Missing number").
      "tree " + claims.file("g.toml", "[mixture]\nweights = [\"1/3\", \"1/3\", \"1/3\"]\nlabels = [\"α\", \"β\", \"γ\"]\n"
                                      "[components]\nkind = \"bernoulli-product\"\nlength = 5\nprobs = [\"0.9\", \"0.5\", \"0.1\"]\n"
                                      "[process]\nkind = \"truncate\"\n") + " --eps 0.3",
  };
  for (const auto& args : runs) {
    CliResult r = cli_run(args + " --format latex");
    ASSERT_EQ(r.status, 0) << args << "\n" << r.err;
    ASSERT_NE(r.out.find("\\begin{tabular}"), std::string::npos) << args << "\n" << r.out;
    EXPECT_EQ(compile(r.out), "") << args << "\n" << r.out;
    EXPECT_EQ(r.out.find("[U+03"), std::string::npos) << args << ": Greek letters are set in math mode\n" << r.out;
  }
}

}  // namespace
