// ExactEngine: the per-family × process computation of the true forward and forward–reverse TVs.
// Everything else in bounds/ (T_start, T_end, windows, the Theorem-2 check) is generic on top of it.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "model/estimate.hpp"
#include "model/model.hpp"

namespace critwin {

class ExactEngine {
 public:
  virtual ~ExactEngine() = default;

  // TV(p_t^A, p_t^B) for t in the model's index set. Non-increasing in t (data processing).
  virtual Estimate forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const = 0;

  // TV(p^{S_init, t}, p^{S_target}): X ~ p^{S_init}, Y ~ P_t(·|X), X' ~ p(·|Y) under the whole mixture.
  virtual Estimate fr_tv(const Subset& s_init, const Subset& s_target, const TimePoint& t) const = 0;

  // Optional closed-form inverse: the t at which TV(p_t^A, p_t^B) = level, when the engine knows one
  // (e.g. erfc⁻¹ for two Gaussians). nullopt means "use the generic monotone search".
  // The result must enclose the crossing point t* = sup{t : TV >= level} = inf{t : TV <= level},
  // and is only asked for when TV(p_0) > level > TV(p_sup) on a continuous index set.
  virtual std::optional<Estimate> forward_tv_crossing(const Subset& a, const Subset& b, const Ball& level) const {
    (void)a; (void)b; (void)level;
    return std::nullopt;
  }

  // TV(p_t^A, p_t^B) written as anchor − gap at the current Ball precision (the caller sets it), for the
  // crossing searches: levels such as 1 − ε² are compared on the gap, where the engine can keep a small
  // *relative* error (two Gaussians: anchor κ, gap κ·erfc(z)), so no level is ever rounded to a double.
  // The default is anchor 0, gap −forward_tv, with the double resolution of an Estimate.
  struct TvGap {
    ExactReal anchor;                       // exact
    Ball gap;                               // TV = anchor − gap
    Guarantee guarantee = Guarantee::certified;
    bool gap_positive = false;              // TV < anchor is known (strictly), even if the ball touches 0
    bool refines = false;                   // more Ball precision tightens `gap`
  };
  virtual TvGap forward_tv_gap(const Subset& a, const Subset& b, const TimePoint& t) const;

  // TV(p_t^A, p_t^B) as an exact rational, for families where it is a finite sum of rationals (discrete
  // families with rational parameters). Ties with a rational threshold really occur (E5 has
  // TV(p_598^heads, p_598) = 1/10 exactly), and the window search decides them with this value when the
  // enclosures cannot. nullopt: not rational for this family, or the enumeration would be too large.
  virtual std::optional<ExactReal> rational_forward_tv(const Subset& a, const Subset& b, const TimePoint& t) const {
    (void)a; (void)b; (void)t;
    return std::nullopt;
  }

  // fr-tv at every time 0..length of a discrete index set; engines override to reuse work across t.
  virtual std::vector<Estimate> fr_tv_curve(const Subset& s_init, const Subset& s_target) const;

  // False for engines with exact forward TVs but no exact fr-tv (the detection families: the posterior
  // over the planted index has no closed form); their fr_tv throws, and the CLI then estimates fr-tv by
  // Monte Carlo (samplers/mc_fr_tv_engine.hpp) while keeping the exact forward TVs.
  virtual bool has_exact_fr_tv() const { return true; }

  const Model& model() const { return model_; }
  long precision() const { return prec_; }

 protected:
  ExactEngine(const Model& m, long precision_bits) : model_(m), prec_(precision_bits) {}
  const Model& model_;
  long prec_;
};

}  // namespace critwin
