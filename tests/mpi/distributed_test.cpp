// samplers/distributed.hpp: the deal/gather primitive, failure agreement and run_blocks across ranks. The same
// tests run as one process (ctest's ordinary test_mpi entries) and under `mpirun -np 3` (ctest: mpi_primitive,
// and one run per failure test, since after an agreed failure a process stops distributing), where every rank
// runs them and a failure on any rank fails the run; expected values are computed directly.
#include <atomic>
#include <cmath>
#include <cstring>
#include <numeric>
#include <set>

#include <gtest/gtest.h>

#include "model/input_error.hpp"
#include "samplers/block_runner.hpp"
#include "samplers/distributed.hpp"
#include "samplers/experiment.hpp"

namespace critwin {
namespace {

TEST(Distributed, DealsEveryItemOnceAndGathersInItemOrder) {
  for (uint64_t n : {0u, 1u, 2u, 3u, 7u, 100u}) {
    std::set<uint64_t> here;
    const auto out = dist::deal_gather(n, [&](uint64_t i) {
      here.insert(i);
      return std::string(i % 5, static_cast<char>('a' + i % 26)) + std::to_string(i);
    });
    ASSERT_EQ(out.size(), n);
    for (uint64_t i = 0; i < n; ++i) EXPECT_EQ(out[i], std::string(i % 5, static_cast<char>('a' + i % 26)) + std::to_string(i));
    // Round-robin: this rank ran exactly the items i with i mod size == rank.
    for (uint64_t i = 0; i < n; ++i)
      EXPECT_EQ(here.count(i), i % static_cast<uint64_t>(dist::size()) == static_cast<uint64_t>(dist::rank()) ? 1u : 0u) << i;
  }
}

TEST(Distributed, DoublesComeBackBitForBit) {
  const auto f = [](uint64_t i) { return std::nextafter(1.0 / (3.0 + static_cast<double>(i)), 0.0) * (i % 2 ? -1 : 1); };
  const auto out = dist::deal_gather_doubles(11, f);
  ASSERT_EQ(out.size(), 11u);
  for (uint64_t i = 0; i < 11; ++i) {
    const double want = f(i);
    EXPECT_EQ(std::memcmp(&out[i], &want, sizeof(double)), 0) << i;
  }
}

TEST(Distributed, EmptyAndLargeResults) {
  // Results of very different sizes, some empty, including one of 1 MiB.
  const auto out = dist::deal_gather(5, [](uint64_t i) { return i == 3 ? std::string(1 << 20, 'x') : std::string(); });
  ASSERT_EQ(out.size(), 5u);
  for (uint64_t i = 0; i < 5; ++i) EXPECT_EQ(out[i].size(), i == 3 ? size_t{1} << 20 : 0u);
}

TEST(Distributed, LabelCountsSaveLoadRoundTrip) {
  LabelCounts c;
  c.counts = {3, 0, 17, 1ull << 40};
  c.n = 5 + (1ull << 40);
  c.stat_sum = -0.1;
  c.stat_sumsq = 1e300;
  const LabelCounts d = dist::from_bytes<LabelCounts>(dist::to_bytes(c));
  EXPECT_EQ(d.counts, c.counts);
  EXPECT_EQ(d.n, c.n);
  EXPECT_EQ(d.stat_sum, c.stat_sum);
  EXPECT_EQ(d.stat_sumsq, c.stat_sumsq);
  std::string truncated = dist::to_bytes(c);
  truncated.pop_back();
  EXPECT_THROW(dist::from_bytes<LabelCounts>(truncated), std::logic_error);
}

// run_blocks across ranks: a floating-point sum whose value depends on the merge order, compared with the same
// sum done serially in block order on this process.
struct FloatAcc {
  double sum = 0;
  uint64_t n = 0;
  void merge(const FloatAcc& o) {
    sum += o.sum;
    n += o.n;
  }
};

TEST(Distributed, RunBlocksMatchesSerialBlockOrder) {
  const uint64_t n = 5 * kSamplesPerBlock + 123;  // 6 blocks, the last one short
  auto term = [](uint64_t i) { return 1.0 / (1.0 + static_cast<double>(i) * 0.37) * (i % 3 ? 1 : -1e-3); };
  for (int threads : {1, 2}) {
    const FloatAcc acc = run_blocks<FloatAcc>(n, threads, [&](uint64_t b, uint64_t e, FloatAcc& a) {
      for (uint64_t i = b; i < e; ++i) a.sum += term(i), ++a.n;
    });
    FloatAcc want;
    for (uint64_t first = 0; first < n; first += kSamplesPerBlock) {
      FloatAcc block;
      for (uint64_t i = first; i < std::min(n, first + kSamplesPerBlock); ++i) block.sum += term(i), ++block.n;
      want.merge(block);
    }
    EXPECT_EQ(acc.n, n);
    EXPECT_EQ(std::memcmp(&acc.sum, &want.sum, sizeof(double)), 0) << acc.sum << " vs " << want.sum;
  }
}

TEST(Distributed, FailureOnOneRankReachesAllRanks) {
  // The last rank fails on its first item; every rank must throw, none may hang. An InputError stays one.
  const int bad = dist::size() - 1;
  try {
    dist::deal_gather(static_cast<uint64_t>(dist::size()) * 2, [&](uint64_t i) -> std::string {
      if (dist::rank() == bad && i % static_cast<uint64_t>(dist::size()) == static_cast<uint64_t>(bad))
        throw InputError("width", "must be positive");
      return "ok";
    });
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "width");
    EXPECT_EQ(e.message(), "must be positive");
  }
}

TEST(Distributed, RuntimeErrorBecomesRankFailureElsewhere) {
  const int bad = dist::size() - 1;
  try {
    dist::deal_gather(static_cast<uint64_t>(dist::size()), [&](uint64_t) -> std::string {
      if (dist::rank() == bad) throw std::runtime_error("disk on fire");
      return "ok";
    });
    FAIL() << "no exception";
  } catch (const dist::RankFailure& e) {
    EXPECT_NE(dist::rank(), bad);
    EXPECT_EQ(e.rank(), bad);
    EXPECT_EQ(e.exit_code(), 1);
    EXPECT_STREQ(e.what(), "disk on fire");
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(dist::rank(), bad);
    EXPECT_STREQ(e.what(), "disk on fire");
  }
}

}  // namespace
}  // namespace critwin

// Own main: MPI is initialised (when launched by mpirun) around all tests.
int main(int argc, char** argv) {
  critwin::dist::Session mpi(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
