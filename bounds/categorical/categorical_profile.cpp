#include "bounds/categorical/categorical_profile.hpp"

#include <map>
#include <stdexcept>
#include <string>

#include <boost/multiprecision/cpp_int.hpp>

namespace critwin {

namespace {

using boost::multiprecision::cpp_int;

// Numerator and denominator of a positive rational, from its exact "p/q" text.
std::pair<cpp_int, cpp_int> num_den(const ExactReal& x) {
  const std::string s = x.to_string();
  const size_t slash = s.find('/');
  if (slash == std::string::npos) return {cpp_int(s), cpp_int(1)};
  return {cpp_int(s.substr(0, slash)), cpp_int(s.substr(slash + 1))};
}

// A gcd-free basis of the inputs (Bach–Driscoll–Shallit style refinement): pairwise coprime integers > 1 such
// that every input is a product of their powers. Prime factorization would do the same but can be slow on
// large user-written numerators; gcds never are. The product of all pending numbers drops at every split, so
// the loop ends.
std::vector<cpp_int> coprime_base(std::vector<cpp_int> work) {
  std::vector<cpp_int> base;
  while (!work.empty()) {
    cpp_int x = work.back();
    work.pop_back();
    if (x <= 1) continue;
    bool split = false;
    for (size_t i = 0; i < base.size(); ++i) {
      cpp_int g = gcd(x, base[i]);
      if (g == 1) continue;
      cpp_int b = base[i];
      base.erase(base.begin() + static_cast<long>(i));
      work.push_back(g);
      work.push_back(b / g);
      work.push_back(x / g);
      split = true;
      break;
    }
    if (!split) base.push_back(x);
  }
  return base;
}

void add_exponents(cpp_int n, const std::vector<cpp_int>& base, int32_t sign, int32_t* out) {
  for (size_t j = 0; j < base.size() && n > 1; ++j)
    while (n % base[j] == 0) {
      n /= base[j];
      out[j] += sign;
    }
  if (n != 1) throw std::logic_error("categorical profile: a likelihood does not factor over the coprime base");
}

}  // namespace

bool SymbolClass::trivial() const {
  const int k = static_cast<int>(column.size());
  const uint64_t all = k == 64 ? ~uint64_t{0} : (uint64_t{1} << k) - 1;
  if (mask != all) return false;
  for (int32_t e : expo)
    if (e != 0) return false;
  return true;
}

void categorical_key_normalize(uint64_t mask, std::vector<int32_t>& expo, int k, int nb) {
  if (mask == 0) return;
  const int t0 = __builtin_ctzll(mask);
  for (int th = 0; th < k; ++th) {
    if (th == t0) continue;
    int32_t* row = expo.data() + static_cast<size_t>(th) * nb;
    if (!(mask >> th & 1)) {
      std::fill(row, row + nb, 0);
    } else {
      const int32_t* r0 = expo.data() + static_cast<size_t>(t0) * nb;
      for (int j = 0; j < nb; ++j) row[j] -= r0[j];
    }
  }
  std::fill(expo.data() + static_cast<size_t>(t0) * nb, expo.data() + static_cast<size_t>(t0 + 1) * nb, 0);
}

CategoricalProfile categorical_profile_make(const Model& m) {
  const auto& cp = *m.family<CategoricalProductComponents>();
  const int K = m.size(), V = static_cast<int>(cp.alphabet.size());
  const long L = cp.length;
  CategoricalProfile out;
  out.components = K;

  // Joint rows: the tuple of each component's run index. In position order they change only at the union of
  // the tables' run boundaries.
  std::vector<std::pair<long, std::vector<int>>> segments;  // (start, run index per component)
  {
    std::vector<size_t> run(static_cast<size_t>(K), 0);
    std::vector<long> left(static_cast<size_t>(K));
    for (int th = 0; th < K; ++th) left[th] = cp.tables[th][0].repeat;
    long pos = 0;
    while (pos < L) {
      long step = L - pos;
      for (int th = 0; th < K; ++th) step = std::min(step, left[th]);
      segments.emplace_back(pos, std::vector<int>(run.begin(), run.end()));
      pos += step;
      for (int th = 0; th < K; ++th)
        if ((left[th] -= step) == 0 && pos < L) left[th] = cp.tables[th][++run[th]].repeat;
    }
  }
  std::map<std::vector<int>, int> law_of;
  std::vector<std::vector<int>> law_runs;
  std::vector<int> seg_law;
  for (const auto& [start, key] : segments) {
    auto [it, fresh] = law_of.try_emplace(key, static_cast<int>(law_runs.size()));
    if (fresh) law_runs.push_back(key);
    seg_law.push_back(it->second);
  }

  // One coprime base for every nonzero probability.
  std::vector<cpp_int> ints;
  for (const auto& key : law_runs)
    for (int th = 0; th < K; ++th)
      for (const auto& p : cp.tables[th][key[th]].probs)
        if (p.sign() > 0) {
          auto [n, d] = num_den(p);
          ints.push_back(n);
          ints.push_back(d);
        }
  const std::vector<cpp_int> base = coprime_base(std::move(ints));
  const int nb = static_cast<int>(base.size());
  out.base = nb;
  out.zero_key.assign(static_cast<size_t>(K) * nb, 0);

  for (const auto& key : law_runs) {
    PositionLaw law;
    for (int v = 0; v < V; ++v) {
      SymbolClass c;
      c.expo.assign(static_cast<size_t>(K) * nb, 0);
      c.column.resize(static_cast<size_t>(K));
      for (int th = 0; th < K; ++th) {
        const ExactReal& p = cp.tables[th][key[th]].probs[v];
        c.column[th] = p;
        if (p.sign() == 0) continue;
        c.mask |= uint64_t{1} << th;
        auto [n, d] = num_den(p);
        add_exponents(n, base, 1, c.expo.data() + static_cast<size_t>(th) * nb);
        add_exponents(d, base, -1, c.expo.data() + static_cast<size_t>(th) * nb);
      }
      if (c.mask == 0) continue;
      categorical_key_normalize(c.mask, c.expo, K, nb);
      bool merged = false;
      for (auto& o : law.classes)
        if (o.mask == c.mask && o.expo == c.expo) {
          for (int th = 0; th < K; ++th) o.column[th] = o.column[th] + c.column[th];
          merged = true;
          break;
        }
      if (!merged) law.classes.push_back(std::move(c));
    }
    law.informative = !(law.classes.size() == 1 && law.classes[0].trivial());
    out.laws.push_back(std::move(law));
  }

  // Reveal order.
  auto push = [&](int law, long count) {
    if (!out.runs.empty() && out.runs.back().first == law) out.runs.back().second += count;
    else out.runs.emplace_back(law, count);
  };
  if (m.process.kind != ProcessKind::ordered_mask) {
    for (size_t s = 0; s < segments.size(); ++s) {
      const long end = s + 1 < segments.size() ? segments[s + 1].first : L;
      push(seg_law[s], end - segments[s].first);
    }
  } else {
    std::vector<int> law_at(static_cast<size_t>(L));
    for (size_t s = 0; s < segments.size(); ++s) {
      const long end = s + 1 < segments.size() ? segments[s + 1].first : L;
      for (long p = segments[s].first; p < end; ++p) law_at[p] = seg_law[s];
    }
    for (long r = L - 1; r >= 0; --r) push(law_at[m.process.order[r]], 1);
  }
  return out;
}

}  // namespace critwin
