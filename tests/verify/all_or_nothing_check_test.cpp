// The all-or-nothing claim on the bundled cases: planted spike at M = 2^10 and 2^16 with δ the measured
// transition allows, a tiny sparse regression, and a wrong twin (δ too small for M = 2^16).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "model/input_error.hpp"
#include "verify/all_or_nothing_check.hpp"

namespace critwin::verify {
namespace {

std::string spike(long M, long length) {
  return fmt::format(R"([mixture]
weights = ["1/2", "1/2"]
[components]
kind = "planted-spike"
length = {}
dim = {}
snr = "1/2"
[process]
kind = "truncate"
)", length, M);
}

std::vector<long> range(long a, long b, long step) {
  std::vector<long> v;
  for (long n = a; n <= b; n += step) v.push_back(n);
  return v;
}

TEST(AllOrNothingClaim, PlantedSpikeHoldsAtTheMeasuredDelta) {
  // M = 2^10: N* = 55.45, TV crosses 0.1 at n = 20 and 0.9 at n = 120, so δ = 1.2 suffices with tol 0.1.
  AllOrNothingClaim c{spike(1024, 200), range(1, 200, 3), *ExactReal::parse("1.2"), *ExactReal::parse("0.1"), 0, 1};
  AllOrNothingOutcome o = all_or_nothing_check(c);
  EXPECT_EQ(o.status, "holds") << o.evidence;
  // M = 2^16: N* = 88.72, crossings 43 and 163: δ = 0.9.
  AllOrNothingClaim d{spike(65536, 260), range(1, 260, 7), *ExactReal::parse("0.9"), *ExactReal::parse("0.1"), 0, 1};
  EXPECT_EQ(all_or_nothing_check(d).status, "holds");
}

TEST(AllOrNothingClaim, WrongTwinFails) {
  AllOrNothingClaim d{spike(65536, 260), range(1, 260, 7), *ExactReal::parse("0.5"), *ExactReal::parse("0.1"), 0, 1};
  AllOrNothingOutcome o = all_or_nothing_check(d);
  EXPECT_EQ(o.status, "fails");
  EXPECT_NE(o.evidence.find("tol"), std::string::npos) << o.evidence;
}

TEST(AllOrNothingClaim, TinySparseRegressionHolds) {
  const std::string model = R"([mixture]
weights = ["1/2", "1/2"]
[components]
kind = "sparse-regression"
length = 12
dim = 6
sparsity = 2
noise_variance = "1/4"
[process]
kind = "truncate"
)";
  // N* = 2; the Monte Carlo TV passes 0.9 by n = 8 (>= (1 + 3) N*).
  AllOrNothingClaim c{model, range(1, 12, 1), *ExactReal::parse("3"), *ExactReal::parse("0.1"), 4000, 7};
  AllOrNothingOutcome o = all_or_nothing_check(c);
  EXPECT_EQ(o.status, "holds") << o.evidence;
}

TEST(AllOrNothingClaim, BadInputNamesTheField) {
  AllOrNothingClaim c{spike(16, 10), {11}, *ExactReal::parse("1"), *ExactReal::parse("0.1"), 0, 1};
  try {
    all_or_nothing_check(c);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "n_grid");
  }
  c.n_grid = {5};
  c.tol = *ExactReal::parse("0.7");
  try {
    all_or_nothing_check(c);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "tol");
  }
}

}  // namespace
}  // namespace critwin::verify
