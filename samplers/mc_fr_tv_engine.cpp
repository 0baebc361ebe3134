#include "samplers/mc_fr_tv_engine.hpp"

#include "samplers/tv_estimate.hpp"

namespace critwin {

namespace {

class McFrTvEngine final : public ExactEngine {
 public:
  McFrTvEngine(std::unique_ptr<ExactEngine> exact, const McEngineOptions& opt)
      : ExactEngine(exact->model(), exact->precision()), exact_(std::move(exact)), opt_(opt) {}

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    return exact_->forward_tv(a, b, t);
  }
  std::optional<Estimate> forward_tv_crossing(const Subset& a, const Subset& b, const Ball& level) const override {
    return exact_->forward_tv_crossing(a, b, level);
  }
  TvGap forward_tv_gap(const Subset& a, const Subset& b, const TimePoint& t) const override {
    return exact_->forward_tv_gap(a, b, t);
  }
  std::optional<ExactReal> rational_forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    return exact_->rational_forward_tv(a, b, t);
  }
  Estimate fr_tv(const Subset& s_init, const Subset& s_target, const TimePoint& t) const override {
    Estimate e = tv_estimate_run(model_, TvSpec{s_init, s_target, t, 0}, opt_.samples, opt_.seed, opt_.threads).tv;
    e.guarantee = Guarantee::monte_carlo;
    return e;
  }
  bool has_exact_fr_tv() const override { return false; }

 private:
  std::unique_ptr<ExactEngine> exact_;
  McEngineOptions opt_;
};

}  // namespace

std::unique_ptr<ExactEngine> mc_fr_tv_engine_make(std::unique_ptr<ExactEngine> exact, const McEngineOptions& opt) {
  return std::make_unique<McFrTvEngine>(std::move(exact), opt);
}

}  // namespace critwin
