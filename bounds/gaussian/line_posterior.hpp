// Posterior weights of the atoms of a Gaussian mixture on a line (shared by the fr-tv and retention quadratures).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace critwin::gauss {

// e[j] ∝ w_j N(y; scale·c_j, var) for the atoms c_j with log-weights logw_j, up to a common factor (the largest
// log-weight is factored out, so nothing overflows or underflows); returns Σ_j e[j]. `e` holds c.size() entries.
template <class Real>
Real line_atom_weights(const std::vector<Real>& c, const std::vector<Real>& logw, const Real& y, const Real& scale,
                       const Real& var, Real* e) {
  using std::exp;
  Real top = -std::numeric_limits<Real>::infinity();
  for (std::size_t j = 0; j < c.size(); ++j) {
    const Real d = y - scale * c[j];
    e[j] = logw[j] - d * d / (2 * var);
    top = std::max(top, e[j]);
  }
  Real den = 0;
  for (std::size_t j = 0; j < c.size(); ++j) {
    e[j] = exp(Real(e[j] - top));
    den += e[j];
  }
  return den;
}

}  // namespace critwin::gauss
