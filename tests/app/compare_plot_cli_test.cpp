// critwin compare and critwin plot end to end: the JSON contract, the sweep table, bad input (exit 2, no
// files), figures that are not blank and have the stated size, and .tex figures that pdflatex compiles.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

using nlohmann::json;

const std::string kE1 = "--eps 0.1 --s-after plus --s-before plus,minus";

json run_json(const std::string& args) {
  CliResult r = cli_run(args + " --json");
  EXPECT_EQ(r.status, 0) << args << "\n" << r.err;
  return json::parse(r.out);
}

std::map<std::string, json> by_method(const json& rows) {
  std::map<std::string, json> m;
  for (const auto& r : rows) m[r["method"].get<std::string>()] = r;
  return m;
}

TEST(CompareCli, E1RowsAgreeWithCriticalWindowAndClosedForms) {
  const std::string e1 = example_path("e1_two_gaussians.toml");
  const json j = run_json("compare " + e1 + " " + kE1);
  const auto rows = by_method(j["rows"]);
  const std::set<std::string> expected{"exact", "theorem2-after", "theorem2-before", "boe", "hellinger", "kl-pinsker",
                                       "speciation", "cloning-halfway", "symmetry-breaking"};
  std::set<std::string> got;
  for (const auto& [k, v] : rows) got.insert(k);
  EXPECT_EQ(got, expected);
  EXPECT_TRUE(j["omitted"].empty());
  // The exact row is the critical-window command's answer.
  const json cw = run_json("critical-window " + e1 + " " + kE1);
  EXPECT_DOUBLE_EQ(rows.at("exact")["t_after"].get<double>(), cw["t_after"].get<double>());
  EXPECT_DOUBLE_EQ(rows.at("exact")["t_before"].get<double>(), cw["t_before"].get<double>());
  // Window rows carry width = t_before − t_after; single times carry t. m = 8.
  EXPECT_NEAR(rows.at("exact")["width"].get<double>(), cw["t_before"].get<double>() - cw["t_after"].get<double>(), 1e-12);
  EXPECT_NEAR(rows.at("symmetry-breaking")["t"].get<double>(), 0.5 * std::log(128.0), 1e-12);
  EXPECT_NEAR(rows.at("speciation")["t"].get<double>(), 0.5 * std::log(65.0), 1e-12);
  for (const auto& [k, r] : rows) {
    EXPECT_TRUE(r.contains("source") && r.contains("guarantee")) << k;
    EXPECT_EQ(r.contains("t"), !r.contains("t_after")) << k;
  }
  EXPECT_EQ(rows.at("theorem2-before")["t_before"], "inf");  // T_start with Θ ∖ S_target = ∅ is sup I
  // The latent retention half-way time is the cloning half-way time for this symmetric model.
  EXPECT_NEAR(j["retention_halfway"].get<double>(), rows.at("cloning-halfway")["t"].get<double>(), 1e-9);
}

TEST(CompareCli, InapplicableMethodsAreOmittedWithAReason) {
  const std::string e5 = example_path("e5_coins.toml");
  const json j = run_json("compare " + e5 + " --eps 0.1 --s-after heads --s-before all");
  std::set<std::string> omitted;
  for (const auto& o : j["omitted"]) {
    omitted.insert(o["method"].get<std::string>());
    EXPECT_FALSE(o["reason"].get<std::string>().empty());
  }
  EXPECT_EQ(omitted, (std::set<std::string>{"speciation", "symmetry-breaking"}));
  for (const auto& r : j["rows"]) EXPECT_EQ(omitted.count(r["method"].get<std::string>()), 0u);
  // Coins have an exact retention curve over {0, …, L}: the cloning half-way time is the least index where φ is at
  // or below (φ(0) + φ(L))/2, an exact integer, and the latent retention's half-way time is reported beside it.
  bool cloning = false;
  for (const auto& r : j["rows"])
    if (r["method"] == "cloning-halfway") {
      cloning = true;
      EXPECT_EQ(r["guarantee"], "exact");
      const double t = r["t"].get<double>();
      EXPECT_EQ(t, std::floor(t));
      EXPECT_GT(t, 0);
      EXPECT_LE(t, 600);
    }
  EXPECT_TRUE(cloning);
  EXPECT_TRUE(j.contains("retention_halfway"));
  CliResult t = cli_run("compare " + e5 + " --eps 0.1 --s-after heads --s-before all");
  ASSERT_EQ(t.status, 0);
  EXPECT_NE(t.out.find("not applicable"), std::string::npos);
  EXPECT_NE(t.out.find("speciation: defined for Gaussian mixtures"), std::string::npos);
}

TEST(CompareCli, SweepOverMRepeatsTheTableAndMatchesTheModelFile) {
  const std::string e1 = example_path("e1_two_gaussians.toml");
  const json j = run_json("compare " + e1 + " " + kE1 + " --sweep m=2:64:32");
  EXPECT_EQ(j["sweep"], "m");
  EXPECT_EQ(j["rows"].size(), 32u * 9u);
  std::set<double> values;
  for (const auto& r : j["rows"]) values.insert(r["m"].get<double>());
  EXPECT_EQ(values.size(), 32u);
  EXPECT_DOUBLE_EQ(*values.begin(), 2.0);
  EXPECT_DOUBLE_EQ(*values.rbegin(), 64.0);
  // m = 2 + 62·3/31 = 8 is the bundled file's model: the same rows as without the sweep.
  const auto plain = by_method(run_json("compare " + e1 + " " + kE1)["rows"]);
  int compared = 0;
  for (const auto& r : j["rows"]) {
    if (r["m"].get<double>() != 8.0) continue;
    const json& p = plain.at(r["method"].get<std::string>());
    for (const char* key : {"t", "t_after", "t_before"})
      if (p.contains(key) && p[key].is_number()) {
        EXPECT_DOUBLE_EQ(r[key].get<double>(), p[key].get<double>());
        ++compared;
      }
  }
  EXPECT_GE(compared, 10);
}

TEST(CompareCli, SweepOverEpsAndLength) {
  const json je = run_json("compare " + example_path("e1_two_gaussians.toml") + " --s-after plus --s-before all --sweep eps=0.05:0.2:4");
  EXPECT_EQ(je["rows"].size(), 4u * 9u);
  const json jl = run_json("compare " + example_path("e5_coins.toml") + " --eps 0.1 --s-after heads --s-before all --sweep length=400:600:3");
  // The width of the exact window does not depend on L once L is long enough (BoE E5); the endpoints shift with L.
  std::vector<double> after, len;
  for (const auto& r : jl["rows"])
    if (r["method"] == "exact") after.push_back(r["t_after"].get<double>()), len.push_back(r["length"].get<double>());
  ASSERT_EQ(after.size(), 3u);
  EXPECT_DOUBLE_EQ(after[2] - after[1], len[2] - len[1]);
}

TEST(CompareCli, BadInputExitsTwoAndNamesTheFlag) {
  const std::string e1 = example_path("e1_two_gaussians.toml"), e5 = example_path("e5_coins.toml");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"compare " + e1 + " --eps 1.5 --s-after plus --s-before all", "--eps"},
      {"compare " + e1 + " --eps 0.1 --s-after all --s-before all", "--s-after"},
      {"compare " + e1 + " " + kE1 + " --sweep m=2:64:0", "--sweep"},
      {"compare " + e1 + " " + kE1 + " --sweep q=1:2:3", "--sweep"},
      {"compare " + e1 + " " + kE1 + " --sweep length=1:2:2", "--sweep"},
      {"compare " + e1 + " " + kE1 + " --sweep m=-1:2:2", "--sweep"},
      {"compare " + e5 + " --eps 0.1 --s-after heads --s-before all --sweep m=1:2:2", "--sweep"},
      {"compare " + e5 + " --eps 0.1 --s-after heads --s-before all --sweep delta=0.1:0.5:3", "--sweep"},
      {"compare " + e1 + " --s-after plus --s-before all --sweep eps=0:0.5:3", "--sweep"},
      {"compare " + e1 + " --s-after plus --s-before all", "--eps"},
      {"compare " + e1 + " " + kE1 + " --sweep eps=0.1:0.2:2", "--eps"},
  };
  for (const auto& [args, flag] : cases) {
    CliResult r = cli_run(args);
    EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(flag), std::string::npos) << args << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << args;
  }
}

TEST(CompareCli, LatexTableCompiles) {
  ASSERT_EQ(std::system("command -v pdflatex >/dev/null"), 0) << "pdflatex is missing: run .ci/install-deps";
  CliResult r = cli_run("compare " + example_path("e1_two_gaussians.toml") + " " + kE1 + " --format latex");
  ASSERT_EQ(r.status, 0) << r.err;
  TempDir dir;
  dir.file("t.tex", "\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\begin{document}\n" + r.out + "\n\\end{document}\n");
  EXPECT_EQ(std::system(("cd " + dir.path() + " && pdflatex -interaction=nonstopmode -halt-on-error t.tex >log.txt 2>&1").c_str()), 0);
}

// WIDTH HEIGHT VARIANCE of a PNG (tests/app/tools/png_stats.py, standard-library Python).
std::vector<double> png_stats(const std::string& path) {
  const std::string cmd = "python3 " CRITWIN_SOURCE_DIR "/tests/app/tools/png_stats.py '" + path + "'";
  FILE* p = popen(cmd.c_str(), "r");
  std::vector<double> v(3, -1);
  if (!p) return v;
  if (std::fscanf(p, "%lf %lf %lf", &v[0], &v[1], &v[2]) != 3) v.assign(3, -1);
  pclose(p);
  return v;
}

const std::vector<std::pair<std::string, std::string>>& plot_runs() {
  static const std::vector<std::pair<std::string, std::string>> runs = {
      {"tv", "plot tv " + example_path("e1_two_gaussians.toml") + " " + kE1 + " --points 25"},
      {"tv-coins", "plot tv " + example_path("e5_coins.toml") + " --eps 0.1 --s-after heads --s-before all"},
      {"windows", "plot windows " + example_path("e1_two_gaussians.toml") + " " + kE1 + " --sweep m=2:64:8"},
      {"retention", "plot retention " + example_path("e1_two_gaussians.toml") + " " + kE1 + " --points 41 --mc 4000 --seed 3"},
  };
  return runs;
}

TEST(PlotCli, EveryKindRendersANonBlankPngOfTheStatedSize) {
  TempDir dir;
  for (const auto& [name, args] : plot_runs()) {
    const std::string out = dir.path() + "/" + name + ".png";
    CliResult r = cli_run(args + " --out " + out);
    ASSERT_EQ(r.status, 0) << args << "\n" << r.err;
    const auto s = png_stats(out);
    EXPECT_EQ(s[0], 1100) << name;
    EXPECT_EQ(s[1], 600) << name;
    EXPECT_GT(s[2], 100) << name << ": the picture is (nearly) blank";
  }
  // A blank picture of the same size has variance 0 by the same measure (the check can fail).
  const std::string blank = dir.path() + "/blank.png";
  std::system(("python3 -c \"import struct,zlib\nw,h=1100,600\nraw=b''.join(b'\\x00'+b'\\xff'*3*w for _ in range(h))\n"
               "def c(k,b): return struct.pack('>I',len(b))+k+b+struct.pack('>I',zlib.crc32(k+b))\n"
               "open('" + blank + "','wb').write(b'\\x89PNG\\r\\n\\x1a\\n'+c(b'IHDR',struct.pack('>IIBBBBB',w,h,8,2,0,0,0))+"
               "c(b'IDAT',zlib.compress(raw))+c(b'IEND',b''))\"").c_str());
  EXPECT_EQ(png_stats(blank)[2], 0);
}

TEST(PlotCli, PdfAndSvgAreWritten) {
  TempDir dir;
  const auto& [name, args] = plot_runs()[2];
  for (const char* ext : {".pdf", ".svg"}) {
    const std::string out = dir.path() + "/w" + ext;
    CliResult r = cli_run(args + " --out " + out);
    ASSERT_EQ(r.status, 0) << r.err;
    std::ifstream in(out, std::ios::binary);
    std::string head(5, '\0');
    in.read(head.data(), 5);
    EXPECT_EQ(head, std::string(ext) == ".pdf" ? "%PDF-" : "<?xml") << ext;
  }
}

TEST(PlotCli, TexFiguresCompileWithPdflatex) {
  ASSERT_EQ(std::system("command -v pdflatex >/dev/null"), 0) << "pdflatex is missing: run .ci/install-deps";
  for (const auto& [name, args] : plot_runs()) {
    TempDir dir;
    CliResult r = cli_run(args + " --out " + dir.path() + "/fig.tex");
    ASSERT_EQ(r.status, 0) << args << "\n" << r.err;
    ASSERT_TRUE(std::filesystem::exists(dir.path() + "/fig.dat")) << name << ": the data table beside the figure";
    const int rc = std::system(("cd " + dir.path() + " && pdflatex -interaction=nonstopmode -halt-on-error fig.tex >log.txt 2>&1").c_str());
    std::ifstream log(dir.path() + "/log.txt");
    EXPECT_EQ(rc, 0) << name << "\n" << std::string(std::istreambuf_iterator<char>(log), {});
    EXPECT_TRUE(std::filesystem::exists(dir.path() + "/fig.pdf")) << name;
  }
}

TEST(PlotCli, MonteCarloPointsLieInsideTheirIntervalsAroundTheExactLabelRetention) {
  // The .dat table beside a .tex figure holds the exact curves (one-dimensional quadrature) and the Monte Carlo
  // label frequencies of the forward–reverse sampler (Wilson 99.9%, fixed seed): two independent computations.
  // E5 (coins under truncation) and E3 (strings under random masking): the exact curves of the discrete families.
  for (const std::string model : {"e1_two_gaussians.toml", "mc_unequal_two_gaussians.toml", "e5_coins.toml", "e3_two_strings.toml"}) {
    TempDir dir;
    const std::string sa = model == "e1_two_gaussians.toml" || model == "e3_two_strings.toml" ? "plus"
                           : model == "e5_coins.toml"                                          ? "heads"
                                                                                               : "0";
    CliResult r = cli_run("plot retention " + example_path(model) + " --eps 0.1 --s-after " + sa +
                          " --s-before all --points 21 --mc 20000 --seed 11 --out " + dir.path() + "/r.tex");
    ASSERT_EQ(r.status, 0) << r.err;
    std::ifstream in(dir.path() + "/r.dat");
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(header, "t latent label mc mc_lo mc_hi");
    int checked = 0;
    std::string line;
    double prev_latent = 2;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      std::string f[6];
      for (auto& x : f) ls >> x;
      const double latent = std::stod(f[1]);
      EXPECT_LE(latent, prev_latent + 1e-12) << "latent retention is non-increasing in T̂";
      prev_latent = latent;
      if (f[3] == "nan") continue;
      const double label = std::stod(f[2]), lo = std::stod(f[4]), hi = std::stod(f[5]);
      EXPECT_LE(lo, label) << model << " t = " << f[0];
      EXPECT_GE(hi, label) << model << " t = " << f[0];
      ++checked;
    }
    EXPECT_GE(checked, 10);
  }
}

TEST(PlotCli, BadInputWritesNothingAndExitsTwo) {
  TempDir dir;
  const std::string e1 = example_path("e1_two_gaussians.toml");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"plot tv " + e1 + " --eps 0 --s-after plus --s-before all --out " + dir.path() + "/a.png", "--eps"},
      {"plot tv " + e1 + " " + kE1 + " --out " + dir.path() + "/a.jpg", "--out"},
      {"plot windows " + e1 + " " + kE1 + " --out " + dir.path() + "/a.png", "--sweep"},
      {"plot windows " + e1 + " " + kE1 + " --sweep m=2:4:1 --out " + dir.path() + "/a.png", "--sweep"},
      {"plot tv " + e1 + " " + kE1 + " --t-max -1 --out " + dir.path() + "/a.png", "--t-max"},
      // Planted spike: the retention curve is Monte Carlo only, so there is no exact curve to draw without --mc.
      {"plot retention " + example_path("planted_spike.toml") + " --eps 0.1 --s-after signal --s-before all --out " + dir.path() + "/a.tex", "--mc"},
      {"plot bogus " + e1 + " " + kE1 + " --out " + dir.path() + "/a.png", "KIND"},
  };
  for (const auto& [args, flag] : cases) {
    CliResult r = cli_run(args);
    EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(flag), std::string::npos) << args << "\n" << r.err;
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

// The main job, once (it is the costliest command in the suite): its rows against hand-solved values, its files,
// and the appendix's tables, figures and TeX.
TEST(PaperCli, DefaultBundleRowsFilesFiguresAndCompilingTex) {
  ASSERT_EQ(std::system("command -v pdflatex >/dev/null"), 0) << "pdflatex is missing: run .ci/install-deps";
  TempDir dir;
  const std::string out = dir.path() + "/out";
  const CliResult run = cli_run("paper --out " + out + " --json");
  ASSERT_EQ(run.status, 0) << run.err;
  const json j = json::parse(run.out);
  ASSERT_TRUE(j["rows"].is_array());
  // Each bundled example (E1, E3, E5, E5 with barriers, ...) x eps in {0.2, 0.1, 0.01}.
  EXPECT_EQ(j["rows"].size() % 3, 0u);
  EXPECT_GE(j["rows"].size(), 12u);
  for (const auto& r : j["rows"]) {
    ASSERT_TRUE(r.contains("example"));
    for (const char* k : {"t_after", "t_before"}) EXPECT_TRUE(r[k].is_number() || r[k].is_null()) << r;
  }
  // E3 at eps = 0.1: the printed T_after equals the exact one, so the slack encloses 0.
  bool seen = false;
  for (const auto& r : j["rows"])
    if (r["example"] == "E3" && r["eps"].get<double>() == 0.1) {
      seen = true;
      EXPECT_LE(r["slack_after_lo"].get<double>(), 0.0);
      EXPECT_GE(r["slack_after_hi"].get<double>(), 0.0);
      EXPECT_NEAR(r["t_before_paper"].get<double>(), std::pow(0.9, 1.0 / 20), 1e-14);
      EXPECT_EQ(r["paper_contains_exact"].get<std::string>().rfind("yes", 0), 0u) << r;
    }
  EXPECT_TRUE(seen);
  // E4 at eps = 0.1 (overlap 3/10 per diverging token, solved by hand in tests/bounds/categorical): exact
  // T_after 6, printed 8 with overlap <= eps and 6 with overlap <= eps^2, T_before printed L - s = 10.
  seen = false;
  for (const auto& r : j["rows"])
    if (r["example"] == "E4" && r["eps"].get<double>() == 0.1) {
      seen = true;
      EXPECT_EQ(r["t_after"].get<double>(), 6);
      EXPECT_EQ(r["t_after_paper"].get<double>(), 8);
      EXPECT_EQ(r["t_after_paper_eps2"].get<double>(), 6);
      EXPECT_EQ(r["t_before_paper"].get<double>(), 10);
    }
  EXPECT_TRUE(seen);
  // E7: 12 words of {a,b} x {x,y,z} x {0,1} under ordered-mask; the paper's tree has depth L = 3. Along a
  // leaf's path the fr-tv is 0 at the leaf (T = 0 resamples nothing) and at the root (everything masked:
  // the resample is p^Θ itself), and Theorem 2's bound holds at every level.
  const json& e7 = j["e7_tree"];
  EXPECT_EQ(e7["length"], 3);
  EXPECT_EQ(e7["depth"], 3);
  EXPECT_EQ(e7["valid_mixture_tree"], true);
  const json& chain = e7["corollary1"];
  ASSERT_EQ(chain.size(), 4u);
  EXPECT_EQ(chain.front()["subset"], "bz1");
  EXPECT_LE(chain.front()["fr_tv_hi"].get<double>(), 1e-30);  // Arb enclosures of 0 at 128 bits
  EXPECT_LE(chain.back()["fr_tv_hi"].get<double>(), 1e-30);
  for (const auto& st : chain) {
    EXPECT_TRUE(st["holds"].get<bool>()) << st;
    EXPECT_LE(st["fr_tv_hi"].get<double>(), st["bound_lo"].get<double>()) << st;
  }
  EXPECT_TRUE(std::filesystem::exists(out + "/paper.md"));
  EXPECT_TRUE(std::filesystem::exists(out + "/paper.tex"));
  std::ifstream tex(out + "/paper.tex");
  std::string all((std::istreambuf_iterator<char>(tex)), {});
  EXPECT_NE(all.find("\\begin{tabular}"), std::string::npos);
  EXPECT_NE(all.find("\\end{table}"), std::string::npos);
  EXPECT_FALSE(j.contains("appendix_note")) << j["appendix_note"];
  for (const char* f : {"appendix.tex", "appendix.md", "appendix.pdf"}) EXPECT_TRUE(std::filesystem::exists(out + "/" + f)) << f;
  // Every bundled example has its comparison table and its figure in four forms; the Markdown shows the PNGs.
  std::ifstream md_in(out + "/appendix.md");
  const std::string md(std::istreambuf_iterator<char>(md_in), {});
  for (const char* ex : {"E1", "E3", "E4", "E5", "E5-walk", "E6"}) {
    for (const char* ext : {".pdf", ".png", ".tex", ".dat"})
      EXPECT_TRUE(std::filesystem::exists(out + "/fig_" + ex + ext)) << ex << ext;
    EXPECT_NE(md.find(std::string("(fig_") + ex + ".png)"), std::string::npos) << ex;
    const auto s = png_stats(out + "/fig_" + ex + ".png");
    EXPECT_GT(s[2], 100) << ex;
  }
  EXPECT_NE(md.find("| exact |"), std::string::npos);
  EXPECT_NE(md.find("## Claims"), std::string::npos);
  // appendix.tex compiles standalone (again, here) beside its figures.
  const int rc = std::system(("cd " + out + " && pdflatex -interaction=nonstopmode -halt-on-error appendix.tex >/dev/null 2>&1").c_str());
  EXPECT_EQ(rc, 0);
  // The pgfplots figures compile too.
  const int rc2 = std::system(("cd " + out + " && pdflatex -interaction=nonstopmode -halt-on-error fig_E5.tex >/dev/null 2>&1").c_str());
  EXPECT_EQ(rc2, 0);
}

}  // namespace

// A prediction of +∞ against a finite exact endpoint differs from it by +∞ (not "none"); no cell is "none".
TEST(CompareCli, InfinitePredictionDiffersByInfinity) {
  const std::string e1 = example_path("e1_two_gaussians.toml");
  const json j = run_json("compare " + e1 + " --eps 0.45 --s-after plus --s-before all");
  bool seen = false;
  for (const auto& r : j["rows"])
    if (r["method"] == "theorem2-before") {
      seen = true;
      EXPECT_EQ(r["t_before"], "inf");
      EXPECT_EQ(r["d_before"], "inf");
    }
  EXPECT_TRUE(seen);
  CliResult t = cli_run("compare " + e1 + " --eps 0.45 --s-after plus --s-before all");
  ASSERT_EQ(t.status, 0);
  EXPECT_EQ(t.out.find("none"), std::string::npos) << t.out;
}
