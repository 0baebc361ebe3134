// The Monte Carlo engine of categorical products and icl (samplers/count_mc_engine) on models small enough for
// the exact engines, called directly: its forward-TV intervals contain the exact values (all three categorical
// processes, icl), its window ends contain the exact ones, nothing revealed gives exactly 0, and one seed gives
// bit-identical numbers at 1 and 2 threads. The CLI's use of it (fallback past the exact limits) is tested in
// tests/app/generic_discrete_cli_test.cpp.
#include <gtest/gtest.h>

#include <string>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/model_file.hpp"
#include "samplers/count_mc_engine.hpp"
#include "samplers/sampler_factory.hpp"

using namespace critwin;

namespace {

// Two components whose diverging rows share all five symbols with likelihood ratios 2, 1/2, 4/3, 2/3, 6/5
// (the prefix groups of the exact engine form a 3-D lattice), 6 such positions among 12, a third component
// with a disjoint symbol, unequal weights.
std::string categorical(const std::string& process) {
  return R"(
[mixture]
weights = ["1/2", "1/3", "1/6"]
[components]
kind = "categorical-product"
alphabet = ["ok", "sure", "sorry", "cannot", "."]
length = 12
tables = [
  [ { probs = ["1/5", "1/5", "1/5", "1/5", "1/5"], repeat = 3 }, { probs = ["1/5", "1/10", "1/5", "1/5", "3/10"], repeat = 6 },
    { probs = ["1/10", "1/10", "1/2", "1/5", "1/10"], repeat = 3 } ],
  [ { probs = ["1/5", "1/5", "1/5", "1/5", "1/5"], repeat = 3 }, { probs = ["1/10", "1/5", "3/20", "3/10", "1/4"], repeat = 6 },
    { probs = ["1/10", "1/10", "1/2", "1/5", "1/10"], repeat = 3 } ],
  [ { probs = ["1/5", "1/5", "1/5", "1/5", "1/5"], repeat = 3 }, { probs = ["0", "1/5", "3/10", "1/10", "2/5"], repeat = 6 },
    { probs = ["1/2", "0", "0", "1/4", "1/4"], repeat = 3 } ],
]
[process]
)" + process + "\n";
}

const char* kIcl = R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "icl"
examples = 8
input_probs = ["1/5", "3/10", "1/2"]
tables = [[["1/3", "2/3"], ["1/7", "6/7"], ["2/5", "3/5"]], [["1/2", "1/2"], ["3/4", "1/4"], ["1/9", "8/9"]]]
[process]
kind = "truncate"
)";

std::unique_ptr<ExactEngine> mc_engine(const Model& m, uint64_t samples, int threads, uint64_t seed = 3) {
  auto e = family_monte_carlo_engine_make(m, 128, McEngineOptions{samples, seed, threads});
  if (!e) ADD_FAILURE() << "no Monte Carlo engine";
  return e;
}

void expect_contains(const Estimate& mc, const Estimate& exact, const std::string& what) {
  // Nothing informative revealed: exactly 0 (the positions revealed first agree in every component).
  if (mc.guarantee == Guarantee::exact) {
    EXPECT_EQ(mc.hi, 0.0) << what;
    EXPECT_LE(exact.lo, 0.0) << what;  // the certified enclosure contains 0
    return;
  }
  EXPECT_EQ(mc.guarantee, Guarantee::monte_carlo) << what;
  EXPECT_LE(mc.lo, exact.hi) << what << ": MC " << mc.value << " [" << mc.lo << ", " << mc.hi << "] vs exact " << exact.value;
  EXPECT_GE(mc.hi, exact.lo) << what << ": MC " << mc.value << " [" << mc.lo << ", " << mc.hi << "] vs exact " << exact.value;
  EXPECT_LT(mc.hi - mc.lo, 0.03) << what;  // 2e5 samples: the interval is informative
}

// The pairs a window search asks for: a component against another, against the rest, a pair against all.
const std::vector<std::pair<std::string, std::string>> kPairs{{"0", "1"}, {"0", "1,2"}, {"0,1", "0,1,2"}, {"2", "0,1"}};

TEST(CountMcEngine, CategoricalForwardTvContainsExact) {
  for (const char* process_text :
       {"kind = \"truncate\"", "kind = \"ordered-mask\"\norder = [11, 0, 10, 1, 9, 2, 8, 3, 7, 4, 6, 5]",
        "kind = \"random-mask\""}) {
    const std::string process = process_text;
    const Model m = model_file_parse(categorical(process));
    auto exact = exact_engine_make(m, 128);
    auto mc = mc_engine(m, 200000, 2);
    const bool mask = process.find("random") != std::string::npos;
    for (const std::string& t : mask ? std::vector<std::string>{"0", "3/10", "4/5"}
                                    : std::vector<std::string>{"0", "2", "5", "8", "10"})
      for (const auto& [a, b] : kPairs) {
        const TimePoint tp = TimePoint::parse(t, m.process, "t");
        const Subset sa = Subset::parse(a, m, "a"), sb = Subset::parse(b, m, "b");
        expect_contains(mc->forward_tv(sa, sb, tp), exact->forward_tv(sa, sb, tp), process + " t = " + t + " " + a + " vs " + b);
      }
  }
}

TEST(CountMcEngine, IclForwardTvContainsExact) {
  const Model m = model_file_parse(kIcl);
  auto exact = exact_engine_make(m, 128);
  auto mc = mc_engine(m, 200000, 2);
  const Subset a({0}), b({1}), all({0, 1});
  for (long t : {0L, 1L, 2L, 3L, 7L, 12L, 20L}) {
    const TimePoint tp = TimePoint::integer(t);
    expect_contains(mc->forward_tv(a, b, tp), exact->forward_tv(a, b, tp), "t = " + std::to_string(t));
    expect_contains(mc->forward_tv(a, all, tp), exact->forward_tv(a, all, tp), "t = " + std::to_string(t) + " vs all");
  }
}

TEST(CountMcEngine, NothingRevealedIsExactlyZero) {
  const Model m = model_file_parse(categorical("kind = \"truncate\""));
  auto mc = mc_engine(m, 1000, 1);
  // The first three positions agree in every component: revealing them changes nothing.
  for (long t : {12L, 9L}) {
    const Estimate e = mc->forward_tv(Subset({0}), Subset({1}), TimePoint::integer(t));
    EXPECT_EQ(e.guarantee, Guarantee::exact);
    EXPECT_EQ(e.hi, 0.0);
  }
  const Model icl = model_file_parse(kIcl);
  const Estimate e = mc_engine(icl, 1000, 1)->forward_tv(Subset({0}), Subset({1}), TimePoint::integer(24));
  EXPECT_EQ(e.hi, 0.0);
}

// Window ends from the generic crossing search on Monte Carlo bands are intervals containing the exact ends.
TEST(CountMcEngine, WindowsContainTheExactEnds) {
  auto inside = [](const OptionalTime& mc, const OptionalTime& exact, const std::string& what) {
    ASSERT_EQ(mc.has_value(), exact.has_value()) << what;
    if (!mc) return;
    EXPECT_EQ(mc->guarantee, Guarantee::monte_carlo) << what;
    EXPECT_LE(mc->lo, exact->value) << what << " MC [" << mc->lo << ", " << mc->hi << "] exact " << exact->value;
    EXPECT_GE(mc->hi, exact->value) << what << " MC [" << mc->lo << ", " << mc->hi << "] exact " << exact->value;
  };
  for (const std::string& text : {categorical("kind = \"truncate\""), std::string(kIcl)}) {
    const Model m = model_file_parse(text);
    auto exact = exact_engine_make(m, 128);
    auto mc = mc_engine(m, 200000, 2);
    for (const char* eps : {"0.1", "0.3"}) {
      const ExactReal e = *ExactReal::parse(eps);
      const Theorem2Window we = theorem2_window(*exact, Subset({0}), Subset({0}), e);
      const Theorem2Window wm = theorem2_window(*mc, Subset({0}), Subset({0}), e);
      inside(wm.t_start, we.t_start, m.name + " T_start eps " + eps);
      inside(wm.t_end, we.t_end, m.name + " T_end eps " + eps);
      const CriticalWindow ce = critical_window(*exact, Subset({0}), Subset::all(m.size()), e);
      const CriticalWindow cm = critical_window(*mc, Subset({0}), Subset::all(m.size()), e);
      inside(cm.t_after, ce.t_after, m.name + " T_after eps " + eps);
      inside(cm.t_before, ce.t_before, m.name + " T_before eps " + eps);
    }
  }
}

TEST(CountMcEngine, BitIdenticalAcrossThreads) {
  for (const std::string& text : {categorical("kind = \"random-mask\""), categorical("kind = \"truncate\""), std::string(kIcl)}) {
    const Model m = model_file_parse(text);
    // More samples than one block (2^14), so the two threads really split the work.
    auto one = mc_engine(m, 70000, 1, 11), two = mc_engine(m, 70000, 2, 11);
    const bool mask = m.process.kind == ProcessKind::random_mask;
    for (const TimePoint& t : {TimePoint::parse(mask ? "1/4" : "2", m.process, "t"), TimePoint::integer(0)}) {
      const Estimate x = one->forward_tv(Subset({0}), Subset({1}), t), y = two->forward_tv(Subset({0}), Subset({1}), t);
      EXPECT_EQ(x.value, y.value);
      EXPECT_EQ(x.lo, y.lo);
      EXPECT_EQ(x.hi, y.hi);
    }
    if (!mask) {  // (random-mask fr-tv averages 256 inner draws per sample: the same code path, 256 times slower)
      const Estimate x = one->fr_tv(Subset({0}), Subset({0}), TimePoint::integer(3));
      const Estimate y = two->fr_tv(Subset({0}), Subset({0}), TimePoint::integer(3));
      EXPECT_EQ(x.value, y.value);
      EXPECT_EQ(x.lo, y.lo);
      EXPECT_EQ(x.hi, y.hi);
    }
    // Another seed gives other draws.
    EXPECT_NE(mc_engine(m, 70000, 1, 12)->forward_tv(Subset({0}), Subset({1}), TimePoint::integer(0)).value,
              one->forward_tv(Subset({0}), Subset({1}), TimePoint::integer(0)).value);
  }
}

}  // namespace
