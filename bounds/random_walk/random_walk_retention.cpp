#include "bounds/random_walk/random_walk_retention.hpp"

#include <fmt/format.h>

#include "bounds/random_walk/random_walk_paths.hpp"
#include "model/input_error.hpp"

namespace critwin {

namespace {

// argmax_θ w_θ p_θ^U (1−p_θ)^D, ties to the lowest index: balls first, exact rationals when they overlap.
int walk_label(const Model& m, const RandomWalkComponents& c, const std::vector<Ball>& lw, const std::vector<Ball>& lp,
               const std::vector<Ball>& lq, long U, long D) {
  const int k = m.size();
  std::vector<Ball> score(k);
  for (int i = 0; i < k; ++i) {
    score[i] = lw[i];
    score[i].add_mul(lp[i], Ball(U));
    score[i].add_mul(lq[i], Ball(D));
  }
  int best = 0;
  bool certain = true;
  for (int i = 1; i < k; ++i) {
    if (score[i].certainly_gt(score[best])) best = i;
    else if (!score[i].certainly_lt(score[best])) certain = false;
  }
  if (certain) return best;
  ExactReal top;
  for (int i = 0; i < k; ++i) {
    const ExactReal v = m.weights[i] * pow(c.probs[i], U) * pow(ExactReal(1) - c.probs[i], D);
    if (i == 0 || v > top) {
      top = v;
      best = i;
    }
  }
  return best;
}

}  // namespace

// A prefix of n steps is either free at height h (|h| < A, u = (n+h)/2 ups) or absorbed at step τ <= n on one
// side (u = (τ ± A)/2); every component's likelihood is p^u (1−p)^{d} and the path counts N(n, h) come from
// the strip recursion. Per n: latent = Σ_groups N · A(g) P(S|g), cloning = Σ N Σ_grp c (W ℓ)²/den, and
// label = Σ N · A(g) Σ_grp P(grp|g) G_grp(g), where G_grp(n, h) = P_grp(label of the finished walk ∈ S | free at
// h after n steps) follows G(n, h) = p G(n+1, h+1) + (1−p) G(n+1, h−1) backwards from step L (absorbed
// prefixes have their label fixed). Components of equal probability form one group (weights W, S-shares v,
// within-group Σ w²/W² = c).
RandomWalkRetentionTables random_walk_retention_tables(const Model& m, const Subset& s) {
  const auto& c = *m.family<RandomWalkComponents>();
  const long L = c.length, A = random_walk_effective_barrier(c.barrier, c.length);
  const long width = 2 * A + 1;
  if ((L + 1) * width > kRandomWalkRetentionMaxCells)
    throw InputError("components.length",
                     fmt::format("exact retention tables need (length + 1) x (2 barrier + 1) <= {} (got {})",
                                 kRandomWalkRetentionMaxCells, (L + 1) * width));
  const int K = m.size();
  std::vector<int> of(K);
  std::vector<ExactReal> gp, gW, gv, gc;
  const ExactReal ws = m.weight(s);
  for (int i = 0; i < K; ++i) {
    size_t g = 0;
    while (g < gp.size() && !(gp[g] == c.probs[i])) ++g;
    if (g == gp.size()) {
      gp.push_back(c.probs[i]);
      gW.emplace_back();
      gv.emplace_back();
      gc.emplace_back();
    }
    of[i] = static_cast<int>(g);
    gW[g] += m.weights[i];
    gc[g] += m.weights[i] * m.weights[i];
    if (s.contains(i)) gv[g] += m.weights[i] / ws;
  }
  const size_t G = gp.size();
  std::vector<Ball> p(G), q(G), W(G), v(G), cW2(G);
  std::vector<std::vector<Ball>> pp(G, std::vector<Ball>(L + 1)), qp(G, std::vector<Ball>(L + 1));
  for (size_t g = 0; g < G; ++g) {
    p[g] = gp[g].ball();
    q[g] = (ExactReal(1) - gp[g]).ball();
    W[g] = gW[g].ball();
    v[g] = gv[g].ball();
    cW2[g] = gc[g].ball();  // c_g W_g² = Σ w_θ²
    pp[g][0] = qp[g][0] = Ball(1);
    for (long k = 1; k <= L; ++k) {
      pp[g][k] = pp[g][k - 1] * p[g];
      qp[g][k] = qp[g][k - 1] * q[g];
    }
  }
  std::vector<Ball> lw(K), lp(K), lq(K);
  for (int i = 0; i < K; ++i) {
    lw[i] = log(m.weights[i].ball());
    lp[i] = log(c.probs[i].ball());
    lq[i] = log((ExactReal(1) - c.probs[i]).ball());
  }
  const Ball w_s = ws.ball();

  // Forward path counts N(n, h), h + A indexed, for every n.
  std::vector<std::vector<Ball>> N(L + 1, std::vector<Ball>(width, Ball(0)));
  N[0][A] = Ball(1);
  for (long n = 1; n <= L; ++n)
    for (long h = -(A - 1); h <= A - 1; ++h) {
      Ball& out = N[n][h + A];
      if (h - 1 > -A) out += N[n - 1][h - 1 + A];
      if (h + 1 < A) out += N[n - 1][h + 1 + A];
    }

  // The per-group quantities of a group of prefixes with u ups and d downs, weighted by its path count.
  Ball den, a, ps, clo, lab, tmp;
  std::vector<Ball> post(G), ell(G);
  auto weigh = [&](long u, long d) {
    den.set_zero();
    a.set_zero();
    for (size_t g = 0; g < G; ++g) {
      ell[g].assign_mul(pp[g][u], qp[g][d]);
      post[g].assign_mul(W[g], ell[g]);
      den += post[g];
      a.add_mul(v[g], ell[g]);  // P^S of one such prefix
    }
    ps.assign_mul(a, w_s);
    ps /= den;  // P(S | prefix)
    clo.set_zero();
    for (size_t g = 0; g < G; ++g) {
      tmp.assign_mul(ell[g], ell[g]);
      clo.add_mul(cW2[g], tmp);
    }
    clo /= den;
    for (size_t g = 0; g < G; ++g) post[g] /= den;
  };

  RandomWalkRetentionTables out;
  out.latent.assign(L + 1, Ball(0));
  out.label.assign(L + 1, Ball(0));
  out.cloning.assign(L + 1, Ball(0));
  // Absorbed prefixes, accumulated over τ = 1..n (the same for every later n).
  Ball abs_lat(0), abs_lbl(0), abs_clo(0);
  std::vector<Ball> acc_lat(L + 1), acc_lbl(L + 1), acc_clo(L + 1);
  for (long n = 0; n <= L; ++n) {
    if (n >= 1 && A <= L)
      for (int side : {1, -1}) {
        const Ball& cnt = N[n - 1][side * (A - 1) + A];
        if (cnt.is_zero()) continue;
        const long u = (n + side * A) / 2, d = n - u;
        weigh(u, d);
        abs_lat += cnt * a * ps;
        abs_clo += cnt * clo;
        if (s.contains(walk_label(m, c, lw, lp, lq, u, d))) abs_lbl += cnt * a;
      }
    acc_lat[n] = abs_lat;
    acc_lbl[n] = abs_lbl;
    acc_clo[n] = abs_clo;
  }
  // Backward: G_g(n, h) from n = L down, the free groups' sums at every n.
  std::vector<std::vector<Ball>> Gc(G, std::vector<Ball>(width)), Gn(G, std::vector<Ball>(width));
  for (long h = -(A - 1); h <= A - 1; ++h) {
    if (((L + h) % 2 + 2) % 2 != 0) continue;
    const bool in = s.contains(walk_label(m, c, lw, lp, lq, (L + h) / 2, (L - h) / 2));
    for (size_t g = 0; g < G; ++g) Gc[g][h + A] = Ball(in ? 1 : 0);
  }
  for (long n = L; n >= 0; --n) {
    Ball lat = acc_lat[n], lbl = acc_lbl[n], cl = acc_clo[n];
    long h0 = -std::min(n, A - 1);
    if ((h0 + n) % 2 != 0) ++h0;  // heights have the parity of n
    for (long h = h0; h <= std::min(n, A - 1); h += 2) {
      const Ball& cnt = N[n][h + A];
      if (cnt.is_zero()) continue;
      weigh((n + h) / 2, (n - h) / 2);
      lat += cnt * a * ps;
      cl += cnt * clo;
      lab.set_zero();
      for (size_t g = 0; g < G; ++g) lab.add_mul(post[g], Gc[g][h + A]);
      lbl += cnt * a * lab;
    }
    out.latent[n] = ball_clamp_unit(lat);
    out.label[n] = ball_clamp_unit(lbl);
    out.cloning[n] = ball_clamp_unit(cl);
    if (n == 0) break;
    // G at n − 1 from G at n; stepping onto ±A absorbs at step n with that label.
    long lo = -std::min(n - 1, A - 1);
    if ((lo + n - 1) % 2 != 0) ++lo;
    const long hi = std::min(n - 1, A - 1);
    const bool up_abs = A <= L && s.contains(walk_label(m, c, lw, lp, lq, (n + A) / 2, n - (n + A) / 2));
    const bool dn_abs = A <= L && s.contains(walk_label(m, c, lw, lp, lq, (n - A) / 2, n - (n - A) / 2));
    for (size_t g = 0; g < G; ++g)
      for (long h = lo; h <= hi; h += 2) {
        const Ball up = h + 1 >= A ? Ball(up_abs ? 1 : 0) : Gc[g][h + 1 + A];
        const Ball dn = h - 1 <= -A ? Ball(dn_abs ? 1 : 0) : Gc[g][h - 1 + A];
        Gn[g][h + A] = p[g] * up + q[g] * dn;
      }
    std::swap(Gc, Gn);
  }
  return out;
}

}  // namespace critwin
