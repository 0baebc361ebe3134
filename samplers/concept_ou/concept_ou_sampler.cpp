// The words enter only through nested Gaussian channels on V = √α ξ θ (θ ∈ {u, v} in the plane of u and v,
// u = (cos β, sin β), v = (cos β, −sin β), ρ = cos 2β): η = V + N(0, I/c_y) for the visible words (c_y = c(T̂)),
// ζ = V + N(0, I/c_x) for all of them (c_x = c(0)), and given V the two noises are nested: the full-data
// noise given the visible-data noise n_y is (c_y/c_x) n_y + N(0, (c_x − c_y)/c_x² I).
#include "samplers/concept_ou/concept_ou_sampler.hpp"

#include <cmath>

#include "bounds/concept_ou/concept_ou_engine.hpp"
#include "model/input_error.hpp"
#include "samplers/block_runner.hpp"
#include "samplers/log_space.hpp"
#include "samplers/retention_mc.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/subset_picker.hpp"

namespace critwin {

namespace {

struct ForwardReverseDraw {
  int theta = 0, label = 0;
  double visible_log_odds = 0, label_log_odds = 0;  // log P(u | ·)/P(v | ·) given the visible words, given X'
};

struct Channel {
  double alpha = 0, rho = 0, cb = 0, sb = 0, l0 = 0;
  double cx = 0, cy = 0, kx = 0, ky = 0;

  Channel(const Model& m, const TimePoint& t) {
    const auto& c = std::get<ConceptOuComponents>(m.components);
    alpha = c.alpha.to_double();
    rho = c.rho.to_double();
    cb = std::sqrt((1 + rho) / 2);
    sb = std::sqrt((1 - rho) / 2);
    l0 = std::log(m.weights[0].to_double() / m.weights[1].to_double());
    BallPrecisionScope scope(64);
    const std::vector<Ball> prof = concept_ou_information_profile(c.context);
    cx = prof[0].mid();
    const long s = t.to_long();
    cy = s > c.context ? 0 : prof[static_cast<size_t>(s)].mid();
    kx = concept_ou_log_odds_coefficient(alpha, cx, rho);
    ky = cy > 0 ? concept_ou_log_odds_coefficient(alpha, cy, rho) : 0;
  }
  // θ as a point of the plane: component 0 = u, 1 = v.
  double dir1(int) const { return cb; }
  double dir2(int th) const { return th == 0 ? sb : -sb; }
  double odds_x(double z1, double z2) const { return l0 + kx * z1 * z2; }
  double odds_y(double z1, double z2) const { return l0 + ky * z1 * z2; }

  // The visible statistic η of a concept drawn from component th (unused, 0, when no word is visible), and the
  // log posterior odds of u given it.
  double visible_log_odds(int th, double sa, PhiloxStream& rng, double& eta1, double& eta2) const {
    const double xi = rng.normal();
    eta1 = eta2 = 0;
    if (cy <= 0) return l0;
    const double sd = 1 / std::sqrt(cy);
    eta1 = sa * xi * dir1(th) + sd * rng.normal();
    eta2 = sa * xi * dir2(th) + sd * rng.normal();
    return odds_y(eta1, eta2);
  }

  // One forward–reverse run from S_init: θ from `pick`, the visible words, then the reverse jump (θ' from the
  // posterior given the visible words, ξ' | η, θ', then the hidden words) and the label of X', argmax_θ w_θ p^θ(X')
  // with ties to u (index 0).
  ForwardReverseDraw forward_reverse(const SubsetPicker& pick, PhiloxStream& rng) const {
    const double sa = std::sqrt(alpha);
    ForwardReverseDraw d;
    d.theta = pick.single() ? pick.pick(0.5) : pick.pick(rng.uniform());
    double eta1 = 0, eta2 = 0;
    d.visible_log_odds = visible_log_odds(d.theta, sa, rng, eta1, eta2);
    const double lw[2] = {d.visible_log_odds, 0.0};
    const int th2 = categorical_from_log(lw, 2, rng.uniform());
    const double d1 = dir1(th2), d2 = dir2(th2);
    const double prec = 1 + alpha * cy;
    const double xi2 = sa * cy * (d1 * eta1 + d2 * eta2) / prec + rng.normal() / std::sqrt(prec);
    const double v1 = sa * xi2 * d1, v2 = sa * xi2 * d2;
    const double r = cy / cx, sd = std::sqrt((cx - cy) / (cx * cx));
    const double z1 = v1 + r * (eta1 - v1) + sd * rng.normal();
    const double z2 = v2 + r * (eta2 - v2) + sd * rng.normal();
    d.label_log_odds = odds_x(z1, z2);
    d.label = d.label_log_odds >= 0 ? 0 : 1;
    return d;
  }
};

double mass_of(const Subset& s, double log_odds) {
  const double l[2] = {log_odds, 0.0};
  return posterior_mass(l, 2, [&](int i) { return s.contains(i); });
}

class ConceptOuSampler final : public ForwardReverseSampler {
 public:
  ConceptOuSampler(const Model& m, const ExperimentSpec& spec) : ch_(m, spec.t_hat), pick_(m, spec.s_init) {
    if (spec.reverse != ReverseKind::jump)
      throw InputError("reverse", "concept-ou models take the one-jump reverse step only (reverse = jump)");
  }

  void run(uint64_t begin, uint64_t end, uint64_t seed, LabelCounts& acc) const override {
    for (uint64_t i = begin; i < end; ++i) {
      PhiloxStream rng(seed, RngStream::forward_reverse, i);
      const ForwardReverseDraw d = ch_.forward_reverse(pick_, rng);
      acc.add(d.label, d.label_log_odds);
    }
  }

 private:
  Channel ch_;
  SubsetPicker pick_;
};

class ConceptOuTv final : public TvFamily {
 public:
  ConceptOuTv(const Model& m, const TvSpec& spec) : TvFamily(m, spec), ch_(m, spec.t_hat) {}

  // d.x = [ζ1, ζ2, η1, η2]; η = ζ + N(0, (1/c_y − 1/c_x) I) (unused when c_y = 0).
  void draw(PhiloxStream& rng, TvDraw& d) const override {
    const Channel& c = ch_;
    const int th = pick_.pick(rng.uniform());
    const double v = std::sqrt(c.alpha) * rng.normal(), sx = 1 / std::sqrt(c.cx);
    d.x.assign(4, 0.0);
    d.x[0] = v * c.dir1(th) + sx * rng.normal();
    d.x[1] = v * c.dir2(th) + sx * rng.normal();
    const double extra = c.cy > 0 ? std::sqrt(std::max(0.0, 1 / c.cy - 1 / c.cx)) : 0;
    d.x[2] = d.x[0] + extra * rng.normal();
    d.x[3] = d.x[1] + extra * rng.normal();
  }
  double target_posterior(const TvDraw& d) const override { return mass_of(target_, ch_.odds_x(d.x[0], d.x[1])); }
  double init_posterior(const TvDraw& d, PhiloxStream&) const override {
    return mass_of(init_, ch_.cy > 0 ? ch_.odds_y(d.x[2], d.x[3]) : ch_.l0);
  }
  bool y_is_function_of_x() const override { return true; }

 private:
  Channel ch_;
};

// Retention curves by Monte Carlo (no exact path: they are expectations of logistic functions of a quadratic form
// of the visible statistic): latent P(S | η), η from p^S; label 1[label(X') ∈ S] as in the sampler; cloning
// Σ_θ P(θ | η)², η from p. Forward TV and fr-tv are the exact engine's. Sample i of every T̂ uses
// PhiloxStream(seed, forward_reverse, i, sub 1).
class ConceptOuMcEngine final : public RetentionMcEngine {
 public:
  ConceptOuMcEngine(const Model& m, long prec, const McEngineOptions& opt) : RetentionMcEngine(m, prec, opt) {}

  // fr-tv: certified where it is a forward TV, else the generic Monte Carlo estimator.
  Estimate fr_tv(const Subset& si, const Subset& st, const TimePoint& t) const override {
    if (auto e = concept_ou_fr_tv_identity(*exact_, si, st, t)) return *e;
    return RetentionMcEngine::fr_tv(si, st, t);
  }

 protected:
  std::vector<Retention> retention_impl(const Subset& set, const std::vector<TimePoint>& ts) const override {
    const SubsetPicker pick(model_, set), all(model_, Subset::all(model_.size()));
    return retention_mc(ts, [&](const TimePoint& t) {
      const Channel c(model_, t);
      return [&set, &pick, &all, c, sa = std::sqrt(c.alpha)](PhiloxStream& rng) {
        const ForwardReverseDraw d = c.forward_reverse(pick, rng);
        const double latent = mass_of(set, d.visible_log_odds);
        double eta1 = 0, eta2 = 0;
        const double l = c.visible_log_odds(all.pick(rng.uniform()), sa, rng, eta1, eta2);
        const double pu = mass_of(Subset({0}), l);
        return RetentionTerms{latent, set.contains(d.label) ? 1.0 : 0.0, pu * pu + (1 - pu) * (1 - pu)};
      };
    });
  }
};

}  // namespace

std::unique_ptr<ExactEngine> concept_ou_mc_engine_make(const Model& model, long precision_bits, const McEngineOptions& opt) {
  return std::make_unique<ConceptOuMcEngine>(model, precision_bits, opt);
}

std::unique_ptr<ForwardReverseSampler> concept_ou_sampler_make(const Model& model, const ExperimentSpec& spec) {
  return std::make_unique<ConceptOuSampler>(model, spec);
}
std::unique_ptr<TvFamily> concept_ou_tv_family_make(const Model& model, const TvSpec& spec) {
  return std::make_unique<ConceptOuTv>(model, spec);
}

}  // namespace critwin
