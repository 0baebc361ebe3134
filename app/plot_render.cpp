#include "app/plot_render.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin::app {

namespace {

namespace fs = std::filesystem;

const char* const kColors[] = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
                               "#1f78b4", "#b2182b", "#666666", "#35978f", "#8c510a"};
const char* color(size_t i) { return kColors[i % (sizeof(kColors) / sizeof(kColors[0]))]; }

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string value_text(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string("nan"); }

size_t column_index(const PlotSpec& s, const std::string& name) {
  for (size_t i = 0; i < s.columns.size(); ++i)
    if (s.columns[i] == name) return i;
  throw std::logic_error("plot: unknown column " + name);
}

// The data table; `comment_header` starts the header line with '#' (gnuplot), pgfplots reads it as names.
std::string data_text(const PlotSpec& s, bool comment_header) {
  std::string out = comment_header ? "# " : "";
  for (size_t i = 0; i < s.columns.size(); ++i) {
    if (i) out += ' ';
    out += s.columns[i];
  }
  out += '\n';
  for (const auto& r : s.rows) {
    for (size_t i = 0; i < r.size(); ++i) {
      if (i) out += ' ';
      out += (i == 0 && s.logx && r[i] <= 0) ? std::string("nan") : value_text(r[i]);
    }
    out += '\n';
  }
  return out;
}

struct Range {
  double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
  void add(double v, bool log) {
    if (!std::isfinite(v) || (log && v <= 0)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  bool empty() const { return lo > hi; }
};

// Axis ranges from the data and the reference lines, padded so that lines at the ends stay visible.
std::pair<Range, Range> ranges(const PlotSpec& s) {
  Range x, y;
  for (const auto& ser : s.series) {
    const size_t xi = column_index(s, ser.x), yi = column_index(s, ser.y);
    for (const auto& r : s.rows) {
      if (!std::isfinite(r[yi])) continue;
      x.add(r[xi], s.logx);
      y.add(r[yi], s.logy);
      if (ser.style == PlotSeries::Style::error_bars) {
        y.add(r[column_index(s, ser.y_lo)], s.logy);
        y.add(r[column_index(s, ser.y_hi)], s.logy);
      }
    }
  }
  for (const auto& h : s.hlines) y.add(h.at, s.logy);
  for (const auto& v : s.vlines) x.add(v.at, s.logx);
  if (s.shade_x) x.add(s.shade_x->first, s.logx), x.add(s.shade_x->second, s.logx);
  if (x.empty()) x = Range{s.logx ? 1.0 : 0.0, s.logx ? 10.0 : 1.0};
  if (y.empty()) y = Range{s.logy ? 1.0 : 0.0, s.logy ? 10.0 : 1.0};
  auto pad = [](Range r, bool log) {
    if (log) {
      const double f = r.hi > r.lo ? std::pow(r.hi / r.lo, 0.04) : 2.0;
      return Range{r.lo / f, r.hi * f};
    }
    const double d = r.hi > r.lo ? 0.04 * (r.hi - r.lo) : std::max(1.0, std::abs(r.lo)) * 0.1;
    return Range{r.lo - d, r.hi + d};
  };
  return {pad(x, s.logx), pad(y, s.logy)};
}

// Tics at 1, 2, 5 × 10^k inside a log-scaled range (gnuplot labels only the decades, often none of them).
std::string log_tics(const std::string& axis, const Range& r) {
  std::string t;
  for (int k = static_cast<int>(std::floor(std::log10(r.lo))); k <= static_cast<int>(std::ceil(std::log10(r.hi))); ++k)
    for (const double f : {1.0, 2.0, 5.0}) {
      const double v = f * std::pow(10.0, k);
      if (v < r.lo || v > r.hi) continue;
      if (!t.empty()) t += ", ";
      t += fmt::format("{:g}", v);
    }
  return t.empty() ? std::string() : "set " + axis + "tics (" + t + ")\n";
}

std::string gnuplot_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string gnuplot_script(const PlotSpec& s, const std::string& ext, const std::string& data, const std::string& out) {
  std::string g;
  if (ext == ".png") g += fmt::format("set terminal pngcairo size {},{} enhanced font \",11\"\n", kPlotPngWidth, kPlotPngHeight);
  else if (ext == ".pdf") g += "set terminal pdfcairo size 6.5in,4in enhanced font \",10\"\n";
  else g += fmt::format("set terminal svg size {},{} enhanced font \"sans,12\" background \"white\"\n", kPlotPngWidth, kPlotPngHeight);
  g += "set output " + gnuplot_quote(out) + "\n";
  g += "set encoding utf8\nset datafile missing 'nan'\nset key outside right top\nset grid\n";
  g += "set xlabel " + gnuplot_quote(s.xlabel.plain) + "\nset ylabel " + gnuplot_quote(s.ylabel.plain) + "\n";
  const auto [xr, yr] = ranges(s);
  if (s.logx) g += "set logscale x\n" + log_tics("x", xr);
  if (s.logy) g += "set logscale y\n" + log_tics("y", yr);
  g += fmt::format("set xrange [{}:{}]\nset yrange [{}:{}]\n", xr.lo, xr.hi, yr.lo, yr.hi);
  if (s.shade_x)
    g += fmt::format("set object 1 rectangle from {}, graph 0 to {}, graph 1 fillcolor rgb \"#dde3ee\" fillstyle solid 1.0 noborder behind\n",
                     s.shade_x->first, s.shade_x->second);
  size_t c = 0;
  std::vector<std::string> items;
  if (s.shade_x) items.push_back("1/0 with boxes fillcolor rgb \"#dde3ee\" fillstyle solid 1.0 noborder title " + gnuplot_quote(s.shade_x ? s.shade_title.plain : ""));
  for (const auto& ser : s.series) {
    const size_t xi = column_index(s, ser.x) + 1, yi = column_index(s, ser.y) + 1;
    const std::string col = color(c++);
    std::string using_ = fmt::format("using {}:{}", xi, yi), with;
    switch (ser.style) {
      case PlotSeries::Style::line: with = "with lines lw 2"; break;
      case PlotSeries::Style::dashed: with = "with lines lw 2 dt 2"; break;
      case PlotSeries::Style::points: with = "with linespoints lw 1.5 pt 7 ps 0.6"; break;
      case PlotSeries::Style::error_bars:
        using_ = fmt::format("using {}:{}:{}:{}", xi, yi, column_index(s, ser.y_lo) + 1, column_index(s, ser.y_hi) + 1);
        with = "with yerrorbars pt 7 ps 0.5";
        break;
    }
    items.push_back(gnuplot_quote(data) + " " + using_ + " " + with + " lc rgb \"" + col + "\" title " + gnuplot_quote(ser.title.plain));
  }
  for (const auto& h : s.hlines) {
    const std::string col = color(c++);
    items.push_back(fmt::format("{} with lines lw 1.5 dt 3 lc rgb \"{}\" title {}", h.at, col, gnuplot_quote(h.title.plain)));
  }
  int arrow = 1;
  for (const auto& v : s.vlines) {
    const std::string col = color(c++);
    g += fmt::format("set arrow {} from {}, graph 0 to {}, graph 1 nohead lw 1.5 dt 4 lc rgb \"{}\"\n", arrow++, v.at, v.at, col);
    items.push_back(fmt::format("1/0 with lines lw 1.5 dt 4 lc rgb \"{}\" title {}", col, gnuplot_quote(v.title.plain)));
  }
  g += "plot ";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) g += ", \\\n     ";
    g += items[i];
  }
  g += "\n";
  return g;
}

std::string tex_document(const PlotSpec& s, const std::string& data_name) {
  const auto [xr, yr] = ranges(s);
  std::string t =
      "% Generated by critwin plot. Compile with pdflatex; the data table is " + data_name + " beside this file.\n"
      "\\documentclass[border=4pt]{standalone}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n"
      "\\begin{document}\n\\begin{tikzpicture}\n\\begin{axis}[width=12cm, height=7.5cm, grid=major, "
      "legend pos=outer north east, legend cell align=left, unbounded coords=jump,\n  xlabel={" + s.xlabel.tex +
      "}, ylabel={" + s.ylabel.tex + "}";
  if (s.logx) t += ", xmode=log";
  if (s.logy) t += ", ymode=log";
  t += fmt::format(",\n  xmin={}, xmax={}, ymin={}, ymax={}]\n", xr.lo, xr.hi, yr.lo, yr.hi);
  size_t c = 0;
  auto rgb = [](const char* hex) {
    unsigned v = static_cast<unsigned>(std::stoul(std::string(hex + 1), nullptr, 16));
    return fmt::format("{{rgb,255:red,{};green,{};blue,{}}}", (v >> 16) & 255, (v >> 8) & 255, v & 255);
  };
  if (s.shade_x) {
    t += fmt::format("\\addplot[draw=none, fill={{rgb,255:red,221;green,227;blue,238}}, area legend] coordinates "
                     "{{({},{}) ({},{}) ({},{}) ({},{})}} \\closedcycle;\n\\addlegendentry{{{}}}\n",
                     s.shade_x->first, yr.lo, s.shade_x->first, yr.hi, s.shade_x->second, yr.hi, s.shade_x->second, yr.lo,
                     s.shade_title.tex);
  }
  for (const auto& ser : s.series) {
    const std::string col = "color=" + rgb(color(c++));
    std::string opts, table = fmt::format("table[x={}, y={}", ser.x, ser.y);
    switch (ser.style) {
      case PlotSeries::Style::line: opts = col + ", thick, no markers"; break;
      case PlotSeries::Style::dashed: opts = col + ", thick, dashed, no markers"; break;
      case PlotSeries::Style::points: opts = col + ", mark=*, mark size=1.2pt"; break;
      case PlotSeries::Style::error_bars:
        opts = col + ", only marks, mark=*, mark size=1pt, error bars/.cd, y dir=both, y explicit";
        table += fmt::format(", y error plus expr=\\thisrow{{{}}}-\\thisrow{{{}}}, y error minus expr=\\thisrow{{{}}}-\\thisrow{{{}}}",
                             ser.y_hi, ser.y, ser.y, ser.y_lo);
        break;
    }
    t += "\\addplot[" + opts + "] " + table + "] {" + data_name + "};\n\\addlegendentry{" + ser.title.tex + "}\n";
  }
  for (const auto& h : s.hlines)
    t += fmt::format("\\addplot[color={}, thick, densely dotted] coordinates {{({},{}) ({},{})}};\n\\addlegendentry{{{}}}\n",
                     rgb(color(c++)), xr.lo, h.at, xr.hi, h.at, h.title.tex);
  for (const auto& v : s.vlines)
    t += fmt::format("\\addplot[color={}, thick, dashdotted] coordinates {{({},{}) ({},{})}};\n\\addlegendentry{{{}}}\n",
                     rgb(color(c++)), v.at, yr.lo, v.at, yr.hi, v.title.tex);
  t += "\\end{axis}\n\\end{tikzpicture}\n\\end{document}\n";
  return t;
}

}  // namespace

PlotTempFolder::PlotTempFolder() {
  std::string tmpl = (fs::temp_directory_path() / "critwin-plot-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary folder in " + fs::temp_directory_path().string());
  path_ = tmpl;
}

PlotTempFolder::~PlotTempFolder() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string PlotTempFolder::read(const std::string& name) const {
  std::ifstream in(fs::path(path_) / name, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string plot_format(const std::string& out, const std::string& field) {
  for (const char* ext : {".png", ".pdf", ".svg", ".tex"})
    if (ends_with(out, ext) && out.size() > 4 && out[out.size() - 5] != '/') return ext;
  throw InputError(field, "must be a file name ending in .png, .pdf, .svg or .tex (got '" + out + "')");
}

std::vector<std::pair<std::string, std::string>> plot_render(const PlotSpec& spec, const std::string& out) {
  const std::string ext = plot_format(out, "--out");
  if (ext == ".tex") {
    const fs::path p(out);
    const std::string data_name = p.stem().string() + ".dat";
    const std::string data_path = (p.parent_path() / data_name).string();
    return {{out, tex_document(spec, data_name)}, {data_path, data_text(spec, false)}};
  }
  PlotTempFolder tmp;
  const fs::path dir(tmp.path()), data = dir / "data.dat", script = dir / "plot.gp", picture = dir / ("plot" + ext),
                 log = dir / "gnuplot.log";
  std::ofstream(data) << data_text(spec, true);
  std::ofstream(script) << gnuplot_script(spec, ext, data.string(), picture.string());
  // Paths are our own temporary names (no shell metacharacters); gnuplot's messages go to the log.
  const std::string cmd = "gnuplot '" + script.string() + "' > '" + log.string() + "' 2>&1";
  const int status = std::system(cmd.c_str());
  if (status != 0 || !fs::exists(picture) || fs::file_size(picture) == 0)
    throw std::runtime_error("plot: gnuplot failed (is gnuplot-nox installed?): " + tmp.read("gnuplot.log"));
  return {{out, tmp.read("plot" + ext)}};
}

}  // namespace critwin::app
