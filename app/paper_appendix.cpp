#include "app/paper_appendix.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "app/compare_run.hpp"
#include "app/plot_render.hpp"
#include "app/plot_retention.hpp"
#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"
#include "verify/verify_report.hpp"

#ifndef CRITWIN_EXAMPLES_DIR
#define CRITWIN_EXAMPLES_DIR "examples"
#endif

namespace critwin::app {

namespace {

namespace fs = std::filesystem;

std::string short_time(const OptionalTime& e) {
  if (!e) return "none";
  if (e->infinite) return "inf";
  return fmt::format("{:.6g}", e->value);
}

Table compare_table(const Comparison& c, const std::string& caption) {
  Table t;
  t.header = {"method", "t_after / t", "t_before", "- T_after", "- T_before", "guarantee"};
  for (const auto& p : c.rows)
    t.rows.push_back({p.method, short_time(p.window ? p.t_after : p.t), p.window ? short_time(p.t_before) : "",
                      short_time(p.d_after), short_time(p.d_before), guarantee_name(p.guarantee)});
  t.caption = caption;
  if (!c.omitted.empty()) {
    t.caption += "; not applicable:";
    for (size_t i = 0; i < c.omitted.size(); ++i) t.caption += (i ? "; " : " ") + c.omitted[i].method + " (" + c.omitted[i].reason + ")";
  }
  return t;
}

// Text for LaTeX: ASCII specials escaped, other bytes outside ASCII dropped (model names are free text).
std::string tex_text(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) continue;
    switch (c) {
      case '_': case '%': case '&': case '#': case '$': case '{': case '}': out += '\\'; out += c; break;
      case '\\': out += "\\textbackslash{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '<': out += "\\textless{}"; break;
      case '>': out += "\\textgreater{}"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

AppendixResult paper_appendix(const std::vector<std::pair<Model, PaperExample>>& examples, const Table& windows,
                              const ExactReal& eps, long precision, const std::string& out_dir) {
  AppendixResult res;
  const std::string eps_text = fmt::format("{}", eps.to_double());
  std::string tex =
      "% critwin paper: appendix. Compile with pdflatex beside the fig_*.pdf files.\n"
      "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage{graphicx}\n"
      "\\usepackage[landscape,margin=1.5cm]{geometry}\n\\begin{document}\n\\footnotesize\n"
      "\\section*{Exact critical windows and the printed closed forms}\n" + table_render(windows, Format::latex);
  std::string md = "# Appendix: critical windows, comparisons and retention figures\n\n" + table_render(windows, Format::md) + "\n";
  ModelArgs margs;
  margs.common.precision = precision;
  margs.threads = 1;
  for (const auto& [m, ex] : examples) {
    const Subset sa({0}), sb = Subset::all(m.size());
    const std::string sa_text = sa.to_string(m), sb_text = sb.to_string(m);
    Json path;
    std::string note;
    const auto points = compare_run(margs, m, CompareRequest{eps.to_string(), sa_text, sb_text, std::nullopt}, path, note);
    const Table cmp = compare_table(points.front().comparison,
                                    fmt::format("{} ({}): S_after = {}, S_before = {}, eps = {}; '- T' = prediction minus exact",
                                                ex.id, m.name, sa_text, sb_text, eps_text));
    // The retention figure: exact curves where critwin has them, else (and always beside them) Monte Carlo points.
    // The Monte Carlo points simulate in the model's own space: E2's 10 means in d = 10^4 cost 10^5 times a
    // one-dimensional example per sample, so high-dimensional Gaussians get fewer samples (the error bars say so).
    const auto* g = m.family<GaussianComponents>();
    const uint64_t mc = g && g->dim > 100 ? 500 : 20000;
    // E6's exact curve costs about a second per point (each T̂ sums over the count tables of the seen and the
    // hidden examples), a minute for the figure: the appendix shows its Monte Carlo points only.
    const bool icl = m.family<IclComponents>() != nullptr;
    RetentionPlotRequest rr{"", 61, mc, 1, 1};
    rr.exact = !icl;
    const PlotSpec spec = retention_spec(margs, m, sa, sb, eps, rr);
    const std::string stem = "fig_" + ex.id;
    for (const char* ext : {".pdf", ".png", ".tex"})
      for (auto& f : plot_render(spec, out_dir + "/" + stem + ext)) res.files.push_back(std::move(f));
    const std::string caption = fmt::format("Retention of $S_{{\\mathrm{{after}}}}$ = {} against $\\hat T$ ({}, $\\varepsilon$ = {}); "
                                            "{} Monte Carlo samples per marked point, seed 1{}.", tex_text(sa_text), ex.id, eps_text, mc,
                                            icl ? " (the exact curve is left out here: about a second per point; "
                                                  "\\texttt{critwin retention} computes it)" : "");
    tex += "\\clearpage\n\\section*{" + ex.id + ": " + tex_text(m.name) + "}\n";
    tex += table_render(cmp, Format::latex);
    tex += "\\begin{figure}[ht]\n\\centering\n\\includegraphics[width=0.9\\linewidth]{" + stem + ".pdf}\n\\caption{" + caption +
           "}\n\\end{figure}\n";
    md += "## " + ex.id + ": " + m.name + "\n\n" + table_render(cmp, Format::md) + "\n![retention, " + ex.id + "](" + stem + ".png)\n\n";
  }
  // Claims summary.
  std::vector<verify::ClaimResult> results;
  verify::RunOptions opt;
  opt.precision = precision;
  const fs::path claims_dir = fs::path(CRITWIN_EXAMPLES_DIR) / ".." / "verify" / "claims";
  std::vector<fs::path> claim_files;
  for (const auto& e : fs::directory_iterator(claims_dir))
    if (e.path().extension() == ".toml" && e.path().filename() != "mc_agrees.toml") claim_files.push_back(e.path());
  std::sort(claim_files.begin(), claim_files.end());
  for (const auto& f : claim_files)
    for (const auto& c : verify::claims_file_load(f.string())) results.push_back(verify::claim_run(c, opt));
  const Table claims{verify::report_header(), verify::report_rows(results),
                     "Bundled claims (critwin verify; the Monte Carlo agreement claims of mc_agrees.toml are not rerun here)"};
  tex += "\\clearpage\n\\section*{Claims}\n" + table_render(claims, Format::latex) + "\\end{document}\n";
  md += "## Claims\n\n" + table_render(claims, Format::md);
  res.files.push_back({out_dir + "/appendix.tex", tex});
  res.files.push_back({out_dir + "/appendix.md", md});

  // appendix.pdf: compiled in a private folder from the files above.
  if (std::system("command -v pdflatex >/dev/null 2>&1") != 0) {
    res.note = "pdflatex not found: appendix.pdf not written";
    return res;
  }
  const PlotTempFolder tmp;
  const fs::path dir(tmp.path());
  for (const auto& [p, content] : res.files) std::ofstream(dir / fs::path(p).filename(), std::ios::binary) << content;
  const std::string cmd = "cd '" + dir.string() + "' && pdflatex -interaction=nonstopmode -halt-on-error appendix.tex > build.log 2>&1";
  if (std::system(cmd.c_str()) == 0 && fs::exists(dir / "appendix.pdf"))
    res.files.push_back({out_dir + "/appendix.pdf", tmp.read("appendix.pdf")});
  else
    res.note = "pdflatex failed on appendix.tex: appendix.pdf not written (" + tmp.read("build.log").substr(0, 2000) + ")";
  return res;
}

}  // namespace critwin::app
