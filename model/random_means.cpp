#include "model/random_means.hpp"

#include <Random123/boxmuller.hpp>
#include <Random123/philox.h>

namespace critwin {

std::vector<std::vector<ExactReal>> random_normal_means(int count, int dim, uint64_t seed) {
  using Gen = r123::Philox4x32;
  Gen gen;
  const Gen::key_type key{{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
  std::vector<std::vector<ExactReal>> out(static_cast<size_t>(count));
  for (int i = 0; i < count; ++i) {
    auto& mu = out[static_cast<size_t>(i)];
    mu.reserve(static_cast<size_t>(dim));
    for (int j = 0; j < dim; j += 2) {
      const Gen::ctr_type ctr{{static_cast<uint32_t>(j / 2), static_cast<uint32_t>(i), 0u, 0x4d45414eu}};
      const Gen::ctr_type r = gen(ctr, key);
      const uint64_t a = r.v[0] | (static_cast<uint64_t>(r.v[1]) << 32);
      const uint64_t b = r.v[2] | (static_cast<uint64_t>(r.v[3]) << 32);
      const r123::double2 z = r123::boxmuller(a, b);
      mu.push_back(ExactReal::from_double(z.x));
      if (j + 1 < dim) mu.push_back(ExactReal::from_double(z.y));
    }
  }
  return out;
}

}  // namespace critwin
