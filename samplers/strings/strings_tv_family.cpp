// Monte Carlo TV estimator, point masses on strings: x is a component's string.
#include <cmath>
#include <memory>
#include <vector>

#include <string>

#include "samplers/log_space.hpp"
#include "samplers/strings/strings_sampler.hpp"

namespace critwin {

namespace {

class StringsTv final : public TvFamily {
 public:
  StringsTv(const Model& m, const TvSpec& s) : TvFamily(m, s) {
    const auto& st = std::get<StringComponents>(m.components);
    strings_ = st.codes;
    L_ = st.length();
    mask_ = m.process.kind == ProcessKind::random_mask;
    for (int i = 0; i < m.size(); ++i) w_.push_back(m.weights[i].to_double());
    hidden_.assign(L_, 0);
    if (mask_) {
      t_ = s.t_hat.to_double();
    } else {
      long t = s.t_hat.to_long();
      for (int pos = 0; pos < L_; ++pos) {
        if (m.process.kind == ProcessKind::truncate) hidden_[pos] = pos >= L_ - t;
      }
      if (m.process.kind == ProcessKind::ordered_mask)
        for (long j = 0; j < t; ++j) hidden_[m.process.order[j]] = 1;
    }
  }
  // x = ℓ_θ: the component index is the whole draw.
  void draw(PhiloxStream& rng, TvDraw& d) const override { d.k.assign(1, pick_.pick(rng.uniform())); }
  double target_posterior(const TvDraw& d) const override {
    double all = 0, part = 0;
    for (size_t c = 0; c < w_.size(); ++c)
      if (strings_[c] == strings_[d.k[0]]) {
        all += w_[c];
        if (target_.contains(static_cast<int>(c))) part += w_[c];
      }
    return part / all;
  }
  double init_posterior(const TvDraw& d, PhiloxStream& rng) const override {
    std::vector<char> hidden = hidden_;
    if (mask_)
      for (int pos = 0; pos < L_; ++pos) hidden[pos] = rng.uniform() <= t_;
    double all = 0, part = 0;
    for (size_t c = 0; c < w_.size(); ++c) {
      bool ok = true;
      for (int pos = 0; pos < L_ && ok; ++pos) ok = hidden[pos] || strings_[c][pos] == strings_[d.k[0]][pos];
      if (!ok) continue;
      all += w_[c];
      if (init_.contains(static_cast<int>(c))) part += w_[c];
    }
    return part / all;
  }
  bool y_is_function_of_x() const override { return !mask_ || t_ == 0.0; }

 private:
  std::vector<std::string> strings_;
  std::vector<double> w_;
  std::vector<char> hidden_;
  int L_ = 0;
  bool mask_ = false;
  double t_ = 0;
};

}  // namespace

std::unique_ptr<TvFamily> strings_tv_family_make(const Model& m, const TvSpec& s) { return std::make_unique<StringsTv>(m, s); }

}  // namespace critwin
