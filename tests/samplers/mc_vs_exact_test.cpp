// Monte Carlo against the exact engines (bounds/): the TV estimate's interval contains the exact fr-tv, and for
// well-separated components 1 − retention (the label-switch frequency) matches fr-tv(S_init, S_init).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"
#include "samplers/experiment.hpp"
#include "samplers/tv_estimate.hpp"

using namespace critwin;

namespace {

Model load(const std::string& name) { return model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/" + name); }

struct Case { const char* file; const char* s_init; const char* s_target; const char* t; bool separated; };

void check(const Case& c) {
  {
    SCOPED_TRACE(std::string(c.file) + " S_init=" + c.s_init + " S_target=" + c.s_target + " T=" + c.t);
    Model m = load(c.file);
    Subset si = Subset::parse(c.s_init, m, "a"), st = Subset::parse(c.s_target, m, "b");
    TimePoint t = TimePoint::parse(c.t, m.process, "t");
    Estimate exact = exact_engine_make(m, 64)->fr_tv(si, st, t);
    TvEstimate e = tv_estimate_run(m, TvSpec{si, st, t, 128}, 20000, 2024, 2);
    EXPECT_LE(e.tv.lo, exact.hi) << e.tv.value << " [" << e.tv.lo << ", " << e.tv.hi << "] vs " << exact.value;
    EXPECT_GE(e.tv.hi, exact.lo) << e.tv.value << " [" << e.tv.lo << ", " << e.tv.hi << "] vs " << exact.value;
    if (c.separated && si == st) {
      LabelCounts r = forward_reverse_run(m, ExperimentSpec{si, t, ReverseKind::jump, 0}, 200000, 2025, 2);
      Proportion keep = r.freq_of(si);
      EXPECT_LE(1 - keep.hi, exact.hi + 1e-6) << "label switches " << 1 - keep.value << " vs " << exact.value;
      EXPECT_GE(1 - keep.lo, exact.lo - 1e-6) << "label switches " << 1 - keep.value << " vs " << exact.value;
    }
  }
}

}  // namespace

TEST(McVsExact, GaussianModels) {
  for (const Case& c : {Case{"e1_two_gaussians.toml", "plus", "plus", "1.5", true},
                        Case{"e1_two_gaussians.toml", "plus", "plus,minus", "0.5", true},
                        Case{"mc_unequal_two_gaussians.toml", "left", "left", "0.5", false},
                        Case{"gaussians_three_plane.toml", "a", "a,b", "0.8", false},
                        Case{"gaussians_three_plane.toml", "c", "c", "1.5", false}})
    check(c);
}

TEST(McVsExact, DiscreteModels) {
  for (const Case& c : {Case{"e5_coins.toml", "heads", "heads", "200", false},
                        Case{"e5_coins.toml", "tails", "heads,tails", "590", false},
                        Case{"mc_coins_mask.toml", "fair", "fair", "0.6", false},
                        Case{"mc_coins_mask.toml", "heads", "fair,heads", "0.3", false},
                        Case{"e3_two_strings.toml", "plus", "plus", "0.95", true},
                        Case{"mc_strings_order.toml", "s0", "s0", "3", true},
                        Case{"mc_strings_order.toml", "s2", "s1,s2", "5", true}})
    check(c);
}
