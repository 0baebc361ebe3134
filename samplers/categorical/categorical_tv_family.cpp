// Monte Carlo TV estimator, categorical products, through counts: positions with the same joint row are i.i.d.
// given θ, so x reduces to the symbol counts per distinct row (rows equal in every component are left out: their
// factor is common to all components and cancels in every posterior). Truncate and ordered-mask: the counts of
// the revealed and of the hidden positions, drawn separately (Y_T̂ is a function of x). Random-mask: each
// position is revealed independently with probability 1 − T̂, so given x the revealed count of each (row,
// symbol) cell is Binomial(count, 1 − T̂). A sample costs O(rows × symbols) binomial draws, not O(L).
#include <cmath>
#include <memory>
#include <vector>

#include "samplers/binomial_sample.hpp"
#include "samplers/categorical/categorical_sampler.hpp"
#include "samplers/count_mc_engine.hpp"
#include "samplers/log_space.hpp"

namespace critwin {

namespace {

class CategoricalTv final : public TvFamily {
 public:
  CategoricalTv(const Model& m, const TvSpec& s)
      : TvFamily(m, s), counts_(categorical_count_model(m)), laws_(counts_), K_(m.size()) {
    for (int i = 0; i < K_; ++i) logw_.push_back(std::log(m.weights[i].to_double()));
    mask_ = m.process.kind == ProcessKind::random_mask;
    total_ = counts_.revealed(TimePoint::integer(0));
    if (mask_) {
      keep_ = 1 - s.t_hat.to_double();
      shown_ = total_;
    } else {
      shown_ = counts_.revealed(s.t_hat);
    }
  }
  // d.k: the revealed counts (all counts under random-mask), then the hidden ones.
  void draw(PhiloxStream& rng, TvDraw& d) const override {
    const int th = pick_.pick(rng.uniform());
    const size_t C = laws_.total_cells();
    d.k.assign(2 * C, 0);
    for (size_t j = 0; j < laws_.laws(); ++j) {
      laws_.draw(j, th, shown_[j], rng, d.k.data());
      laws_.draw(j, th, total_[j] - shown_[j], rng, d.k.data() + C);
    }
  }
  double target_posterior(const TvDraw& d) const override {
    const size_t C = laws_.total_cells();
    std::vector<int64_t> all(C);
    for (size_t c = 0; c < C; ++c) all[c] = d.k[c] + d.k[C + c];
    return mass(all.data(), target_);
  }
  double init_posterior(const TvDraw& d, PhiloxStream& rng) const override {
    if (!mask_) return mass(d.k.data(), init_);
    const size_t C = laws_.total_cells();
    std::vector<int64_t> seen(C);
    for (size_t c = 0; c < C; ++c)
      seen[c] = keep_ >= 1 ? d.k[c] : keep_ <= 0 || d.k[c] == 0 ? 0 : binomial_sample(d.k[c], keep_, rng.uniform());
    return mass(seen.data(), init_);
  }
  bool y_is_function_of_x() const override { return !mask_ || keep_ >= 1; }

 private:
  double mass(const int64_t* counts, const Subset& s) const {
    std::vector<double> l(logw_);
    laws_.add_log_lik(counts, l.data());
    return posterior_mass(l.data(), K_, [&](int i) { return s.contains(i); });
  }
  CountModel counts_;
  CountLaws laws_;
  int K_ = 0;
  bool mask_ = false;
  double keep_ = 1;
  std::vector<int64_t> total_, shown_;
  std::vector<double> logw_;
};

}  // namespace

std::unique_ptr<TvFamily> categorical_tv_family_make(const Model& m, const TvSpec& s) {
  return std::make_unique<CategoricalTv>(m, s);
}

}  // namespace critwin
