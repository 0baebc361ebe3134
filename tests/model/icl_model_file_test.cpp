// Model files with `kind = "icl"`: a good file parses exactly, and every bad value is one InputError naming
// its key (components.examples, components.input_probs[i], components.tables[θ][x][y], …).
#include <gtest/gtest.h>

#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "model_file_test_support.hpp"

namespace critwin {
namespace {

const std::string kIcl = R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "icl"
examples = 5
input_probs = ["1/4", "3/4"]
tables = [
  [["1/2", "1/2"], ["1/10", "9/10"]],
  [["1/3", "2/3"], ["1", "0"]],
]
[process]
kind = "truncate"
)";

using test::edit;
using test::field_of;

TEST(IclModelFile, ParsesExactly) {
  Model m = model_file_parse(kIcl);
  const auto& c = std::get<IclComponents>(m.components);
  EXPECT_EQ(c.examples, 5);
  EXPECT_EQ(c.inputs(), 2);
  EXPECT_EQ(c.outputs(), 2);
  EXPECT_TRUE(c.tables[0][1][1] == *ExactReal::parse("9/10"));
  EXPECT_EQ(m.process.length, 15);  // three tokens per example
}

TEST(IclModelFile, EachProblemNamesItsField) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {edit(kIcl, "examples = 5", "examples = 0"), "components.examples"},
      {edit(kIcl, "examples = 5", "examples = -3"), "components.examples"},
      {edit(kIcl, "examples = 5", "examples = 1000001"), "components.examples"},
      {edit(kIcl, "examples = 5", "examples = 2.5"), "components.examples"},
      {edit(kIcl, "examples = 5\n", ""), "components.examples"},
      {edit(kIcl, R"(["1/4", "3/4"])", R"(["1/4", "1/4"])"), "components.input_probs"},
      {edit(kIcl, R"(["1/4", "3/4"])", R"(["-1/4", "5/4"])"), "components.input_probs[0]"},
      {edit(kIcl, R"(["1/4", "3/4"])", "[]"), "components.input_probs"},
      {edit(kIcl, R"(["1/4", "3/4"])", R"(["1/4", "x"])"), "components.input_probs[1]"},
      // a row not summing to 1
      {edit(kIcl, R"(["1/3", "2/3"])", R"(["1/3", "1/3"])"), "components.tables[1][0]"},
      // a wrong row length
      {edit(kIcl, R"(["1/10", "9/10"])", R"(["1/10", "8/10", "1/10"])"), "components.tables[0][1]"},
      // an entry outside [0, 1]
      {edit(kIcl, R"(["1", "0"])", R"(["3/2", "-1/2"])"), "components.tables[1][1][0]"},
      // one row per input
      {edit(kIcl, R"([["1/3", "2/3"], ["1", "0"]])", R"([["1/3", "2/3"]])"), "components.tables[1]"},
      // one table per component
      {edit(kIcl, R"(  [["1/3", "2/3"], ["1", "0"]],
)", ""), "components.tables"},
      {edit(kIcl, "tables = [", "tablez = ["), "components.tablez"},
      {edit(kIcl, R"(kind = "truncate")", R"(kind = "random-mask")"), "process.kind"},
  };
  for (const auto& [text, field] : cases) EXPECT_EQ(field_of(text), field) << text;
}

}  // namespace
}  // namespace critwin
