#include "bounds/gaussian/gaussian_plane_fr_tv.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <vector>

#include <boost/math/tools/roots.hpp>
#include <tbb/parallel_for.h>

#include "bounds/numerics/adaptive_gauss_kronrod.hpp"
#include "bounds/numerics/gaussian_trapezoid.hpp"
#include "bounds/numerics/logistic_normal.hpp"

namespace critwin::gauss {

namespace {

// Discs of radius 9σ around the means carry all but e^{−40.5} < 3e-18 of each component's mass.
constexpr double kRadius = 9;

// Error observations of one line integral; lines run in parallel, so each keeps its own.
struct LineStats {
  double trap_gap = 0;  // largest |fine − coarse| of the inner trapezoidal rule, in units of D
  double error = 0;     // the line's Gauss–Kronrod error estimate
};

class PlaneExperiment {
 public:
  PlaneExperiment(const PlaneMixture& m, const std::array<double, 3>& s_init, const std::array<double, 3>& s_target,
                  double et)
      : m_(m), sigma_(std::sqrt(m.variance)) {
    const double e2 = et * et;
    var_t_ = e2 * m.variance + 1 - e2;
    e2_over_2vt_ = e2 / (2 * var_t_);
    const double beta = et * std::sqrt(1 - e2) / var_t_;
    double spread = 0;  // largest distance between first coordinates
    for (int j = 0; j < 3; ++j) {
      logw_[j] = std::log(m.w[j]);
      f_init_[j] = s_init[j] / m.w[j];
      f_target_[j] = s_target[j] / m.w[j];
      w_init_ += s_init[j];
      w_target_ += s_target[j];
      slope_[j] = beta * m.c[j][0];
      for (int k = 0; k < 3; ++k) spread = std::max(spread, std::abs(m.c[j][0] - m.c[k][0]));
    }
    lambda_.emplace(beta * m.c[2][1]);
    // Trapezoidal rule over the first noise coordinate z: the poles of the logistic and log-sum-exp in z lie
    // at |Im z| >= π/(β · spread). Exponent 70 gives a discretisation error ~e^{−70}; the every-other-node
    // rule (error ~e^{−35}) is kept beside it as an observable upper bound on the error.
    rule_ = gaussian_trapezoid_make(beta * spread, 70);
    for (int k = -rule_.k_max; k <= rule_.k_max; ++k) even_.push_back(k % 2 == 0);
    noise_ = 1e-13 * (1 / w_init_ + 1 / w_target_);
    // A line integral is up to the x₁-marginal density, ~1/σ: an absolute tolerance of 1e-13 is out of reach
    // for σ = 1e-6 (every line ran to the panel limit); the outer integral over a shadow of width ~σ brings
    // the absolute error back to ~1e-13.
    line_tol_ = kLineTol * std::max(1.0, 1 / sigma_);
  }

  // D(x) and the data density p(x) at x = (x1, x2).
  void evaluate(double x1, double x2, double& D, double& p, LineStats& st) const {
    std::array<double, 3> a, e;
    double top = -INFINITY;
    for (int j = 0; j < 3; ++j) {
      const double r2 = (x1 - m_.c[j][0]) * (x1 - m_.c[j][0]) + (x2 - m_.c[j][1]) * (x2 - m_.c[j][1]);
      a[j] = logw_[j] - e2_over_2vt_ * r2;
      e[j] = logw_[j] - r2 / (2 * m_.variance);
      top = std::max(top, e[j]);
    }
    // E[P(S_init | Y) | X = x]: z₂ integrates atom 2's logistic weight to Λ(α), z₁ by the trapezoidal rule.
    double fine = 0, coarse = 0;
    for (std::size_t k = 0; k < rule_.z.size(); ++k) {
      const double z = rule_.z[k];
      const double l0 = a[0] + slope_[0] * z, l1 = a[1] + slope_[1] * z;
      double f01, lse;
      if (l1 >= l0) {
        const double t = std::exp(l0 - l1);
        f01 = (f_init_[1] + f_init_[0] * t) / (1 + t);
        lse = l1 + std::log1p(t);
      } else {
        const double t = std::exp(l1 - l0);
        f01 = (f_init_[0] + f_init_[1] * t) / (1 + t);
        lse = l0 + std::log1p(t);
      }
      const double v = rule_.w[k] * (f01 + (f_init_[2] - f01) * (*lambda_)(a[2] + slope_[2] * z - lse));
      fine += v;
      if (even_[k]) coarse += 2 * v;
    }
    st.trap_gap = std::max(st.trap_gap, std::abs(fine - coarse) / w_init_);
    double num = 0, den = 0;
    for (int j = 0; j < 3; ++j) {
      const double ej = std::exp(e[j] - top);
      num += f_target_[j] * ej;
      den += ej;
    }
    D = fine / w_init_ - num / den / w_target_;
    p = den * std::exp(top) / (2 * boost::math::constants::pi<double>() * m_.variance);
  }

  double D(double x1, double x2, LineStats& st) const {
    double d, p;
    evaluate(x1, x2, d, p, st);
    return d;
  }

  // ∫ p |D| dx₂ along the line x₁ = const.
  double line(double x1, LineStats& st) const {
    // The line's part of the discs around the means, as disjoint intervals: one hull of all discs would
    // put most of the scan between far-apart discs when σ is small next to the distances between means.
    std::vector<std::pair<double, double>> chords;
    const double r = kRadius * sigma_;
    for (int j = 0; j < 3; ++j) {
      const double dx = x1 - m_.c[j][0];
      if (std::abs(dx) >= r) continue;
      const double half = std::sqrt(r * r - dx * dx);
      chords.emplace_back(m_.c[j][1] - half, m_.c[j][1] + half);
    }
    double sum = 0, err = 0;
    for (const auto& [lo, hi] : merged(chords)) {
      if (!(lo < hi)) continue;
      sum += segment(x1, lo, hi, st);
      err += st.error;
    }
    st.error = err;
    return sum;
  }

  // Overlapping intervals joined, in increasing order.
  static std::vector<std::pair<double, double>> merged(std::vector<std::pair<double, double>> v) {
    std::sort(v.begin(), v.end());
    std::vector<std::pair<double, double>> out;
    for (const auto& iv : v) {
      if (!out.empty() && iv.first <= out.back().second) out.back().second = std::max(out.back().second, iv.second);
      else out.push_back(iv);
    }
    return out;
  }

  // ∫ p |D| dx₂ over [lo, hi] on the line x₁ = const; st.error receives the rule's error estimate.
  double segment(double x1, double lo, double hi, LineStats& st) const {
    // Split points: sign changes of D and the ends of runs where |D| is at rounding level. A scan of step
    // ≤ σ/5 (offset by an irrational fraction of a step so symmetric models do not put a scan point exactly
    // on a zero of D) is refined wherever D could dip to zero between two scan points of the same sign:
    // where |D(a)| + |D(b)| <= L (b − a), L twice the largest nearby difference quotient. Thin lobes of
    // the opposite sign (near where the line is tangent to the curve D = 0) are otherwise missed, and the
    // adaptive rule on |p D| cannot see them either. The integrand stays |p D|, so a sign change missed
    // anyway shows as a kink that the rule's error estimate sees.
    const int n = std::max(8, static_cast<int>(std::ceil((hi - lo) / (0.2 * sigma_))));
    std::vector<double> scan_x{lo}, scan_d;
    for (int i = 0; i < n; ++i) scan_x.push_back(lo + (hi - lo) * (i + 0.3183098861837907) / n);
    scan_x.push_back(hi);
    for (double x2 : scan_x) scan_d.push_back(D(x1, x2, st));
    auto cls = [&](double d) { return std::abs(d) <= noise_ ? 0 : (d > 0 ? 1 : -1); };
    std::vector<double> xs{scan_x[0]}, ds{scan_d[0]};
    const double min_width = 2e-4 * sigma_;
    // Appends the points of (a, b] after refining [a, b] where a zero could hide.
    auto refine = [&](auto&& self, double a, double b, double da, double db, double lip) -> void {
      if (cls(da) * cls(db) > 0 && std::abs(da) + std::abs(db) <= lip * (b - a) && b - a > min_width) {
        const double m = (a + b) / 2, dm = D(x1, m, st);
        const double l2 = std::max({lip, 2 * std::abs(dm - da) / (m - a), 2 * std::abs(db - dm) / (b - m)});
        self(self, a, m, da, dm, l2);
        self(self, m, b, dm, db, l2);
        return;
      }
      xs.push_back(b);
      ds.push_back(db);
    };
    for (std::size_t i = 0; i + 1 < scan_x.size(); ++i) {
      double lip = 0;
      for (std::size_t k = (i > 0 ? i - 1 : 0); k + 1 < scan_x.size() && k <= i + 1; ++k)
        lip = std::max(lip, 2 * std::abs(scan_d[k + 1] - scan_d[k]) / (scan_x[k + 1] - scan_x[k]));
      refine(refine, scan_x[i], scan_x[i + 1], scan_d[i], scan_d[i + 1], lip);
    }
    std::vector<double> cuts{lo};
    for (std::size_t i = 0; i + 1 < xs.size(); ++i) {
      const int c0 = cls(ds[i]), c1 = cls(ds[i + 1]);
      if (c0 * c1 < 0) {
        auto f = [&](double x2) { return D(x1, x2, st); };
        std::uintmax_t iters = 60;
        auto br = boost::math::tools::toms748_solve(f, xs[i], xs[i + 1], ds[i], ds[i + 1],
                                                    boost::math::tools::eps_tolerance<double>(40), iters);
        cuts.push_back((br.first + br.second) / 2);
      } else if (c0 != c1) {
        cuts.push_back(c0 == 0 ? xs[i] : xs[i + 1]);
      }
    }
    cuts.push_back(hi);
    double sum = 0, err = 0;
    auto integrand = [&](double x2) {
      double d, p;
      evaluate(x1, x2, d, p, st);
      return p * std::abs(d);
    };
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      auto v = adaptive_gauss_kronrod(integrand, cuts[i], cuts[i + 1], line_tol_ / (cuts.size() - 1), 200);
      sum += v.value;
      err += v.error;
    }
    st.error = err;
    return sum;
  }

  Value<double> run() {
    // The outer range: the discs' shadows on the first axis, kept apart (with σ small next to the distances
    // between means the adaptive rule on their hull never put a node in the strips that carry the mass).
    std::vector<std::pair<double, double>> shadows;
    for (int j = 0; j < 3; ++j) shadows.emplace_back(m_.c[j][0] - kRadius * sigma_, m_.c[j][0] + kRadius * sigma_);
    // Lines are independent: evaluated in parallel, summed in a fixed order, so the result does not depend
    // on the number of threads.
    double trap_gap = 0, line_err = 0;
    auto batch = [&](const std::vector<double>& xs, std::vector<double>& ys) {
      std::vector<LineStats> st(xs.size());
      tbb::parallel_for(std::size_t(0), xs.size(), [&](std::size_t i) { ys[i] = line(xs[i], st[i]); });
      for (auto& s : st) {
        trap_gap = std::max(trap_gap, s.trap_gap);
        line_err = std::max(line_err, s.error);
      }
    };
    AdaptiveResult outer;
    double range = 0;
    const auto parts = merged(shadows);
    for (const auto& [lo, hi] : parts) {
      const auto part = adaptive_gauss_kronrod_batch(batch, lo, hi, kOuterTol / parts.size(), 300);
      outer.value += part.value;
      outer.error += part.error;
      range += hi - lo;
    }
    Value<double> out;
    out.value = outer.value / 2;
    // Outer estimate ×10: where the curve D = 0 has a vertical tangent (or is a vertical line, as for
    // collinear means) the line integral has a kink, and there |K21 − G10| was seen to under-estimate the
    // error by up to 6×. Then each line's error integrated over the range; the inner rule's observed
    // half-step gap (a bound on D's quadrature error, and ∫ p |δD| <= max |δD|); Λ's interpolation error in
    // D; the mass outside the discs times the largest |D|; rounding.
    const double d_max = 1 / w_init_ + 1 / w_target_;
    out.error = (10 * outer.error + line_err * range) / 2 + trap_gap / 2 +
                LogisticNormalTable::error_bound() / w_init_ / 2 + 3e-18 * d_max + 1e-15;
    return out;
  }

 private:
  static constexpr double kLineTol = 1e-13, kOuterTol = 2e-13;

  const PlaneMixture& m_;
  double sigma_, line_tol_ = kLineTol, var_t_, e2_over_2vt_, w_init_ = 0, w_target_ = 0, noise_;
  std::array<double, 3> logw_, f_init_, f_target_, slope_;
  std::optional<LogisticNormalTable> lambda_;
  GaussianTrapezoid rule_;
  std::vector<bool> even_;
};

}  // namespace

PlaneFrTvLimits plane_fr_tv_limits(const PlaneMixture& m, double et) {
  const double e2 = et * et, var_t = e2 * m.variance + 1 - e2;
  const double beta = et * std::sqrt(1 - e2) / var_t;
  double extent = 0, scale = 1;
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 2; ++i) {
      scale = std::max(scale, std::abs(m.c[j][i]));
      for (int k = 0; k < 3; ++k) extent = std::max(extent, std::abs(m.c[j][i] - m.c[k][i]));
    }
  return {beta * extent, std::sqrt(m.variance) / scale};
}

Value<double> plane_fr_tv(const PlaneMixture& m, const std::array<double, 3>& s_init,
                          const std::array<double, 3>& s_target, double et) {
  if (!plane_fr_tv_limits(m, et).ok())
    throw std::domain_error("plane_fr_tv: posterior sharpness or variance outside the resolvable range");
  PlaneExperiment ex(m, s_init, s_target, et);
  return ex.run();
}

}  // namespace critwin::gauss
