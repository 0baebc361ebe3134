// The random-number layer: batched Philox equals Random123's reference, normals and binomials have the
// right laws, Wilson intervals cover.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include <Random123/philox.h>

#include "samplers/binomial_sample.hpp"
#include "samplers/philox_batch.hpp"
#include "samplers/philox_stream.hpp"
#include "samplers/wilson.hpp"

using namespace critwin;

TEST(Philox, BatchEqualsRandom123Reference) {
  const uint64_t seed = 0x0123456789abcdefull;
  uint32_t out[4][kPhiloxBatch];
  // Whole batches, a batch whose low counter word wraps inside a 16-lane group, and a ragged length (the
  // vector path and the portable tail).
  const std::pair<uint64_t, int> runs[] = {{0, kPhiloxBatch}, {uint64_t{1} << 40, kPhiloxBatch},
                                           {123456789, kPhiloxBatch}, {(uint64_t{1} << 32) - 7, 37},
                                           {(uint64_t{3} << 32) - 1, 17}, {5, 3}};
  for (const auto& [first, n] : runs) {
    philox_batch(seed, RngStream::tv_outer, 3, first, n, out);
    r123::Philox4x32 g;
    r123::Philox4x32::key_type k = {{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
    for (int i = 0; i < n; ++i) {
      uint64_t idx = first + i;
      r123::Philox4x32::ctr_type c = {{3, static_cast<uint32_t>(idx), static_cast<uint32_t>(idx >> 32), 1}};
      auto r = g(c, k);
      for (int w = 0; w < 4; ++w) ASSERT_EQ(out[w][i], r.v[w]) << "sample " << idx << " word " << w;
    }
  }
}

TEST(Philox, StreamWordsMatchBatch) {
  uint32_t out[4][kPhiloxBatch];
  philox_batch(42, RngStream::forward_reverse, 0, 1000, 8, out);
  for (int i = 0; i < 8; ++i) {
    PhiloxStream s(42, RngStream::forward_reverse, 1000 + i);
    for (int w = 0; w < 4; ++w) EXPECT_EQ(s.next_u32(), out[w][i]);
  }
}

// Moments and a tail probability of 2^20 batched normals against N(0,1), at about 5 standard errors.
TEST(Normals, BatchedBoxMullerMoments) {
  const int batches = 4096;
  double s1 = 0, s2 = 0, s4 = 0, su = 0, cov = 0;
  uint64_t tail = 0, count = 0;
  double z1[kPhiloxBatch], z2[kPhiloxBatch], u[kPhiloxBatch];
  for (int b = 0; b < batches; ++b) {
    normals_uniform_batch(7, RngStream::forward_reverse, 0, uint64_t(b) * kPhiloxBatch, kPhiloxBatch, z1, z2, u);
    for (int i = 0; i < kPhiloxBatch; ++i) {
      for (double z : {z1[i], z2[i]}) {
        s1 += z;
        s2 += z * z;
        s4 += z * z * z * z;
        tail += std::abs(z) > 2.5758293035489;  // P(|Z| > z_{0.995}) = 0.01
        ++count;
      }
      cov += z1[i] * z2[i];
      su += u[i];
    }
  }
  const double n = static_cast<double>(count);
  EXPECT_NEAR(s1 / n, 0.0, 5 / std::sqrt(n));
  EXPECT_NEAR(s2 / n, 1.0, 5 * std::sqrt(2.0 / n));
  EXPECT_NEAR(s4 / n, 3.0, 5 * std::sqrt(96.0 / n));
  EXPECT_NEAR(cov / (n / 2), 0.0, 5 / std::sqrt(n / 2));
  EXPECT_NEAR(su / (n / 2), 0.5, 5 * std::sqrt(1.0 / 12 / (n / 2)));
  EXPECT_NEAR(static_cast<double>(tail) / n, 0.01, 5 * std::sqrt(0.01 * 0.99 / n));
}

TEST(Normals, StreamBoxMullerMoments) {
  double s1 = 0, s2 = 0;
  const int n = 400000;
  for (int i = 0; i < n / 4; ++i) {
    PhiloxStream s(9, RngStream::tv_inner, i);
    for (int j = 0; j < 4; ++j) {
      double z = s.normal();
      s1 += z;
      s2 += z * z;
    }
  }
  EXPECT_NEAR(s1 / n, 0.0, 5 / std::sqrt(double(n)));
  EXPECT_NEAR(s2 / n, 1.0, 5 * std::sqrt(2.0 / n));
}

// Chi-square of Binomial(12, 0.3) draws against the pmf, and moments for n = 600 and n = 10^5.
TEST(Binomial, SmallLawChiSquare) {
  const int n = 12, draws = 200000;
  const double p = 0.3;
  std::vector<double> counts(n + 1, 0);
  for (int i = 0; i < draws; ++i) {
    PhiloxStream s(3, RngStream::forward_reverse, i);
    counts[binomial_sample(n, p, s.uniform())] += 1;
  }
  double chi2 = 0;
  for (int k = 0; k <= n; ++k) {
    double pk = std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) +
                         (n - k) * std::log(1 - p));
    double e = pk * draws;
    chi2 += (counts[k] - e) * (counts[k] - e) / e;
  }
  EXPECT_LT(chi2, 36.1);  // chi-square(12 df) 0.9995 quantile ≈ 34.8 (k = 12 cell has tiny expectation; lenient)
}

TEST(Binomial, LargeMomentsAndEdges) {
  for (int64_t n : {int64_t{600}, int64_t{100000}}) {
    const double p = 0.37;
    const int draws = 40000;
    double s1 = 0, s2 = 0;
    for (int i = 0; i < draws; ++i) {
      PhiloxStream s(11, RngStream::forward_reverse, i);
      double k = static_cast<double>(binomial_sample(n, p, s.uniform()));
      s1 += k;
      s2 += k * k;
    }
    const double mean = s1 / draws, var = s2 / draws - mean * mean, sd = std::sqrt(n * p * (1 - p));
    EXPECT_NEAR(mean, n * p, 5 * sd / std::sqrt(double(draws)));
    EXPECT_NEAR(var / (sd * sd), 1.0, 5 * std::sqrt(2.0 / draws));
  }
  EXPECT_EQ(binomial_sample(0, 0.5, 0.3), 0);
  EXPECT_EQ(binomial_sample(10, 1.0, 0.3), 10);
  EXPECT_EQ(binomial_sample(10, 0.0, 0.3), 0);
  EXPECT_EQ(binomial_sample(5, 0.5, 1.0), binomial_sample(5, 0.5, 1.0 - 1e-17));
}

TEST(Wilson, CoverageAndShape) {
  // Coverage of the nominal 99.9% interval over exact binomial probabilities for several (n, p).
  for (int n : {20, 200, 2000}) {
    for (double p : {0.02, 0.3, 0.5}) {
      double cover = 0;
      for (int k = 0; k <= n; ++k) {
        Proportion w = wilson_interval(k, n);
        EXPECT_LE(w.lo, w.value);
        EXPECT_GE(w.hi, w.value);
        double pk = std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) +
                             (n - k) * std::log(1 - p));
        if (w.lo <= p && p <= w.hi) cover += pk;
      }
      // Wilson is not exact: its coverage dips for n·p small (≈0.993 at n = 20, p = 0.02); MC runs have large n.
      EXPECT_GT(cover, n * p >= 4 ? 0.997 : 0.99) << "n=" << n << " p=" << p;
    }
  }
  EXPECT_EQ(wilson_interval(0, 10).lo, 0.0);
  EXPECT_EQ(wilson_interval(10, 10).hi, 1.0);
  // k = 0: the Wilson upper end is z²/(n + z²).
  EXPECT_NEAR(wilson_interval(0, 100).hi, kZ999 * kZ999 / (100 + kZ999 * kZ999), 1e-15);
}
