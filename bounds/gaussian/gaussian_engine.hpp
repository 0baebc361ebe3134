// Exact engine for isotropic Gaussian mixtures under the OU process. Reduces exactly to the affine span
// of the means; two components use certified erf closed forms, up to three use high-precision quadrature.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

// The exact fr-tv sums over the sign changes of the posterior ratio between collinear means; beyond this
// many means that is slower than Monte Carlo at the same accuracy.
inline constexpr int kFrTvMaxCollinearMeans = 16;
// Non-collinear means are exact up to this many (a plane; higher spans are Monte Carlo only).
inline constexpr int kMaxNonCollinearMeans = 3;

std::unique_ptr<ExactEngine> gaussian_engine_make(const Model& model, long precision_bits);

}  // namespace critwin
