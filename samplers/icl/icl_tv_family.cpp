// Monte Carlo TV estimator, in-context learning: x reduces to the cell counts of the visible complete
// examples and of the hidden ones; Y_T̂ is a function of x (truncation).
#include <memory>
#include <vector>

#include "samplers/icl/icl_cells.hpp"
#include "samplers/icl/icl_sampler.hpp"

namespace critwin {

namespace {

class IclTv final : public TvFamily {
 public:
  IclTv(const Model& m, const TvSpec& s) : TvFamily(m, s), cells_(m) {
    const auto& c = std::get<IclComponents>(m.components);
    visible_ = c.visible_pairs(s.t_hat.to_long());
    hidden_ = c.examples - visible_;
  }
  void draw(PhiloxStream& rng, TvDraw& d) const override {
    const int th = pick_.pick(rng.uniform());
    const size_t C = static_cast<size_t>(cells_.cells());
    d.k.assign(2 * C, 0);  // visible cell counts, then hidden ones
    cells_.draw(th, visible_, rng, d.k, 0);
    cells_.draw(th, hidden_, rng, d.k, C);
  }
  double target_posterior(const TvDraw& d) const override {
    const size_t C = static_cast<size_t>(cells_.cells());
    std::vector<int64_t> all(C);
    for (size_t c = 0; c < C; ++c) all[c] = d.k[c] + d.k[C + c];
    return mass(all.data(), target_);
  }
  double init_posterior(const TvDraw& d, PhiloxStream&) const override { return mass(d.k.data(), init_); }
  bool y_is_function_of_x() const override { return true; }

 private:
  double mass(const int64_t* counts, const Subset& s) const {
    std::vector<double> l(static_cast<size_t>(cells_.components()));
    cells_.log_posterior(counts, l.data());
    return posterior_mass(l.data(), cells_.components(), [&](int i) { return s.contains(i); });
  }
  IclCells cells_;
  long visible_ = 0, hidden_ = 0;
};

}  // namespace

std::unique_ptr<TvFamily> icl_tv_family_make(const Model& m, const TvSpec& s) { return std::make_unique<IclTv>(m, s); }

}  // namespace critwin
