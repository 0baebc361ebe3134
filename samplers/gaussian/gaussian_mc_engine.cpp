#include "samplers/gaussian/gaussian_mc_engine.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "samplers/block_runner.hpp"
#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/tv_estimate.hpp"

namespace critwin {

namespace {

// The means in orthonormal coordinates of their affine span (mean 0 at the origin), by modified
// Gram–Schmidt in double precision; a direction whose residual is below 1e-12 of the scale is dropped.
struct Span {
  int k = 0, r = 0;
  std::vector<double> c;  // k × r
};

Span span_of(const GaussianComponents& g) {
  Span s;
  s.k = static_cast<int>(g.means.size());
  const int d = g.dim;
  std::vector<std::vector<double>> diff(s.k, std::vector<double>(d));
  double scale = 0;
  for (int i = 0; i < s.k; ++i)
    for (int j = 0; j < d; ++j) {
      diff[i][j] = g.means[i][j].to_double() - g.means[0][j].to_double();
      scale = std::max(scale, std::abs(diff[i][j]));
    }
  std::vector<std::vector<double>> basis;
  for (int i = 1; i < s.k; ++i) {
    std::vector<double> v = diff[i];
    for (int pass = 0; pass < 2; ++pass)  // twice is enough (Kahan–Parlett)
      for (const auto& b : basis) {
        double dot = 0;
        for (int j = 0; j < d; ++j) dot += v[j] * b[j];
        for (int j = 0; j < d; ++j) v[j] -= dot * b[j];
      }
    double n = 0;
    for (double x : v) n += x * x;
    n = std::sqrt(n);
    if (n <= 1e-12 * std::max(scale, 1e-300) * std::sqrt(static_cast<double>(d))) continue;
    for (double& x : v) x /= n;
    basis.push_back(std::move(v));
  }
  s.r = static_cast<int>(basis.size());
  s.c.assign(static_cast<size_t>(s.k) * s.r, 0);
  for (int i = 0; i < s.k; ++i)
    for (int q = 0; q < s.r; ++q) {
      double dot = 0;
      for (int j = 0; j < d; ++j) dot += diff[i][j] * basis[q][j];
      s.c[static_cast<size_t>(i) * s.r + q] = dot;
    }
  return s;
}

struct TvAcc {
  uint64_t n = 0;
  double sum = 0, sumsq = 0;
  void merge(const TvAcc& o) {
    n += o.n;
    sum += o.sum;
    sumsq += o.sumsq;
  }
};

class GaussianMcEngine final : public ExactEngine {
 public:
  GaussianMcEngine(const Model& m, long precision_bits, const McEngineOptions& opt)
      : ExactEngine(m, precision_bits), opt_(opt), span_(span_of(*m.family<GaussianComponents>())),
        var_(m.family<GaussianComponents>()->variance.to_double()) {
    for (const auto& w : m.weights) logw_.push_back(std::log(w.to_double()));
    // The same mixture written in span coordinates, for the fr-tv estimator (which works in the model's
    // own dimension): every TV is unchanged, the cost drops from d to r per draw.
    reduced_ = m;
    GaussianComponents g = *m.family<GaussianComponents>();
    g.dim = std::max(1, span_.r);
    for (int i = 0; i < span_.k; ++i) {
      g.means[i].assign(g.dim, ExactReal::from_int(0));
      for (int q = 0; q < span_.r; ++q) g.means[i][q] = ExactReal::from_double(span_.c[static_cast<size_t>(i) * span_.r + q]);
    }
    reduced_.components = g;
  }

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    if (t.infinite) return Estimate::exact_value(0);
    const double e = std::exp(-t.to_double()), v = e * e * var_ + 1 - e * e;
    if (v <= 0) return point_mass_tv(a, b);  // σ² = 0 at t = 0
    const int r = span_.r;
    const auto ia = a.indices(), ib = b.indices();
    std::vector<double> la, lb;  // log weights within A and B
    const double lwa = std::log(model_.weight(a).to_double()), lwb = std::log(model_.weight(b).to_double());
    for (int i : ia) la.push_back(logw_[i] - lwa);
    for (int i : ib) lb.push_back(logw_[i] - lwb);
    // Cumulative weights of A for drawing the component with one uniform.
    std::vector<double> cum;
    double acc = 0;
    for (int i : ia) cum.push_back(acc += std::exp(logw_[i] - lwa));
    const double sd = std::sqrt(v);
    TvAcc total = run_blocks<TvAcc>(opt_.samples, opt_.threads, [&](uint64_t begin, uint64_t end, TvAcc& out) {
      std::vector<double> y(r), lpa(ia.size()), lpb(ib.size());
      for (uint64_t s = begin; s < end; ++s) {
        PhiloxStream rng(opt_.seed, RngStream::tv_outer, s);
        const double u = rng.uniform() * cum.back();
        size_t pick = 0;
        while (pick + 1 < cum.size() && u > cum[pick]) ++pick;
        const double* c = &span_.c[static_cast<size_t>(ia[pick]) * r];
        for (int q = 0; q < r; ++q) y[q] = e * c[q] + sd * rng.normal();
        auto logdens = [&](const std::vector<int>& idx, const std::vector<double>& lw, std::vector<double>& buf) {
          for (size_t j = 0; j < idx.size(); ++j) {
            const double* m = &span_.c[static_cast<size_t>(idx[j]) * r];
            double d2 = 0;
            for (int q = 0; q < r; ++q) d2 += (y[q] - e * m[q]) * (y[q] - e * m[q]);
            buf[j] = lw[j] - d2 / (2 * v);
          }
          return log_sum_exp(buf.data(), static_cast<int>(buf.size()));
        };
        const double term = std::max(0.0, 1 - std::exp(logdens(ib, lb, lpb) - logdens(ia, la, lpa)));
        ++out.n;
        out.sum += term;
        out.sumsq += term * term;
      }
    });
    return bernstein(total, 1.0);
  }

  // The generic crossing search compares on these intervals; they do not refine with Ball precision.
  Estimate fr_tv(const Subset& s_init, const Subset& s_target, const TimePoint& t) const override {
    TvSpec spec{s_init, s_target, t, 0};
    TvEstimate e = tv_estimate_run(reduced_, spec, opt_.samples, opt_.seed, opt_.threads);
    Estimate out = e.tv;
    out.guarantee = Guarantee::monte_carlo;
    return out;
  }

 protected:
  // Retention by Monte Carlo in span coordinates, three unbiased averages of terms in [0, 1] with 99.9%
  // empirical-Bernstein intervals: P(S | Y) for Y ~ p_T̂^S (latent), 1[label(X′) ∈ S] for X′ drawn from
  // the posterior given that Y (label), Σ_θ P(θ | Y)² for Y ~ p_T̂ (cloning). Sample i of every T̂ uses
  // PhiloxStream(seed, forward_reverse, i, sub 1): the same draws at every T̂, so the curves are smooth.
  std::vector<Retention> retention_impl(const Subset& s, const std::vector<TimePoint>& ts) const override {
    const int r = span_.r, k = span_.k;
    std::vector<double> cum_s, cum_all;
    double acc_s = 0, acc_all = 0;
    std::vector<int> s_idx = s.indices();
    for (int i : s_idx) cum_s.push_back(acc_s += std::exp(logw_[i]));
    for (int i = 0; i < k; ++i) cum_all.push_back(acc_all += std::exp(logw_[i]));
    auto pick = [](const std::vector<double>& cum, double u) {
      size_t j = 0;
      u *= cum.back();
      while (j + 1 < cum.size() && u > cum[j]) ++j;
      return j;
    };
    std::vector<Retention> out;
    for (const auto& t : ts) {
      const double e = t.infinite ? 0.0 : std::exp(-t.to_double()), v = e * e * var_ + 1 - e * e;
      const double gain = v > 0 ? var_ * e / v : 1, post_sd = v > 0 ? std::sqrt(var_ * (1 - e * e) / v) : 0;
      struct Acc {
        TvAcc latent, label, cloning;
        void merge(const Acc& o) {
          latent.merge(o.latent);
          label.merge(o.label);
          cloning.merge(o.cloning);
        }
      };
      Acc total = run_blocks<Acc>(opt_.samples, opt_.threads, [&](uint64_t begin, uint64_t end, Acc& a) {
        std::vector<double> y(r), x(r), lp(k);
        auto log_post = [&](const std::vector<double>& at, double scale, double var, bool normalize = true) {
          for (int j = 0; j < k; ++j) {
            const double* m = &span_.c[static_cast<size_t>(j) * r];
            double d2 = 0;
            for (int q = 0; q < r; ++q) d2 += (at[q] - scale * m[q]) * (at[q] - scale * m[q]);
            // Variance 0 (point masses at T̂ = 0, or the label under σ² = 0): only equal means remain.
            lp[j] = var > 0 ? logw_[j] - d2 / (2 * var) : (d2 == 0 ? logw_[j] : -INFINITY);
          }
          if (!normalize) return;
          const double lse = log_sum_exp(lp.data(), k);
          for (int j = 0; j < k; ++j) lp[j] = std::exp(lp[j] - lse);
        };
        auto add = [](TvAcc& acc, double term) {
          ++acc.n;
          acc.sum += term;
          acc.sumsq += term * term;
        };
        for (uint64_t i = begin; i < end; ++i) {
          PhiloxStream rng(opt_.seed, RngStream::forward_reverse, i, 1);
          const int th = s_idx[pick(cum_s, rng.uniform())];
          const double sd = std::sqrt(v);  // Y_T̂ | θ ~ N(e μ_θ, (e² σ² + 1 − e²) I)
          for (int q = 0; q < r; ++q) y[q] = e * span_.c[static_cast<size_t>(th) * r + q] + sd * rng.normal();
          log_post(y, e, v);
          double in_s = 0;
          for (int j : s_idx) in_s += lp[j];
          add(a.latent, std::min(1.0, in_s));
          const double u = rng.uniform();
          int th2 = 0;
          for (double c = lp[0]; th2 + 1 < k && u > c; c += lp[++th2]) {}
          const double* m2 = &span_.c[static_cast<size_t>(th2) * r];
          for (int q = 0; q < r; ++q) x[q] = m2[q] + gain * (y[q] - e * m2[q]) + post_sd * rng.normal();
          log_post(x, 1.0, var_, false);  // label = argmax of the log scores, ties to the lowest index
          int best = 0;
          for (int j = 1; j < k; ++j)
            if (lp[j] > lp[best]) best = j;
          add(a.label, s.contains(best) ? 1.0 : 0.0);
          const int th3 = static_cast<int>(pick(cum_all, rng.uniform()));
          for (int q = 0; q < r; ++q) y[q] = e * span_.c[static_cast<size_t>(th3) * r + q] + sd * rng.normal();
          log_post(y, e, v);
          double sq = 0;
          for (int j = 0; j < k; ++j) sq += lp[j] * lp[j];
          add(a.cloning, std::min(1.0, sq));
        }
      });
      out.push_back({bernstein(total.latent, 1.0), bernstein(total.label, 1.0), bernstein(total.cloning, 1.0)});
    }
    return out;
  }

 private:
  // Point masses at t = 0: TV = Σ_atoms (mass_A − mass_B)_+ over the distinct means, exactly.
  Estimate point_mass_tv(const Subset& a, const Subset& b) const {
    const auto& g = *model_.family<GaussianComponents>();
    const double wa = model_.weight(a).to_double(), wb = model_.weight(b).to_double();
    std::vector<double> diff(span_.k, 0);
    std::vector<int> atom(span_.k);
    for (int i = 0; i < span_.k; ++i) {
      atom[i] = i;
      for (int j = 0; j < i; ++j)
        if (g.means[j] == g.means[i]) { atom[i] = atom[j]; break; }
    }
    for (int i : a.indices()) diff[atom[i]] += std::exp(logw_[i]) / wa;
    for (int i : b.indices()) diff[atom[i]] -= std::exp(logw_[i]) / wb;
    double tv = 0;
    for (double x : diff) tv += std::max(0.0, x);
    return Estimate::with_error(tv, 1e-15 * span_.k, 53);
  }

  // 99.9% empirical-Bernstein interval (Maurer & Pontil 2009, Thm 4; δ/2 per side) for terms in [0, B].
  static Estimate bernstein(const TvAcc& acc, double B) {
    const double n = static_cast<double>(acc.n), mean = acc.sum / n;
    const double var = acc.n > 1 ? std::max(0.0, (acc.sumsq - n * mean * mean) / (n - 1)) : B * B / 4;
    const double lg = std::log(4 / 0.001);
    const double half = acc.n > 1 ? std::sqrt(2 * var * lg / n) + 7 * B * lg / (3 * (n - 1)) : B;
    return Estimate{mean, std::max(0.0, mean - half), std::min(1.0, mean + half), Guarantee::monte_carlo, false, 53};
  }

  McEngineOptions opt_;
  Span span_;
  Model reduced_;
  double var_;
  std::vector<double> logw_;
};

}  // namespace

int gaussian_mc_span_dimension(const Model& model) { return span_of(*model.family<GaussianComponents>()).r; }

std::unique_ptr<ExactEngine> gaussian_mc_engine_make(const Model& model, long precision_bits, const McEngineOptions& opt) {
  return std::make_unique<GaussianMcEngine>(model, precision_bits, opt);
}

}  // namespace critwin
