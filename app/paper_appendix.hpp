// The appendix `critwin paper` writes beside paper.md/paper.tex: for every example its comparison table
// (critwin compare) and retention figure (PDF + pgfplots + PNG), the claims summary, gathered in
// appendix.tex (compiled to appendix.pdf when pdflatex is present) and appendix.md.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/output.hpp"
#include "bounds/paper/paper_example.hpp"

namespace critwin::app {

struct AppendixResult {
  std::vector<std::pair<std::string, std::string>> files;  // paths under out_dir, contents
  std::string note;  // e.g. why appendix.pdf is missing
};

// `windows` is the paper's main table; `eps` the ε of the comparison tables and figures. Claims: every bundled
// claims file except the Monte Carlo agreement claims (mc_agrees.toml; minutes of sampling, see its file).
AppendixResult paper_appendix(const std::vector<std::pair<Model, PaperExample>>& examples, const Table& windows,
                              const ExactReal& eps, long precision, const std::string& out_dir);

}  // namespace critwin::app
