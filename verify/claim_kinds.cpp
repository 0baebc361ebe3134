#include "verify/claim.hpp"

namespace critwin::verify {

namespace {

template <class S>
ClaimKindRow kind_row() {
  return {S::kind, S::default_expect, [](ClaimTable& t) -> ClaimSpec { return S::parse(t); },
          [](const Claim& c, const RunOptions& opt, ClaimResult& out) { std::get<S>(c.spec).check(c, opt, out); }};
}

template <class... S>
std::vector<ClaimKindRow> kind_rows(const std::variant<S...>*) {
  return {kind_row<S>()...};
}

}  // namespace

const std::vector<ClaimKindRow>& claim_kinds() {
  static const std::vector<ClaimKindRow> rows = kind_rows(static_cast<const ClaimSpec*>(nullptr));
  return rows;
}

std::string_view claim_kind_name(const Claim& c) { return claim_kinds()[c.spec.index()].name; }

}  // namespace critwin::verify
