// The forward TV of an in-context-learning mixture as an exact rational (a finite sum over count tables).
#pragma once

#include "bounds/icl/icl_types.hpp"
#include "model/model.hpp"

namespace critwin {

// TV(p^A, p^B) with n visible complete pairs: ½ n! Σ_u |Σ_θ c_θ Π_τ q[τ][θ]^{u_τ}/u_τ!|, every term exact.
ExactReal icl_rational_tv(const Model& m, const IclTypes& types, const Subset& a, const Subset& b, long n);

}  // namespace critwin
