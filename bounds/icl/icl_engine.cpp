#include "bounds/icl/icl_engine.hpp"

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
      : ExactEngine(m, prec), comps_(*m.family<IclComponents>()), types_(icl_types_make(comps_)) {}

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

 private:
  // ½ n! Σ_u |Σ_θ c_θ L_θ(u)| with c_θ the signed weights of p^A − p^B.
  Ball tv_with_pairs(const Subset& a, const Subset& b, long n) const {
    const uint64_t count = icl_count_tables(n, types_.size());
    if (count > kIclMaxTables)
      throw InputError("components.examples",
                       fmt::format("the exact icl forward TV with {} visible examples sums over {} count tables of {} pair "
                                   "types (more than {}); use fewer examples or a table with fewer distinct likelihood "
                                   "patterns",
                                   n, count, types_.size(), kIclMaxTables));
    const std::vector<ExactReal> ce = model_.signed_weights(a, b);
    std::vector<Ball> c;
    for (const auto& x : ce) c.push_back(x.ball());
    const auto pw = icl_powers(types_, n);
    Ball total(0), d, tmp;
    icl_for_each_count(pw, n, [&](const std::vector<Ball>& L) {
      d = Ball(0);
      for (size_t th = 0; th < c.size(); ++th) {
        if (ce[th].sign() == 0) continue;
        tmp = c[th];
        tmp *= L[th];
        d += tmp;
      }
      total += abs(d);
    });
    return total * icl_factorial(n) * Ball::ratio(1, 2);
  }

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
