// GaussianSpan: the exact reduction of an isotropic Gaussian mixture to the affine span of its means.
// Directions orthogonal to the span carry the same noise for every component, so every TV depends only
// on the Gram matrix of the mean differences, which is kept as exact rationals (ExactReal).
#pragma once

#include <array>
#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

#include "model/ball.hpp"
#include "model/components.hpp"
#include "model/exact_real.hpp"
#include "model/subset.hpp"

namespace critwin {

// ExactReal -> a floating type (double or a Boost.Multiprecision mpfr number), correctly rounded.
template <class Real>
Real real_of(const ExactReal& q) {
  if constexpr (std::is_same_v<Real, double>) {
    return q.to_double();
  } else {
    Real r;
    q.to_mpfr(r);
    return r;
  }
}

struct GaussianSpan {
  int components = 0;
  int atoms = 0;                        // number of distinct means
  int rank = 0;                         // dimension of the affine span of the means
  std::vector<int> atom_of;             // component -> index of its distinct mean
  std::vector<std::vector<ExactReal>> gram;  // <m_i − m_0, m_j − m_0> over atoms, exact
  ExactReal variance;
  std::vector<ExactReal> weights;        // per component

  ExactReal distance2(int i, int j) const { return gram[i][i] + gram[j][j] - ExactReal(2) * gram[i][j]; }

  // γ_j = Σ_{θ∈A, atom θ = j} w_θ / w_A − (same for B): the signed measure p^A − p^B lives on the atoms.
  std::vector<ExactReal> atom_coefficients(const Subset& a, const Subset& b) const;
  // Σ_{θ∈S, atom θ = j} w_θ: the mass S puts on each atom (not normalised).
  std::vector<ExactReal> atom_masses(const Subset& s) const;
  // Normalised weights of the sub-mixture S on the atoms.
  std::vector<ExactReal> atom_weights(const Subset& s) const;

  // Orthonormal coordinates of the atoms in the span (rank <= 2): atom 0 at the origin, atom 1 on the
  // first axis. Square roots make them inexact, hence the floating type.
  template <class Real>
  std::vector<std::array<Real, 2>> coordinates() const;
};

// Builds the reduction; throws InputError("components.means", …) when the model is beyond the exact
// engine (more than 3 components whose means are not collinear).
GaussianSpan gaussian_span_make(const GaussianComponents& g, const std::vector<ExactReal>& weights);

template <class Real>
std::vector<std::array<Real, 2>> GaussianSpan::coordinates() const {
  using std::sqrt;
  std::vector<std::array<Real, 2>> c(atoms, {Real(0), Real(0)});
  if (atoms < 2) return c;
  const Real g11 = real_of<Real>(gram[1][1]);
  const Real n1 = sqrt(g11);
  for (int j = 1; j < atoms; ++j) c[j][0] = real_of<Real>(gram[j][1]) / n1;
  if (rank == 2) {
    // Second axis: the component of atom 2 orthogonal to atom 1 (only K = 3 reaches rank 2 here).
    ExactReal det = gram[1][1] * gram[2][2] - gram[1][2] * gram[1][2];
    c[2][1] = sqrt(real_of<Real>(det / gram[1][1]));
  }
  return c;
}

}  // namespace critwin
