#include "app/t_hat_grid.hpp"

#include <cmath>
#include <cstdlib>

#include "app/output.hpp"
#include "model/input_error.hpp"

namespace critwin::app {

std::vector<std::pair<std::string, TimePoint>> t_hat_grid_parse(const std::string& text, const Process& p,
                                                                const std::string& field) {
  auto c1 = text.find(':'), c2 = text.rfind(':');
  if (c1 == std::string::npos || c1 == c2) throw InputError(field, "must be a:b:n (got '" + text + "')");
  TimePoint a = TimePoint::parse(text.substr(0, c1), p, field);
  TimePoint b = TimePoint::parse(text.substr(c1 + 1, c2 - c1 - 1), p, field);
  std::string ntext = text.substr(c2 + 1);
  char* endp = nullptr;
  long n = std::strtol(ntext.c_str(), &endp, 10);
  if (ntext.empty() || *endp != '\0' || n < 1 || n > 10000)
    throw InputError(field, "the point count n in a:b:n must be an integer in [1, 10000] (got '" + ntext + "')");
  if (a.infinite || b.infinite) throw InputError(field, "grid ends must be finite");
  if (b.value < a.value) throw InputError(field, "needs b >= a in a:b:n (got '" + text + "')");
  std::vector<std::pair<std::string, TimePoint>> out;
  const double da = a.to_double(), db = b.to_double();
  for (long i = 0; i < n; ++i) {
    std::string s;
    if (i == 0) s = a.value.to_string();
    else if (i == n - 1) s = b.value.to_string();
    else {
      double v = da + (db - da) * static_cast<double>(i) / static_cast<double>(n - 1);
      s = p.discrete_time() ? std::to_string(std::llround(v)) : number_text(v);
    }
    if (!out.empty() && out.back().first == s) continue;  // rounding merged two integer points
    out.emplace_back(s, TimePoint::parse(s, p, field));
  }
  return out;
}

std::vector<std::pair<std::string, TimePoint>> t_hat_points(const std::string& t_hat, const std::string& grid,
                                                            const Process& p) {
  if (t_hat.empty() == grid.empty()) throw InputError("--t-hat", "give exactly one of --t-hat T and --t-hat-grid a:b:n");
  if (!t_hat.empty()) return {{t_hat, TimePoint::parse(t_hat, p, "--t-hat")}};
  return t_hat_grid_parse(grid, p, "--t-hat-grid");
}

}  // namespace critwin::app
