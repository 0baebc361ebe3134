// The planted-spike Monte Carlo TV against the exact Laplace-inversion TV (M = 16, 256, 4096), and
// bit-identical results at any thread count.
#include <gtest/gtest.h>

#include "bounds/planted_spike/planted_spike_tv.hpp"
#include "samplers/planted_spike/planted_spike_tv_mc.hpp"

namespace critwin {
namespace {

TEST(PlantedSpikeMc, AgreesWithExactTv) {
  struct Case { long M; double mu; uint64_t samples; };
  for (const Case c : {Case{16, 1.0, 200000}, Case{16, 3.0, 200000}, Case{256, 2.5, 50000}, Case{256, 4.0, 50000},
                       Case{4096, 4.0, 8000}, Case{4096, 5.5, 8000}}) {
    const PlantedSpikeMc mc = planted_spike_tv_mc(c.M, c.mu, c.samples, 2024, 2);
    const double exact = planted_spike_tv(c.M, c.mu).tv.value;
    EXPECT_LE(mc.tv.lo, exact) << "M=" << c.M << " mu=" << c.mu << " mc=" << mc.tv.value;
    EXPECT_GE(mc.tv.hi, exact) << "M=" << c.M << " mu=" << c.mu << " mc=" << mc.tv.value;
    EXPECT_LT(mc.tv.width(), 0.1);
  }
}

TEST(PlantedSpikeMc, BitIdenticalAcrossThreadCounts) {
  const PlantedSpikeMc a = planted_spike_tv_mc(33, 2.0, 40000, 9, 1);  // odd M: the unused last normal
  const PlantedSpikeMc b = planted_spike_tv_mc(33, 2.0, 40000, 9, 2);
  EXPECT_EQ(a.tv.value, b.tv.value);
  EXPECT_EQ(a.tv.lo, b.tv.lo);
  const PlantedSpikeMc c = planted_spike_tv_mc(33, 2.0, 40000, 10, 2);
  EXPECT_NE(a.tv.value, c.tv.value);
}

}  // namespace
}  // namespace critwin
