#include "bounds/strings/strings_engine.hpp"

#include <fmt/format.h>

#include "bounds/strings/strings_partition.hpp"
#include "bounds/strings/strings_rational_tv.hpp"
#include "model/input_error.hpp"

namespace critwin {

namespace {


// Only positions where the strings differ carry information, and two such positions with the same column
// partition ("type") tell the same thing: the observation is determined by which types have at least one
// visible position. Truncate and ordered-mask make that set deterministic; random masking makes each type
// visible independently with probability 1 − t^{c_j} (c_j = its number of positions).
class StringsEngine final : public ExactEngine {
 public:
  StringsEngine(const Model& m, long prec) : ExactEngine(m, prec), K_(m.size()) {
    const auto& sc = *m.family<StringComponents>();
    const int L = sc.length();
    type_of_pos_.assign(static_cast<size_t>(L), -1);
    std::vector<char> col(static_cast<size_t>(K_));
    for (int i = 0; i < L; ++i) {
      for (int k = 0; k < K_; ++k) col[k] = sc.codes[k][i];
      StringsPartition p = StringsPartition::of_column(col);
      if (p.count <= 1) continue;
      int j = 0;
      while (j < static_cast<int>(types_.size()) && !(types_[j] == p)) ++j;
      if (j == static_cast<int>(types_.size())) {
        types_.push_back(p);
        type_size_.push_back(0);
      }
      ++type_size_[j];
      type_of_pos_[i] = j;
    }
    if (m.process.kind == ProcessKind::random_mask) {
      const int T = static_cast<int>(types_.size());
      if (T > kMaxTypes || (size_t{1} << T) * static_cast<size_t>(K_) > kMaxPartitionCells)
        throw InputError("components.strings",
                         fmt::format("under random-mask the exact engine enumerates all 2^N subsets of the N distinct "
                                     "column patterns where the strings differ; these strings have N = {} with {} "
                                     "components, supported up to 2^N * components <= 2^25 (N <= {})",
                                     T, K_, kMaxTypes));
      // part_[mask] = partition revealed when exactly the types in `mask` are visible, built from the mask
      // without its lowest bit.
      part_.resize(size_t{1} << T);
      part_[0] = StringsPartition::coarsest(K_);
      for (size_t mask = 1; mask < part_.size(); ++mask) {
        const int low = __builtin_ctzll(mask);
        part_[mask] = part_[mask & (mask - 1)].meet(types_[low]);
      }
    }
  }

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    BallPrecisionScope scope(prec_);
    const std::vector<Ball> w = weights();
    if (model_.process.kind != ProcessKind::random_mask)
      return Estimate::from_ball(ball_clamp_unit(strings_partition_tv(visible_partition(t.to_long()), w, a, b)));
    const std::vector<Ball> prob = mask_probabilities(t.value.ball());
    Ball total(0);
    for (size_t mask = 0; mask < part_.size(); ++mask)
      if (!prob[mask].is_zero()) total += prob[mask] * strings_partition_tv(part_[mask], w, a, b);
    return Estimate::from_ball(ball_clamp_unit(total));
  }

  // ½ Σ_σ p(σ) | E[P(S_init | Y) | X = σ]/w_init − P(S_target | σ)/w_target | over the distinct strings σ
  // (THEORY.md §1); components with equal strings share every class, so summing over components with
  // their own weight w_θ gives the same total.
  std::optional<ExactReal> rational_forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    return strings_rational_forward_tv(model_, *model_.family<StringComponents>(), a, b, t);
  }

  Estimate fr_tv(const Subset& si, const Subset& st, const TimePoint& t) const override {
    BallPrecisionScope scope(prec_);
    const std::vector<Ball> w = weights();
    std::vector<Ball> expect(static_cast<size_t>(K_), Ball(0));
    if (model_.process.kind != ProcessKind::random_mask) {
      expect = strings_partition_posterior(visible_partition(t.to_long()), w, si);
    } else {
      const std::vector<Ball> prob = mask_probabilities(t.value.ball());
      for (size_t mask = 0; mask < part_.size(); ++mask) {
        if (prob[mask].is_zero()) continue;
        const std::vector<Ball> post = strings_partition_posterior(part_[mask], w, si);
        for (int k = 0; k < K_; ++k) expect[k] += prob[mask] * post[k];
      }
    }
    StringsPartition finest = StringsPartition::coarsest(K_);
    for (const auto& p : types_) finest = finest.meet(p);
    const std::vector<Ball> target = strings_partition_posterior(finest, w, st);
    const Ball wi = model_.weight(si).ball(), wt = model_.weight(st).ball();
    Ball total(0);
    for (int k = 0; k < K_; ++k) total += w[k] * abs(expect[k] / wi - target[k] / wt);
    return Estimate::from_ball(ball_clamp_unit(total * Ball::ratio(1, 2)));
  }

  // With a single column type, TV(t) = (1 − t^c) TV_visible (nothing visible gives TV 0), so the level
  // is crossed at t = (1 − level/TV_visible)^{1/c}; two strings at Hamming distance d: (1 − level)^{1/d}.
  std::optional<Estimate> forward_tv_crossing(const Subset& a, const Subset& b, const Ball& level) const override {
    if (model_.process.kind != ProcessKind::random_mask || types_.size() != 1) return std::nullopt;
    BallPrecisionScope scope(prec_);
    const Ball tv1 = strings_partition_tv(types_[0], weights(), a, b);
    const Ball r = Ball(1) - level / tv1;
    if (ball_sign(r) != 1) return std::nullopt;
    return Estimate::from_ball(exp(log(r) / Ball(static_cast<long>(type_size_[0]))));
  }

 protected:
  // Observing Y reveals the class c of the component in the visible partition, so with point masses
  // (THEORY.md §6): latent = Σ_c w(S∩c)² / (w_S w(c)); cloning = Σ_c Σ_{θ∈c} w_θ² / w(c); and X′ is the string
  // of θ′ ~ w_θ′/w(c) within the class, labelled by the heaviest component with that same string (ties to the
  // lowest index): label = Σ_c (w(S∩c)/w_S) · w({θ′ ∈ c : label(θ′) ∈ S}) / w(c). Random-mask mixes over the
  // visible-type masks as fr_tv does.
  std::vector<Retention> retention_impl(const Subset& s, const std::vector<TimePoint>& ts) const override {
    BallPrecisionScope scope(prec_);
    const std::vector<Ball> w = weights();
    const auto& sc = *model_.family<StringComponents>();
    std::vector<bool> label_in_s(static_cast<size_t>(K_));
    for (int i = 0; i < K_; ++i) {
      int best = -1;
      for (int j = 0; j < K_; ++j)
        if (sc.codes[j] == sc.codes[i] && (best < 0 || model_.weights[best] < model_.weights[j])) best = j;
      label_in_s[i] = s.contains(best);
    }
    const Ball ws = model_.weight(s).ball();
    auto of_partition = [&](const StringsPartition& part, Ball& lat, Ball& lbl, Ball& clo) {
      std::vector<Ball> wc(part.count, Ball(0)), wsc(part.count, Ball(0)), wl(part.count, Ball(0)), sq(part.count, Ball(0));
      for (int i = 0; i < K_; ++i) {
        const int c = part.class_of[i];
        wc[c] += w[i];
        sq[c].add_mul(w[i], w[i]);
        if (s.contains(i)) wsc[c] += w[i];
        if (label_in_s[i]) wl[c] += w[i];
      }
      lat.set_zero();
      lbl.set_zero();
      clo.set_zero();
      for (int c = 0; c < part.count; ++c) {
        lat += wsc[c] * wsc[c] / wc[c];
        lbl += wsc[c] * wl[c] / wc[c];
        clo += sq[c] / wc[c];
      }
      lat /= ws;
      lbl /= ws;
    };
    std::vector<Retention> out;
    Ball lat, lbl, clo;
    for (const auto& t : ts) {
      Ball L(0), B(0), C(0);
      if (model_.process.kind != ProcessKind::random_mask) {
        of_partition(visible_partition(t.to_long()), L, B, C);
      } else {
        const std::vector<Ball> prob = mask_probabilities(t.value.ball());
        for (size_t mask = 0; mask < part_.size(); ++mask) {
          if (prob[mask].is_zero()) continue;
          of_partition(part_[mask], lat, lbl, clo);
          L.add_mul(prob[mask], lat);
          B.add_mul(prob[mask], lbl);
          C.add_mul(prob[mask], clo);
        }
      }
      out.push_back({Estimate::from_ball(ball_clamp_unit(L)), Estimate::from_ball(ball_clamp_unit(B)),
                     Estimate::from_ball(ball_clamp_unit(C))});
    }
    return out;
  }

 private:
  std::vector<Ball> weights() const {
    std::vector<Ball> w;
    for (const auto& x : model_.weights) w.push_back(x.ball());
    return w;
  }

  // The partition revealed at a discrete time: truncate shows positions [0, L − t), ordered-mask hides
  // order[0..t).
  StringsPartition visible_partition(long t) const {
    const long L = model_.process.length;
    std::vector<bool> seen(types_.size(), false);
    auto show = [&](long pos) {
      if (int j = type_of_pos_[pos]; j >= 0) seen[j] = true;
    };
    if (model_.process.kind == ProcessKind::truncate)
      for (long i = 0; i < L - t; ++i) show(i);
    else
      for (long r = t; r < L; ++r) show(model_.process.order[r]);
    StringsPartition p = StringsPartition::coarsest(K_);
    for (size_t j = 0; j < types_.size(); ++j)
      if (seen[j]) p = p.meet(types_[j]);
    return p;
  }

  // prob[mask] = Π_{j ∈ mask} (1 − t^{c_j}) Π_{j ∉ mask} t^{c_j}, built one type at a time.
  std::vector<Ball> mask_probabilities(const Ball& t) const {
    std::vector<Ball> prob{Ball(1)};
    for (size_t j = 0; j < types_.size(); ++j) {
      const Ball hid = pow(t, static_cast<long>(type_size_[j])), vis = Ball(1) - hid;
      std::vector<Ball> next(prob.size() * 2);
      for (size_t m = 0; m < prob.size(); ++m) {
        next[m] = prob[m] * hid;
        next[m | (size_t{1} << j)] = prob[m] * vis;
      }
      prob.swap(next);
    }
    return prob;
  }

  int K_;
  std::vector<StringsPartition> types_;
  std::vector<int> type_size_;
  std::vector<int> type_of_pos_;
  std::vector<StringsPartition> part_;  // random-mask only, indexed by the mask of visible types
};

}  // namespace

std::unique_ptr<ExactEngine> strings_engine_make(const Model& model, long precision_bits) {
  return std::make_unique<StringsEngine>(model, precision_bits);
}

}  // namespace critwin
