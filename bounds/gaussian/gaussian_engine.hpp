// Exact engine for isotropic Gaussian mixtures under the OU process. Reduces exactly to the affine span
// of the means; two components use certified erf closed forms, up to three use high-precision quadrature.
#pragma once

#include <memory>

#include "bounds/exact_engine.hpp"

namespace critwin {

std::unique_ptr<ExactEngine> gaussian_engine_make(const Model& model, long precision_bits);

}  // namespace critwin
