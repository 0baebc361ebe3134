// The exact rational forward TV (used to break ties) against the engines' certified enclosures: two
// independent computations of the same number.
#include <gtest/gtest.h>

#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"

using namespace critwin;

namespace {
// tests/data/models/<name>.toml
const char* kModels[] = {"coins3-truncate-l12", "coins2-random-mask-l9", "strings3-ordered-interleaved",
                         "strings3-random-mask-binary"};
}  // namespace

TEST(RationalForwardTv, AgreesWithEngineEnclosures) {
  for (const char* name : kModels) {
    Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/tests/data/models/" + name + ".toml");
    auto engine = exact_engine_make(m, 128);
    const Subset all = Subset::all(m.size());
    std::vector<TimePoint> times;
    if (m.process.discrete_time())
      for (long t = 0; t <= m.process.length; ++t) times.push_back(TimePoint::integer(t));
    else
      for (const char* t : {"0", "1/7", "0.5", "9/10", "1"}) times.push_back(TimePoint{*ExactReal::parse(t), false});
    int compared = 0;
    for (int mask_a = 1; mask_a < (1 << m.size()); ++mask_a) {
      std::vector<int> va;
      for (int i = 0; i < m.size(); ++i)
        if (mask_a & (1 << i)) va.push_back(i);
      Subset a(va);
      for (const Subset& b : {all, a.complement(m.size())}) {
        if (b.empty()) continue;
        for (const TimePoint& t : times) {
          auto q = engine->rational_forward_tv(a, b, t);
          ASSERT_TRUE(q.has_value());
          Estimate e = engine->forward_tv(a, b, t);
          BallPrecisionScope scope(256);
          const double qd = q->to_double();
          EXPECT_LE(e.lo, qd) << m.family_name() << " t=" << t.to_double();
          EXPECT_GE(e.hi, qd) << m.family_name() << " t=" << t.to_double();
          ++compared;
        }
      }
    }
    EXPECT_GT(compared, 10);
  }
}

TEST(RationalForwardTv, DecidesTheE5Tie) {
  // Two visible tokens of the E5 coins: TV(Bin(2, 0.6), Bin(2, 0.4)) = 0.2, so TV(p^heads, p) = 1/10 exactly.
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e5_coins.toml");
  auto q = exact_engine_make(m, 128)->rational_forward_tv(Subset({0}), Subset({0, 1}), TimePoint::integer(598));
  ASSERT_TRUE(q);
  EXPECT_TRUE(*q == *ExactReal::parse("1/10"));
}
