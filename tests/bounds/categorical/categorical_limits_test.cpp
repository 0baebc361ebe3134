// The exact categorical-product engine refuses models beyond its documented limits when it is made
// (InputError naming the model key and the limits), and admits the models within them: the E4-shaped
// generic model of bench/categorical_window.cpp (five shared symbols with ratios 2, 1/2, 4/3, 2/3, 6/5) is
// refused, the bench's one- and two-ratio models and a short generic block are not.
#include <gtest/gtest.h>

#include <string>

#include <fmt/format.h>

#include "bounds/categorical/categorical_engine.hpp"
#include "bounds/engine_factory.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "../engine_refusal.hpp"

using namespace critwin;

namespace {

const char* kHarm = R"(["1/5", "1/10", "1/5", "1/5", "3/10"])";
const char* kSafe = R"(["1/10", "1/5", "3/20", "3/10", "1/4"])";

// 20 blocks of `repeat` positions: 20 − diverging blocks equal in both components, then `diverging` blocks
// with the rows `harm` and `safe`.
std::string categorical(const std::string& harm, const std::string& safe, int diverging, int repeat = 500) {
  std::string t[2];
  for (int blk = 0; blk < 20 - diverging; ++blk) {
    const std::string row = fmt::format(R"({{ probs = ["{}/20", "{}/20", "{}/20", "2/20", "3/20"], repeat = {} }}, )",
                                        1 + blk % 5, 4 + blk % 3, 10 - blk % 5 - blk % 3, repeat);
    t[0] += row;
    t[1] += row;
  }
  for (int blk = 0; blk < diverging; ++blk) {
    t[0] += fmt::format("{{ probs = {}, repeat = {} }}, ", harm, repeat);
    t[1] += fmt::format("{{ probs = {}, repeat = {} }}, ", safe, repeat);
  }
  return fmt::format(R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "categorical-product"
alphabet = ["ok", "sure", "sorry", "cannot", "."]
length = {}
tables = [ [ {} ], [ {} ] ]
[process]
kind = "truncate"
)", 20 * repeat, t[0], t[1]);
}

using test::engine_refusal;

TEST(CategoricalLimits, GenericLatticeRefusedWhenMadeNamingKeyAndLimits) {
  for (int diverging : {4, 1}) {
    const InputError e = engine_refusal(categorical(kHarm, kSafe, diverging));
    EXPECT_EQ(e.field(), "components.tables");
    EXPECT_NE(e.message().find(std::to_string(kCategoricalMaxUpdates)), std::string::npos) << e.message();
    EXPECT_NE(e.message().find(std::to_string(kCategoricalMaxGroups)), std::string::npos) << e.message();
  }
  // Under random masking too (the mask symbol's class is counted).
  std::string masked = categorical(kHarm, kSafe, 1);
  masked.replace(masked.find("\"truncate\""), 10, "\"random-mask\"");
  EXPECT_EQ(engine_refusal(masked).field(), "components.tables");
}

TEST(CategoricalLimits, ModelsWithinTheLimitsAreAdmitted) {
  // The bench's E4 shapes (one shared symbol; two shared symbols, ratios 3 and 2/3): few groups.
  EXPECT_EQ(engine_refusal(categorical(R"(["0", "7/10", "0", "0", "3/10"])", R"(["0", "0", "1/2", "1/5", "3/10"])", 4)).field(), "");
  EXPECT_EQ(engine_refusal(categorical(R"(["0", "6/10", "0", "1/10", "3/10"])", R"(["0", "0", "1/2", "3/10", "1/5"])", 4)).field(), "");
  // The generic lattice on one short block (20 positions): well inside.
  const Model m = model_file_parse(categorical(kHarm, kSafe, 1, 20));
  auto e = exact_engine_make(m, 128);
  const Estimate tv = e->forward_tv(Subset({0}), Subset({1}), TimePoint::integer(0));
  EXPECT_GT(tv.lo, 0.3);
  EXPECT_LT(tv.hi, 1.0);
}

}  // namespace
