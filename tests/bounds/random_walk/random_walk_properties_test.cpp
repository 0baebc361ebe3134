// Properties of the random-walk engine beyond brute-force sizes: data processing (forward TV
// non-increasing in t), the fr-tv limits at both ends, the fr-tv curve against pointwise values. BoE
// Theorem 2 on walk models runs in tests/bounds/theorem2_test.cpp (walk2-truncate, walk3-truncate).
#include <gtest/gtest.h>

#include <cmath>

#include <fmt/format.h>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

std::string walk(int L, int A, const std::string& probs, const std::string& weights) {
  return fmt::format("name = \"w\"\n[mixture]\nweights = [{}]\n[components]\nkind = \"random-walk\"\nlength = {}\n"
                     "barrier = {}\nprobs = [{}]\n[process]\nkind = \"truncate\"\n", weights, L, A, probs);
}

std::vector<Model> models() {
  const std::string data = std::string(CRITWIN_SOURCE_DIR) + "/tests/data/models/";
  return {model_file_load(data + "walk2-truncate.toml"), model_file_load(data + "walk3-truncate.toml"),
          model_file_parse(walk(50, 1, "\"0.6\", \"0.3\"", "\"1/2\", \"1/2\"")),
          model_file_parse(walk(30, 100, "\"0.6\", \"0.4\"", "\"1/2\", \"1/2\""))};
}

std::vector<Subset> nonempty_subsets(int k) {
  std::vector<Subset> out;
  for (int mask = 1; mask < (1 << k); ++mask) {
    std::vector<int> v;
    for (int i = 0; i < k; ++i)
      if (mask & (1 << i)) v.push_back(i);
    out.emplace_back(v);
  }
  return out;
}

TEST(RandomWalkProperties, ForwardTvNonIncreasing) {
  for (const Model& m : models()) {
    auto e = exact_engine_make(m, 128);
    for (const Subset& a : nonempty_subsets(m.size()))
      for (const Subset& b : nonempty_subsets(m.size())) {
        Estimate prev = e->forward_tv(a, b, TimePoint::integer(0));
        for (long t = 1; t <= m.process.length; ++t) {
          const Estimate cur = e->forward_tv(a, b, TimePoint::integer(t));
          EXPECT_LE(cur.lo, prev.hi) << m.name << " t=" << t;
          prev = cur;
        }
        // At t = L nothing is visible.
        EXPECT_LT(e->forward_tv(a, b, TimePoint::integer(m.process.length)).hi, 1e-30);
      }
  }
}

// fr-tv at T̂ = 0 is TV(p^{S_init}, p^{S_target}); at T̂ = L the output is p itself, so TV(p, p^{S_target}).
TEST(RandomWalkProperties, FrTvLimitsAndCurve) {
  for (const Model& m : models()) {
    auto e = exact_engine_make(m, 128);
    const long L = m.process.length;
    const Subset all = Subset::all(m.size());
    for (const Subset& si : nonempty_subsets(m.size()))
      for (const Subset& st : nonempty_subsets(m.size())) {
        const Estimate at0 = e->fr_tv(si, st, TimePoint::integer(0)), f0 = e->forward_tv(si, st, TimePoint::integer(0));
        EXPECT_NEAR(at0.value, f0.value, 1e-25);
        const Estimate atL = e->fr_tv(si, st, TimePoint::integer(L)), fL = e->forward_tv(all, st, TimePoint::integer(0));
        EXPECT_NEAR(atL.value, fL.value, 1e-25);
      }
    for (const Subset& si : nonempty_subsets(m.size()))
      for (const Subset& st : nonempty_subsets(m.size())) {
        const std::vector<Estimate> curve = e->fr_tv_curve(si, st);
        ASSERT_EQ(curve.size(), static_cast<size_t>(L + 1));
        for (long t = 0; t <= L; ++t) {
          const Estimate p = e->fr_tv(si, st, TimePoint::integer(t));
          EXPECT_NEAR(curve[t].value, p.value, 1e-25) << m.name << " t=" << t;
          EXPECT_LE(curve[t].lo, p.hi);
          EXPECT_LE(p.lo, curve[t].hi);
        }
      }
  }
}

// The bundled E5 walk: its window exists and the critical window is decided at every default ε.
TEST(RandomWalkProperties, BundledExampleWindows) {
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e5_random_walk.toml");
  auto e = exact_engine_make(m, 128);
  for (const char* eps_text : {"0.2", "0.1", "0.01"}) {
    const CriticalWindow cw = critical_window(*e, Subset({0}), Subset::all(2), *ExactReal::parse(eps_text));
    ASSERT_TRUE(cw.t_after.has_value()) << eps_text;
    ASSERT_TRUE(cw.t_before.has_value()) << eps_text;
    EXPECT_LE(cw.t_after->value, cw.t_before->value) << eps_text;
  }
}

}  // namespace
}  // namespace critwin
