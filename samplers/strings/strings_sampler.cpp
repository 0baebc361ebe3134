#include "samplers/strings/strings_sampler.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/subset_picker.hpp"

namespace critwin {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// Point masses: Y reveals some positions of ℓ_θ, the posterior is ∝ w_θ' over the strings that agree with
// ℓ_θ on every revealed position, and X' = ℓ_θ'. Positions where all strings agree carry no information,
// so only the informative positions are ever masked or revealed explicitly.
class StringsSampler final : public ForwardReverseSampler {
 public:
  StringsSampler(const Model& m, const ExperimentSpec& spec)
      : pick_(m, spec.s_init), reverse_(spec.reverse), steps_(spec.steps), kind_(m.process.kind) {
    const auto& s = std::get<StringComponents>(m.components);
    k_ = m.size();
    L_ = s.length();
    for (int i = 0; i < k_; ++i) logw_.push_back(std::log(m.weights[i].to_double()));
    strings_ = s.codes;
    for (int pos = 0; pos < L_; ++pos) {
      bool same = true;
      for (int i = 1; i < k_; ++i) same = same && strings_[i][pos] == strings_[0][pos];
      if (!same) informative_.push_back(pos);
    }
    // rank[pos] = when position pos is revealed in the reverse direction (0 = first revealed, the last masked).
    rank_.assign(L_, 0);
    if (kind_ == ProcessKind::ordered_mask) {
      for (int j = 0; j < L_; ++j) rank_[m.process.order[j]] = L_ - 1 - j;
    } else {
      for (int pos = 0; pos < L_; ++pos) rank_[pos] = pos;  // truncate: position p is kept while p < L − t
    }
    for (int th = 0; th < k_; ++th) {
      // label(ℓ_θ): the heaviest component with the same string, ties to the lowest index.
      int best = -1;
      for (int j = 0; j < k_; ++j)
        if (strings_[j] == strings_[th] && (best < 0 || logw_[j] > logw_[best])) best = j;
      label_.push_back(best);
      int h = 0;
      for (int pos = 0; pos < L_; ++pos) h += strings_[th][pos] != strings_[0][pos];
      hamming0_.push_back(h);
    }
    if (kind_ == ProcessKind::random_mask) t_ = spec.t_hat.to_double();
    else t_int_ = spec.t_hat.to_long();
  }

  void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const override {
    std::vector<double> lp(k_);
    std::vector<char> masked(informative_.size());
    for (uint64_t i = begin; i < end; ++i) {
      PhiloxStream rng(seed, RngStream::forward_reverse, i);
      int th = pick_.single() ? pick_.pick(0.5) : pick_.pick(rng.uniform());
      // Forward: which informative positions Y_T̂ masks; the revealed ones show ℓ_θ.
      for (size_t j = 0; j < informative_.size(); ++j) {
        int pos = informative_[j];
        masked[j] = kind_ == ProcessKind::random_mask ? rng.uniform() <= t_ : rank_[pos] >= L_ - t_int_;
      }
      for (int c = 0; c < k_; ++c) lp[c] = logw_[c];
      restrict(lp.data(), masked, th);
      int out;
      if (reverse_ == ReverseKind::jump) {
        out = categorical_from_log(lp.data(), k_, rng.uniform());
      } else {
        for (int s = steps_; s > 0; --s) {
          int src = categorical_from_log(lp.data(), k_, rng.uniform());  // θ'' from the posterior given Y_t
          std::vector<char> still = masked;
          if (kind_ == ProcessKind::random_mask) {
            double t = t_ * s / steps_, t0 = t_ * (s - 1) / steps_;
            for (size_t j = 0; j < masked.size(); ++j)
              if (masked[j]) still[j] = s > 1 && rng.uniform() <= t0 / t;
          } else {
            int64_t t0 = std::llround(static_cast<double>(t_int_) * (s - 1) / steps_);
            for (size_t j = 0; j < masked.size(); ++j)
              if (masked[j]) still[j] = rank_[informative_[j]] >= L_ - t0;
          }
          // Newly revealed positions show ℓ_θ'': keep only strings agreeing there.
          std::vector<char> fresh(masked.size());
          for (size_t j = 0; j < masked.size(); ++j) fresh[j] = !(masked[j] && !still[j]);
          restrict(lp.data(), fresh, src);
          masked.swap(still);
        }
        out = categorical_from_log(lp.data(), k_, rng.uniform());  // all informative positions are revealed now
      }
      acc.add(label_[out], static_cast<double>(hamming0_[out]));
    }
  }

 private:
  // Rules out every string that differs from ℓ_src on an informative position j with hidden[j] == 0.
  void restrict(double* lp, const std::vector<char>& hidden, int src) const {
    for (int c = 0; c < k_; ++c) {
      if (lp[c] == kNegInf) continue;
      for (size_t j = 0; j < hidden.size(); ++j)
        if (!hidden[j] && strings_[c][informative_[j]] != strings_[src][informative_[j]]) {
          lp[c] = kNegInf;
          break;
        }
    }
  }

  SubsetPicker pick_;
  ReverseKind reverse_;
  int steps_;
  ProcessKind kind_;
  int k_ = 0, L_ = 0;
  std::vector<double> logw_;
  std::vector<std::string> strings_;
  std::vector<int> informative_, rank_, label_, hamming0_;
  double t_ = 0;
  int64_t t_int_ = 0;
};

}  // namespace

std::unique_ptr<ForwardReverseSampler> strings_sampler_make(const Model& model, const ExperimentSpec& spec) {
  return std::make_unique<StringsSampler>(model, spec);
}

}  // namespace critwin
