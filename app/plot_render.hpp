// Figures: one data table plus a description of what to draw, rendered with gnuplot's cairo terminals
// (.png, .pdf, .svg) or as a standalone pgfplots document with its data table beside it (.tex + .dat).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace critwin::app {

struct PlotLabel {
  std::string tex;    // LaTeX (math in $…$), for pgfplots
  std::string plain;  // gnuplot enhanced text (UTF-8, ^{} and _{} for super- and subscripts)
};

struct PlotSeries {
  enum class Style { line, dashed, points, error_bars };
  std::string x, y;              // data column names
  std::string y_lo, y_hi;        // error_bars: columns of the interval ends
  PlotLabel title;
  Style style = Style::line;
};

struct PlotMarker {  // a horizontal or vertical reference line
  double at = 0;
  PlotLabel title;
};

struct PlotSpec {
  PlotLabel xlabel, ylabel;
  bool logx = false, logy = false;
  std::vector<std::string> columns;        // data column names (letters, digits, '_')
  std::vector<std::vector<double>> rows;   // one value per column; a non-finite value is missing ("nan" in the file)
  std::vector<PlotSeries> series;
  std::vector<PlotMarker> hlines, vlines;
  std::optional<std::pair<double, double>> shade_x;  // a shaded x-interval (e.g. the exact critical window)
  PlotLabel shade_title;
};

// Checks that `out` ends in .png, .pdf, .svg or .tex (InputError naming `field` otherwise); returns the extension.
std::string plot_format(const std::string& out, const std::string& field);

// The files to write for `out`: the picture (rendered through gnuplot in a private temporary folder), or
// for .tex the document and its data table `<stem>.dat`. Nothing is written to `out` here; the caller writes
// the returned (path, content) pairs atomically. Throws std::runtime_error when gnuplot fails.
std::vector<std::pair<std::string, std::string>> plot_render(const PlotSpec& spec, const std::string& out);

// A private temporary folder (mkdtemp), removed with its contents when the object goes: where gnuplot and
// pdflatex run, so that nothing but the final files ever appears beside the user's output.
class PlotTempFolder {
 public:
  PlotTempFolder();
  ~PlotTempFolder();
  PlotTempFolder(const PlotTempFolder&) = delete;
  PlotTempFolder& operator=(const PlotTempFolder&) = delete;
  const std::string& path() const { return path_; }
  std::string read(const std::string& name) const;  // a file's bytes ("" when absent)

 private:
  std::string path_;
};

// Width and height in pixels of the .png pictures (the figure tests check them).
inline constexpr int kPlotPngWidth = 1100, kPlotPngHeight = 600;

}  // namespace critwin::app
