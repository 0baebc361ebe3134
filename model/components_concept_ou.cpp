// Model-file reader for `kind = "concept-ou"` (BoE Theorem 9): `alpha`, either `rho` or the unit vectors `u`
// and `v`, `dim` (default 2, or the length of u and v), `context` = T.
#include <fmt/format.h>

#include "model/component_parsers.hpp"
#include "model/input_error.hpp"
#include "model/toml_reader.hpp"

namespace critwin {

using namespace toml_reader;

namespace {

constexpr long kMaxContext = 1000000;  // words w_0..w_T are O(T) Arb balls in the engine

std::vector<ExactReal> unit_vector(const toml::table& c, std::string_view key, const std::string& field) {
  const auto* n = c.get(key);
  if (!n->is_array()) throw InputError(field, "must be an array of real numbers (a unit vector)");
  std::vector<ExactReal> x = real_array(*n->as_array(), field);
  if (x.size() < 2) throw InputError(field, fmt::format("must have at least 2 entries (got {})", x.size()));
  ExactReal n2;
  for (const auto& e : x) n2 += e * e;
  // Exact: the TVs depend on ⟨u, v⟩ and assume unit length, so "nearly unit" would silently change α.
  if (!(n2 == ExactReal::from_int(1)))
    throw InputError(field, fmt::format("must be a unit vector: the squared norm must be exactly 1 (got {})", n2.to_string()));
  return x;
}

}  // namespace

template <>
ConceptOuComponents parse_components<ConceptOuComponents>(const toml::table& c, size_t k) {
  check_keys(c, "components", {"kind", "alpha", "rho", "u", "v", "dim", "context"});
  if (k != 2)
    throw InputError("mixture.weights",
                     fmt::format("concept-ou models have exactly two components (the directions u, v) (got {} weights)", k));
  ConceptOuComponents p;
  const auto* a = c.get("alpha");
  if (!a) throw InputError("components.alpha", "is required (a real number > 0)");
  p.alpha = to_real(*a, "components.alpha");
  if (p.alpha.sign() <= 0) throw InputError("components.alpha", fmt::format("must be > 0 (got {})", p.alpha.to_string()));
  p.context = static_cast<int>(need_int(c, "context", "components.context", 0, kMaxContext));

  const bool has_rho = c.contains("rho"), has_u = c.contains("u"), has_v = c.contains("v");
  if (has_rho && (has_u || has_v))
    throw InputError(has_u ? "components.u" : "components.v", "give either rho or the unit vectors u and v, not both");
  if (!has_rho && !(has_u && has_v))
    throw InputError(has_u ? "components.v" : (has_v ? "components.u" : "components.rho"),
                     "is required: give rho = <u, v> in (-1, 1), or both unit vectors u and v");
  if (has_rho) {
    p.rho = to_real(*c.get("rho"), "components.rho");
    p.dim = c.contains("dim") ? static_cast<int>(need_int(c, "dim", "components.dim", 2, 1000000)) : 2;
  } else {
    p.u = unit_vector(c, "u", "components.u");
    p.v = unit_vector(c, "v", "components.v");
    if (p.u.size() != p.v.size())
      throw InputError("components.v", fmt::format("must have as many entries as u ({}) (got {})", p.u.size(), p.v.size()));
    p.dim = static_cast<int>(p.u.size());
    if (c.contains("dim") && need_int(c, "dim", "components.dim", 2, 1000000) != p.dim)
      throw InputError("components.dim", fmt::format("must equal the length of u and v ({})", p.dim));
    for (size_t i = 0; i < p.u.size(); ++i) p.rho += p.u[i] * p.v[i];
  }
  const ExactReal one = ExactReal::from_int(1);
  if (!(p.rho < one) || !(-one < p.rho))
    throw InputError(has_rho ? "components.rho" : "components.v",
                     fmt::format("<u, v> must be in the open interval (-1, 1): at ±1 the two components are the same law "
                                 "(got {})", p.rho.to_string()));
  return p;
}

}  // namespace critwin
