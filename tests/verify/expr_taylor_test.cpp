// The Taylor sign test: it certifies contact points (both sides equal at a box edge), and it never certifies a
// sign that is false somewhere — checked against dense sampling in long double, independently of Arb.
#include <cmath>

#include <gtest/gtest.h>

#include "verify/expr_parser.hpp"
#include "verify/expr_taylor.hpp"

using namespace critwin;
using namespace critwin::verify;

namespace {
VarRange R(const char* n, const char* lo, const char* hi) { return {n, *ExactReal::parse(lo), *ExactReal::parse(hi)}; }
bool certified(const char* g, const Box& box, bool strict = false) {
  BallPrecisionScope scope(128);
  return taylor_certifies_nonneg(expr_parse_term(g, "g"), box, strict);
}
}  // namespace

TEST(ExprTaylor, CertifiesContactAtABoxEdge) {
  // Order-2 contact: x − ln(1+x) = x²/2 − ...; order 3: e^x − (1 + x + x²/2); order 4: e^{x²/2} − cosh x.
  EXPECT_TRUE(certified("x - ln(1 + x)", {R("x", "0", "1/4")}));
  EXPECT_TRUE(certified("x - ln(1 + x)", {R("x", "-1/4", "0")}));
  EXPECT_TRUE(certified("exp(x) - (1 + x + x^2/2)", {R("x", "0", "1/4")}));
  EXPECT_TRUE(certified("exp(x^2/2) - (exp(x) + exp(-x))/2", {R("x", "0", "1/8")}));
  EXPECT_TRUE(certified("exp(x^2/2) - (exp(x) + exp(-x))/2", {R("x", "-1/8", "0")}));
  // Contact at the centre: x² e^x on [−1/4, 1/4] (interval arithmetic alone gives a negative lower end only
  // through the dependency; the Taylor form at 0 has zero constant and linear terms).
  EXPECT_TRUE(certified("exp(x) - 1 - x", {R("x", "-1/4", "1/4")}));
  // Zero is not > 0: a strict sign at a contact point is never certified.
  EXPECT_FALSE(certified("x - ln(1 + x)", {R("x", "0", "1/4")}, true));
}

TEST(ExprTaylor, NeverCertifiesAFalseSign) {
  // Each is negative somewhere in its box (found by sampling below), by as little as 1e-12.
  const std::vector<std::pair<const char*, Box>> cases = {
      {"x^3", {R("x", "-1/8", "1/8")}},
      {"ln(1 + x) - x + 1/1000000000000", {R("x", "0", "1/4")}},
      {"exp(x) - 1 - x - 1/1000000000000", {R("x", "-1/1000", "1/1000")}},
      {"(exp(x) + exp(-x))/2 - exp(x^2/3)", {R("x", "0", "2")}},
      {"x*y - 1/1000", {R("x", "0", "1/10"), R("y", "0", "1/10")}},
      {"sqrt(1 + x) - 1 - x/2", {R("x", "0", "1/2")}},
      {"x - erf(x)", {R("x", "0", "1/2")}},  // erf(x) ≈ 1.128 x near 0
  };
  for (const auto& [g, box] : cases) {
    EXPECT_FALSE(certified(g, box)) << g;
  }
}

TEST(ExprTaylor, CertifiedSignsHoldAtSampledPoints) {
  // Family g_c(x) = e^x − 1 − x − c x³ on [−1/2, 1/2]: nonnegative iff c = 0 (for c ≠ 0 the cubic term wins on one
  // side near 0). Whatever is certified must agree with sampling.
  for (const char* c : {"0", "1/100", "-1/100", "1/1000000"}) {
    std::string g = std::string("exp(x) - 1 - x - ") + c + "*x^3";
    const bool cert = certified(g.c_str(), {R("x", "-1/2", "1/2")});
    const long double cv = ExactReal::parse(c)->to_double();
    bool negative = false;
    for (int i = -200000; i <= 200000; ++i) {
      long double x = 0.5L * i / 200000;
      if (std::expm1(x) - x - cv * x * x * x < 0) negative = true;
    }
    EXPECT_FALSE(cert && negative) << g;
    if (std::string(c) == "0") {
      EXPECT_TRUE(cert);
    }
  }
}

TEST(ExprTaylor, CentredFormKeepsCorrelations) {
  // exp(x+y) = exp(x) exp(y): with a margin the claim is provable only if the correlation survives; with the
  // margin on the wrong side it must be refuted, never proved.
  auto truth = [](const char* f) {
    BallPrecisionScope scope(128);
    return truth_on_box(expr_parse_formula(f, "f"), {R("x", "0", "1/16"), R("y", "0", "1/16")});
  };
  EXPECT_EQ(truth("exp(x + y) <= exp(x)*exp(y) + 1/256"), Truth::yes);
  EXPECT_NE(truth("exp(x + y) <= exp(x)*exp(y) - 1/256"), Truth::yes);
  EXPECT_EQ(truth("exp(x + y) <= exp(x)*exp(y) - 1/256"), Truth::no);
}
