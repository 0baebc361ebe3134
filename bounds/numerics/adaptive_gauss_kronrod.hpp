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

#include "model/interrupt.hpp"

namespace critwin::gauss {

struct AdaptiveResult {
  double value = 0;
  double error = 0;   // sum of the panels' |Kronrod − Gauss| estimates
  int panels = 0;
};

// Kronrod abscissae of the panel [a, b], in the order gauss_kronrod_panel_sum expects the values.
inline std::vector<double> gauss_kronrod_panel_nodes(double a, double b) {
  const auto& x = boost::math::quadrature::gauss_kronrod<double, 21>::abscissa();
  const double mid = (a + b) / 2, half = (b - a) / 2;
  std::vector<double> nodes{mid};
  for (std::size_t i = 1; i < x.size(); ++i) {
    nodes.push_back(mid + half * x[i]);
    nodes.push_back(mid - half * x[i]);
  }
  return nodes;
}

// The 21-point Kronrod value of the panel and |K21 − G10| as its error estimate, from f at the nodes.
inline void gauss_kronrod_panel_sum(const double* fx, double a, double b, double& value, double& error) {
  const auto& wk = boost::math::quadrature::gauss_kronrod<double, 21>::weights();
  const auto& wg = boost::math::quadrature::gauss<double, 10>::weights();
  double k = fx[0] * wk[0], g = 0;
  // With 10 Gauss points (even), the Gauss abscissae are the odd-indexed Kronrod ones.
  for (std::size_t i = 1; i < wk.size(); ++i) {
    const double s = fx[2 * i - 1] + fx[2 * i];
    k += s * wk[i];
    if (i % 2 == 1) g += s * wg[i / 2];
  }
  const double half = (b - a) / 2;
  value = k * half;
  error = std::abs(k - g) * half;
}

// ∫_a^b f to an absolute error estimate below `tol`, with at most `max_panels` panels (then the estimate
// reports what was reached). `batch(xs, ys)` sets ys[i] = f(xs[i]); it sees the nodes of both halves of
// a split at once, so an expensive f can be evaluated in parallel without changing the result.
template <class Batch>
AdaptiveResult adaptive_gauss_kronrod_batch(Batch batch, double a, double b, double tol, int max_panels = 400) {
  struct Panel {
    double a, b, value, error;
    bool operator<(const Panel& o) const { return error < o.error; }
  };
  AdaptiveResult out;
  if (!(a < b)) return out;
  auto evaluate = [&](std::vector<Panel>& ps) {
    interruption_point();  // Ctrl-C from Python between batches (model/interrupt.hpp)
    std::vector<double> xs, ys;
    for (auto& p : ps)
      for (double x : gauss_kronrod_panel_nodes(p.a, p.b)) xs.push_back(x);
    ys.resize(xs.size());
    batch(xs, ys);
    const std::size_t n = xs.size() / ps.size();
    for (std::size_t i = 0; i < ps.size(); ++i) gauss_kronrod_panel_sum(&ys[i * n], ps[i].a, ps[i].b, ps[i].value, ps[i].error);
  };
  std::priority_queue<Panel> heap;
  std::vector<Panel> first{{a, b, 0, 0}};
  evaluate(first);
  heap.push(first[0]);
  out.error = first[0].error;
  out.panels = 1;
  while (out.error > tol && out.panels < max_panels) {
    Panel worst = heap.top();
    const double m = (worst.a + worst.b) / 2;
    if (!(worst.a < m && m < worst.b)) break;  // the panel cannot be split in double any more
    heap.pop();
    std::vector<Panel> halves{{worst.a, m, 0, 0}, {m, worst.b, 0, 0}};
    evaluate(halves);
    out.error += halves[0].error + halves[1].error - worst.error;
    heap.push(halves[0]);
    heap.push(halves[1]);
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

template <class F>
AdaptiveResult adaptive_gauss_kronrod(F f, double a, double b, double tol, int max_panels = 400) {
  auto batch = [&](const std::vector<double>& xs, std::vector<double>& ys) {
    for (std::size_t i = 0; i < xs.size(); ++i) ys[i] = f(xs[i]);
  };
  return adaptive_gauss_kronrod_batch(batch, a, b, tol, max_panels);
}

}  // namespace critwin::gauss
