// Multivariate Taylor models (issue 14): they certify boxes touching a contact line x_i = const and a degenerate
// contact point on it, and never certify a sign that is false somewhere — checked against dense sampling in
// long double, independently of Arb, FLINT and Z3. Then whole claims of the same kinds that are not in the
// public benchmark, true and false, through the claim runner.
#include <cmath>
#include <functional>

#include <gtest/gtest.h>

#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"
#include "verify/expr_parser.hpp"
#include "verify/taylor_model.hpp"

using namespace critwin;
using namespace critwin::verify;

namespace {

VarRange R(const char* n, const char* lo, const char* hi) { return {n, *ExactReal::parse(lo), *ExactReal::parse(hi)}; }

bool certified(const char* g, const Box& box, bool strict = false) {
  BallPrecisionScope scope(128);
  SolverLimits limits;
  limits.rlimit = 2'000'000;
  limits.timeout_ms = 2000;
  return taylor_model_certifies_nonneg(expr_parse_term(g, "g"), box, strict, limits);
}

// min of f over a 201 x 201 grid of the box, in long double.
long double grid_min(const std::function<long double(long double, long double)>& f, const Box& b) {
  long double m = INFINITY;
  const long double x0 = b[0].lo.to_double(), x1 = b[0].hi.to_double(), y0 = b[1].lo.to_double(), y1 = b[1].hi.to_double();
  for (int i = 0; i <= 200; ++i)
    for (int j = 0; j <= 200; ++j) m = std::min(m, f(x0 + (x1 - x0) * i / 200, y0 + (y1 - y0) * j / 200));
  return m;
}

ClaimResult run(const std::string& toml) {
  const auto claims = claims_file_parse(toml, "test.toml", ".");
  return claim_run(claims.at(0), RunOptions{});
}

}  // namespace

TEST(TaylorModel, CertifiesContactAlongAnAxisLine) {
  // e^{xy} − 1 − xy = (xy)²/2 + ... vanishes on both axes: contact along y = 0 (and x = 0) of order 2.
  EXPECT_TRUE(certified("exp(x*y) - 1 - x*y", {R("x", "0", "1/2"), R("y", "0", "1/4")}));
  EXPECT_TRUE(certified("exp(x*y) - 1 - x*y", {R("x", "1/4", "1/2"), R("y", "-1/4", "0")}));
  // Hoeffding's lemma in the difference form, at its degenerate point (p, s) = (1/2, 0) where the s² coefficient
  // (p − 1/2)²/2 vanishes too: order-4 contact.
  EXPECT_TRUE(certified("p*s + s^2/8 - ln(1 - p + p*exp(s))", {R("p", "1/2", "9/16"), R("s", "0", "1/16")}));
  EXPECT_TRUE(certified("p*s + s^2/8 - ln(1 - p + p*exp(s))", {R("p", "7/16", "1/2"), R("s", "-1/16", "0")}));
}

TEST(TaylorModel, NeverCertifiesAFalseSign) {
  struct Case {
    const char* g;
    Box box;
    std::function<long double(long double, long double)> f;
  };
  const std::vector<Case> cases = {
      // e^t − 1 − t − t²/2 is < 0 for t = xy < 0 (third-order contact with the wrong sign on one side).
      {"exp(x*y) - 1 - x*y - x^2*y^2/2", {R("x", "0", "1/2"), R("y", "-1/4", "0")},
       [](long double x, long double y) { return std::exp(x * y) - 1 - x * y - x * x * y * y / 2; }},
      // Hoeffding with s²/10: negative near s = 0 at p = 1/2.
      {"p*s + s^2/10 - ln(1 - p + p*exp(s))", {R("p", "1/2", "9/16"), R("s", "0", "1/16")},
       [](long double p, long double s) { return p * s + s * s / 10 - std::log(1 - p + p * std::exp(s)); }},
      // A contact line whose quadratic coefficient changes sign inside the box: (x − 1/3) y² + y⁴/100.
      {"(x - 1/3)*(exp(y) - 1 - y) + y^4/1000", {R("x", "0", "1/2"), R("y", "0", "1/4")},
       [](long double x, long double y) { return (x - 1.0L / 3) * (std::exp(y) - 1 - y) + y * y * y * y / 1000; }},
      // Off by 1e-12 at the contact: exactly what a remainder that forgot the contact would certify.
      {"exp(x*y) - 1 - x*y - 1/1000000000000", {R("x", "0", "1/2"), R("y", "0", "1/4")},
       [](long double x, long double y) { return std::exp(x * y) - 1 - x * y - 1e-12L; }},
  };
  for (const auto& c : cases) {
    ASSERT_LT(grid_min(c.f, c.box), 0) << c.g << ": the case must really be false somewhere";
    EXPECT_FALSE(certified(c.g, c.box)) << c.g;
  }
}

// Claims of the public benchmark's kinds with other functions and constants: contact along a line, a degenerate
// contact point, dependency; each true claim proved at the default budget, each false twin refuted.
TEST(TaylorModel, NewClaimsOfTheBenchmarkKinds) {
  struct Case {
    const char* name;
    const char* body;
    const char* want;
  };
  const std::vector<Case> cases = {
      // Hoeffding's lemma for a variable with range 2 ({-1, 1} shifted): ln E e^{sX} <= s E X + s² (b−a)²/8.
      {"hoeffding-range-2", "expr = 'ln(1 - p + p*exp(2*s)) <= 2*p*s + s^2/2'\nbox = { p = ['0', '1'], s = ['-1', '1'] }", "proved"},
      {"hoeffding-range-2 twin", "expr = 'ln(1 - p + p*exp(2*s)) <= 2*p*s + s^2/3'\nbox = { p = ['0', '1'], s = ['-1', '1'] }", "refuted"},
      // e^{xy} >= 1 + xy: contact along both axes.
      {"exp-product-tangent", "expr = 'exp(x*y) >= 1 + x*y'\nbox = { x = ['-1', '1'], y = ['-1', '1'] }", "proved"},
      {"exp-product-tangent twin", "expr = 'exp(x*y) >= 1 + x*y + x^2*y^2/2'\nbox = { x = ['-1', '1'], y = ['-1', '1'] }", "refuted"},
      // Dependency: ln(xy) = ln x + ln y with a 1e-3 slack.
      {"log-product", "expr = 'ln(x*y) <= ln(x) + ln(y) + 1/1000'\nbox = { x = ['1/2', '2'], y = ['1/2', '2'] }", "proved"},
      {"log-product twin", "expr = 'ln(x*y) <= ln(x) + ln(y) - 1/1000'\nbox = { x = ['1/2', '2'], y = ['1/2', '2'] }", "refuted"},
  };
  for (const auto& c : cases) {
    const ClaimResult r = run(std::string("[[claim]]\nname = '") + c.name + "'\nkind = 'inequality'\nexpect = '" + c.want + "'\n" + c.body + "\n");
    EXPECT_EQ(r.status, c.want) << c.name << ": " << r.evidence;
  }
}
