#include "bounds/icl/icl_engine.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "bounds/bernoulli/bernoulli_counts.hpp"
#include "bounds/icl/icl_rational_tv.hpp"
#include "bounds/icl/icl_types.hpp"
#include "model/input_error.hpp"

namespace critwin {

namespace {

class IclEngine final : public ExactEngine {
 public:
  IclEngine(const Model& m, long prec)
      : ExactEngine(m, prec), comps_(*m.family<IclComponents>()), types_(icl_types_make(comps_)) {
    // Refused when made, by the count formula, if the forward TV with every example visible (the largest
    // sum a window needs) is beyond the limit: a window search would otherwise start exact and be refused
    // halfway, and the Monte Carlo engine takes the whole model instead.
    std::vector<int> all(static_cast<size_t>(m.size()));
    for (int th = 0; th < m.size(); ++th) all[th] = th;
    check_forward_limit(comps_.visible_pairs(0), all);
  }

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    BallPrecisionScope scope(prec_);
    const long n = comps_.visible_pairs(t.to_long());
    std::lock_guard<std::mutex> lock(memo_mutex_);
    auto key = std::make_tuple(a.indices(), b.indices(), n);
    auto it = memo_.find(key);
    if (it != memo_.end()) return Estimate::from_ball(it->second);
    Ball tv = ball_clamp_unit(tv_with_pairs(a, b, n));
    memo_.emplace(key, tv);
    return Estimate::from_ball(tv);
  }

  std::optional<ExactReal> rational_forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    const long n = comps_.visible_pairs(t.to_long());
    if (icl_count_tables(n, types_.size()) > kIclMaxRationalTables) return std::nullopt;
    return icl_rational_tv(model_, types_, a, b, n);
  }

  // THEORY.md §1: TV = ½ Σ_x |Σ_θ (w_θ φ(Y) − U_θ) p^θ(x)|, φ = P(S_init | Y)/w_{S_init}, U_θ = θ's share of
  // p^{S_target}. The posterior depends on Y only through the counts u of the n_v visible complete pairs (a
  // visible x without its y is drawn from π whatever θ), so with v the counts of the n_h hidden pairs
  //   TV = ½ n_v! n_h! Σ_u Σ_v |Σ_θ α_θ(u) L_θ(v)|,  α_θ(u) = L_θ(u) (w_θ φ(u) − U_θ).
  Estimate fr_tv(const Subset& si, const Subset& st, const TimePoint& t) const override {
    BallPrecisionScope scope(prec_);
    const long nv = comps_.visible_pairs(t.to_long()), nh = comps_.examples - nv;
    const uint64_t cv = icl_count_tables(nv, types_.size()), ch = icl_count_tables(nh, types_.size());
    if (cv > kIclMaxTables || ch > kIclMaxTables / cv)
      throw InputError("components.examples",
                       fmt::format("the exact icl fr-tv at t = {} sums over {} x {} count tables (more than {}); use fewer "
                                   "examples, or estimate it by Monte Carlo (critwin sample --s-target)",
                                   t.to_long(), cv, ch, kIclMaxTables));
    const size_t K = static_cast<size_t>(model_.size());
    // κ[θ][θ'] = w_θ v_θ' − U_θ w_θ' (v = S_init shares) exactly, so w_θ φ − U_θ = Σ_θ' κ L_θ' / Σ_θ' w_θ' L_θ'
    // is formed without cancellation when the posterior is within 2^-prec of 1.
    const ExactReal wi = model_.weight(si), wt = model_.weight(st);
    std::vector<std::vector<Ball>> kappa(K, std::vector<Ball>(K));
    std::vector<Ball> w(K);
    for (size_t th = 0; th < K; ++th) {
      w[th] = model_.weights[th].ball();
      const ExactReal U = st.contains(static_cast<int>(th)) ? model_.weights[th] / wt : ExactReal();
      for (size_t ph = 0; ph < K; ++ph) {
        const ExactReal v = si.contains(static_cast<int>(ph)) ? model_.weights[ph] / wi : ExactReal();
        kappa[th][ph] = (model_.weights[th] * v - U * model_.weights[ph]).ball();
      }
    }
    const auto pv = icl_powers(types_, nv), ph = icl_powers(types_, nh);
    std::vector<Ball> alpha(K);
    Ball total(0), den, tmp, d, inner;
    icl_for_each_count(pv, nv, [&](const std::vector<Ball>& Lu) {
      den = Ball(0);
      for (size_t th = 0; th < K; ++th) {
        tmp = w[th];
        tmp *= Lu[th];
        den += tmp;
      }
      for (size_t th = 0; th < K; ++th) {
        alpha[th] = Ball(0);
        for (size_t p = 0; p < K; ++p) {
          tmp = kappa[th][p];
          tmp *= Lu[p];
          alpha[th] += tmp;
        }
        alpha[th] *= Lu[th];
        alpha[th] /= den;
      }
      inner = Ball(0);
      icl_for_each_count(ph, nh, [&](const std::vector<Ball>& Lv) {
        d = Ball(0);
        for (size_t th = 0; th < K; ++th) {
          tmp = alpha[th];
          tmp *= Lv[th];
          d += tmp;
        }
        inner += abs(d);
      });
      total += inner;
    });
    Ball tv = total * icl_factorial(nv) * icl_factorial(nh) * Ball::ratio(1, 2);
    return Estimate::from_ball(ball_clamp_unit(tv));
  }

 protected:
  // THEORY.md §6 over the counts u of the n_v visible and v of the n_h hidden complete pairs (a lone visible x
  // carries no information, and the label of X′ depends on the pairs only): with P^S(u) = n_v! Σ_{θ∈S} w_θ
  // L_θ(u)/w_S and P(θ|u) = w_θ L_θ(u)/den(u),
  //   latent = Σ_u P^S(u) P(S|u),  cloning = n_v! Σ_u Σ_θ (w_θ L_θ(u))²/den(u),
  //   label  = Σ_u P^S(u) n_h! Σ_v Σ_θ P(θ|u) L_θ(v) 1[argmax_θ w_θ L_θ(u) L_θ(v) ∈ S].
  // A label tie the balls cannot decide enters as [0, term] (an enclosure; the interval says so).
  std::vector<Retention> retention_impl(const Subset& s, const std::vector<TimePoint>& ts) const override {
    BallPrecisionScope scope(prec_);
    const size_t K = static_cast<size_t>(model_.size());
    std::vector<Ball> w(K);
    for (size_t th = 0; th < K; ++th) w[th] = model_.weights[th].ball();
    const Ball ws = model_.weight(s).ball();
    std::vector<Retention> out;
    for (const auto& t : ts) {
      const long nv = comps_.visible_pairs(t.to_long()), nh = comps_.examples - nv;
      const uint64_t cv = icl_count_tables(nv, types_.size()), ch = icl_count_tables(nh, types_.size());
      if (cv > kIclMaxTables || ch > kIclMaxTables / cv)
        throw InputError("components.examples",
                         fmt::format("the exact icl retention at t = {} sums over {} x {} count tables (more than {}); "
                                     "use fewer examples, or Monte Carlo (critwin sample)",
                                     t.to_long(), cv, ch, kIclMaxTables));
      const auto pv = icl_powers(types_, nv), ph = icl_powers(types_, nh);
      const Ball fv = icl_factorial(nv), fh = icl_factorial(nh);
      Ball lat(0), lbl(0), clo(0), slack(0), den, a, ps, term, inner, inner_slack;
      std::vector<Ball> wl(K), post(K), score(K);
      icl_for_each_count(pv, nv, [&](const std::vector<Ball>& Lu) {
        den.set_zero();
        a.set_zero();
        for (size_t th = 0; th < K; ++th) {
          wl[th] = w[th] * Lu[th];
          den += wl[th];
          if (s.contains(static_cast<int>(th))) a += wl[th];
        }
        if (den.is_zero()) return;
        for (size_t th = 0; th < K; ++th) {
          post[th] = wl[th] / den;
          clo.add_mul(post[th], wl[th]);
        }
        ps = a / den;
        a /= ws;  // P^S(u) / n_v!
        lat.add_mul(a, ps);
        inner.set_zero();
        inner_slack.set_zero();
        icl_for_each_count(ph, nh, [&](const std::vector<Ball>& Lv) {
          term.set_zero();
          for (size_t th = 0; th < K; ++th) {
            term.add_mul(post[th], Lv[th]);
            score[th] = wl[th] * Lv[th];
          }
          size_t best = 0;
          bool certain = true;
          for (size_t th = 1; th < K; ++th) {
            if (score[th].certainly_gt(score[best])) best = th;
            else if (!score[th].certainly_lt(score[best])) certain = false;
          }
          if (!certain) inner_slack += term;
          else if (s.contains(static_cast<int>(best))) inner += term;
        });
        lbl.add_mul(a, inner);
        slack.add_mul(a, inner_slack);
      });
      const Ball unit = Ball::interval(0, 1);
      out.push_back({Estimate::from_ball(ball_clamp_unit(lat * fv)),
                     Estimate::from_ball(ball_clamp_unit((lbl + unit * slack) * fv * fh)),
                     Estimate::from_ball(ball_clamp_unit(clo * fv))});
    }
    return out;
  }

 private:
  // ½ n! Σ_u |Σ_θ c_θ L_θ(u)| with c_θ the signed weights of p^A − p^B. The first T − 2 type counts are
  // enumerated; the split of the remaining s examples between the last two types goes through SplitSum.
  // The forward TV with n visible examples enumerates C(n+T−2, T−2) count tables and splits the last two types
  // by prefix sums when it can (SplitSum, O(log n) per table), all C(n+T−1, T−1) otherwise; InputError past
  // kIclMaxForwardTables enumerated tables (about a second per forward TV; a window needs a few dozen).
  void check_forward_limit(long n, const std::vector<int>& live) const {
    const int T = types_.size();
    const bool split = T >= 2 && SplitSum::applies(types_, live, n);
    const uint64_t count = icl_count_tables(n, T), enumerated = split ? icl_count_tables(n, T - 1) : count;
    if (enumerated <= kIclMaxForwardTables) return;
    throw InputError("components.examples",
                     fmt::format("the exact icl forward TV with {} visible examples sums over {} count tables of {} pair "
                                 "types{}, more than the limit of {} enumerated tables; use fewer examples or a table with "
                                 "fewer distinct likelihood patterns, or the Monte Carlo engine (--samples, --seed)",
                                 n, count, T,
                                 split ? fmt::format(" ({} enumerated, the last two types split by prefix sums)", enumerated)
                                       : std::string(),
                                 kIclMaxForwardTables));
  }

  Ball tv_with_pairs(const Subset& a, const Subset& b, long n) const {
    const std::vector<ExactReal> ce = model_.signed_weights(a, b);
    std::vector<int> live;
    std::vector<Ball> c;
    for (size_t th = 0; th < ce.size(); ++th)
      if (ce[th].sign() != 0) live.push_back(static_cast<int>(th)), c.push_back(ce[th].ball());
    if (live.empty()) return Ball(0);
    check_forward_limit(n, live);
    const int T = types_.size();
    const auto pw = icl_powers(types_, n);
    if (T < 2 || !SplitSum::applies(types_, live, n)) {
      Ball total(0), d, tmp;
      icl_for_each_count(pw, n, [&](const std::vector<Ball>& L) {
        d = Ball(0);
        for (size_t i = 0; i < live.size(); ++i) {
          tmp = c[i];
          tmp *= L[live[i]];
          d += tmp;
        }
        total += abs(d);
      });
      return total * icl_factorial(n) * Ball::ratio(1, 2);
    }
    SplitSum split(types_, pw, live, n);
    // Enumerate the first T − 2 types: partial[i] = c_θ Π_{τ<T−2} q^{u_τ}/u_τ!, s = examples left.
    std::vector<Ball> partial(live.size());
    Ball total(0);
    auto rec = [&](auto&& self, int d, long left, const std::vector<Ball>& part) -> void {
      if (d == T - 2) {
        total += split.sum_abs(part, left);
        return;
      }
      std::vector<Ball> next(part.size());
      for (long u = 0; u <= left; ++u) {
        for (size_t i = 0; i < part.size(); ++i) {
          next[i] = part[i];
          next[i] *= pw[d][live[i]][u];
        }
        self(self, d + 1, left - u, next);
      }
    };
    rec(rec, 0, n, c);
    return total * icl_factorial(n) * Ball::ratio(1, 2);
  }

  // Σ_{u=0}^{s} |h(u)|, h(u) = Σ_θ C_θ B_θ(s, u), B_θ(s, u) = q_{aθ}^u q_{bθ}^{s−u} / (u! (s−u)!) for the last two
  // types a, b. As a function of real u, h(u) u! (s−u)! = Σ_θ C_θ q_{bθ}^s λ_θ^u with λ_θ = q_{aθ}/q_{bθ}; by
  // Descartes' rule of signs for exponential sums it has at most as many real zeros as the coefficients, in
  // increasing λ, have sign changes. With none, Σ|h| = |Σ h|; with one, the sign flips once, at some x0, and
  // Σ|h| = |Σ_{u<j} h| + |h(j)| + |Σ_{u>j} h| around any j with x0 in (j − 1, j + 1), certified by the signs of
  // the balls h(j − 1) and h(j + 1) — the sums come from prefix sums of B_θ(s, ·), so a column costs O(K log s)
  // instead of O(K s). Otherwise (more changes, or a coefficient of uncertain sign) the column is summed term
  // by term. Same argument as the Bernoulli engine's sign-split sum (bounds/bernoulli/bernoulli_engine.cpp).
  class SplitSum {
   public:
    // Needs positive q for the last two types (λ finite and nonzero) and tables of (n+1)(n+2)/2 balls per
    // component that fit in memory.
    static bool applies(const IclTypes& ty, const std::vector<int>& live, long n) {
      const int T = ty.size();
      for (int th : live)
        if (ty.q[T - 2][th].sign() <= 0 || ty.q[T - 1][th].sign() <= 0) return false;
      return static_cast<double>(n + 1) * static_cast<double>(n + 2) / 2 * static_cast<double>(live.size()) <= 4e6;
    }

    SplitSum(const IclTypes& ty, const std::vector<std::vector<std::vector<Ball>>>& pw, const std::vector<int>& live,
             long n)
        : live_(live.size()) {
      const int T = ty.size();
      b_.resize(live.size());
      pre_.resize(live.size());
      for (size_t i = 0; i < live.size(); ++i) {
        const int th = live[i];
        const ExactReal lam = ty.q[T - 2][th] / ty.q[T - 1][th];
        log_lambda_.push_back(std::log(lam.to_double()));
        lambda_.push_back(lam);
        b_[i].resize(static_cast<size_t>(n + 1));
        pre_[i].resize(static_cast<size_t>(n + 1));
        for (long s = 0; s <= n; ++s) {
          auto& row = b_[i][s];
          auto& pre = pre_[i][s];
          row.resize(static_cast<size_t>(s + 1));
          pre.resize(static_cast<size_t>(s + 1));
          for (long u = 0; u <= s; ++u) {
            row[u] = pw[T - 2][th][u];
            row[u] *= pw[T - 1][th][s - u];
            pre[u] = u ? pre[u - 1] : Ball(0);
            pre[u] += row[u];
          }
        }
      }
      // Components in increasing λ; equal λ share one coefficient (their terms are proportional in u).
      order_.resize(live.size());
      for (size_t i = 0; i < live.size(); ++i) order_[i] = static_cast<int>(i);
      std::sort(order_.begin(), order_.end(), [&](int x, int y) { return lambda_[x] < lambda_[y]; });
    }

    Ball sum_abs(const std::vector<Ball>& C, long s) const {
      // Group coefficients G_g = Σ_{θ∈g} C_θ B_θ(s, 0), which has the sign of Σ_{θ∈g} C_θ q_{bθ}^s.
      std::vector<Ball> G;
      std::vector<double> logl;
      for (size_t r = 0; r < order_.size(); ++r) {
        const int i = order_[r];
        Ball term = C[i];
        term *= b_[i][s][0];
        if (r > 0 && lambda_[i] == lambda_[order_[r - 1]]) G.back() += term;
        else G.push_back(term), logl.push_back(log_lambda_[i]);
      }
      std::vector<int> sign;
      std::vector<double> logg, logs;
      for (size_t g = 0; g < G.size(); ++g) {
        const int sg = ball_sign(G[g]);
        if (sg == 0) {
          if (G[g].is_exact() && G[g].mid() == 0) continue;
          return fallback(C, s);
        }
        sign.push_back(sg);
        logg.push_back(ball_log_abs_mid(G[g]));
        logs.push_back(logl[g]);
      }
      if (sign.empty()) return Ball(0);
      int changes = 0;
      for (size_t r = 1; r < sign.size(); ++r) changes += sign[r] != sign[r - 1];
      if (changes == 0) return abs(range(C, s, 0, s));
      if (changes > 1) return fallback(C, s);
      const int s0 = sign.front();
      // The first u whose sign (in doubles, max-shifted exponentials) differs from s0; s + 1 if none.
      auto same = [&](long u) {
        double mx = -INFINITY;
        for (size_t r = 0; r < sign.size(); ++r) mx = std::max(mx, logg[r] + static_cast<double>(u) * logs[r]);
        double acc = 0;
        for (size_t r = 0; r < sign.size(); ++r) acc += sign[r] * std::exp(logg[r] + static_cast<double>(u) * logs[r] - mx);
        return acc * s0 > 0;
      };
      long lo = -1, hi = s + 1;
      while (hi - lo > 1) {
        const long mid = lo + (hi - lo) / 2;
        (same(mid) ? lo : hi) = mid;
      }
      for (long j : {hi, hi - 1, hi + 1}) {
        if (j < 0 || j > s + 1) continue;
        if (j > 0 && s0 * ball_sign(h(C, s, j - 1)) != 1) continue;
        if (j + 1 <= s && s0 * ball_sign(h(C, s, j + 1)) != -1) continue;
        Ball total(0);
        if (j > 0) total += abs(range(C, s, 0, j - 1));
        if (j <= s) total += abs(h(C, s, j));
        if (j + 1 <= s) total += abs(range(C, s, j + 1, s));
        return total;
      }
      return fallback(C, s);
    }

   private:
    Ball h(const std::vector<Ball>& C, long s, long u) const {
      Ball r(0), t;
      for (size_t i = 0; i < live_; ++i) {
        t = C[i];
        t *= b_[i][s][u];
        r += t;
      }
      return r;
    }
    // Σ_{u=from}^{to} h(u) from the prefix sums.
    Ball range(const std::vector<Ball>& C, long s, long from, long to) const {
      Ball r(0), t;
      for (size_t i = 0; i < live_; ++i) {
        t = pre_[i][s][to];
        if (from > 0) t -= pre_[i][s][from - 1];
        t *= C[i];
        r += t;
      }
      return r;
    }
    Ball fallback(const std::vector<Ball>& C, long s) const {
      Ball total(0);
      for (long u = 0; u <= s; ++u) total += abs(h(C, s, u));
      return total;
    }

    size_t live_;
    std::vector<ExactReal> lambda_;
    std::vector<double> log_lambda_;
    std::vector<int> order_;
    std::vector<std::vector<std::vector<Ball>>> b_, pre_;  // [component][s][u]
  };

  const IclComponents& comps_;
  IclTypes types_;
  mutable std::mutex memo_mutex_;
  mutable std::map<std::tuple<std::vector<int>, std::vector<int>, long>, Ball> memo_;
};

}  // namespace

std::unique_ptr<ExactEngine> icl_engine_make(const Model& model, long precision_bits) {
  return std::make_unique<IclEngine>(model, precision_bits);
}

}  // namespace critwin
