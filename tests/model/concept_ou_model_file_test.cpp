// Model files with `kind = "concept-ou"`: good files parse exactly (rho given, or unit vectors u and v), and
// every bad value is one InputError naming its key.
#include <gtest/gtest.h>

#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "model_file_test_support.hpp"

namespace critwin {
namespace {

const std::string kRho = R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "concept-ou"
alpha = "4"
rho = "1/3"
context = 10
[process]
kind = "truncate"
)";

const std::string kVectors = R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "concept-ou"
alpha = 4
u = ["3/5", "4/5", "0"]
v = ["0", "0", "1"]
context = 3
[process]
kind = "truncate"
)";

using test::edit;
using test::field_of;

TEST(ConceptOuModelFile, ParsesRho) {
  Model m = model_file_parse(kRho);
  const auto& c = std::get<ConceptOuComponents>(m.components);
  EXPECT_TRUE(c.alpha == ExactReal::from_int(4));
  EXPECT_TRUE(c.rho == *ExactReal::parse("1/3"));
  EXPECT_EQ(c.dim, 2);
  EXPECT_EQ(c.context, 10);
  EXPECT_EQ(m.process.length, 11);  // words w_0..w_10
}

TEST(ConceptOuModelFile, ParsesUnitVectors) {
  Model m = model_file_parse(kVectors);
  const auto& c = std::get<ConceptOuComponents>(m.components);
  EXPECT_EQ(c.dim, 3);
  EXPECT_TRUE(c.rho == ExactReal::from_int(0));
  Model m2 = model_file_parse(edit(kVectors, R"(["0", "0", "1"])", R"(["4/5", "3/5", "0"])"));
  EXPECT_TRUE(std::get<ConceptOuComponents>(m2.components).rho == *ExactReal::parse("24/25"));
}

TEST(ConceptOuModelFile, EachProblemNamesItsField) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {edit(kRho, R"(alpha = "4")", R"(alpha = "0")"), "components.alpha"},
      {edit(kRho, R"(alpha = "4")", R"(alpha = "-1")"), "components.alpha"},
      {edit(kRho, R"(alpha = "4")", R"(alpha = "x")"), "components.alpha"},
      {edit(kRho, "alpha = \"4\"\n", ""), "components.alpha"},
      {edit(kRho, R"(rho = "1/3")", R"(rho = "1")"), "components.rho"},
      {edit(kRho, R"(rho = "1/3")", R"(rho = "-1")"), "components.rho"},
      {edit(kRho, R"(rho = "1/3")", R"(rho = "3/2")"), "components.rho"},
      {edit(kRho, R"(rho = "1/3")", R"(rho = "one")"), "components.rho"},
      {edit(kRho, "rho = \"1/3\"\n", ""), "components.rho"},
      {edit(kRho, "context = 10", "context = -1"), "components.context"},
      {edit(kRho, "context = 10", "context = 1000001"), "components.context"},
      {edit(kRho, "context = 10", "context = 1.5"), "components.context"},
      {edit(kRho, "context = 10\n", ""), "components.context"},
      {edit(kRho, "context = 10", "context = 10\ndim = 1"), "components.dim"},
      {edit(kRho, "context = 10", "context = 10\nwords = 3"), "components.words"},
      {edit(kRho, R"(weights = ["1/2", "1/2"])", R"(weights = ["1/3", "1/3", "1/3"])"), "mixture.weights"},
      {edit(kRho, R"(kind = "truncate")", R"(kind = "random-mask")"), "process.kind"},
      {edit(kRho, R"(kind = "truncate")", R"(kind = "ou")"), "process.kind"},
      {edit(kVectors, R"(["3/5", "4/5", "0"])", R"(["1", "1", "0"])"), "components.u"},
      {edit(kVectors, R"(["3/5", "4/5", "0"])", R"(["0.6", "0.8000001", "0"])"), "components.u"},
      {edit(kVectors, R"(["3/5", "4/5", "0"])", R"(["1"])"), "components.u"},
      {edit(kVectors, R"(["3/5", "4/5", "0"])", R"("x")"), "components.u"},
      {edit(kVectors, R"(["3/5", "4/5", "0"])", R"(["3/5", "y", "0"])"), "components.u[1]"},
      {edit(kVectors, R"(["0", "0", "1"])", R"(["0", "1"])"), "components.v"},
      {edit(kVectors, R"(["0", "0", "1"])", R"(["3/5", "4/5", "0"])"), "components.v"},   // u = v: ρ = 1
      {edit(kVectors, R"(["0", "0", "1"])", R"(["-3/5", "-4/5", "0"])"), "components.v"}, // ρ = −1
      {edit(kVectors, "v = [\"0\", \"0\", \"1\"]\n", ""), "components.v"},
      {edit(kVectors, "u = [\"3/5\", \"4/5\", \"0\"]\n", ""), "components.u"},
      {edit(kVectors, "context = 3", "context = 3\nrho = \"0\""), "components.u"},
      {edit(kVectors, "context = 3", "context = 3\ndim = 2"), "components.dim"},
  };
  for (const auto& [text, field] : cases) EXPECT_EQ(field_of(text), field) << text;
}

}  // namespace
}  // namespace critwin
