#include "bounds/random_walk/random_walk_engine.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

#include "bounds/bernoulli/bernoulli_counts.hpp"
#include "bounds/random_walk/random_walk_paths.hpp"
#include "bounds/random_walk/random_walk_rational_tv.hpp"

namespace critwin {

namespace {

// Components sharing an up-probability have the same law, so sums run over groups of equal probability.
struct Groups {
  std::vector<ExactReal> p;
  std::vector<int> of;  // component -> group
  size_t size() const { return p.size(); }
};

Groups groups_make(const RandomWalkComponents& w) {
  Groups gr;
  for (const auto& p : w.probs) {
    auto it = std::find(gr.p.begin(), gr.p.end(), p);
    gr.of.push_back(static_cast<int>(it - gr.p.begin()));
    if (it == gr.p.end()) gr.p.push_back(p);
  }
  return gr;
}

// Σ_{θ in group} x_θ, exactly.
std::vector<ExactReal> group_sums(const Groups& gr, const std::vector<ExactReal>& per_component) {
  std::vector<ExactReal> out(gr.size());
  for (size_t i = 0; i < per_component.size(); ++i) out[gr.of[i]] = out[gr.of[i]] + per_component[i];
  return out;
}

// Per component: 1[θ ∈ S] w_θ / w_S (nullptr: w_θ).
std::vector<ExactReal> shares(const Model& m, const Subset* s) {
  std::vector<ExactReal> out(m.weights.size());
  const ExactReal ws = s ? m.weight(*s) : ExactReal::from_int(1);
  for (size_t i = 0; i < out.size(); ++i)
    if (!s || s->contains(static_cast<int>(i))) out[i] = m.weights[i] / ws;
  return out;
}

class RandomWalkEngine final : public ExactEngine {
 public:
  RandomWalkEngine(const Model& m, long prec)
      : ExactEngine(m, prec),
        comps_(*m.family<RandomWalkComponents>()),
        L_(comps_.length),
        A_(random_walk_effective_barrier(comps_.barrier, comps_.length)),
        gr_(groups_make(comps_)) {
    BallPrecisionScope scope(prec_);
    // p_g^k and (1−p_g)^k for k = 0..L: every likelihood p^u (1−p)^{m−u} is one product of two entries.
    pp_.resize(gr_.size());
    qp_.resize(gr_.size());
    for (size_t g = 0; g < gr_.size(); ++g) {
      const Ball p = gr_.p[g].ball(), q = (ExactReal::from_int(1) - gr_.p[g]).ball();
      pp_[g].resize(static_cast<size_t>(L_ + 1));
      qp_[g].resize(static_cast<size_t>(L_ + 1));
      pp_[g][0] = Ball(1);
      qp_[g][0] = Ball(1);
      for (long k = 1; k <= L_; ++k) {
        pp_[g][k] = pp_[g][k - 1] * p;
        qp_[g][k] = qp_[g][k - 1] * q;
      }
    }
  }

  // TV(p_t^A, p_t^B) = ½ Σ_groups N(g) |Σ_θ c_θ p_θ^u (1−p_θ)^{m−u}| over prefixes of n = L − t tokens. The
  // whole curve n = 0..L costs one pass, so it is computed once per subset pair and kept.
  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    BallPrecisionScope scope(prec_);
    const std::vector<Ball>& curve = memo_curve(a, b);
    return Estimate::from_ball(ball_clamp_unit(curve[static_cast<size_t>(L_ - t.to_long())]));
  }

  std::optional<ExactReal> rational_forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    return random_walk_rational_forward_tv(model_, comps_, a, b, t);
  }

  // The identity of THEORY.md §1 with Y = the first n tokens, a function of X:
  //   TV = ½ Σ_x |Σ_θ p_θ(x) (f(y) W_θ − U_θ)|,  f(y) = P(S_init | y)/w_{S_init}, W_θ = w_θ, U_θ = share in S_target.
  // Absorbed prefixes y determine x (pads follow), and the term is |p^{S_init}(y) − p^{S_target}(y)|. A free
  // prefix ending at height h continues for r = L − n steps: absorbed at relative step s on either side
  // (B_s(h, ±) paths, by a backward recursion shared by all h) or free at the end at h' (strip counts by
  // reflection). p_θ(x) = p_θ^{u1+u2} (1−p_θ)^{n+s−u1−u2} is one table lookup.
  Estimate fr_tv(const Subset& si, const Subset& st, const TimePoint& t) const override {
    BallPrecisionScope scope(prec_);
    const long n = L_ - t.to_long(), r = L_ - n;
    const size_t G = gr_.size();
    const std::vector<ExactReal> V = group_sums(gr_, shares(model_, &si)), U = group_sums(gr_, shares(model_, &st)),
                                 W = group_sums(gr_, shares(model_, nullptr));
    std::vector<Ball> c(G);
    for (size_t g = 0; g < G; ++g) c[g] = (V[g] - U[g]).ball();
    // κ[g][g'] = W_g V_g' − U_g W_g' exactly, so f W_g − U_g = Σ_g' κ[g][g'] ℓ_g' / den keeps full relative
    // accuracy when the posterior is within 2^-prec of 1.
    std::vector<std::vector<Ball>> kappa(G, std::vector<Ball>(G));
    for (size_t g = 0; g < G; ++g)
      for (size_t h = 0; h < G; ++h) kappa[g][h] = (W[g] * V[h] - U[g] * W[h]).ball();
    const WalkPass<Ball> pass = walk_forward_pass<Ball>(A_, n, Ball(1), [&](long m, long u) { return signed_like(c, m, u); }, false);

    // Free prefixes: height h (parity of n), |h| <= min(n, A−1).
    const long hmax = std::min(n, A_ - 1);
    const long h0 = ((hmax - n) % 2 == 0) ? -hmax : -hmax + 1;
    std::vector<long> heights;
    for (long h = h0; h <= hmax; h += 2) heights.push_back(h);
    const size_t H = heights.size();
    std::vector<std::vector<Ball>> a(H, std::vector<Ball>(G));  // a[i][g] = Σ_g' κ[g][g'] ℓ_g'(y)
    std::vector<Ball> den(H), acc(H, Ball(0));
    for (size_t i = 0; i < H; ++i) {
      const long u1 = (n + heights[i]) / 2;
      den[i] = Ball(0);
      for (size_t g = 0; g < G; ++g) den[i] += W[g].ball() * like(g, n, u1);
      for (size_t g = 0; g < G; ++g) {
        a[i][g] = Ball(0);
        for (size_t h = 0; h < G; ++h) a[i][g] += kappa[g][h] * like(h, n, u1);
      }
    }
    auto cont_term = [&](size_t i, long m, long u) {
      Ball s(0);
      for (size_t g = 0; g < G; ++g) s += a[i][g] * like(g, m, u);
      return abs(s);
    };
    if (r > 0 && H > 0) {
      // Absorbed continuations: bp[h + A] = paths from h first reaching +A at relative step s (bm: −A).
      const size_t width = static_cast<size_t>(2 * A_ + 1);
      std::vector<Ball> bp(width), bm(width), np(width), nm(width);
      bp[width - 1] = Ball(1);
      bm[0] = Ball(1);
      for (long s = 1; s <= r; ++s) {
        for (long h = -(A_ - 1); h <= A_ - 1; ++h) {
          const size_t j = static_cast<size_t>(h + A_);
          np[j] = bp[j - 1] + bp[j + 1];
          nm[j] = bm[j - 1] + bm[j + 1];
        }
        std::swap(bp, np);
        std::swap(bm, nm);
        if (s == 1) np[width - 1] = nm[0] = Ball(0);  // the start indicators live on the barriers only at s = 0
        for (size_t i = 0; i < H; ++i) {
          const long h = heights[i], u1 = (n + h) / 2;
          if ((s - (A_ - h)) % 2 != 0) continue;  // both sides share the parity of A − h
          if (A_ - h <= s) acc[i] += bp[static_cast<size_t>(h + A_)] * cont_term(i, n + s, u1 + (s + A_ - h) / 2);
          if (A_ + h <= s) acc[i] += bm[static_cast<size_t>(h + A_)] * cont_term(i, n + s, u1 + (s - A_ - h) / 2);
        }
      }
    }
    {
      // Free continuations to h' after r steps (parity of h + r), counted by reflection at raised precision.
      std::vector<Ball> row;
      const long bits = random_walk_reflection_bits(r, A_, prec_);
      {
        BallPrecisionScope raised(bits);
        row = random_walk_binomial_row(r);
      }
      for (size_t i = 0; i < H; ++i) {
        const long h = heights[i], u1 = (n + h) / 2;
        const long lo = std::max(-(A_ - 1), h - r), hi = std::min(A_ - 1, h + r);
        for (long y = lo; y <= hi; ++y) {
          if ((y - h - r) % 2 != 0) continue;
          Ball count;
          {
            BallPrecisionScope raised(bits);
            count = random_walk_strip_count(r, h, y, A_, row);
          }
          acc[i] += count * cont_term(i, L_, u1 + (r + y - h) / 2);
        }
      }
    }
    Ball total = pass.absorbed;
    for (size_t i = 0; i < H; ++i) total += pass.counts[static_cast<size_t>(heights[i] + A_)] * acc[i] / den[i];
    return Estimate::from_ball(ball_clamp_unit(total * Ball::ratio(1, 2)));
  }

 private:
  const Ball& pw(const std::vector<std::vector<Ball>>& t, size_t g, long k) const { return t[g][static_cast<size_t>(k)]; }
  Ball like(size_t g, long m, long u) const { return pw(pp_, g, u) * pw(qp_, g, m - u); }
  // |Σ_g c_g p_g^u (1−p_g)^{m−u}|
  Ball signed_like(const std::vector<Ball>& c, long m, long u) const {
    Ball s(0);
    for (size_t g = 0; g < c.size(); ++g) s += c[g] * like(g, m, u);
    return abs(s);
  }

  const std::vector<Ball>& memo_curve(const Subset& a, const Subset& b) const {
    std::lock_guard<std::mutex> lock(memo_mutex_);
    auto& curve = memo_[{a.indices(), b.indices()}];
    if (curve.empty()) {
      const std::vector<ExactReal> cg = group_sums(gr_, model_.signed_weights(a, b));
      std::vector<Ball> c;
      for (const auto& x : cg) c.push_back(x.ball());
      WalkPass<Ball> pass = walk_forward_pass<Ball>(A_, L_, Ball(1), [&](long m, long u) { return signed_like(c, m, u); }, true);
      for (auto& s : pass.sums) s *= Ball::ratio(1, 2);
      curve = std::move(pass.sums);
    }
    return curve;
  }

  const RandomWalkComponents& comps_;
  long L_, A_;
  Groups gr_;
  std::vector<std::vector<Ball>> pp_, qp_;
  mutable std::mutex memo_mutex_;
  mutable std::map<std::pair<std::vector<int>, std::vector<int>>, std::vector<Ball>> memo_;
};

}  // namespace

std::unique_ptr<ExactEngine> random_walk_engine_make(const Model& model, long precision_bits) {
  return std::make_unique<RandomWalkEngine>(model, precision_bits);
}

}  // namespace critwin
