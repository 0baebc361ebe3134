#include "bounds/bernoulli/bernoulli_retention.hpp"

#include <fmt/format.h>

#include "bounds/bernoulli/bernoulli_counts.hpp"
#include "model/input_error.hpp"

namespace critwin {

std::vector<int> bernoulli_labels_by_ones(const Model& m) {
  const auto& b = *m.family<BernoulliProductComponents>();
  const long L = b.length;
  const int k = m.size();
  std::vector<Ball> lp(k), lq(k), lw(k);
  for (int i = 0; i < k; ++i) {
    lp[i] = log(b.probs[i].ball());
    lq[i] = log((ExactReal(1) - b.probs[i]).ball());
    lw[i] = log(m.weights[i].ball());
  }
  std::vector<int> out(static_cast<size_t>(L + 1));
  std::vector<Ball> score(k);
  for (long K = 0; K <= L; ++K) {
    for (int i = 0; i < k; ++i) {
      score[i] = lw[i];
      score[i].add_mul(lp[i], Ball(K));
      score[i].add_mul(lq[i], Ball(L - K));
    }
    // The winner must beat every lower index strictly and tie-or-lose to none above it; if the balls
    // cannot tell (exact ties such as E5 at K = L/2), compare w_θ p^K q^{L−K} as rationals.
    int best = 0;
    bool certain = true;
    for (int i = 1; i < k; ++i) {
      if (score[i].certainly_gt(score[best])) best = i;
      else if (!score[i].certainly_lt(score[best])) certain = false;
    }
    if (!certain) {
      ExactReal top;
      for (int i = 0; i < k; ++i) {
        const ExactReal v = m.weights[i] * pow(b.probs[i], K) * pow(ExactReal(1) - b.probs[i], L - K);
        if (i == 0 || v > top) {
          top = v;
          best = i;
        }
      }
    }
    out[static_cast<size_t>(K)] = best;
  }
  return out;
}

BernoulliRetentionTables bernoulli_retention_tables(const Model& m, const Subset& s, long n_min) {
  const auto& b = *m.family<BernoulliProductComponents>();
  const long L = b.length;
  if (L > kRetentionMaxLength)
    throw InputError("components.length", fmt::format("exact retention curves support length <= {} (got {}); "
                                                      "their cost grows like length^2", kRetentionMaxLength, L));
  // Components with equal probability are one group for the posterior over groups; P(θ | Y) inside a group is
  // proportional to w_θ. Per group: W = Σ w_θ, v = Σ_{θ∈S} w_θ / w_S, c = Σ w_θ² / W².
  struct G {
    ExactReal p, W, v, c;
  };
  std::vector<G> groups;
  std::vector<int> of(m.size());
  const ExactReal ws = m.weight(s);
  for (int i = 0; i < m.size(); ++i) {
    int g = 0;
    while (g < static_cast<int>(groups.size()) && !(groups[g].p == b.probs[i])) ++g;
    if (g == static_cast<int>(groups.size())) groups.push_back({b.probs[i], ExactReal(), ExactReal(), ExactReal()});
    of[i] = g;
    groups[g].W += m.weights[i];
    if (s.contains(i)) groups[g].v += m.weights[i] / ws;
  }
  for (int i = 0; i < m.size(); ++i) groups[of[i]].c += m.weights[i] * m.weights[i];
  for (auto& g : groups) g.c /= g.W * g.W;
  const size_t ng = groups.size();
  std::vector<Ball> p(ng), q(ng), W(ng), v(ng), cW2(ng);
  for (size_t g = 0; g < ng; ++g) {
    p[g] = groups[g].p.ball();
    q[g] = (ExactReal(1) - groups[g].p).ball();
    W[g] = groups[g].W.ball();
    v[g] = groups[g].v.ball();
    cW2[g] = (groups[g].c * groups[g].W * groups[g].W).ball();
  }
  const Ball w_s = ws.ball();
  const std::vector<int> lab = bernoulli_labels_by_ones(m);

  // Ĥ_n(k) = P_p(K_n = k, label(X) ∈ S) with K_n the ones among the first n tokens. The mixture of iid
  // products is exchangeable, so P(K_n = k | K_{n+1} = k + 1) = (k+1)/(n+1) and Ĥ_n follows from Ĥ_{n+1}
  // by one Pascal-like step: O(L²) additions for the whole curve instead of a fresh binomial sum per (n, k).
  // Then R_label(n) = Σ_k P^S(K_n = k) Ĥ_n(k) / P(K_n = k): X′ keeps the n visible tokens and completes them
  // from the mixture's own predictive law, whose label probability given K_n = k is Ĥ_n(k) / P(K_n = k).
  std::vector<std::vector<Ball>> a(ng);
  std::vector<Ball> H(static_cast<size_t>(L + 1)), Hn(static_cast<size_t>(L + 1));
  for (size_t g = 0; g < ng; ++g) binomial_pmf(a[g], L, p[g], q[g]);
  for (long k = 0; k <= L; ++k) {
    H[k] = Ball(0);
    if (s.contains(lab[k]))
      for (size_t g = 0; g < ng; ++g) H[k].add_mul(W[g], a[g][k]);
  }
  BernoulliRetentionTables out;
  out.latent.resize(static_cast<size_t>(L + 1));
  out.label.resize(static_cast<size_t>(L + 1));
  out.cloning.resize(static_cast<size_t>(L + 1));
  Ball M, Sv, C, t1, t2;
  for (long n = L;; --n) {
    if (n < L)
      for (size_t g = 0; g < ng; ++g) binomial_pmf(a[g], n, p[g], q[g]);
    Ball lat(0), lbl(0), clo(0);
    for (long k = 0; k <= n; ++k) {
      M.set_zero();
      Sv.set_zero();
      C.set_zero();
      for (size_t g = 0; g < ng; ++g) {
        M.add_mul(W[g], a[g][k]);
        Sv.add_mul(v[g], a[g][k]);
        t1.assign_mul(a[g][k], a[g][k]);
        C.add_mul(cW2[g], t1);
      }
      if (M.is_zero()) continue;  // P(K_n = k) = 0 exactly: no term
      t1.assign_div(Sv, M);
      lat.add_mul(t1, Sv);
      lbl.add_mul(t1, H[k]);
      t2.assign_div(C, M);
      clo += t2;
    }
    out.latent[n] = ball_clamp_unit(lat * w_s);
    out.label[n] = ball_clamp_unit(lbl);
    out.cloning[n] = ball_clamp_unit(clo);
    if (n <= n_min || n == 0) break;
    // Ĥ_{n−1}(k) = [(k+1) Ĥ_n(k+1) + (n−k) Ĥ_n(k)] / n, k = 0..n−1.
    for (long k = 0; k < n; ++k) {
      t1 = H[k + 1];
      t1.mul_si(k + 1);
      t2 = H[k];
      t2.mul_si(n - k);
      Hn[k].assign_add(t1, t2).div_si(n);
    }
    std::swap(H, Hn);
  }
  return out;
}

}  // namespace critwin
