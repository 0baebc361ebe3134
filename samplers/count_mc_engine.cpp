#include "samplers/count_mc_engine.hpp"

#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <tuple>

#include "model/input_error.hpp"
#include "samplers/binomial_sample.hpp"
#include "samplers/block_runner.hpp"
#include "samplers/empirical_bernstein.hpp"
#include "samplers/log_space.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/subset_picker.hpp"
#include "samplers/tv_estimate.hpp"

namespace critwin {

namespace {

class CountMcEngine final : public ExactEngine {
 public:
  CountMcEngine(const Model& m, long prec, const McEngineOptions& opt, CountModel counts)
      : ExactEngine(m, prec), opt_(opt), counts_(std::move(counts)), laws_(counts_), K_(m.size()) {
    for (int th = 0; th < K_; ++th) logw_.push_back(std::log(m.weights[th].to_double()));
  }

  Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const override {
    std::vector<int64_t> shown = counts_.revealed(t);
    const double keep = counts_.thinned ? 1 - t.to_double() : 1.0;
    bool any = false;
    for (int64_t n : shown) any = any || n > 0;
    if (!any || keep <= 0) return Estimate::exact_value(0);  // nothing revealed: p_t^A = p_t^B
    auto key = std::make_tuple(a.indices(), b.indices(), shown, keep);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    }
    const Estimate e = estimate(a, b, shown, keep);
    std::lock_guard<std::mutex> lock(mu_);
    memo_.emplace(std::move(key), e);
    return e;
  }

  // The family's density-ratio estimator, as the Gaussian Monte Carlo engine's fr-tv.
  Estimate fr_tv(const Subset& s_init, const Subset& s_target, const TimePoint& t) const override {
    Estimate out = tv_estimate_run(model_, TvSpec{s_init, s_target, t, 0}, opt_.samples, opt_.seed, opt_.threads).tv;
    out.guarantee = Guarantee::monte_carlo;
    return out;
  }

 protected:
  std::vector<Retention> retention_impl(const Subset&, const std::vector<TimePoint>&) const override {
    throw InputError(counts_.limit_field,
                     "this model is beyond the exact engine's limits (critwin --help) and its Monte Carlo engine has "
                     "no retention path; use critwin sample (its retention column)");
  }

 private:
  Estimate estimate(const Subset& a, const Subset& b, const std::vector<int64_t>& shown, double keep) const {
    const SubsetPicker pick(model_, a);
    const auto ia = a.indices(), ib = b.indices();
    const double lwa = std::log(model_.weight(a).to_double()), lwb = std::log(model_.weight(b).to_double());
    MomentSums total = run_blocks<MomentSums>(opt_.samples, opt_.threads, [&](uint64_t begin, uint64_t end, MomentSums& acc) {
      std::vector<double> l(static_cast<size_t>(K_)), buf(static_cast<size_t>(K_));
      std::vector<int64_t> cnt(laws_.total_cells());
      for (uint64_t s = begin; s < end; ++s) {
        PhiloxStream rng(opt_.seed, RngStream::tv_outer, s);
        const int th = pick.pick(rng.uniform());
        std::fill(l.begin(), l.end(), 0.0);
        std::fill(cnt.begin(), cnt.end(), 0);
        for (size_t j = 0; j < shown.size(); ++j) {
          const int64_t n = keep < 1 ? binomial_sample(shown[j], keep, rng.uniform()) : shown[j];
          laws_.draw(j, th, n, rng, cnt.data());
        }
        laws_.add_log_lik(cnt.data(), l.data());
        auto log_mix = [&](const std::vector<int>& idx, double lw) {
          for (size_t q = 0; q < idx.size(); ++q) buf[q] = logw_[idx[q]] - lw + l[idx[q]];
          return log_sum_exp(buf.data(), static_cast<int>(idx.size()));
        };
        const double la = log_mix(ia, lwa), lb = log_mix(ib, lwb);
        const double term = std::max(0.0, 1 - std::exp(lb - la));  // lb = −∞ (B cannot emit Y): term 1
        acc.add(term);
      }
    });
    Estimate e = total.bernstein_mean(1.0);
    e.guarantee = Guarantee::monte_carlo;
    return e;
  }

  McEngineOptions opt_;
  CountModel counts_;
  CountLaws laws_;
  int K_;
  std::vector<double> logw_;
  mutable std::mutex mu_;
  mutable std::map<std::tuple<std::vector<int>, std::vector<int>, std::vector<int64_t>, double>, Estimate> memo_;
};

}  // namespace

CountLaws::CountLaws(const CountModel& m) {
  offset_.push_back(0);
  for (const auto& law : m.laws) {
    // cond[θ][c] = p_c / Σ_{c' >= c} p_c': the success probabilities of the sequential binomials.
    std::vector<std::vector<double>> cond, logp;
    for (const auto& row : law.probs) {
      std::vector<double> c(row.size()), l(row.size());
      double tail = 0;
      for (size_t i = row.size(); i-- > 0;) {
        tail += row[i];
        c[i] = tail > 0 ? std::min(1.0, row[i] / tail) : 0.0;
        l[i] = row[i] > 0 ? std::log(row[i]) : -std::numeric_limits<double>::infinity();
      }
      cond.push_back(std::move(c));
      logp.push_back(std::move(l));
    }
    offset_.push_back(offset_.back() + (law.probs.empty() ? 0 : law.probs[0].size()));
    cond_.push_back(std::move(cond));
    logp_.push_back(std::move(logp));
  }
}

void CountLaws::draw(size_t j, int th, int64_t n, PhiloxStream& rng, int64_t* out) const {
  const auto& cond = cond_[j][th];
  const size_t cells = cond.size();
  int64_t* o = out + offset_[j];
  for (size_t c = 0; c < cells && n > 0; ++c) {
    const int64_t k = c + 1 == cells ? n : binomial_sample(n, cond[c], rng.uniform());
    o[c] += k;
    n -= k;
  }
}

void CountLaws::add_log_lik(const int64_t* counts, double* l) const {
  for (size_t j = 0; j < cond_.size(); ++j) {
    const int64_t* cj = counts + offset_[j];
    for (size_t th = 0; th < logp_[j].size(); ++th)
      for (size_t c = 0; c < logp_[j][th].size(); ++c)
        if (cj[c] > 0) l[th] += static_cast<double>(cj[c]) * logp_[j][th][c];
  }
}

std::unique_ptr<ExactEngine> count_mc_engine_make(const Model& model, long precision_bits, const McEngineOptions& opt,
                                                  CountModel counts) {
  return std::make_unique<CountMcEngine>(model, precision_bits, opt, std::move(counts));
}

CountModel categorical_count_model(const Model& m) {
  const auto& cp = *m.family<CategoricalProductComponents>();
  const int K = m.size();
  const long L = cp.length;
  // Per position the joint row (each component's run index); positions whose rows are equal in every
  // component carry no information about θ (their factor is common) and are left out.
  std::map<std::vector<int>, int> law_of;
  CountModel out;
  std::vector<int> law_at(static_cast<size_t>(L), -1);
  std::vector<size_t> run(static_cast<size_t>(K), 0);
  std::vector<long> left(static_cast<size_t>(K));
  for (int th = 0; th < K; ++th) left[th] = cp.tables[th][0].repeat;
  for (long pos = 0; pos < L; ++pos) {
    std::vector<int> key(static_cast<size_t>(K));
    for (int th = 0; th < K; ++th) {
      if (left[th] == 0) left[th] = cp.tables[th][++run[th]].repeat;
      key[th] = static_cast<int>(run[th]);
      --left[th];
    }
    auto [it, fresh] = law_of.try_emplace(key, -1);
    if (fresh) {
      bool same = true;
      for (int th = 1; th < K; ++th) same = same && cp.tables[th][key[th]].probs == cp.tables[0][key[0]].probs;
      if (!same) {
        it->second = static_cast<int>(out.laws.size());
        CountLaw law;
        for (int th = 0; th < K; ++th) {
          std::vector<double> row;
          for (const auto& p : cp.tables[th][key[th]].probs) row.push_back(p.to_double());
          law.probs.push_back(std::move(row));
        }
        out.laws.push_back(std::move(law));
      }
    }
    law_at[pos] = it->second;
  }
  // Reveal order: truncate and random-mask 0, 1, …; ordered-mask order[L−1], order[L−2], … (the last masked
  // is revealed first).
  std::vector<int> by_rank(static_cast<size_t>(L));
  for (long r = 0; r < L; ++r)
    by_rank[r] = law_at[m.process.kind == ProcessKind::ordered_mask ? m.process.order[L - 1 - r] : r];
  const size_t nlaws = out.laws.size();
  out.thinned = m.process.kind == ProcessKind::random_mask;
  out.limit_field = "components.tables";
  const bool thinned = out.thinned;
  out.revealed = [by_rank = std::move(by_rank), nlaws, L, thinned](const TimePoint& t) {
    std::vector<int64_t> n(nlaws, 0);
    const long shown = thinned ? L : L - t.to_long();
    for (long r = 0; r < shown; ++r)
      if (by_rank[r] >= 0) ++n[by_rank[r]];
    return n;
  };
  return out;
}

CountModel icl_count_model(const Model& m) {
  const auto& c = *m.family<IclComponents>();
  CountModel out;
  CountLaw law;
  for (int th = 0; th < m.size(); ++th) {
    std::vector<double> row;
    for (int x = 0; x < c.inputs(); ++x)
      for (int y = 0; y < c.outputs(); ++y) row.push_back((c.input_probs[x] * c.tables[th][x][y]).to_double());
    law.probs.push_back(std::move(row));
  }
  out.laws.push_back(std::move(law));
  out.limit_field = "components.examples";
  // A visible x without its y is drawn from π whatever θ: only complete (x, y) pairs are informative.
  out.revealed = [c](const TimePoint& t) { return std::vector<int64_t>{c.visible_pairs(t.to_long())}; };
  return out;
}

}  // namespace critwin
