// Proving and refuting inequalities: Z3 proofs, Arb-checked counterexamples, branch and bound on
// transcendental claims, spurious models, budgets and the semantics of undefined points.
#include <cmath>

#include <gtest/gtest.h>

#include "model/input_error.hpp"
#include "verify/expr_parser.hpp"
#include "verify/inequality_check.hpp"

using namespace critwin;
using namespace critwin::verify;

namespace {
VarRange R(const char* n, const char* lo, const char* hi) { return {n, *ExactReal::parse(lo), *ExactReal::parse(hi)}; }
CheckResult check(const char* f, const Box& box, long budget = 512) {
  CheckOptions o;
  o.max_boxes = budget;
  return inequality_check(expr_parse_formula(f, "expr"), box, o);
}
double at(const Counterexample& c, const std::string& n) {
  for (const auto& [k, v] : c.point)
    if (k == n) return v.to_double();
  ADD_FAILURE() << "no " << n;
  return NAN;
}
}  // namespace

TEST(InequalityCheck, PolynomialProofsWithUnboundedVariables) {
  EXPECT_EQ(check("a > 0 && b > 0 => a*b/(a+b) <= sqrt(a*b)/2", {}).verdict, Verdict::proved);
  EXPECT_EQ(check("x^2 - 2*x + 1 >= 0", {}).verdict, Verdict::proved);
  EXPECT_EQ(check("abs(x + y) <= abs(x) + abs(y)", {}).verdict, Verdict::proved);
}

TEST(InequalityCheck, RefutationsCarryAGenuineCounterexample) {
  CheckResult r = check("a > 0 && b > 0 => a*b/(a+b) <= sqrt(a*b)/4", {});
  ASSERT_EQ(r.verdict, Verdict::refuted);
  ASSERT_TRUE(r.counterexample);
  // Re-check independently in doubles: the point violates the claim by a clear margin.
  double a = at(*r.counterexample, "a"), b = at(*r.counterexample, "b");
  EXPECT_GT(a, 0);
  EXPECT_GT(b, 0);
  EXPECT_GT(a * b / (a + b), std::sqrt(a * b) / 4);
  EXPECT_EQ(r.counterexample->comparison, "a * b / (a + b) <= sqrt(a * b) / 4");
}

TEST(InequalityCheck, TranscendentalRefutationInsideTheBox) {
  CheckResult r = check("sqrt(2)*erfcinv(eps^2) <= ln(1/(2*eps^2))", {R("eps", "1/1000", "45/100")});
  ASSERT_EQ(r.verdict, Verdict::refuted);
  double e = at(*r.counterexample, "eps");
  EXPECT_GE(e, 0.001);
  EXPECT_LE(e, 0.45);
  // The crossing is near 0.3056 (mpmath); any counterexample must lie above it.
  EXPECT_GT(e, 0.3056);
}

TEST(InequalityCheck, SpuriousModelThenRefinementProves) {
  // Mills' ratio bound Q(x) <= φ(x)/x on [1, 4]: on wide boxes the enclosures of erfc and exp are loose enough
  // for Z3 to pick values the Arb re-check rejects; splitting tightens them until every box is proved.
  CheckResult r = check("erfc(x/sqrt(2))/2 <= exp(-x^2/2)/(x*sqrt(2*pi))", {R("x", "1", "4")});
  EXPECT_EQ(r.verdict, Verdict::proved);
  EXPECT_GT(r.spurious, 0);
  EXPECT_GT(r.boxes_proved, 1);
  EXPECT_EQ(r.boxes_unknown, 0);
  EXPECT_TRUE(r.transcendental);
}
TEST(InequalityCheck, BudgetExhaustedIsUnknownNeverProved) {
  // Pinsker for coins touches along the whole diagonal p = q: no box meeting it is certified, so a small budget
  // ends undecided — unknown, never proved.
  const char* pinsker = "0 < p && p < 1 && 0 < q && q < 1 => p*ln(p/q) + (1 - p)*ln((1 - p)/(1 - q)) >= 2*(p - q)^2";
  CheckResult r = check(pinsker, {R("p", "1/100", "99/100"), R("q", "1/100", "99/100")}, 20);
  EXPECT_EQ(r.verdict, Verdict::unknown);
  EXPECT_GT(r.boxes_unknown, 0);
  EXPECT_NE(r.note.find("budget"), std::string::npos);
  // A tangency at an interior point (exp(x) = 1 + x at 0) is now closed: split at 0, Taylor sign test at the edge.
  EXPECT_EQ(check("exp(x) >= 1 + x", {R("x", "-1", "1")}, 64).verdict, Verdict::proved);
}

TEST(InequalityCheck, UndefinedPointsAreNotProofs) {
  // x/x = 1 fails to be defined at 0; Z3's division there is unconstrained, and Arb cannot refute.
  EXPECT_NE(check("x/x == 1", {R("x", "-1", "1")}, 16).verdict, Verdict::proved);
  EXPECT_NE(check("sqrt(x) >= 0", {R("x", "-1", "1")}, 16).verdict, Verdict::proved);
  EXPECT_EQ(check("x >= 0 => sqrt(x) >= 0", {R("x", "-1", "1")}).verdict, Verdict::proved);
  EXPECT_EQ(check("x != 0 => x/x == 1", {}).verdict, Verdict::proved);
}

TEST(InequalityCheck, DeterministicUnderRlimit) {
  CheckResult a = check("erf(x) <= 2*x/sqrt(2) || x < 1/10", {R("x", "0", "3")});
  CheckResult b = check("erf(x) <= 2*x/sqrt(2) || x < 1/10", {R("x", "0", "3")});
  EXPECT_EQ(a.verdict, b.verdict);
  EXPECT_EQ(a.boxes_proved, b.boxes_proved);
  EXPECT_EQ(a.z3_calls, b.z3_calls);
  EXPECT_EQ(a.spurious, b.spurious);
}

TEST(InequalityCheck, TranscendentalClaimsNeedABox) {
  EXPECT_THROW(check("exp(x) >= 1 + x", {}), InputError);
}

TEST(RegionQuery, UnitDiscAreaIsBracketed) {
  const double pi4 = std::acos(-1.0) / 4;
  for (bool z3 : {false, true}) {
    CheckOptions o;
    o.max_boxes = z3 ? 300 : 4000;  // Z3 per boundary box is slow; a smaller budget still brackets the area
    o.use_z3 = z3;
    RegionResult r = region_query(expr_parse_formula("x^2 + y^2 <= 1", "e"), {R("x", "-1", "1"), R("y", "-1", "1")}, o);
    EXPECT_LE(r.inside, pi4);
    EXPECT_GE(r.inside + r.undecided, pi4);
    EXPECT_NEAR(r.inside + r.outside + r.undecided, 1.0, 1e-12);
    EXPECT_LT(r.undecided, z3 ? 0.3 : 0.1);
    EXPECT_EQ(r.z3_calls > 0, z3);
  }
}

// Issue 14 item 1: a claim that is undefined somewhere in its (assumed) domain is never proved; the evidence names
// the undefined subterm and a point where it is undefined. Each of these is a tautology wherever it is defined.
TEST(InequalityCheck, UndefinedSomewhereIsNeverProved) {
  struct Case {
    const char* f;
    Box box;
    const char* undefined;
  };
  const std::vector<Case> cases = {
      {"1/x < 0 || 1/x >= 0", {}, "denominator of 1 / x"},
      {"1/x < 0 || 1/x >= 0", {R("x", "-1", "1")}, "denominator of 1 / x"},
      {"1/0 == 1/0", {}, "denominator of 1 / 0"},
      {"sqrt(-1) < 0 || sqrt(-1) >= 0", {}, "argument of sqrt(-1)"},
      {"ln(x) < 0 || ln(x) >= 0", {R("x", "-1", "1")}, "argument of ln(x)"},
      {"erfcinv(x) < 0 || erfcinv(x) >= 0", {R("x", "0", "1")}, "argument of erfcinv(x)"},
  };
  for (const auto& c : cases) {
    CheckResult r = check(c.f, c.box);
    EXPECT_NE(r.verdict, Verdict::proved) << c.f;
    ASSERT_EQ(r.verdict, Verdict::refuted) << c.f << " " << r.note;
    ASSERT_TRUE(r.counterexample);
    EXPECT_EQ(r.counterexample->undefined, c.undefined) << c.f;
    // The reported point really is outside the subterm's domain (independent check in doubles).
    if (!c.box.empty()) {
      EXPECT_LE(at(*r.counterexample, "x"), 0) << c.f;
    }
  }
}

TEST(InequalityCheck, AssumptionsGuardDefinedness) {
  // Defined wherever the assumption holds: proved.
  EXPECT_EQ(check("x > 0 => ln(x) < x", {R("x", "-1", "4")}).verdict, Verdict::proved);
  EXPECT_EQ(check("x != 0 => 1/x < 0 || 1/x > 0", {}).verdict, Verdict::proved);
  EXPECT_EQ(check("x > 0 && 1/x > 0", {R("x", "-1", "1")}).verdict, Verdict::refuted);  // false at x <= 0 anyway
  // The right side of || only needs a value where the left side is false.
  EXPECT_EQ(check("x <= 0 || ln(x) <= x", {R("x", "-1", "4")}).verdict, Verdict::proved);
}
