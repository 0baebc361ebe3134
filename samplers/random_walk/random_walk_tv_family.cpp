// Monte Carlo TV estimator, absorbing random walks: x reduces to (length or absorption time, up-steps) of
// the kept prefix and of the whole walk; Y_T̂ is a function of x, so P(S_init | Y_T̂) is exact.
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "samplers/log_space.hpp"
#include "samplers/random_walk/random_walk_path.hpp"
#include "samplers/random_walk/random_walk_sampler.hpp"

namespace critwin {

namespace {

class RandomWalkTv final : public TvFamily {
 public:
  RandomWalkTv(const Model& m, const TvSpec& s) : TvFamily(m, s) {
    const auto& w = std::get<RandomWalkComponents>(m.components);
    L_ = w.length;
    A_ = std::min<int64_t>(w.barrier, L_ + 1);
    kept_ = L_ - s.t_hat.to_long();
    for (int i = 0; i < m.size(); ++i) {
      p_.push_back(w.probs[i].to_double());
      logp_.push_back(std::log(p_.back()));
      logq_.push_back(std::log1p(-p_.back()));
      logw_.push_back(std::log(m.weights[i].to_double()));
    }
  }
  void draw(PhiloxStream& rng, TvDraw& d) const override {
    const int th = pick_.pick(rng.uniform());
    WalkState w;
    walk_extend(w, kept_, A_, p_[th], rng);
    d.k.resize(4);  // (pos, ups) of the kept prefix, then of the whole walk
    d.k[0] = w.pos;
    d.k[1] = w.ups;
    walk_extend(w, L_, A_, p_[th], rng);
    d.k[2] = w.pos;
    d.k[3] = w.ups;
  }
  double target_posterior(const TvDraw& d) const override { return mass(d.k[2], d.k[3], target_); }
  double init_posterior(const TvDraw& d, PhiloxStream&) const override { return mass(d.k[0], d.k[1], init_); }
  bool y_is_function_of_x() const override { return true; }

 private:
  double mass(int64_t pos, int64_t ups, const Subset& s) const {
    std::vector<double> l(p_.size());
    for (size_t i = 0; i < p_.size(); ++i)
      l[i] = logw_[i] + static_cast<double>(ups) * logp_[i] + static_cast<double>(pos - ups) * logq_[i];
    return posterior_mass(l.data(), static_cast<int>(l.size()), [&](int i) { return s.contains(i); });
  }
  int64_t L_ = 0, A_ = 0, kept_ = 0;
  std::vector<double> p_, logp_, logq_, logw_;
};

}  // namespace

std::unique_ptr<TvFamily> random_walk_tv_family_make(const Model& m, const TvSpec& s) {
  return std::make_unique<RandomWalkTv>(m, s);
}

}  // namespace critwin
