// Model-file parsing and validation: every bad input is one InputError naming its field.
#include <gtest/gtest.h>

#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "model_file_test_support.hpp"

using namespace critwin;

namespace {

const char* kGood = R"(
name = "g"
[mixture]
weights = ["1/3", "2/3"]
labels = ["a", "b"]
[components]
kind = "gaussian"
dim = 2
means = [[1.0, "0.5"], ["-1", 0]]
variance = "3/2"
[process]
kind = "ou"
)";

using test::edit;
using test::field_of;

}  // namespace

TEST(ModelFile, ParsesExactValues) {
  Model m = model_file_parse(kGood);
  ASSERT_EQ(m.size(), 2);
  EXPECT_EQ(m.labels[1], "b");
  EXPECT_TRUE(m.weights[0] == *ExactReal::parse("1/3"));
  const auto* g = m.family<GaussianComponents>();
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->dim, 2);
  EXPECT_TRUE(g->means[0][1] == *ExactReal::parse("1/2"));
  EXPECT_TRUE(g->variance == *ExactReal::parse("1.5"));
  EXPECT_EQ(m.process.kind, ProcessKind::ou);
}

TEST(ModelFile, ExactDecimalsAndDoubles) {
  // "0.1" is exactly 1/10; the TOML float 0.1 is the binary double, which is not 1/10.
  EXPECT_TRUE(*ExactReal::parse("0.1") == *ExactReal::parse("1/10"));
  EXPECT_FALSE(ExactReal::from_double(0.1) == *ExactReal::parse("1/10"));
  EXPECT_TRUE(*ExactReal::parse("1e-3") == *ExactReal::parse("1/1000"));
  EXPECT_TRUE(*ExactReal::parse("-2.5E+1") == ExactReal::from_int(-25));
  EXPECT_FALSE(ExactReal::parse("0.1.2").has_value());
  EXPECT_FALSE(ExactReal::parse("1/0").has_value());
  EXPECT_FALSE(ExactReal::parse("abc").has_value());
  EXPECT_FALSE(ExactReal::parse("").has_value());
}

TEST(ModelFile, WeightsMustSumToOneExactly) {
  EXPECT_EQ(field_of(edit(kGood, R"(["1/3", "2/3"])", R"(["1/3", "0.6"])")), "mixture.weights");
  // 0.3 + 0.7 as binary doubles is not 1; the message tells the user to write strings.
  try {
    model_file_parse(edit(kGood, R"(["1/3", "2/3"])", "[0.3, 0.7]"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("strings"), std::string::npos);
  }
  EXPECT_NO_THROW(model_file_parse(edit(kGood, R"(["1/3", "2/3"])", R"(["0.3", "0.7"])")));
  EXPECT_EQ(field_of(edit(kGood, R"(["1/3", "2/3"])", R"(["4/3", "-1/3"])")), "mixture.weights[1]");
  EXPECT_EQ(field_of(edit(kGood, R"(["1/3", "2/3"])", R"([])")), "mixture.weights");
}

TEST(ModelFile, EachProblemNamesItsField) {
  EXPECT_EQ(field_of(edit(kGood, R"(labels = ["a", "b"])", R"(labels = ["a", "a"])")), "mixture.labels[1]");
  EXPECT_EQ(field_of(edit(kGood, R"(labels = ["a", "b"])", R"(labels = ["a"])")), "mixture.labels");
  EXPECT_EQ(field_of(edit(kGood, R"(labels = ["a", "b"])", R"(labels = ["a", "rest"])")), "mixture.labels[1]");
  EXPECT_EQ(field_of(edit(kGood, "dim = 2", "dim = 0")), "components.dim");
  EXPECT_EQ(field_of(edit(kGood, "dim = 2", "dim = 3")), "components.means[0]");
  EXPECT_EQ(field_of(edit(kGood, R"(variance = "3/2")", "variance = -1")), "components.variance");
  EXPECT_EQ(field_of(edit(kGood, R"(variance = "3/2")", R"(variance = "x")")), "components.variance");
  EXPECT_EQ(field_of(edit(kGood, R"(variance = "3/2")", R"(varience = 1)")), "components.varience");
  EXPECT_EQ(field_of(edit(kGood, R"(kind = "gaussian")", R"(kind = "cauchy")")), "components.kind");
  EXPECT_EQ(field_of(edit(kGood, R"(kind = "ou")", R"(kind = "truncate")")), "process.kind");
  EXPECT_EQ(field_of(edit(kGood, R"(kind = "ou")", R"(kind = "heat")")), "process.kind");
  EXPECT_EQ(field_of(edit(kGood, "[process]\nkind = \"ou\"", "")), "process");
  EXPECT_EQ(field_of("name = \"x\"\n[mixture\n"), "model file");
}

// variance 0 is a point-mass model (issue 10); only negative variances are refused.
TEST(ModelFile, VarianceZeroMeansPointMasses) {
  Model m = model_file_parse(edit(kGood, R"(variance = "3/2")", R"(variance = "0")"));
  EXPECT_EQ(m.family<GaussianComponents>()->variance.sign(), 0);
  EXPECT_EQ(field_of(edit(kGood, R"(variance = "3/2")", R"(variance = "-1/10")")), "components.variance");
}

TEST(ModelFile, SequenceFamilies) {
  const char* coins = R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "bernoulli-product"
length = 5
probs = ["0.6", "0.4"]
[process]
kind = "ordered-mask"
order = [4, 3, 2, 1, 0]
)";
  Model m = model_file_parse(coins);
  EXPECT_EQ(m.process.length, 5);
  EXPECT_EQ(m.process.order.front(), 4);
  EXPECT_EQ(m.labels[0], "0");
  EXPECT_EQ(field_of(edit(coins, "[4, 3, 2, 1, 0]", "[4, 3, 2, 1, 1]")), "process.order[4]");
  EXPECT_EQ(field_of(edit(coins, "[4, 3, 2, 1, 0]", "[4, 3, 2, 1]")), "process.order");
  EXPECT_EQ(field_of(edit(coins, R"(["0.6", "0.4"])", R"(["1", "0.4"])")), "components.probs[0]");
  EXPECT_EQ(field_of(edit(coins, R"(["0.6", "0.4"])", R"(["0.6"])")), "components.probs");
  EXPECT_EQ(field_of(edit(coins, R"(kind = "ordered-mask")", R"(kind = "ou")")), "process.kind");

  const char* strings = R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "strings"
alphabet = "ab"
strings = ["aab", "abb"]
[process]
kind = "random-mask"
)";
  Model s = model_file_parse(strings);
  EXPECT_EQ(s.process.length, 3);
  EXPECT_EQ(field_of(edit(strings, R"(["aab", "abb"])", R"(["aab", "abc"])")), "components.strings[1]");
  EXPECT_EQ(field_of(edit(strings, R"(["aab", "abb"])", R"(["aab", "ab"])")), "components.strings[1]");
  EXPECT_EQ(field_of(edit(strings, R"(alphabet = "ab")", R"(alphabet = "aa")")), "components.alphabet");
}

TEST(ModelFile, SubsetsAndTimes) {
  Model m = model_file_parse(kGood);
  EXPECT_EQ(Subset::parse("a", m, "--a").indices(), std::vector<int>{0});
  EXPECT_EQ(Subset::parse("b, 0", m, "--a").indices(), (std::vector<int>{0, 1}));
  Subset a = Subset::parse("a", m, "--a");
  EXPECT_EQ(Subset::parse("rest", m, "--b", &a).indices(), std::vector<int>{1});
  EXPECT_THROW(Subset::parse("", m, "--a"), InputError);
  EXPECT_THROW(Subset::parse("2", m, "--a"), InputError);
  EXPECT_THROW(Subset::parse("c", m, "--a"), InputError);
  EXPECT_THROW(Subset::parse("a,", m, "--a"), InputError);
  EXPECT_THROW(Subset::parse("rest", m, "--a"), InputError);
  // A member named twice (by label, by index, or both) is refused, not merged.
  for (const char* twice : {"a,a", "0,0", "a, 0", "b,a,b"}) {
    try {
      Subset::parse(twice, m, "--a");
      ADD_FAILURE() << twice;
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "--a");
      EXPECT_NE(std::string(e.what()).find("a second time"), std::string::npos) << e.what();
    }
  }
  Subset all = Subset::all(2);
  EXPECT_THROW(Subset::parse("rest", m, "--b", &all), InputError);

  EXPECT_TRUE(TimePoint::parse("inf", m.process, "--t").infinite);
  EXPECT_DOUBLE_EQ(TimePoint::parse("3/2", m.process, "--t").to_double(), 1.5);
  EXPECT_THROW(TimePoint::parse("-1", m.process, "--t"), InputError);
  Process trunc{ProcessKind::truncate, 10, {}};
  EXPECT_EQ(TimePoint::parse("10", trunc, "--t").to_long(), 10);
  EXPECT_THROW(TimePoint::parse("11", trunc, "--t"), InputError);
  EXPECT_THROW(TimePoint::parse("2.5", trunc, "--t"), InputError);
  EXPECT_THROW(TimePoint::parse("inf", trunc, "--t"), InputError);
  Process mask{ProcessKind::random_mask, 10, {}};
  EXPECT_NO_THROW(TimePoint::parse("0.25", mask, "--t"));
  EXPECT_THROW(TimePoint::parse("1.0001", mask, "--t"), InputError);
}

TEST(ModelFile, BundledExamplesLoad) {
  for (const char* f : {"e1_two_gaussians.toml", "e3_two_strings.toml", "e5_coins.toml"})
    EXPECT_NO_THROW(model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/" + f)) << f;
  EXPECT_THROW(model_file_load("/nonexistent/model.toml"), InputError);
  // Devices and directories are refused before reading (/dev/zero would be read without end).
  for (const char* path : {"/dev/zero", "/dev/null", "/tmp"}) {
    try {
      model_file_load(path);
      ADD_FAILURE() << path;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("is not a regular file"), std::string::npos) << e.what();
    }
  }
}

// Families with a fixed pair of components (signal, null) may omit [mixture]: weights ½/½, their labels. Every
// other family still needs it, and an explicit [mixture] still wins.
TEST(ModelFile, DetectionFamiliesDefaultTheirMixture) {
  const std::string spike = "[components]\nkind = \"planted-spike\"\nlength = 8\ndim = 4\nsnr = 1\n[process]\nkind = \"truncate\"\n";
  const Model m = model_file_parse(spike);
  ASSERT_EQ(m.size(), 2);
  EXPECT_EQ(m.labels, (std::vector<std::string>{"signal", "null"}));
  EXPECT_TRUE(m.weights[0] == ExactReal::from_int(1) / ExactReal::from_int(2));
  EXPECT_TRUE(m.weights[1] == ExactReal::from_int(1) / ExactReal::from_int(2));
  const std::string sparse =
      "[components]\nkind = \"sparse-regression\"\nlength = 3\ndim = 4\nsparsity = 2\nnoise_variance = 1\n"
      "[process]\nkind = \"truncate\"\n";
  EXPECT_EQ(model_file_parse(sparse).labels, (std::vector<std::string>{"signal", "null"}));
  const Model explicit_mix = model_file_parse("[mixture]\nweights = [\"1/4\", \"3/4\"]\n" + spike);
  EXPECT_TRUE(explicit_mix.weights[0] == ExactReal::from_int(1) / ExactReal::from_int(4));
  EXPECT_EQ(explicit_mix.labels, (std::vector<std::string>{"0", "1"}));
  EXPECT_EQ(test::field_of("[components]\nkind = \"bernoulli-product\"\nlength = 3\nprobs = [\"1/2\", \"1/3\"]\n"
                           "[process]\nkind = \"truncate\"\n"),
            "mixture");
  EXPECT_EQ(test::field_of("[mixture]\nweights = [\"1/2\", \"1/4\"]\n" + spike), "mixture.weights");
}
