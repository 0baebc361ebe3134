#include "samplers/bernoulli/bernoulli_sampler.hpp"

#include <cmath>
#include <vector>

#include "samplers/binomial_sample.hpp"
#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/subset_picker.hpp"

namespace critwin {
namespace {

// By exchangeability within each component, (number revealed, ones among them) is sufficient for the
// posterior and the total number of ones is sufficient for the label, so X and X' are never built.
class BernoulliSampler final : public ForwardReverseSampler {
 public:
  BernoulliSampler(const Model& m, const ExperimentSpec& spec)
      : pick_(m, spec.s_init), reverse_(spec.reverse), steps_(spec.steps), kind_(m.process.kind) {
    const auto& b = std::get<BernoulliProductComponents>(m.components);
    L_ = b.length;
    k_ = m.size();
    for (int i = 0; i < k_; ++i) {
      double p = b.probs[i].to_double();
      p_.push_back(p);
      logp_.push_back(std::log(p));
      log1mp_.push_back(std::log1p(-p));
      logw_.push_back(std::log(m.weights[i].to_double()));
    }
    if (kind_ == ProcessKind::random_mask) t_ = spec.t_hat.to_double();
    else t_int_ = spec.t_hat.to_long();
    if (kind_ != ProcessKind::random_mask)
      for (int i = 0; i < k_; ++i) {
        forward_.emplace_back(L_ - t_int_, p_[i]);
        rest_.emplace_back(t_int_, p_[i]);
      }
    if (kind_ != ProcessKind::random_mask && L_ - t_int_ <= (int64_t{1} << 20)) {
      // One jump from a fixed number of revealed tokens: the posterior's CDF for every count of ones.
      const int64_t U = L_ - t_int_;
      std::vector<double> lp(k_);
      post_cdf_.resize(static_cast<size_t>((U + 1) * k_));
      for (int64_t ones = 0; ones <= U; ++ones) {
        for (int th = 0; th < k_; ++th)
          lp[th] = logw_[th] + static_cast<double>(ones) * logp_[th] + static_cast<double>(U - ones) * log1mp_[th];
        double lse = log_sum_exp(lp.data(), k_), acc = 0;
        for (int th = 0; th < k_; ++th) post_cdf_[ones * k_ + th] = acc += std::exp(lp[th] - lse);
        post_cdf_[ones * k_ + k_ - 1] = 1.0;
      }
    }
    if (L_ <= (int64_t{1} << 22)) {
      std::vector<double> l(k_);
      for (int64_t ones = 0; ones <= L_; ++ones) label_table_.push_back(label_slow(ones, l.data()));
    }
  }

  void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const override {
    std::vector<double> lp(k_);
    for (uint64_t i = begin; i < end; ++i) {
      PhiloxStream rng(seed, RngStream::forward_reverse, i);
      int th = pick_.single() ? pick_.pick(0.5) : pick_.pick(rng.uniform());
      // Forward: U revealed positions, k ones among them.
      int64_t U = kind_ == ProcessKind::random_mask ? binomial_sample(L_, 1 - t_, rng.uniform()) : L_ - t_int_;
      int64_t k = kind_ == ProcessKind::random_mask ? binomial_sample(U, p_[th], rng.uniform()) : forward_[th](rng.uniform());
      if (reverse_ == ReverseKind::jump) {
        reveal(U, k, L_ - U, rng, lp.data(), kind_ != ProcessKind::random_mask);
      } else if (kind_ == ProcessKind::random_mask) {
        for (int s = steps_; s > 0; --s) {
          // Coupled masking: a position masked at t is still masked at s < t with probability s/t.
          double t = t_ * s / steps_, t0 = t_ * (s - 1) / steps_;
          int64_t r = s == 1 ? L_ - U : binomial_sample(L_ - U, 1 - t0 / t, rng.uniform());
          reveal(U, k, r, rng, lp.data());
        }
      } else {
        for (int s = steps_; s > 0; --s) {
          int64_t t = grid(s), t0 = grid(s - 1);
          reveal(U, k, t - t0, rng, lp.data());
        }
      }
      acc.add(label(k), static_cast<double>(k));
    }
  }

 private:
  int64_t grid(int s) const { return static_cast<int64_t>(std::llround(static_cast<double>(t_int_) * s / steps_)); }

  // The exact transition: θ' from the posterior given (U revealed, k ones), then r more tokens from p^{θ'}.
  // `cached`: r is the whole truncated suffix t, whose binomials are precomputed.
  void reveal(int64_t& U, int64_t& k, int64_t r, PhiloxStream& rng, double* lp, bool cached = false) const {
    if (r == 0) return;
    int th;
    if (cached && !post_cdf_.empty()) {
      const double* c = post_cdf_.data() + k * k_;
      double u = rng.uniform();
      th = 0;
      while (th + 1 < k_ && u > c[th]) ++th;
    } else {
      for (int c = 0; c < k_; ++c)
        lp[c] = logw_[c] + static_cast<double>(k) * logp_[c] + static_cast<double>(U - k) * log1mp_[c];
      th = categorical_from_log(lp, k_, rng.uniform());
    }
    k += cached ? rest_[th](rng.uniform()) : binomial_sample(r, p_[th], rng.uniform());
    U += r;
  }

  int label(int64_t ones) const {
    if (!label_table_.empty()) return label_table_[ones];
    std::vector<double> l(k_);
    return label_slow(ones, l.data());
  }
  int label_slow(int64_t ones, double* l) const {
    for (int th = 0; th < k_; ++th)
      l[th] = logw_[th] + static_cast<double>(ones) * logp_[th] + static_cast<double>(L_ - ones) * log1mp_[th];
    return argmax_lowest(l, k_);
  }

  SubsetPicker pick_;
  ReverseKind reverse_;
  int steps_;
  ProcessKind kind_;
  int64_t L_ = 0;
  int k_ = 0;
  std::vector<double> p_, logp_, log1mp_, logw_;
  std::vector<BinomialDraw> forward_, rest_;  // truncate/ordered-mask: Binomial(L − T̂, p_θ), Binomial(T̂, p_θ)
  std::vector<int> label_table_;
  std::vector<double> post_cdf_;  // truncate/ordered-mask jump: P(θ' <= j | ones), row per count of ones
  double t_ = 0;
  int64_t t_int_ = 0;
};

}  // namespace

std::unique_ptr<ForwardReverseSampler> bernoulli_sampler_make(const Model& model, const ExperimentSpec& spec) {
  return std::make_unique<BernoulliSampler>(model, spec);
}

}  // namespace critwin
