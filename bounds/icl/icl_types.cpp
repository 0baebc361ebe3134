#include "bounds/icl/icl_types.hpp"

#include <limits>

namespace critwin {

namespace {

// w = κ v for one κ (both vectors nonzero): the test that lets two cells share a type.
bool proportional(const std::vector<ExactReal>& v, const std::vector<ExactReal>& w) {
  size_t j = 0;
  while (j < v.size() && v[j].sign() == 0) ++j;
  if (j == v.size() || w[j].sign() == 0) return false;
  const ExactReal kappa = w[j] / v[j];
  for (size_t i = 0; i < v.size(); ++i)
    if (!(w[i] == kappa * v[i])) return false;
  return true;
}

}  // namespace

IclTypes icl_types_make(const IclComponents& c) {
  const size_t K = c.tables.size();
  IclTypes out;
  std::vector<std::vector<ExactReal>> reps;  // the first cell's vector of each type
  for (int x = 0; x < c.inputs(); ++x)
    for (int y = 0; y < c.outputs(); ++y) {
      std::vector<ExactReal> v(K);
      bool any = false;
      for (size_t th = 0; th < K; ++th) {
        v[th] = c.input_probs[x] * c.tables[th][x][y];
        any = any || v[th].sign() != 0;
      }
      if (!any) continue;
      size_t t = 0;
      while (t < reps.size() && !proportional(reps[t], v)) ++t;
      if (t == reps.size()) {
        reps.push_back(v);
        out.q.push_back(v);
      } else {
        for (size_t th = 0; th < K; ++th) out.q[t][th] = out.q[t][th] + v[th];
      }
    }
  return out;
}

uint64_t icl_count_tables(long n, int types) {
  // C(n + T − 1, T − 1) by the multiplicative formula, each step exact (the running value is a binomial).
  unsigned __int128 r = 1;
  const unsigned __int128 cap = std::numeric_limits<uint64_t>::max();
  for (long i = 1; i < types; ++i) {
    r = r * static_cast<unsigned __int128>(n + i) / static_cast<unsigned __int128>(i);
    if (r > cap) return std::numeric_limits<uint64_t>::max();
  }
  return static_cast<uint64_t>(r);
}

std::vector<std::vector<std::vector<Ball>>> icl_powers(const IclTypes& types, long n) {
  const size_t K = types.q.empty() ? 0 : types.q[0].size();
  std::vector<std::vector<std::vector<Ball>>> p(types.q.size(), std::vector<std::vector<Ball>>(K));
  for (size_t t = 0; t < types.q.size(); ++t)
    for (size_t th = 0; th < K; ++th) {
      const Ball q = types.q[t][th].ball();
      auto& row = p[t][th];
      row.assign(static_cast<size_t>(n + 1), Ball(1));
      for (long u = 1; u <= n; ++u) {
        row[u] = row[u - 1];
        row[u] *= q;
        row[u] /= Ball(u);
      }
    }
  return p;
}

void icl_for_each_count_exact(const IclTypes& types, long n, const std::function<void(const std::vector<ExactReal>&)>& leaf) {
  const int T = types.size();
  const size_t K = types.q.empty() ? 0 : types.q[0].size();
  std::vector<std::vector<std::vector<ExactReal>>> pw(types.q.size(), std::vector<std::vector<ExactReal>>(K));
  for (size_t t = 0; t < types.q.size(); ++t)
    for (size_t th = 0; th < K; ++th) {
      auto& row = pw[t][th];
      row.assign(static_cast<size_t>(n + 1), ExactReal::from_int(1));
      for (long u = 1; u <= n; ++u) row[u] = row[u - 1] * types.q[t][th] / ExactReal::from_int(u);
    }
  std::vector<std::vector<ExactReal>> partial(static_cast<size_t>(T), std::vector<ExactReal>(K, ExactReal::from_int(1)));
  std::vector<ExactReal> L(K);
  auto rec = [&](auto&& self, int d, long left) -> void {
    if (d == T - 1) {
      for (size_t th = 0; th < K; ++th) L[th] = partial[d][th] * pw[d][th][left];
      leaf(L);
      return;
    }
    for (long u = 0; u <= left; ++u) {
      for (size_t th = 0; th < K; ++th) partial[d + 1][th] = partial[d][th] * pw[d][th][u];
      self(self, d + 1, left - u);
    }
  };
  if (T > 0) rec(rec, 0, n);
}

Ball icl_factorial(long n) {
  Ball f(1);
  for (long i = 2; i <= n; ++i) f *= Ball(i);
  return f;
}

}  // namespace critwin
