// Globally adaptive Gauss–Kronrod (21-point) quadrature in double with an *absolute* error target, the
// QUADPACK QAG strategy: keep splitting the panel with the largest error estimate.
// Written here rather than calling boost::math::quadrature::gauss_kronrod::integrate because Boost 1.74's
// adaptive driver compares the unscaled [−1, 1] error with a scaled tolerance and returns it unscaled, and
// it only offers a relative tolerance; the node and weight tables are still Boost's.
#pragma once

#include <cmath>
#include <queue>
#include <vector>

#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>

namespace critwin::gauss {

struct AdaptiveResult {
  double value = 0;
  double error = 0;   // sum of the panels' |Kronrod − Gauss| estimates
  int panels = 0;
};

// One panel: the 21-point Kronrod value and |K21 − G10| as its error estimate.
template <class F>
void gauss_kronrod_panel(F& f, double a, double b, double& value, double& error) {
  using GK = boost::math::quadrature::gauss_kronrod<double, 21>;
  using G = boost::math::quadrature::gauss<double, 10>;
  const auto& x = GK::abscissa();
  const auto& wk = GK::weights();
  const auto& wg = G::weights();
  const double mid = (a + b) / 2, half = (b - a) / 2;
  double k = f(mid) * wk[0], g = 0;
  // With 10 Gauss points (even), the Gauss abscissae are the odd-indexed Kronrod ones.
  for (std::size_t i = 1; i < x.size(); ++i) {
    const double s = f(mid + half * x[i]) + f(mid - half * x[i]);
    k += s * wk[i];
    if (i % 2 == 1) g += s * wg[i / 2];
  }
  value = k * half;
  error = std::abs(k - g) * half;
}

// ∫_a^b f to an absolute error estimate below `tol`, with at most `max_panels` panels (then the estimate
// reports what was reached).
template <class F>
AdaptiveResult adaptive_gauss_kronrod(F f, double a, double b, double tol, int max_panels = 400) {
  struct Panel {
    double a, b, value, error;
    bool operator<(const Panel& o) const { return error < o.error; }
  };
  AdaptiveResult out;
  if (!(a < b)) return out;
  std::priority_queue<Panel> heap;
  Panel p{a, b, 0, 0};
  gauss_kronrod_panel(f, a, b, p.value, p.error);
  heap.push(p);
  out.value = p.value;
  out.error = p.error;
  out.panels = 1;
  while (out.error > tol && out.panels < max_panels) {
    Panel worst = heap.top();
    const double m = (worst.a + worst.b) / 2;
    if (!(worst.a < m && m < worst.b)) break;  // the panel cannot be split in double any more
    heap.pop();
    Panel l{worst.a, m, 0, 0}, r{m, worst.b, 0, 0};
    gauss_kronrod_panel(f, l.a, l.b, l.value, l.error);
    gauss_kronrod_panel(f, r.a, r.b, r.value, r.error);
    out.value += l.value + r.value - worst.value;
    out.error += l.error + r.error - worst.error;
    heap.push(l);
    heap.push(r);
    ++out.panels;
  }
  // Re-sum: the running updates accumulate rounding.
  out.value = 0;
  out.error = 0;
  while (!heap.empty()) {
    out.value += heap.top().value;
    out.error += heap.top().error;
    heap.pop();
  }
  return out;
}

}  // namespace critwin::gauss
