// z3_check: the forked (hard-limit) path answers exactly as the in-process path, and the limit really stops it.
#include "verify/z3_check.hpp"

#include <chrono>
#include <cstdlib>

#include <gtest/gtest.h>

#include "verify/z3_bridge.hpp"

using namespace critwin;
using namespace critwin::verify;

namespace {

struct StallEnv {
  explicit StallEnv(const char* ms) { ::setenv("CRITWIN_TEST_Z3_STALL_MS", ms, 1); }
  ~StallEnv() { ::unsetenv("CRITWIN_TEST_Z3_STALL_MS"); }
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST(Z3Check, ForkedAndInProcessAgreeOnSatUnsatAndModels) {
  for (unsigned timeout_ms : {0u, 5000u}) {
    SCOPED_TRACE(timeout_ms);
    z3::context ctx;
    z3::expr x = ctx.real_const("x"), y = ctx.real_const("y");
    {
      z3::solver s = z3_make_solver(ctx, {20'000'000, timeout_ms, true});
      s.add(x * x == 4 && x > 0 && y == x / 3);
      Z3Outcome o = z3_check(s, {20'000'000, timeout_ms, true}, {x, y});
      ASSERT_EQ(o.result, z3::sat);
      ASSERT_EQ(o.values.size(), 2u);
      EXPECT_EQ(o.values[0], ExactReal::from_int(2));
      EXPECT_EQ(o.values[1], *ExactReal::parse("2/3"));
      EXPECT_FALSE(o.killed);
    }
    {
      // An irrational model value comes back as its 2^-64-close rational lower bound.
      z3::solver s = z3_make_solver(ctx, {20'000'000, timeout_ms, true});
      s.add(x * x == 2 && x > 0);
      Z3Outcome o = z3_check(s, {20'000'000, timeout_ms, true}, {x});
      ASSERT_EQ(o.result, z3::sat);
      EXPECT_LE(o.values[0] * o.values[0], ExactReal::from_int(2));
      EXPECT_NEAR(o.values[0].to_double(), 1.4142135623730951, 1e-15);
    }
    {
      z3::solver s = z3_make_solver(ctx, {20'000'000, timeout_ms, true});
      s.add(x * x + y * y < 0);
      Z3Outcome o = z3_check(s, {20'000'000, timeout_ms, true}, {x, y});
      EXPECT_EQ(o.result, z3::unsat);
      EXPECT_TRUE(o.values.empty());
    }
  }
}

TEST(Z3Check, HardLimitStopsAStalledWorker) {
  StallEnv stall("60000");  // the worker would sleep a minute before checking
  z3::context ctx;
  z3::expr x = ctx.real_const("x");
  z3::solver s = z3_make_solver(ctx, {20'000'000, 200, true});
  s.add(x * x < 0);
  const auto t0 = std::chrono::steady_clock::now();
  Z3Outcome o = z3_check(s, {20'000'000, 200, true}, {x});
  const double took = seconds_since(t0);
  EXPECT_EQ(o.result, z3::unknown);
  EXPECT_TRUE(o.killed);
  EXPECT_NE(o.reason.find("200 ms"), std::string::npos) << o.reason;
  EXPECT_LT(took, 30.0);  // 200 ms + 250 ms grace; generous for a loaded machine, far below the 60 s stall
  EXPECT_GE(took, 0.2);
}

TEST(Z3Check, AShortStallWithinTheLimitStillAnswers) {
  StallEnv stall("50");
  z3::context ctx;
  z3::expr x = ctx.real_const("x");
  z3::solver s = z3_make_solver(ctx, {20'000'000, 10000, true});
  s.add(x * x < 0);
  Z3Outcome o = z3_check(s, {20'000'000, 10000, true});
  EXPECT_EQ(o.result, z3::unsat);
  EXPECT_FALSE(o.killed);
}

TEST(Z3Check, WithoutHardLimitTheQueryRunsInProcess) {
  StallEnv stall("60000");  // would stall a child; none is made
  z3::context ctx;
  z3::expr x = ctx.real_const("x");
  z3::solver s = z3_make_solver(ctx, {20'000'000, 5000, false});
  s.add(x * x < 0);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(z3_check(s, {20'000'000, 5000, false}).result, z3::unsat);
  EXPECT_LT(seconds_since(t0), 30.0);
}
