// The E7 section of `critwin paper`: the ε-mixture tree of a product alphabet under ordered masking (BoE
// Example 7, Definition 8) built exactly, its depth against the paper's "depth = sequence length", and
// Corollary 1's chain of Theorem-2 bounds along one leaf's path.
#pragma once

#include "app/paper_all_or_nothing.hpp"

namespace critwin::app {

// From the bundled examples/e7_product_alphabet.toml at ε = 1/10 and 128 bits, along the leaf `bz1`.
PaperSection paper_e7_section();

}  // namespace critwin::app
