#include "bounds/gaussian/gaussian_span.hpp"

#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin {

namespace {

// Rank of a symmetric rational matrix by exact Gaussian elimination.
int exact_rank(std::vector<std::vector<ExactReal>> a) {
  const int n = static_cast<int>(a.size());
  int rank = 0;
  for (int col = 0; col < n && rank < n; ++col) {
    int piv = -1;
    for (int r = rank; r < n; ++r)
      if (a[r][col].sign() != 0) { piv = r; break; }
    if (piv < 0) continue;
    std::swap(a[piv], a[rank]);
    for (int r = rank + 1; r < n; ++r) {
      if (a[r][col].sign() == 0) continue;
      ExactReal f = a[r][col] / a[rank][col];
      for (int c = col; c < n; ++c) a[r][c] -= f * a[rank][c];
    }
    ++rank;
  }
  return rank;
}

}  // namespace

GaussianSpan gaussian_span_make(const GaussianComponents& g, const std::vector<ExactReal>& weights) {
  GaussianSpan s;
  s.components = static_cast<int>(g.means.size());
  s.variance = g.variance;
  for (const auto& w : weights) s.weights.push_back(w);
  std::vector<std::vector<ExactReal>> means;
  for (const auto& m : g.means) {
    std::vector<ExactReal> v;
    for (const auto& x : m) v.push_back(x);
    means.push_back(std::move(v));
  }
  // Components with equal means are one atom: the reduction below needs distinct points.
  std::vector<std::vector<ExactReal>> atom_means;
  for (const auto& m : means) {
    int found = -1;
    for (size_t j = 0; j < atom_means.size(); ++j)
      if (atom_means[j] == m) { found = static_cast<int>(j); break; }
    if (found < 0) {
      found = static_cast<int>(atom_means.size());
      atom_means.push_back(m);
    }
    s.atom_of.push_back(found);
  }
  s.atoms = static_cast<int>(atom_means.size());
  s.gram.assign(s.atoms, std::vector<ExactReal>(s.atoms, ExactReal()));
  for (int i = 1; i < s.atoms; ++i)
    for (int j = 1; j < s.atoms; ++j) {
      ExactReal acc;
      for (size_t k = 0; k < atom_means[0].size(); ++k)
        acc += (atom_means[i][k] - atom_means[0][k]) * (atom_means[j][k] - atom_means[0][k]);
      s.gram[i][j] = acc;
    }
  std::vector<std::vector<ExactReal>> sub;
  for (int i = 1; i < s.atoms; ++i) sub.emplace_back(s.gram[i].begin() + 1, s.gram[i].end());
  s.rank = exact_rank(sub);
  if (s.rank > 2 || (s.rank == 2 && s.atoms > 3))
    throw InputError("components.means",
                     fmt::format("{} distinct means spanning an affine space of dimension {}: more than 3 Gaussian "
                                 "components are not supported exactly unless their means are collinear; use "
                                 "Monte Carlo (critwin sample)",
                                 s.atoms, s.rank));
  return s;
}

std::vector<ExactReal> GaussianSpan::atom_masses(const Subset& sub) const {
  std::vector<ExactReal> out(atoms, ExactReal());
  for (int i : sub.indices()) out[atom_of[i]] += weights[i];
  return out;
}

std::vector<ExactReal> GaussianSpan::atom_weights(const Subset& sub) const {
  std::vector<ExactReal> out = atom_masses(sub);
  ExactReal total;
  for (const auto& m : out) total += m;
  for (auto& m : out) m /= total;
  return out;
}

std::vector<ExactReal> GaussianSpan::atom_coefficients(const Subset& a, const Subset& b) const {
  auto ga = atom_weights(a), gb = atom_weights(b);
  for (int j = 0; j < atoms; ++j) ga[j] -= gb[j];
  return ga;
}

}  // namespace critwin
