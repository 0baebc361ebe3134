#include "bounds/random_walk/random_walk_engine.hpp"
#include "bounds/random_walk/random_walk_retention.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "bounds/bernoulli/bernoulli_counts.hpp"
#include "bounds/random_walk/random_walk_paths.hpp"
#include "bounds/random_walk/random_walk_rational_tv.hpp"

namespace critwin {

namespace {

// Largest L · A · (number of distinct probabilities) for which fr_tv_curve keeps its tables (~3 balls each);
// beyond it the curve is computed one T̂ at a time.
constexpr double kCurveMaxCells = 4e5;

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
    // Groups ordered by p(1−p), equal values merged (p and 1 − p share a rate).
    std::vector<size_t> order(gr_.size());
    for (size_t g = 0; g < order.size(); ++g) order[g] = g;
    auto rate = [&](size_t g) { return gr_.p[g] * (ExactReal::from_int(1) - gr_.p[g]); };
    std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return rate(x) < rate(y); });
    for (size_t k = 0; k < order.size(); ++k) {
      if (k == 0 || !(rate(order[k]) == rate(order[k - 1]))) rate_classes_.emplace_back();
      rate_classes_.back().push_back(order[k]);
    }
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
    ExactReal scale;
    const std::vector<Ball>& curve = memo_curve(a, b, scale);
    return Estimate::from_ball(ball_clamp_unit(scale.ball() * curve[static_cast<size_t>(L_ - t.to_long())]));
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
    const FrCoefficients co = fr_coefficients(si, st);
    const WalkPass<Ball> pass = walk_forward_pass<Ball>(A_, n, Ball(1), [&](long m, long u) { return signed_like(co.c, m, u); }, false);

    // Free prefixes: height h (parity of n), |h| <= min(n, A−1).
    const long hmax = std::min(n, A_ - 1);
    const long h0 = ((hmax - n) % 2 == 0) ? -hmax : -hmax + 1;
    std::vector<long> heights;
    for (long h = h0; h <= hmax; h += 2) heights.push_back(h);
    const size_t H = heights.size();
    std::vector<std::vector<Ball>> a(H);  // a[i][g] = Σ_g' κ[g][g'] ℓ_g'(y)
    std::vector<Ball> den(H), acc(H, Ball(0));
    for (size_t i = 0; i < H; ++i) a[i] = prefix_coefficients(co, n, (n + heights[i]) / 2, den[i], false);
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

  // fr-tv at every T̂ in one sweep. The forward pass keeps every row N(n, ·); the continuations are tabled once
  // for all prefixes: pre[side][h][g][s] = Σ_{s' <= s} B_{s'}(h, side) p_g^{u2} (1−p_g)^{s'−u2} (absorbed after s'
  // more steps), and the free continuations' strip counts grow with r = T̂ by the recursion. For a prefix the
  // absorbed-continuation sum Σ_s B_s |Σ_g D_g cont_g(s)| is an exponential sum in s with one rate p_g(1−p_g)
  // per group: by Descartes' rule of signs it changes sign at most as often as its coefficients ordered by rate,
  // so with at most one change it is |left table sum| + |right table sum| around a bisected sign change, O(log L)
  // instead of O(L). Cost O(L A (A + log L) K) against O(L² A K) for T̂ one at a time; memory O(L A K) balls.
  std::vector<Estimate> fr_tv_curve(const Subset& si, const Subset& st) const override {
    const size_t G = gr_.size();
    if (static_cast<double>(L_) * static_cast<double>(A_) * static_cast<double>(G) > kCurveMaxCells)
      return ExactEngine::fr_tv_curve(si, st);
    BallPrecisionScope scope(prec_);
    const FrCoefficients co = fr_coefficients(si, st);
    const size_t width = static_cast<size_t>(2 * A_ + 1), HN = static_cast<size_t>(2 * A_ - 1), S = static_cast<size_t>(L_ + 1);
    std::vector<std::vector<Ball>> rows(S);
    std::vector<Ball> absorbed(S);
    walk_forward_pass<Ball>(A_, L_, Ball(1), [&](long m, long u) { return signed_like(co.c, m, u); }, false,
                            [&](long n, const std::vector<Ball>& counts, const Ball& abs_sum) {
                              rows[static_cast<size_t>(n)] = counts;
                              absorbed[static_cast<size_t>(n)] = abs_sum;
                            });
    // Continuation tables (side 0: +A, side 1: −A).
    std::vector<Ball> pre(2 * HN * G * S);
    auto P = [&](int side, long h, size_t g, long s) -> Ball& {
      return pre[((static_cast<size_t>(side) * HN + static_cast<size_t>(h + A_ - 1)) * G + g) * S + static_cast<size_t>(s)];
    };
    auto dist = [&](int side, long h) { return side == 0 ? A_ - h : A_ + h; };
    auto cont = [&](size_t g, int side, long h, long s) {  // p_g^{u2} (1−p_g)^{s−u2} for absorption after s steps
      const long d = dist(side, h), u2 = side == 0 ? (s + d) / 2 : (s - d) / 2;
      return like(g, s, u2);
    };
    {
      std::vector<Ball> b[2] = {std::vector<Ball>(width), std::vector<Ball>(width)}, nb[2] = {b[0], b[1]};
      b[0][width - 1] = Ball(1);
      b[1][0] = Ball(1);
      for (long s = 1; s <= L_; ++s) {
        for (int side = 0; side < 2; ++side) {
          for (long h = -(A_ - 1); h <= A_ - 1; ++h) {
            const size_t j = static_cast<size_t>(h + A_);
            nb[side][j] = b[side][j - 1] + b[side][j + 1];
          }
          std::swap(b[side], nb[side]);
          nb[side][0] = nb[side][width - 1] = Ball(0);
          for (long h = -(A_ - 1); h <= A_ - 1; ++h) {
            const long d = dist(side, h);
            const bool valid = s >= d && (s - d) % 2 == 0;
            for (size_t g = 0; g < G; ++g) {
              P(side, h, g, s) = P(side, h, g, s - 1);
              if (valid) P(side, h, g, s) += b[side][static_cast<size_t>(h + A_)] * cont(g, side, h, s);
            }
          }
        }
      }
    }
    // Σ_{s <= r valid} B_s(h, side) |Σ_g D_g cont_g(s)|.
    auto absorbed_continuations = [&](const std::vector<Ball>& D, int side, long h, long r) {
      const long d = dist(side, h);
      if (r < d) return Ball(0);
      auto table = [&](long s) {
        Ball x(0);
        if (s < 0) return x;
        for (size_t g = 0; g < G; ++g) x += D[g] * P(side, h, g, s);
        return x;
      };
      auto value = [&](long s) {
        Ball x(0);
        for (size_t g = 0; g < G; ++g) x += D[g] * cont(g, side, h, s);
        return x;
      };
      const long J = (r - d) / 2;  // valid s = d + 2j, j = 0..J
      const int changes = rate_sign_changes(D, side, d);
      if (changes == 0) return abs(table(r));
      if (changes == 1) {
        const int sigma = ball_sign(value(d));
        long lo = 0, hi = J + 1;  // value(d + 2 lo) has sign sigma; from d + 2 hi on it does not
        bool ok = sigma != 0;
        while (ok && hi - lo > 1) {
          const long mid = lo + (hi - lo) / 2;
          const int sg = ball_sign(value(d + 2 * mid));
          if (sg == 0) ok = false;
          else (sg == sigma ? lo : hi) = mid;
        }
        if (ok) {
          const Ball left = table(std::min(d + 2 * hi - 1, r));
          return abs(left) + abs(table(r) - left);
        }
      }
      Ball total(0);  // term by term: always valid
      for (long j = 0; j <= J; ++j) total += abs(table(d + 2 * j) - table(d + 2 * j - 1));
      return total;
    };
    // Free continuations: strip counts F_r(h, h') for r = 0, 1, …, grown by one step per T̂.
    std::vector<Ball> F(HN * HN), NF(HN * HN);
    for (size_t i = 0; i < HN; ++i) F[i * HN + i] = Ball(1);
    std::vector<Estimate> out(S);
    for (long r = 0; r <= L_; ++r) {
      const long n = L_ - r;
      Ball total = absorbed[static_cast<size_t>(n)];
      const long hmax = std::min(n, A_ - 1);
      for (long h = ((hmax - n) % 2 == 0) ? -hmax : -hmax + 1; h <= hmax; h += 2) {
        const long u1 = (n + h) / 2;
        Ball den;
        const std::vector<Ball> D = prefix_coefficients(co, n, u1, den, true);
        Ball acc = absorbed_continuations(D, 0, h, r) + absorbed_continuations(D, 1, h, r);
        for (long y = std::max(-(A_ - 1), h - r); y <= std::min(A_ - 1, h + r); ++y) {
          if ((y - h - r) % 2 != 0) continue;
          const long u2 = (r + y - h) / 2;
          Ball x(0);
          for (size_t g = 0; g < G; ++g) x += D[g] * like(g, r, u2);
          acc += F[static_cast<size_t>(h + A_ - 1) * HN + static_cast<size_t>(y + A_ - 1)] * abs(x);
        }
        total += rows[static_cast<size_t>(n)][static_cast<size_t>(h + A_)] * acc / den;
      }
      out[static_cast<size_t>(r)] = Estimate::from_ball(ball_clamp_unit(total * Ball::ratio(1, 2)));
      if (r == L_) break;
      // F_{r+1}(h, y) = F_r(h + 1, y) + F_r(h − 1, y): the first step, then r steps inside. Only entries with
      // h − y ≡ r + 1 (mod 2) can be nonzero; the others in NF are F_r's zeros of that parity.
      for (size_t i = 0; i < HN; ++i)
        for (size_t k = (i + static_cast<size_t>(r) + 1) % 2; k < HN; k += 2) {
          NF[i * HN + k] = Ball(0);
          if (i + 1 < HN) NF[i * HN + k] += F[(i + 1) * HN + k];
          if (i > 0) NF[i * HN + k] += F[(i - 1) * HN + k];
        }
      std::swap(F, NF);
    }
    return out;
  }

 protected:
  std::vector<Retention> retention_impl(const Subset& s, const std::vector<TimePoint>& ts) const override {
    BallPrecisionScope scope(prec_);
    const RandomWalkRetentionTables tab = random_walk_retention_tables(model_, s);
    std::vector<Retention> out;
    for (const auto& t : ts) {
      const long n = model_.process.length - t.to_long();
      out.push_back({Estimate::from_ball(tab.latent[n]), Estimate::from_ball(tab.label[n]),
                     Estimate::from_ball(tab.cloning[n])});
    }
    return out;
  }

 private:
  const Ball& pw(const std::vector<std::vector<Ball>>& t, size_t g, long k) const { return t[g][static_cast<size_t>(k)]; }
  Ball like(size_t g, long m, long u) const { return pw(pp_, g, u) * pw(qp_, g, m - u); }

  // The exact constants of the fr-tv identity for (S_init, S_target), per probability group.
  struct FrCoefficients {
    std::vector<Ball> c;                   // V_g − U_g: absorbed prefixes contribute |Σ_g c_g ℓ_g|
    std::vector<Ball> w;                   // W_g
    std::vector<std::vector<Ball>> kappa;  // κ[g][g'] = W_g V_g' − U_g W_g'
  };
  FrCoefficients fr_coefficients(const Subset& si, const Subset& st) const {
    const size_t G = gr_.size();
    const std::vector<ExactReal> V = group_sums(gr_, shares(model_, &si)), U = group_sums(gr_, shares(model_, &st)),
                                 W = group_sums(gr_, shares(model_, nullptr));
    FrCoefficients co;
    for (size_t g = 0; g < G; ++g) {
      co.c.push_back((V[g] - U[g]).ball());
      co.w.push_back(W[g].ball());
    }
    // κ exactly, so f W_g − U_g = Σ_g' κ[g][g'] ℓ_g' / den keeps full relative accuracy when the posterior is
    // within 2^-prec of 1.
    co.kappa.assign(G, std::vector<Ball>(G));
    for (size_t g = 0; g < G; ++g)
      for (size_t h = 0; h < G; ++h) co.kappa[g][h] = (W[g] * V[h] - U[g] * W[h]).ball();
    return co;
  }
  // For a free prefix of n steps with u1 up-steps: Σ_g' κ[g][g'] ℓ_g' (times ℓ_g when `times_like`), and
  // den = Σ_g W_g ℓ_g, so that p_g(x)(f W_g − U_g) = out[g] · (continuation likelihood) / den.
  std::vector<Ball> prefix_coefficients(const FrCoefficients& co, long n, long u1, Ball& den, bool times_like) const {
    const size_t G = gr_.size();
    std::vector<Ball> l(G), out(G);
    den = Ball(0);
    for (size_t g = 0; g < G; ++g) {
      l[g] = like(g, n, u1);
      den += co.w[g] * l[g];
    }
    for (size_t g = 0; g < G; ++g) {
      out[g] = Ball(0);
      for (size_t h = 0; h < G; ++h) out[g] += co.kappa[g][h] * l[h];
      if (times_like) out[g] *= l[g];
    }
    return out;
  }
  // Sign changes of the coefficients of Σ_g D_g cont_g(s) as an exponential sum in s, classes of equal rate
  // p_g(1−p_g) merged and ordered by rate; −1 when a class coefficient's sign is not certain.
  int rate_sign_changes(const std::vector<Ball>& D, int side, long d) const {
    int changes = 0, last = 0;
    for (const auto& cls : rate_classes_) {
      Ball e(0);
      for (size_t g : cls) e += D[g] * like(g, d, side == 0 ? d : 0);  // ∝ the class coefficient (s = d)
      const int sg = ball_sign(e);
      if (sg == 0) {
        if (e.is_exact()) continue;  // exactly zero: the class is absent
        return -1;
      }
      if (last != 0 && sg != last) ++changes;
      last = sg;
    }
    return changes;
  }

  // |Σ_g c_g p_g^u (1−p_g)^{m−u}|
  Ball signed_like(const std::vector<Ball>& c, long m, long u) const {
    Ball s(0);
    for (size_t g = 0; g < c.size(); ++g) s += c[g] * like(g, m, u);
    return abs(s);
  }

  // The TV is positively homogeneous in the group coefficients c, so curves are kept per direction of c
  // (c over |its first nonzero entry|) and `scale` restores the size: for two components TV(p^A, p^B) for
  // every pair of subsets is a multiple of TV(p^0, p^1), and a window costs one pass instead of two.
  const std::vector<Ball>& memo_curve(const Subset& a, const Subset& b, ExactReal& scale) const {
    std::vector<ExactReal> cg = group_sums(gr_, model_.signed_weights(a, b));
    scale = ExactReal();
    for (const auto& x : cg)
      if (x.sign() != 0) {
        scale = abs(x);
        break;
      }
    std::string key;
    for (auto& x : cg) {
      if (scale.sign() != 0) x = x / scale;
      key += x.to_string() + ";";
    }
    std::lock_guard<std::mutex> lock(memo_mutex_);
    auto& curve = memo_[key];
    if (curve.empty() && scale.sign() == 0) {
      curve.assign(static_cast<size_t>(L_ + 1), Ball(0));  // p^A = p^B: the TV is 0 at every t
    } else if (curve.empty()) {
      std::vector<Ball> c;
      for (const auto& x : cg) c.push_back(x.ball());
      WalkPass<Ball> pass = walk_forward_pass<Ball>(A_, L_, Ball(1), [&](long m, long u) { return signed_like(c, m, u); }, true);
      for (auto& v : pass.sums) v *= Ball::ratio(1, 2);
      curve = std::move(pass.sums);
    }
    return curve;
  }

  const RandomWalkComponents& comps_;
  long L_, A_;
  Groups gr_;
  std::vector<std::vector<Ball>> pp_, qp_;
  std::vector<std::vector<size_t>> rate_classes_;
  mutable std::mutex memo_mutex_;
  mutable std::map<std::string, std::vector<Ball>> memo_;  // by the text of the normalized coefficients
};

}  // namespace

std::unique_ptr<ExactEngine> random_walk_engine_make(const Model& model, long precision_bits) {
  return std::make_unique<RandomWalkEngine>(model, precision_bits);
}

}  // namespace critwin
