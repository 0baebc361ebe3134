#include "samplers/fallback_engine.hpp"

#include <mutex>

#include "model/input_error.hpp"

namespace critwin {

namespace {

class FallbackEngine final : public ExactEngine {
 public:
  FallbackEngine(std::unique_ptr<ExactEngine> exact, std::function<std::unique_ptr<ExactEngine>()> make_mc)
      : ExactEngine(exact->model(), exact->precision()), exact_(std::move(exact)), make_mc_(std::move(make_mc)) {}

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    try {
      return exact_->forward_tv(a, b, t);
    } catch (const InputError&) {
      return mc().forward_tv(a, b, t);
    }
  }
  Estimate fr_tv(const Subset& s_init, const Subset& s_target, const TimePoint& t) const override {
    try {
      return exact_->fr_tv(s_init, s_target, t);
    } catch (const InputError&) {
      return mc().fr_tv(s_init, s_target, t);
    }
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
  bool has_exact_fr_tv() const override { return exact_->has_exact_fr_tv(); }
  // No fallback here: `critwin retention` falls back to the Monte Carlo engine itself and says so in its JSON.
  std::vector<Retention> retention_impl(const Subset& s_init, const std::vector<TimePoint>& t_hats) const override {
    return exact_->retention_curve(s_init, t_hats);
  }
  std::vector<Estimate> fr_tv_curve(const Subset& s_init, const Subset& s_target) const override {
    try {
      return exact_->fr_tv_curve(s_init, s_target);
    } catch (const InputError&) {
      return mc().fr_tv_curve(s_init, s_target);
    }
  }

 private:
  const ExactEngine& mc() const {
    std::lock_guard<std::mutex> lock(mu_);
    if (!mc_) {
      mc_ = make_mc_();
      if (!mc_) throw;  // rethrows the exact engine's refusal (we are inside its catch handler)
    }
    return *mc_;
  }
  std::unique_ptr<ExactEngine> exact_;
  std::function<std::unique_ptr<ExactEngine>()> make_mc_;
  mutable std::mutex mu_;
  mutable std::unique_ptr<ExactEngine> mc_;
};

}  // namespace

std::unique_ptr<ExactEngine> fallback_engine_make(std::unique_ptr<ExactEngine> exact,
                                                  std::function<std::unique_ptr<ExactEngine>()> make_mc) {
  return std::make_unique<FallbackEngine>(std::move(exact), std::move(make_mc));
}

}  // namespace critwin
