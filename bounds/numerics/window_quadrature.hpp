// Quadrature over a union of windows: for integrands that are sums of narrow peaks (Gaussian densities around
// atoms), only the windows around the peaks are integrated, each piece by tanh-sinh (gaussian_quadrature.hpp).
#pragma once

#include <algorithm>
#include <vector>

#include "bounds/numerics/gaussian_quadrature.hpp"

namespace critwin::gauss {

// ∫ f over the union of the windows [c − half_width, c + half_width], c in `centres` (windows may overlap;
// overlapping parts count once). The union is cut at every window end and at every point of `splits` inside it
// (where f is steep: posterior switches, label boundaries; points outside are ignored), and each piece whose
// midpoint lies in a window is integrated with `integrate` to tolerance `tol`, pieces summed left to right.
// One interval over the hull of the windows would leave tanh-sinh to find peaks of width half_width in a range
// of width (max c − min c): with means ±1e8 it missed them and reported a wrong value with a small error.
// Returns the sum and the sum of the pieces' error estimates. The integral of f outside the windows is not
// included: the caller bounds it (for a density, the mass beyond the cut) and adds it to the error.
template <class Real, class F>
Value<Real> integrate_windows(F f, const std::vector<Real>& centres, const Real& half_width,
                              const std::vector<Real>& splits, const Real& tol) {
  std::vector<std::pair<Real, Real>> windows;
  std::vector<Real> pts;
  for (const auto& c : centres) {
    windows.emplace_back(c - half_width, c + half_width);
    pts.push_back(windows.back().first);
    pts.push_back(windows.back().second);
  }
  if (windows.empty()) return {};
  const Real lo = *std::min_element(pts.begin(), pts.end()), hi = *std::max_element(pts.begin(), pts.end());
  for (const auto& x : splits)
    if (x >= lo && x <= hi) pts.push_back(x);
  std::sort(pts.begin(), pts.end());
  const auto in_window = [&](const Real& x) {
    return std::any_of(windows.begin(), windows.end(), [&](const auto& w) { return w.first <= x && x <= w.second; });
  };
  Value<Real> out;
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    if (!in_window(Real((pts[i] + pts[i + 1]) / 2))) continue;
    const auto v = integrate<Real>(f, pts[i], pts[i + 1], tol);
    out.value += v.value;
    out.error += v.error;
  }
  return out;
}

}  // namespace critwin::gauss
