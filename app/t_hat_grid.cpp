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
  for (long i = 0; i < n; ++i) {
    // The point a + i(b − a)/(n − 1) exactly (a double sum printed 0:1:11's 0.9 as 0.8999999999999999);
    // written as the shortest decimal when that decimal is the point, else as the exact fraction (1/3).
    ExactReal v = a.value;
    if (n > 1) v += (b.value - a.value) * ExactReal::from_int(i) / ExactReal::from_int(n - 1);
    std::string s;
    if (p.discrete_time()) {
      s = std::to_string(std::llround(v.to_double()));
    } else {
      s = number_text(v.to_double());
      if (auto back = ExactReal::parse(s); !back || !(*back == v)) s = v.to_string();
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
