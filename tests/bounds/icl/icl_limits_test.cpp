// The exact icl engine refuses, when it is made, a model whose forward TV with every example visible is beyond
// its limit on enumerated count tables (InputError naming components.examples and the limit), and admits a smaller one.
#include <gtest/gtest.h>

#include <string>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "bounds/icl/icl_engine.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "../engine_refusal.hpp"

using namespace critwin;

namespace {

// A generic table: its 6 (x, y) cells have distinct likelihood patterns, so nothing merges.
std::string icl(int examples) {
  return fmt::format(R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "icl"
examples = {}
input_probs = ["1/5", "3/10", "1/2"]
tables = [[["1/3", "2/3"], ["1/7", "6/7"], ["2/5", "3/5"]], [["1/2", "1/2"], ["3/4", "1/4"], ["1/9", "8/9"]]]
[process]
kind = "truncate"
)", examples);
}

using test::engine_refusal;

TEST(IclLimits, GenericTableRefusedWhenMadeAdmittedWhenSmall) {
  const InputError e = engine_refusal(icl(200));
  EXPECT_EQ(e.field(), "components.examples");
  EXPECT_NE(e.message().find(std::to_string(kIclMaxForwardTables)), std::string::npos) << e.message();
  EXPECT_EQ(engine_refusal(icl(40)).field(), "");
  // The limit's edge: C(78, 4) = 1426425 tables enumerated at N = 74, C(79, 4) = 1502501 at N = 75.
  EXPECT_EQ(engine_refusal(icl(74)).field(), "");
  EXPECT_EQ(engine_refusal(icl(75)).field(), "components.examples");
}

}  // namespace
