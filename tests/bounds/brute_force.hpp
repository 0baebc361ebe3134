// Independent brute force for the discrete engines: full enumeration of the data space, of the
// observation Y given X, and of the forward–reverse experiment straight from its definition (not via the
// density-ratio identity), in plain long double.
#pragma once

#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace critwin::brute {

using Law = std::map<std::string, long double>;
using Kernel = std::function<std::vector<std::pair<std::string, long double>>(const std::string&)>;

struct Mixture {
  std::vector<std::string> xs;               // the support, each point once
  std::vector<std::vector<long double>> px;  // px[θ][i] = p^θ(xs[i])
  std::vector<long double> w;                // weights
};

// All binary strings of length L ('1' = success) under Bernoulli(prob_θ)^{⊗L}.
inline Mixture bernoulli(int L, const std::vector<long double>& probs, const std::vector<long double>& w) {
  Mixture m;
  m.w = w;
  m.px.assign(probs.size(), {});
  for (long code = 0; code < (1L << L); ++code) {
    std::string x;
    int ones = 0;
    for (int i = 0; i < L; ++i) {
      bool one = (code >> i) & 1;
      x += one ? '1' : '0';
      ones += one;
    }
    m.xs.push_back(x);
    for (size_t t = 0; t < probs.size(); ++t)
      m.px[t].push_back(std::pow(probs[t], ones) * std::pow(1 - probs[t], L - ones));
  }
  return m;
}

// Point masses (strings may repeat; the support lists each distinct string once).
inline Mixture strings(const std::vector<std::string>& s, const std::vector<long double>& w) {
  Mixture m;
  m.w = w;
  for (const auto& x : s) {
    bool seen = false;
    for (const auto& y : m.xs) seen = seen || y == x;
    if (!seen) m.xs.push_back(x);
  }
  m.px.assign(s.size(), std::vector<long double>(m.xs.size(), 0));
  for (size_t t = 0; t < s.size(); ++t)
    for (size_t i = 0; i < m.xs.size(); ++i)
      if (m.xs[i] == s[t]) m.px[t][i] = 1;
  return m;
}

inline Kernel truncate(int visible) {
  return [visible](const std::string& x) { return std::vector<std::pair<std::string, long double>>{{x.substr(0, visible), 1}}; };
}

inline Kernel ordered(std::vector<int> order, int t) {
  return [order, t](const std::string& x) {
    std::string y = x;
    for (int r = 0; r < t; ++r) y[order[r]] = '?';
    return std::vector<std::pair<std::string, long double>>{{y, 1}};
  };
}

// Every mask pattern, each position masked independently with probability t.
inline Kernel random_mask(long double t) {
  return [t](const std::string& x) {
    const int L = static_cast<int>(x.size());
    std::vector<std::pair<std::string, long double>> out;
    for (long code = 0; code < (1L << L); ++code) {
      std::string y = x;
      long double pr = 1;
      for (int i = 0; i < L; ++i) {
        if ((code >> i) & 1) { y[i] = '?'; pr *= t; } else pr *= 1 - t;
      }
      if (pr > 0) out.emplace_back(y, pr);
    }
    return out;
  };
}

inline std::vector<long double> sub_mixture(const Mixture& m, const std::vector<int>& s) {
  long double ws = 0;
  for (int t : s) ws += m.w[t];
  std::vector<long double> p(m.xs.size(), 0);
  for (int t : s)
    for (size_t i = 0; i < p.size(); ++i) p[i] += m.w[t] / ws * m.px[t][i];
  return p;
}

inline std::vector<int> all(const Mixture& m) {
  std::vector<int> s;
  for (size_t t = 0; t < m.w.size(); ++t) s.push_back(static_cast<int>(t));
  return s;
}

inline Law push_forward(const Mixture& m, const std::vector<long double>& p, const Kernel& k) {
  Law out;
  for (size_t i = 0; i < m.xs.size(); ++i)
    if (p[i] > 0)
      for (const auto& [y, pr] : k(m.xs[i])) out[y] += p[i] * pr;
  return out;
}

inline long double tv(const Law& a, const Law& b) {
  long double s = 0;
  for (const auto& [k, v] : a) s += std::fabs(v - (b.count(k) ? b.at(k) : 0));
  for (const auto& [k, v] : b)
    if (!a.count(k)) s += v;
  return s / 2;
}

inline long double forward_tv(const Mixture& m, const std::vector<int>& a, const std::vector<int>& b, const Kernel& k) {
  return tv(push_forward(m, sub_mixture(m, a), k), push_forward(m, sub_mixture(m, b), k));
}

// X ~ p^{S_init}, Y ~ K(·|X), X' ~ p(·|Y): the law of X' by Bayes' rule, then its TV to p^{S_target}.
inline long double fr_tv(const Mixture& m, const std::vector<int>& si, const std::vector<int>& st, const Kernel& k) {
  const Law py = push_forward(m, sub_mixture(m, all(m)), k);
  const Law qy = push_forward(m, sub_mixture(m, si), k);
  const std::vector<long double> p = sub_mixture(m, all(m)), target = sub_mixture(m, st);
  long double s = 0;
  for (size_t j = 0; j < m.xs.size(); ++j) {
    long double out = 0;  // P(X' = x_j) = Σ_y q(y) p(x_j) K(y|x_j) / p(y)
    for (const auto& [y, pr] : k(m.xs[j]))
      if (auto it = qy.find(y); it != qy.end()) out += it->second * p[j] * pr / py.at(y);
    s += std::fabs(out - target[j]);
  }
  return s / 2;
}

}  // namespace critwin::brute
