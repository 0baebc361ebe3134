#include "bounds/categorical/categorical_engine.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

#include <fmt/format.h>

#include "bounds/categorical/categorical_profile.hpp"
#include "bounds/bernoulli/bernoulli_counts.hpp"  // ball_clamp_unit
#include "bounds/categorical/categorical_states.hpp"
#include "model/input_error.hpp"

namespace critwin {

namespace {

// Exact rational sums are only for deciding ties; beyond this many group updates they give up (nullopt)
// rather than grow rationals with thousands of digits.
constexpr long kRationalMaxUpdates = 200000;

template <class Num>
using NumLaws = std::vector<std::vector<NumClass<Num>>>;

// The profile's laws in a number type; under random masking at time t every symbol's column is scaled by
// 1 − t and a mask symbol with column t·(1, …, 1) joins the trivial class (it is independent of X and of θ).
template <class Num, class Conv>
NumLaws<Num> num_laws(const CategoricalProfile& p, Conv conv, const ExactReal* mask_t) {
  NumLaws<Num> out;
  const int K = p.components;
  for (const auto& law : p.laws) {
    std::vector<NumClass<Num>> cls;
    bool has_trivial = false;
    for (const auto& c : law.classes) {
      NumClass<Num> n;
      n.mask = c.mask;
      n.expo = &c.expo;
      for (int th = 0; th < K; ++th) {
        ExactReal col = c.column[th];
        if (mask_t) col = col * (ExactReal::from_int(1) - *mask_t);
        if (mask_t && c.trivial()) col = col + *mask_t, has_trivial = true;
        n.column.push_back(conv(col));
      }
      cls.push_back(std::move(n));
    }
    if (mask_t && !has_trivial && mask_t->sign() > 0) {
      NumClass<Num> n;
      n.mask = p.all_mask();
      n.expo = &p.zero_key;
      for (int th = 0; th < K; ++th) n.column.push_back(conv(*mask_t));
      cls.push_back(std::move(n));
    }
    out.push_back(std::move(cls));
  }
  return out;
}

class CategoricalEngine final : public ExactEngine {
 public:
  CategoricalEngine(const Model& m, long prec)
      : ExactEngine(m, prec), profile_(categorical_profile_make(m)), L_(m.process.length), K_(m.size()) {
    check_limits();
  }

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    BallPrecisionScope scope(prec_);
    if (model_.process.kind == ProcessKind::random_mask) {
      const NumLaws<Ball> laws = ball_laws(&t.value);
      const std::vector<Ball> c = signed_balls(a, b);
      PrefixGroups<Ball> g = PrefixGroups<Ball>::start(profile_, Ball(1), Ball(0));
      for (const auto& [law, count] : profile_.runs)
        if (profile_.laws[law].informative)
          for (long i = 0; i < count; ++i) step(g, laws[law]);
      return Estimate::from_ball(clamp_unit(tv_of(g, c)));
    }
    return Estimate::from_ball(clamp_unit(tv_at(a, b, L_ - t.to_long())));
  }

  std::optional<ExactReal> rational_forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    const bool mask = model_.process.kind == ProcessKind::random_mask;
    const NumLaws<ExactReal> laws =
        num_laws<ExactReal>(profile_, [](const ExactReal& x) { return x; }, mask ? &t.value : nullptr);
    const std::vector<ExactReal> c = model_.signed_weights(a, b);
    PrefixGroups<ExactReal> g = PrefixGroups<ExactReal>::start(profile_, ExactReal::from_int(1), ExactReal());
    long left = mask ? L_ : L_ - t.to_long(), updates = 0;
    for (const auto& [law, count] : profile_.runs) {
      const long take = std::min(left, count);
      left -= take;
      if (profile_.laws[law].informative)
        for (long i = 0; i < take; ++i) {
          updates += static_cast<long>(g.groups.size() * laws[law].size());
          if (updates > kRationalMaxUpdates) return std::nullopt;
          prefix_groups_step(g, laws[law], profile_, 0);
        }
      if (left == 0) break;
    }
    ExactReal total;
    for (const auto& [k, mass] : g.groups) {
      ExactReal s;
      for (int th = 0; th < K_; ++th) s = s + c[th] * mass[th];
      total = total + abs(s);
    }
    return total * *ExactReal::parse("1/2");
  }

  // TV(p^{S_init,T̂}, p^{S_target}) with Y the n = L − T̂ revealed positions y and x = (y, z): by THEORY.md §1,
  //   ½ Σ_{y,z} | Σ_θ (w_θ P(S_init|y)/w_init − 1[θ∈S_target] w_θ/w_target) ℓ_θ(y) ℓ_θ(z) |.
  // Within a prefix group the posterior is constant and within a pair of prefix and suffix groups the vector
  // ℓ(y)ℓ(z) is proportional, so the sum runs over pairs of groups.
  Estimate fr_tv(const Subset& si, const Subset& st, const TimePoint& t) const override {
    if (model_.process.kind == ProcessKind::random_mask)
      throw InputError("process.kind",
                       "the exact fr-tv of categorical-product components is available under truncate and ordered-mask "
                       "only: under random-mask the posterior averaged over masks does not group by likelihood "
                       "vectors (estimate it by Monte Carlo instead)");
    BallPrecisionScope scope(prec_);
    const NumLaws<Ball> laws = ball_laws(nullptr);
    const long n = L_ - t.to_long();
    auto [y, z] = split_groups(laws, n);
    // coef_θ(y) · den(y) = Σ_θ' κ[θ][θ'] ℓ_θ'(y), κ[θ][θ'] = w_θ w_θ' (1[θ'∈S_init]/w_init − 1[θ∈S_target]/w_target),
    // formed from exact constants so a posterior within 2^-prec of the target keeps its relative accuracy.
    const ExactReal wi = model_.weight(si), wt = model_.weight(st);
    std::vector<std::vector<Ball>> kappa(K_, std::vector<Ball>(K_));
    for (int a = 0; a < K_; ++a)
      for (int b = 0; b < K_; ++b) {
        ExactReal f = (si.contains(b) ? ExactReal::from_int(1) / wi : ExactReal()) -
                      (st.contains(a) ? ExactReal::from_int(1) / wt : ExactReal());
        kappa[a][b] = (model_.weights[a] * model_.weights[b] * f).ball();
      }
    Ball total(0), den, inner;
    std::vector<Ball> coef(K_);
    for (const auto& [ky, my] : y.groups) {
      den = Ball(0);
      for (int th = 0; th < K_; ++th) den += model_.weights[th].ball() * my[th];
      for (int a = 0; a < K_; ++a) {
        Ball s(0);
        for (int b = 0; b < K_; ++b) s += kappa[a][b] * my[b];
        coef[a] = s * my[a];
      }
      Ball sum(0);
      for (const auto& [kz, mz] : z.groups) {
        inner = Ball(0);
        for (int th = 0; th < K_; ++th) inner += coef[th] * mz[th];
        sum += abs(inner);
      }
      total += sum / den;
    }
    // Dropped groups: |coef_θ| ≤ w_θ/w_init + 1[θ∈S_target] w_θ/w_target, and the other factor's total is ≤ 1.
    Ball bound(0);
    for (int th = 0; th < K_; ++th) {
      const ExactReal a = model_.weights[th] / wi + (st.contains(th) ? model_.weights[th] / wt : ExactReal());
      bound += a.ball() * (y.dropped[th] + z.dropped[th]);
    }
    return Estimate::from_ball(clamp_unit((total + Ball::interval(0, 1) * bound) * Ball::ratio(1, 2)));
  }

 protected:
  // Truncate / ordered-mask, n = L − T̂ revealed positions y and the rest z, summed over pairs of prefix and
  // suffix groups as in fr_tv (THEORY.md §6): with A(y) = Σ_{θ∈S} w_θ ℓ_θ(y)/w_S and P(θ|y) = w_θ ℓ_θ(y)/den(y),
  //   latent  = Σ_y A(y) P(S|y),   cloning = Σ_y Σ_θ (w_θ ℓ_θ(y))² / den(y),
  //   label   = Σ_y A(y) Σ_z 1[label(y,z) ∈ S] Σ_θ P(θ|y) ℓ_θ(z),
  // where label(y, z) = argmax_θ w_θ ℓ_θ(y) ℓ_θ(z) is constant on a pair of groups (the vectors are
  // proportional). A tie the balls cannot decide is decided on the exact rational group sums; past their
  // size cap the pair's term enters as [0, term] (still an enclosure).
  std::vector<Retention> retention_impl(const Subset& s, const std::vector<TimePoint>& ts) const override {
    if (model_.process.kind == ProcessKind::random_mask)
      throw InputError("process.kind",
                       "exact retention curves of categorical-product components are available under truncate and "
                       "ordered-mask only (as for fr-tv); use Monte Carlo (critwin sample)");
    BallPrecisionScope scope(prec_);
    const NumLaws<Ball> laws = ball_laws(nullptr);
    std::vector<Ball> w(K_);
    for (int th = 0; th < K_; ++th) w[th] = model_.weights[th].ball();
    const Ball ws = model_.weight(s).ball();
    std::vector<Retention> out;
    for (const auto& t : ts) {
      const long n = L_ - t.to_long();
      auto [y, z] = split_groups(laws, n);
      std::optional<std::pair<PrefixGroups<ExactReal>, PrefixGroups<ExactReal>>> exact;  // built on the first tie
      bool exact_tried = false;
      Ball lat(0), lbl(0), clo(0), den, a, ps, term, slack(0);
      std::vector<Ball> post(K_), score(K_);
      for (const auto& [ky, my] : y.groups) {
        den.set_zero();
        a.set_zero();
        ps.set_zero();
        for (int th = 0; th < K_; ++th) {
          post[th] = w[th] * my[th];
          den += post[th];
          if (s.contains(th)) {
            a += post[th];
          }
        }
        if (den.is_zero()) continue;
        for (int th = 0; th < K_; ++th) post[th] /= den;
        for (int th : s.indices()) ps += post[th];
        a /= ws;
        lat.add_mul(a, ps);
        for (int th = 0; th < K_; ++th) clo.add_mul(post[th], w[th] * my[th]);
        for (const auto& [kz, mz] : z.groups) {
          term.set_zero();
          for (int th = 0; th < K_; ++th) term.add_mul(post[th], mz[th]);
          if (term.is_zero()) continue;
          for (int th = 0; th < K_; ++th) score[th] = w[th] * my[th] * mz[th];
          int best = 0;
          bool certain = true;
          for (int th = 1; th < K_; ++th) {
            if (score[th].certainly_gt(score[best])) best = th;
            else if (!score[th].certainly_lt(score[best])) certain = false;
          }
          if (!certain) {
            if (!exact_tried) {
              exact_tried = true;
              exact = exact_groups(n);
            }
            if (exact) {
              const auto iy = exact->first.groups.find(ky), iz = exact->second.groups.find(kz);
              if (iy != exact->first.groups.end() && iz != exact->second.groups.end()) {
                ExactReal top;
                for (int th = 0; th < K_; ++th) {
                  const ExactReal v = model_.weights[th] * iy->second[th] * iz->second[th];
                  if (th == 0 || v > top) {
                    top = v;
                    best = th;
                  }
                }
                certain = true;
              }
            }
          }
          if (!certain) slack.add_mul(a, term);
          else if (s.contains(best)) lbl.add_mul(a, term);
        }
      }
      // Dropped groups: each quantity's share from them is at most the dropped mass it is fed by.
      Ball dy_s(0), dy_all(0), dz(0);
      for (int th = 0; th < K_; ++th) {
        if (s.contains(th)) dy_s += w[th] * y.dropped[th];
        dy_all += w[th] * y.dropped[th];
        dz = max(dz, z.dropped[th]);
      }
      dy_s /= ws;
      const Ball unit = Ball::interval(0, 1);
      out.push_back({Estimate::from_ball(clamp_unit(lat + unit * dy_s)),
                     Estimate::from_ball(clamp_unit(lbl + unit * (slack + dy_s + dz))),
                     Estimate::from_ball(clamp_unit(clo + unit * dy_all))});
    }
    return out;
  }

 private:
  // The groups of the first n revealed positions (y) and of the remaining ones (z), each from the start.
  std::pair<PrefixGroups<Ball>, PrefixGroups<Ball>> split_groups(const NumLaws<Ball>& laws, long n) const {
    PrefixGroups<Ball> y = PrefixGroups<Ball>::start(profile_, Ball(1), Ball(0));
    PrefixGroups<Ball> z = y;
    long pos = 0;
    for (const auto& [law, count] : profile_.runs) {
      if (!profile_.laws[law].informative) {
        pos += count;
        continue;
      }
      for (long i = 0; i < count; ++i, ++pos) step(pos < n ? y : z, laws[law]);
    }
    return {std::move(y), std::move(z)};
  }

  // The exact rational prefix and suffix groups at n revealed positions, or nullopt past the update cap.
  std::optional<std::pair<PrefixGroups<ExactReal>, PrefixGroups<ExactReal>>> exact_groups(long n) const {
    const NumLaws<ExactReal> laws = num_laws<ExactReal>(profile_, [](const ExactReal& x) { return x; }, nullptr);
    PrefixGroups<ExactReal> y = PrefixGroups<ExactReal>::start(profile_, ExactReal::from_int(1), ExactReal());
    PrefixGroups<ExactReal> z = y;
    long pos = 0, updates = 0;
    for (const auto& [law, count] : profile_.runs) {
      if (!profile_.laws[law].informative) {
        pos += count;
        continue;
      }
      for (long i = 0; i < count; ++i, ++pos) {
        PrefixGroups<ExactReal>& g = pos < n ? y : z;
        updates += static_cast<long>(g.groups.size() * laws[law].size());
        if (updates > kRationalMaxUpdates) return std::nullopt;
        prefix_groups_step(g, laws[law], profile_, 0);
      }
    }
    return std::make_pair(std::move(y), std::move(z));
  }

  static Ball clamp_unit(const Ball& x) { return ball_clamp_unit(x); }

  NumLaws<Ball> ball_laws(const ExactReal* mask_t) const {
    return num_laws<Ball>(profile_, [](const ExactReal& x) { return x.ball(); }, mask_t);
  }

  std::vector<Ball> signed_balls(const Subset& a, const Subset& b) const {
    std::vector<Ball> c;
    for (const auto& x : model_.signed_weights(a, b)) c.push_back(x.ball());
    return c;
  }

  // The feasibility pass: the full sweep of every exact sum (all positions in reveal order) with masses in
  // double precision and the same pruning, stopping at the first position where the live groups or the group
  // updates pass their limits. Within a run of identical positions whose law has a symbol every component can
  // emit, adding that symbol maps the groups one-to-one into the next position's, so the live groups do not
  // decrease there (except by the pruning of negligible groups): the updates still to come in the run are at
  // least (positions left) × (live groups) × (classes), and the pass refuses as soon as the updates done plus
  // that prediction pass the limit. A model beyond the limits is thus refused after a few positions of its
  // first hard run (milliseconds), not after minutes of certified sums. Random masking adds the mask symbol's
  // class at every position, counted here too.
  void check_limits() const {
    const bool mask = model_.process.kind == ProcessKind::random_mask;
    const NumLaws<double> laws = num_laws<double>(profile_, [](const ExactReal& x) { return x.to_double(); }, nullptr);
    PrefixGroups<double> g = PrefixGroups<double>::start(profile_, 1.0, 0.0);
    const double drop = std::ldexp(1.0, -static_cast<int>(prec_) - 24);
    long pos = 0;
    for (const auto& [law, count] : profile_.runs) {
      const PositionLaw& pl = profile_.laws[law];
      if (!pl.informative) {
        pos += count;
        continue;
      }
      bool has_trivial = false, has_full = false;
      for (const SymbolClass& c : pl.classes) {
        has_trivial = has_trivial || c.trivial();
        has_full = has_full || c.mask == profile_.all_mask();
      }
      const uint64_t classes = pl.classes.size() + (mask && !has_trivial ? 1 : 0);
      for (long i = 0; i < count; ++i, ++pos) {
        if (mask && !has_trivial) g.updates += g.groups.size();
        prefix_groups_step(g, laws[law], profile_, drop);
        const double ahead = has_full ? static_cast<double>(count - 1 - i) * static_cast<double>(g.groups.size()) *
                                            static_cast<double>(classes)
                                      : 0.0;
        if (g.groups.size() > kCategoricalMaxGroups || static_cast<double>(g.updates) + ahead > kCategoricalMaxUpdates)
          throw InputError("components.tables", limit_message(pos + 1, g.groups.size(), g.updates, ahead));
      }
    }
  }

  std::string limit_message(long revealed, size_t groups, uint64_t updates, double ahead) const {
    return fmt::format("the exact sums group prefixes by their likelihood vector up to a common factor, and this model "
                       "needs more than the limits of {} live groups or {} group updates (live groups x symbol classes, "
                       "summed over the positions of one sweep): {} groups and {} updates{}{} (several independent "
                       "likelihood ratios on long overlapping stretches); shorten the model, or use the Monte Carlo "
                       "engine (--samples, --seed)",
                       kCategoricalMaxGroups, kCategoricalMaxUpdates, groups, updates,
                       revealed >= 0 ? fmt::format(" after {} of {} positions", revealed, L_) : std::string(),
                       ahead > 0 ? fmt::format(" and at least {:.3g} more in the same run of positions", ahead)
                                 : std::string());
  }

  // A group is negligible when all its likelihoods are below 2^-(prec+24): the at most 10^7·|classes| of them
  // that can be dropped widen an enclosure by far less than its rounding radius.
  void step(PrefixGroups<Ball>& g, const std::vector<NumClass<Ball>>& classes) const {
    prefix_groups_step(g, classes, profile_, std::ldexp(1.0, -static_cast<int>(prec_) - 24));
    // A backstop: check_limits admitted the full sweep, but a suffix sweep (fr-tv, retention) starts afresh
    // and its groups need not be a subset of the full sweep's; twice the limit leaves room for that.
    if (g.groups.size() > kCategoricalMaxGroups || g.updates > 2 * kCategoricalMaxUpdates)
      throw InputError("components.tables", limit_message(-1, g.groups.size(), g.updates, 0));
  }

  // ½ Σ_groups |Σ_θ c_θ ℓ_θ| plus the dropped groups' bound ½ Σ_θ |c_θ| dropped_θ.
  Ball tv_of(const PrefixGroups<Ball>& g, const std::vector<Ball>& c) const {
    Ball total(0), s, bound(0);
    for (const auto& [k, mass] : g.groups) {
      s = Ball(0);
      for (int th = 0; th < K_; ++th) s += c[th] * mass[th];
      total += abs(s);
    }
    for (int th = 0; th < K_; ++th) bound += abs(c[th]) * g.dropped[th];
    return (total + Ball::interval(0, 1) * bound) * Ball::ratio(1, 2);
  }

  // Truncate / ordered-mask: the TV with n revealed positions. One sweep per subset pair records the TV after
  // each informative position (at[j] = revealed count for curve[j]); the TV at n is the last entry at or before n.
  Ball tv_at(const Subset& a, const Subset& b, long n) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto key = std::make_pair(a.indices(), b.indices());
    if (curve_.find(key) == curve_.end()) tv_curve(key, a, b);
    const auto& at = curve_at_.at(key);
    const size_t j = static_cast<size_t>(std::upper_bound(at.begin(), at.end(), n) - at.begin()) - 1;
    return curve_.at(key)[j];
  }

  void tv_curve(const std::pair<std::vector<int>, std::vector<int>>& key, const Subset& a, const Subset& b) const {
    const NumLaws<Ball> laws = ball_laws(nullptr);
    const std::vector<Ball> c = signed_balls(a, b);
    PrefixGroups<Ball> g = PrefixGroups<Ball>::start(profile_, Ball(1), Ball(0));
    std::vector<Ball> curve{tv_of(g, c)};
    std::vector<long> at{0};
    long pos = 0;
    for (const auto& [law, count] : profile_.runs) {
      if (!profile_.laws[law].informative) {
        pos += count;
        continue;
      }
      for (long i = 0; i < count; ++i) {
        step(g, laws[law]);
        curve.push_back(tv_of(g, c));
        at.push_back(++pos);
      }
    }
    curve_at_[key] = std::move(at);
    curve_[key] = std::move(curve);
  }

  CategoricalProfile profile_;
  long L_;
  int K_;
  mutable std::mutex mutex_;
  mutable std::map<std::pair<std::vector<int>, std::vector<int>>, std::vector<Ball>> curve_;
  mutable std::map<std::pair<std::vector<int>, std::vector<int>>, std::vector<long>> curve_at_;
};

}  // namespace

std::unique_ptr<ExactEngine> categorical_engine_make(const Model& model, long precision_bits) {
  return std::make_unique<CategoricalEngine>(model, precision_bits);
}

}  // namespace critwin
