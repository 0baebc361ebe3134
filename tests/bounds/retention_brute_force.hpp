// Exact-rational brute force of the retention quantities (THEORY.md §6) for finite data spaces: every data
// point, every observation, Bayes' rule from the definitions (no density-ratio identity), in ExactReal.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "model/exact_real.hpp"

namespace critwin::brute_exact {

struct Mixture {
  std::vector<std::string> xs;
  std::vector<std::vector<ExactReal>> px;  // px[θ][i] = p^θ(xs[i])
  std::vector<ExactReal> w;
};
using Kernel = std::function<std::vector<std::pair<std::string, ExactReal>>(const std::string&)>;

struct Retention {
  ExactReal latent, label, cloning;
};

// X ~ p^S, Y ~ K(·|X), θ′ ~ P(θ | Y), X′ ~ p(· | Y); label(x) = argmax_θ w_θ p^θ(x), ties to the lowest index.
inline Retention retention(const Mixture& m, const std::vector<int>& s, const Kernel& k) {
  const size_t K = m.w.size(), n = m.xs.size();
  std::vector<bool> in_s(K, false);
  ExactReal ws;
  for (int t : s) {
    in_s[t] = true;
    ws += m.w[t];
  }
  std::map<std::string, std::vector<ExactReal>> q;  // q[y][θ] = P(Y = y | θ)
  std::map<std::string, std::vector<std::pair<size_t, ExactReal>>> back;  // y -> (i, K(y | x_i))
  for (size_t i = 0; i < n; ++i)
    for (const auto& [y, pr] : k(m.xs[i])) {
      auto& row = q[y];
      row.resize(K);
      for (size_t t = 0; t < K; ++t) row[t] += m.px[t][i] * pr;
      back[y].emplace_back(i, pr);
    }
  std::vector<bool> label_in_s(n);
  for (size_t i = 0; i < n; ++i) {
    size_t best = 0;
    for (size_t t = 1; t < K; ++t)
      if (m.w[t] * m.px[t][i] > m.w[best] * m.px[best][i]) best = t;
    label_in_s[i] = in_s[best];
  }
  Retention r;
  for (const auto& [y, row] : q) {
    ExactReal py, qs, ps;
    for (size_t t = 0; t < K; ++t) {
      py += m.w[t] * row[t];
      if (in_s[t]) qs += m.w[t] * row[t];
    }
    if (py.sign() == 0) continue;
    qs /= ws;  // P^S(Y = y)
    ExactReal post_s, sq;
    for (size_t t = 0; t < K; ++t) {
      const ExactReal post = m.w[t] * row[t] / py;
      if (in_s[t]) post_s += post;
      sq += post * post;
    }
    r.latent += qs * post_s;
    r.cloning += py * sq;
    ExactReal lab;  // P(label(X′) ∈ S | Y = y) = Σ_x p(x) K(y|x) 1[label(x) ∈ S] / p(y)
    for (const auto& [i, pr] : back[y]) {
      if (!label_in_s[i]) continue;
      ExactReal px;
      for (size_t t = 0; t < K; ++t) px += m.w[t] * m.px[t][i];
      lab += px * pr;
    }
    r.label += qs * lab / py;
  }
  return r;
}

inline Mixture bernoulli(int L, const std::vector<ExactReal>& probs, const std::vector<ExactReal>& w) {
  Mixture m;
  m.w = w;
  m.px.assign(probs.size(), {});
  for (long code = 0; code < (1L << L); ++code) {
    std::string x;
    int ones = 0;
    for (int i = 0; i < L; ++i) {
      const bool one = (code >> i) & 1;
      x += one ? '1' : '0';
      ones += one;
    }
    m.xs.push_back(x);
    for (size_t t = 0; t < probs.size(); ++t)
      m.px[t].push_back(pow(probs[t], ones) * pow(ExactReal(1) - probs[t], L - ones));
  }
  return m;
}

// Point masses on strings (a repeated string is one support point charged by every copy).
inline Mixture strings(const std::vector<std::string>& s, const std::vector<ExactReal>& w) {
  Mixture m;
  m.w = w;
  for (const auto& x : s)
    if (std::find(m.xs.begin(), m.xs.end(), x) == m.xs.end()) m.xs.push_back(x);
  m.px.assign(s.size(), std::vector<ExactReal>(m.xs.size()));
  for (size_t t = 0; t < s.size(); ++t)
    for (size_t i = 0; i < m.xs.size(); ++i)
      if (m.xs[i] == s[t]) m.px[t][i] = ExactReal(1);
  return m;
}

inline Kernel truncate(int visible) {
  return [visible](const std::string& x) {
    return std::vector<std::pair<std::string, ExactReal>>{{x.substr(0, visible), ExactReal(1)}};
  };
}

inline Kernel ordered(std::vector<int> order, int t) {
  return [order, t](const std::string& x) {
    std::string y = x;
    for (int r = 0; r < t; ++r) y[order[r]] = '?';
    return std::vector<std::pair<std::string, ExactReal>>{{y, ExactReal(1)}};
  };
}

inline Kernel random_mask(const ExactReal& t) {
  return [t](const std::string& x) {
    const int L = static_cast<int>(x.size());
    std::vector<std::pair<std::string, ExactReal>> out;
    for (long code = 0; code < (1L << L); ++code) {
      std::string y = x;
      ExactReal pr(1);
      for (int i = 0; i < L; ++i) {
        if ((code >> i) & 1) {
          y[i] = '?';
          pr *= t;
        } else {
          pr *= ExactReal(1) - t;
        }
      }
      if (pr.sign() != 0) out.emplace_back(y, pr);
    }
    return out;
  };
}

}  // namespace critwin::brute_exact
