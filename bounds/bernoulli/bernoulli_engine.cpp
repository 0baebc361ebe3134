#include "bounds/bernoulli/bernoulli_engine.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "bounds/bernoulli/bernoulli_counts.hpp"
#include "bounds/bernoulli/bernoulli_rational_tv.hpp"
#include "bounds/bernoulli/bernoulli_retention.hpp"
#include "model/input_error.hpp"

namespace critwin {

namespace {


// Components sharing a success probability are indistinguishable from the data, so every sum runs over
// groups of equal probability, sorted by probability: the sign-change argument needs that order.
struct Group {
  Ball p, q;
  double log_p = 0, log_q = 0;  // doubles, only to *locate* sign changes; certification uses the balls
  Ball w;                       // Σ w_θ over the group
};

struct Groups {
  std::vector<Group> g;
  std::vector<int> of;  // component -> group
};

Groups groups_make(const Model& m, const BernoulliProductComponents& b) {
  std::vector<int> order(b.probs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return b.probs[x] < b.probs[y]; });
  Groups out;
  out.of.assign(order.size(), -1);
  for (size_t r = 0; r < order.size(); ++r) {
    const int i = order[r];
    if (r == 0 || !(b.probs[i] == b.probs[order[r - 1]])) {
      Group grp;
      grp.p = b.probs[i].ball();
      grp.q = (ExactReal::from_int(1) - b.probs[i]).ball();
      grp.log_p = std::log(b.probs[i].to_double());
      grp.log_q = std::log1p(-b.probs[i].to_double());
      grp.w = Ball(0);
      out.g.push_back(grp);
    }
    out.of[i] = static_cast<int>(out.g.size()) - 1;
    out.g.back().w += m.weights[i].ball();
  }
  return out;
}

// Per group: Σ_{θ ∈ S ∩ group} w_θ / w_S (the group's share of the sub-mixture p^S).
std::vector<Ball> subset_shares(const Model& m, const Groups& gr, const Subset& s) {
  std::vector<Ball> out(gr.g.size(), Ball(0));
  const Ball ws = m.weight(s).ball();
  for (int i : s.indices()) out[gr.of[i]] += m.weights[i].ball() / ws;
  return out;
}

// κ[g][g'] = W_g v_{g'} − U_g W_{g'} with W = group weights, v = shares of S_init, U = shares of S_target.
// Exact, so a coefficient that is mathematically 0 is the exact ball 0 and cannot spoil a sign decision.
std::vector<std::vector<Ball>> group_kappa(const Model& m, const Groups& gr, const Subset& si, const Subset& st) {
  const size_t G = gr.g.size();
  // Per group: Σ_{θ ∈ S ∩ g} w_θ / w_S, or the plain group weight W_g when s is null.
  const Subset all = Subset::all(m.size());
  auto shares = [&](const Subset* s) {
    std::vector<ExactReal> v(G);
    ExactReal ws;
    for (int i : (s ? *s : all).indices()) {
      ws += m.weights[i];
      v[gr.of[i]] += m.weights[i];
    }
    if (s)
      for (auto& x : v) x /= ws;
    return v;
  };
  const std::vector<ExactReal> W = shares(nullptr), v = shares(&si), U = shares(&st);
  std::vector<std::vector<Ball>> out(G, std::vector<Ball>(G));
  for (size_t g = 0; g < G; ++g)
    for (size_t h = 0; h < G; ++h) out[g][h] = (W[g] * v[h] - U[g] * W[h]).ball();
  return out;
}

// ½ Σ_k |Σ_g c_g Bin(n, p_g)(k)|: the TV between two mixtures of binomials with signed coefficients c_g.
Ball binomial_mixture_tv(const Groups& gr, const std::vector<Ball>& c, long n) {
  std::vector<std::vector<Ball>> pmf(gr.g.size());
  for (size_t g = 0; g < gr.g.size(); ++g) binomial_pmf(pmf[g], n, gr.g[g].p, gr.g[g].q);
  Ball total(0), h;
  for (long k = 0; k <= n; ++k) {
    h.set_zero();
    for (size_t g = 0; g < gr.g.size(); ++g) h.add_mul(c[g], pmf[g][k]);
    total += h.assign_abs(h);
  }
  return total * Ball::ratio(1, 2);
}

// Σ_{k=0}^{m} |h(k)| with h(k) = Σ_g C_g Bin(m, p_g)(k), given the pmfs and their prefix/suffix sums.
// As a function of real k, h(k) / C(m,k) = Σ_g C_g q_g^m e^{λ_g k} with λ_g = log(p_g/q_g) increasing in g;
// by Descartes' rule of signs for exponential sums it has at most as many real zeros as the sequence
// (C_g) has sign changes. With exactly one change the sign of h flips once, at some x0, so the sum of
// |h| is |left sum| + |h(j)| + |right sum| around any integer j with x0 in (j-1, j+1) — certified by the
// signs of the balls h(j-1) and h(j+1). Otherwise (more changes, or a coefficient of uncertain sign) we
// sum |h(k)| term by term, which is always valid.
class SignSplitSum {
 public:
  SignSplitSum(const Groups& gr, long m) : gr_(gr), m_(m), pmf_(gr.g.size()), pre_(gr.g.size()), suf_(gr.g.size()) {
    const Ball zero;
    for (size_t g = 0; g < gr.g.size(); ++g) {
      binomial_pmf(pmf_[g], m, gr.g[g].p, gr.g[g].q);
      pre_[g].assign(static_cast<size_t>(m + 1), Ball(0));
      suf_[g].assign(static_cast<size_t>(m + 2), Ball(0));  // suf_[m+1] = 0
      for (long k = 0; k <= m; ++k) pre_[g][k].assign_add(k ? pre_[g][k - 1] : zero, pmf_[g][k]);
      for (long k = m; k >= 0; --k) suf_[g][k].assign_add(suf_[g][k + 1], pmf_[g][k]);
    }
  }

  Ball sum_abs(const std::vector<Ball>& c) {
    live_.clear();
    for (size_t g = 0; g < c.size(); ++g) {
      if (c[g].is_zero()) continue;
      if (ball_sign(c[g]) == 0) return fallback(c);
      live_.push_back(static_cast<int>(g));
    }
    if (live_.empty()) return Ball(0);
    int changes = 0;
    for (size_t r = 1; r < live_.size(); ++r) changes += ball_sign(c[live_[r]]) != ball_sign(c[live_[r - 1]]);
    if (changes == 0) {  // one sign throughout; each pmf sums to 1
      Ball s(0);
      for (int g : live_) s += c[g];
      return abs(s);
    }
    if (changes > 1) return fallback(c);
    const int s = ball_sign(c[live_.front()]);  // the sign of h left of its only zero
    // Locate the flip in doubles: t = first k with sign(h(k)) != s (m+1 if none).
    logc_.clear();
    for (int g : live_) logc_.push_back(ball_log_abs_mid(c[g]) + static_cast<double>(m_) * gr_.g[g].log_q);
    auto side = [&](long k) {  // sign of h(k) in doubles, via a max-shifted sum of exponentials
      double mx = -INFINITY;
      for (size_t r = 0; r < live_.size(); ++r) {
        const Group& G = gr_.g[live_[r]];
        mx = std::max(mx, logc_[r] + static_cast<double>(k) * (G.log_p - G.log_q));
      }
      double acc = 0;
      for (size_t r = 0; r < live_.size(); ++r) {
        const Group& G = gr_.g[live_[r]];
        acc += ball_sign(c[live_[r]]) * std::exp(logc_[r] + static_cast<double>(k) * (G.log_p - G.log_q) - mx);
      }
      return acc * s > 0;
    };
    long lo = -1, hi = m_ + 1;  // side(lo) holds (or lo = -1), side(hi) fails (or hi = m+1)
    if (live_.size() == 2) {
      // Two terms: the zero of c0 e^{l0 + λ0 x} + c1 e^{l1 + λ1 x} is at x0 = (l0 − l1)/(λ1 − λ0).
      const Group &g0 = gr_.g[live_[0]], &g1 = gr_.g[live_[1]];
      const double x0 = (logc_[0] - logc_[1]) / ((g1.log_p - g1.log_q) - (g0.log_p - g0.log_q));
      hi = std::isfinite(x0) ? std::clamp(static_cast<long>(std::floor(x0)) + 1, 0L, m_ + 1) : m_ + 1;
    } else {
      while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;
        (side(mid) ? lo : hi) = mid;
      }
    }
    // The double search can be off by one where h is (nearly) 0 at an integer, e.g. the exact tie of two
    // symmetric coins at k = m/2; try the neighbours before giving up.
    long t = -1;
    for (long j : {hi, hi - 1, hi + 1}) {
      if (j < 0 || j > m_ + 1) continue;
      if (j > 0 && s * ball_sign(h(c, j - 1)) != 1) continue;
      if (j + 1 <= m_ && s * ball_sign(h(c, j + 1)) != -1) continue;
      t = j;
      break;
    }
    if (t < 0) return fallback(c);
    Ball left(0), right(0), total(0);
    for (int g : live_) {
      if (t > 0) left.add_mul(c[g], pre_[g][t - 1]);
      if (t + 1 <= m_) right.add_mul(c[g], suf_[g][t + 1]);
    }
    total = abs(left) + abs(right);
    if (t <= m_) total += abs(h(c, t));
    return total;
  }

 private:
  Ball h(const std::vector<Ball>& c, long k) const {
    Ball r(0);
    for (size_t g = 0; g < c.size(); ++g) r.add_mul(c[g], pmf_[g][k]);
    return r;
  }
  Ball fallback(const std::vector<Ball>& c) const {
    Ball total(0);
    for (long k = 0; k <= m_; ++k) total += abs(h(c, k));
    return total;
  }

  const Groups& gr_;
  long m_;
  std::vector<std::vector<Ball>> pmf_, pre_, suf_;
  std::vector<int> live_;
  std::vector<double> logc_;
};

class BernoulliEngine final : public ExactEngine {
 public:
  BernoulliEngine(const Model& m, long prec)
      : ExactEngine(m, prec), comps_(*m.family<BernoulliProductComponents>()), L_(comps_.length) {}

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    BallPrecisionScope scope(prec_);
    const Groups gr = groups_make(model_, comps_);
    if (model_.process.kind != ProcessKind::random_mask)
      return Estimate::from_ball(ball_clamp_unit(truncate_tv(gr, a, b, visible(t))));
    if (L_ > kRandomMaskForwardMaxLength)
      throw InputError("components.length", fmt::format("the exact random-mask forward TV supports length <= {} (got {})",
                                                        kRandomMaskForwardMaxLength, L_));
    // Positions are exchangeable and the mask is independent of X and observed, so p_t^S is the mixture over
    // n ~ Bin(L, 1-t) visible positions of the truncate laws with n visible, on disjoint supports:
    // TV = Σ_n Bin(L,1-t)(n) TV_n. Terms with negligible weight are replaced by [0, weight] (TV_n ∈ [0,1]).
    const Ball tt = t.value.ball(), s = Ball(1) - tt;
    std::vector<Ball> pi;
    binomial_pmf(pi, L_, s, tt);
    const double cut = std::ldexp(1.0, -static_cast<int>(prec_) - 16);
    Ball total(0), tail(0);
    for (long n = 0; n <= L_; ++n) {
      if (pi[n].upper() < cut) { tail += pi[n]; continue; }
      total += pi[n] * memo_truncate_tv(gr, a, b, n);
    }
    return Estimate::from_ball(ball_clamp_unit(total + Ball::interval(0, 1) * tail));
  }

  std::optional<ExactReal> rational_forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    return bernoulli_rational_forward_tv(model_, comps_, a, b, t);
  }

  Estimate fr_tv(const Subset& si, const Subset& st, const TimePoint& t) const override {
    BallPrecisionScope scope(prec_);
    const Groups gr = groups_make(model_, comps_);
    if (model_.process.kind != ProcessKind::random_mask)
      return Estimate::from_ball(ball_clamp_unit(truncate_fr_tv(gr, si, st, visible(t))));
    return Estimate::from_ball(ball_clamp_unit(random_mask_fr_tv(gr, si, st, t.value.ball())));
  }

  // One pass per visible count n, each O(L K) for the count tables plus O(K log L) per visible-ones value k1
  // (the sign-split sum replaces an O(L) inner sum by prefix/suffix CDFs): O(L^2 K log L) for the whole curve
  // instead of O(L^3 K) for the naive double sum at every T̂.
  std::vector<Estimate> fr_tv_curve(const Subset& si, const Subset& st) const override {
    if (model_.process.kind == ProcessKind::random_mask)
      throw InputError("process.kind", "an fr-tv curve over all times needs a discrete index set (truncate or ordered-mask)");
    BallPrecisionScope scope(prec_);
    const Groups gr = groups_make(model_, comps_);
    std::vector<Estimate> out;
    out.reserve(static_cast<size_t>(L_ + 1));
    for (long th = 0; th <= L_; ++th) out.push_back(Estimate::from_ball(ball_clamp_unit(truncate_fr_tv(gr, si, st, L_ - th))));
    return out;
  }

 protected:
  // The tables by visible count are built once down to the smallest count needed; truncate and
  // ordered-mask read one entry per T̂, random-mask mixes them over n ~ Bin(L, 1 − t) (positions are
  // exchangeable and the mask is independent of X, so given n the experiment is the truncate one).
  std::vector<Retention> retention_impl(const Subset& s, const std::vector<TimePoint>& ts) const override {
    BallPrecisionScope scope(prec_);
    const bool mask = model_.process.kind == ProcessKind::random_mask;
    long n_min = L_;
    for (const auto& t : ts) n_min = std::min(n_min, mask ? 0L : visible(t));
    const BernoulliRetentionTables tab = bernoulli_retention_tables(model_, s, n_min);
    std::vector<Retention> out;
    for (const auto& t : ts) {
      if (!mask) {
        const long n = visible(t);
        out.push_back({Estimate::from_ball(tab.latent[n]), Estimate::from_ball(tab.label[n]),
                       Estimate::from_ball(tab.cloning[n])});
        continue;
      }
      const Ball tt = t.value.ball();
      std::vector<Ball> pi;
      binomial_pmf(pi, L_, Ball(1) - tt, tt);
      const double cut = std::ldexp(1.0, -static_cast<int>(prec_) - 16);
      Ball lat(0), lbl(0), clo(0), tail(0);
      for (long n = 0; n <= L_; ++n) {
        if (pi[n].upper() < cut) { tail += pi[n]; continue; }  // each entry lies in [0, 1]
        lat.add_mul(pi[n], tab.latent[n]);
        lbl.add_mul(pi[n], tab.label[n]);
        clo.add_mul(pi[n], tab.cloning[n]);
      }
      const Ball slack = Ball::interval(0, 1) * tail;
      out.push_back({Estimate::from_ball(ball_clamp_unit(lat + slack)), Estimate::from_ball(ball_clamp_unit(lbl + slack)),
                     Estimate::from_ball(ball_clamp_unit(clo + slack))});
    }
    return out;
  }

 private:
  // Visible count at a discrete time. For iid products, ordered-mask hides t positions and truncate hides the
  // last t: in both cases the posterior depends on the visible tokens only through (n, ones visible), and
  // the law of the data is exchangeable, so *which* positions are hidden never matters: ordered-mask = truncate.
  long visible(const TimePoint& t) const { return L_ - t.to_long(); }

  Ball truncate_tv(const Groups& gr, const Subset& a, const Subset& b, long n) const {
    std::vector<Ball> ca = subset_shares(model_, gr, a), cb = subset_shares(model_, gr, b);
    for (size_t g = 0; g < ca.size(); ++g) ca[g] -= cb[g];
    return binomial_mixture_tv(gr, ca, n);
  }

  Ball memo_truncate_tv(const Groups& gr, const Subset& a, const Subset& b, long n) const {
    std::lock_guard<std::mutex> lock(memo_mutex_);
    auto& row = memo_[{a.indices(), b.indices()}];
    if (row.empty()) row.resize(static_cast<size_t>(L_ + 1));
    auto& cell = row[static_cast<size_t>(n)];
    if (!cell) cell = truncate_tv(gr, a, b, n);
    return *cell;
  }

  // fr-tv with n visible tokens (truncate / ordered-mask). With k1 ones among the visible n and k2 among the
  // hidden m = L - n, the identity of THEORY.md §1 reads
  //   ½ Σ_{k1,k2} | Σ_g a_g(k1) b_g(k2) (f(k1) W_g - U_g) |,
  // a_g = Bin(n,p_g), b_g = Bin(m,p_g), W_g = group weight, U_g = group share of p^{S_target},
  // f(k1) = P(S_init | k1)/w_{S_init} (the binomial coefficients cancel inside the posterior).
  Ball truncate_fr_tv(const Groups& gr, const Subset& si, const Subset& st, long n) const {
    const long m = L_ - n;
    const size_t G = gr.g.size();
    // c_g = a_g (f W_g − U_g) = a_g Σ_{g'} a_{g'} κ[g][g'] / den: written this way the difference is formed
    // from exact constants, so it keeps full relative accuracy when the posterior is within 2^-prec of 1.
    const std::vector<std::vector<Ball>> kappa = group_kappa(model_, gr, si, st);
    std::vector<std::vector<Ball>> a(G);
    for (size_t g = 0; g < G; ++g) binomial_pmf(a[g], n, gr.g[g].p, gr.g[g].q);
    SignSplitSum split(gr, m);
    std::vector<Ball> c(G);
    Ball total(0), den;
    for (long k1 = 0; k1 <= n; ++k1) {
      den.set_zero();
      for (size_t g = 0; g < G; ++g) den.add_mul(gr.g[g].w, a[g][k1]);
      for (size_t g = 0; g < G; ++g) {
        c[g].set_zero();
        for (size_t h = 0; h < G; ++h) c[g].add_mul(kappa[g][h], a[h][k1]);
        c[g] *= a[g][k1];
      }
      // Σ|h| is positively homogeneous in c, so the common 1/den is applied once to the result.
      total += split.sum_abs(c) / den;
    }
    return total * Ball::ratio(1, 2);
  }

  // fr-tv under random masking with mask probability t. Given x with K ones, the visible ones k1 ~ Bin(K, s)
  // and visible zeros j ~ Bin(L-K, s) are independent (s = 1 - t), and the posterior of S_init depends on
  // the observation only through (k1, j). So E[P(S_init|Y) | X = x] = F(K) depends on x only through K, and
  //   TV = ½ Σ_K | Σ_g W_g Bin(L,p_g)(K) F(K) - Σ_g U_g Bin(L,p_g)(K) |,
  //   F(K) = Σ_{k1,j} Bin(K,s)(k1) Bin(L-K,s)(j) φ(k1,j),  φ(k1,j) = P(S_init | k1 ones, j zeros)/w_{S_init}.
  Ball random_mask_fr_tv(const Groups& gr, const Subset& si, const Subset& st, const Ball& t) const {
    if (L_ > kRandomMaskFrTvMaxLength)
      throw InputError("components.length", fmt::format("the exact random-mask fr-tv supports length <= {} (got {}); "
                                                        "its cost grows like length^3", kRandomMaskFrTvMaxLength, L_));
    const size_t G = gr.g.size();
    const std::vector<Ball> vi = subset_shares(model_, gr, si), u = subset_shares(model_, gr, st);
    // Powers p_g^k and q_g^k, then φ on the triangle k1 + j <= L (row k1 holds j = 0..L-k1).
    std::vector<std::vector<Ball>> pp(G, std::vector<Ball>(L_ + 1)), qp(G, std::vector<Ball>(L_ + 1));
    for (size_t g = 0; g < G; ++g) {
      pp[g][0] = Ball(1);
      qp[g][0] = Ball(1);
      for (long k = 1; k <= L_; ++k) {
        pp[g][k] = pp[g][k - 1] * gr.g[g].p;
        qp[g][k] = qp[g][k - 1] * gr.g[g].q;
      }
    }
    std::vector<std::vector<Ball>> phi(static_cast<size_t>(L_ + 1));
    Ball num, den, like;
    for (long k1 = 0; k1 <= L_; ++k1) {
      phi[k1].resize(static_cast<size_t>(L_ - k1 + 1));
      for (long j = 0; j <= L_ - k1; ++j) {
        num.set_zero();
        den.set_zero();
        for (size_t g = 0; g < G; ++g) {
          like.assign_mul(pp[g][k1], qp[g][j]);
          num.add_mul(vi[g], like);
          den.add_mul(gr.g[g].w, like);
        }
        phi[k1][j].assign_div(num, den);
      }
    }
    const Ball s = Ball(1) - t;
    std::vector<std::vector<Ball>> full(G);
    for (size_t g = 0; g < G; ++g) binomial_pmf(full[g], L_, gr.g[g].p, gr.g[g].q);
    std::vector<Ball> ones, zeros;
    Ball total(0), F, inner, term, target;
    for (long K = 0; K <= L_; ++K) {
      binomial_pmf(ones, K, s, t);
      binomial_pmf(zeros, L_ - K, s, t);
      F.set_zero();
      for (long k1 = 0; k1 <= K; ++k1) {
        if (ones[k1].is_zero()) continue;
        inner.set_zero();
        for (long j = 0; j <= L_ - K; ++j) inner.add_mul(zeros[j], phi[k1][j]);
        F.add_mul(ones[k1], inner);
      }
      term.set_zero();
      target.set_zero();
      for (size_t g = 0; g < G; ++g) {
        term.add_mul(gr.g[g].w, full[g][K]);
        target.add_mul(u[g], full[g][K]);
      }
      term *= F;
      total += abs(term - target);
    }
    return total * Ball::ratio(1, 2);
  }

  const BernoulliProductComponents& comps_;
  long L_;
  mutable std::mutex memo_mutex_;
  mutable std::map<std::pair<std::vector<int>, std::vector<int>>, std::vector<std::optional<Ball>>> memo_;
};

}  // namespace

std::unique_ptr<ExactEngine> bernoulli_engine_make(const Model& model, long precision_bits) {
  return std::make_unique<BernoulliEngine>(model, precision_bits);
}

}  // namespace critwin
