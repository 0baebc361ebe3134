// Claims files and the runner: parse errors name the field; every status (proved, refuted, unknown, holds,
// fails) is reached; closed forms are compared with the exact engines against independent formulas.
#include <cmath>

#include <gtest/gtest.h>

#include "bounds/paper/paper_closed_forms.hpp"
#include "model/input_error.hpp"
#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"
#include "verify/expr_ball.hpp"
#include "verify/expr_parser.hpp"

using namespace critwin;
using namespace critwin::verify;

namespace {
const std::string kDir = std::string(CRITWIN_SOURCE_DIR) + "/tests/verify";

std::vector<Claim> parse(const std::string& text) { return claims_file_parse(text, "t.toml", kDir); }

std::string parse_error(const std::string& text) {
  try {
    parse(text);
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no error for\n" << text;
  return "";
}

ClaimResult run1(const std::string& text) {
  auto cs = parse(text);
  EXPECT_EQ(cs.size(), 1u);
  return claim_run(cs.at(0), RunOptions{});
}

// E3 template: two strings, the second with ${s} (the differing prefix decides d_H).
const char* kE3 = R"(
template = '''
name = "E3"
[mixture]
weights = ["1/2", "1/2"]
labels = ["plus", "minus"]
[components]
kind = "strings"
alphabet = "01"
strings = ["0000000000", "${s}"]
[process]
kind = "random-mask"
'''
points = [{ dH = "3", s = "1110000000" }, { dH = "7", s = "1111111000" }]
grid = { eps = ["0.05", "1/5"] }
endpoint = "t_after"
s_after = "plus"
s_before = "plus,minus"
)";
}  // namespace

TEST(ClaimsFile, ErrorsNameFileClaimAndField) {
  EXPECT_NE(parse_error("").find("t.toml: claim: the file must contain at least one [[claim]]"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='lemma'\nexpr='x<1'").find("claim 'a': kind: must be one of"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'").find("claim 'a': expr: is required"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='x<1'\nexpect='true'").find("expect: must be one of"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='x<1'\nbox={x=['2','1']}").find("box.x: lower end 2 exceeds upper end 1"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='x<1'\nbox={y=['0','1']}").find("box.y: names a variable the claim does not use"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='x<(1'").find("claim 'a': expr: column 5"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='x<1'\n[[claim]]\nname='a'\nkind='inequality'\nexpr='x<2'").find("duplicate claim name 'a'"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='closed-form-window'\nclosed_form='x'\nendpoint='t_after'\ns_after='0'\ns_before='0,1'\ngrid={x=['1'],eps=['0.1']}\ntemplate='name=\"${y}\"'").find("placeholder ${y} has no parameter"), std::string::npos);
  EXPECT_NE(parse_error(std::string("[[claim]]\nname='a'\nkind='closed-form-window'\nclosed_form='eps^2'\nrelation='<'\n") + kE3).find("relation: must be"), std::string::npos);
  EXPECT_NE(parse_error(std::string("[[claim]]\nname='a'\nkind='closed-form-window'\nclosed_form='q + eps'\n") + kE3).find("uses 'q', which is not a parameter"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='theorem2'\nmodel='nope.toml'\ns_init='0'\ns_target='0'\neps=['0.1']").find("claim 'a': model: cannot read model file"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='x<1'\nbudget=0").find("budget: must be an integer in [1, 1000000]"), std::string::npos);
}

// A claim's model (and the claims file itself) is read only from a regular file: /dev/zero was read without
// end (memory grew until killed), a directory read as an empty model.
TEST(ClaimsFile, ModelMustBeARegularFile) {
  for (const char* path : {"/dev/zero", "/dev/null", "/tmp"}) {
    const std::string text = std::string("[[claim]]\nname='a'\nkind='theorem2'\nmodel='") + path +
                             "'\ns_init='0'\ns_target='0'\neps=['0.1']";
    EXPECT_NE(parse_error(text).find("claim 'a': model: model file '" + std::string(path) + "' is not a regular file"),
              std::string::npos) << path;
  }
  EXPECT_THROW(claims_file_load("/dev/zero"), InputError);
  EXPECT_THROW(claims_file_load("/tmp"), InputError);
}

// Issue 8 item 5: an input error inside a claims file is an InputError naming the claim and the field (exit 2 in
// the CLI), never a silent "unknown".
TEST(ClaimsFile, EngineInputErrorsNameTheClaimAndField) {
  const std::string t2 = "[[claim]]\nname='t2'\nkind='theorem2'\nmodel='../../examples/e5_coins.toml'\neps=['0.1']\n";
  EXPECT_NE(parse_error(t2 + "s_init='heads,tails'\ns_target='heads'").find("t.toml: claim 't2': s_init: must be contained in"), std::string::npos);
  EXPECT_NE(parse_error(t2 + "s_init='heads'\ns_target='sideways'").find("claim 't2': s_target:"), std::string::npos);
  EXPECT_NE(parse_error(std::string("[[claim]]\nname='cf'\nkind='closed-form-window'\nclosed_form='eps'\ntol=inf\n") + kE3).find("claim 'cf': tol: must be a finite real number"), std::string::npos);
  EXPECT_NE(parse_error(std::string("[[claim]]\nname='cf'\nkind='closed-form-window'\nclosed_form='eps'\ntol='inf'\n") + kE3).find("claim 'cf': tol: 'inf' is not an exact decimal or rational"), std::string::npos);
  // S_after must be a proper subset of S_before at every point.
  std::string same = kE3;
  same.replace(same.find("s_before = \"plus,minus\""), 24, "s_before = \"plus\"");
  EXPECT_NE(parse_error(std::string("[[claim]]\nname='cf'\nkind='closed-form-window'\nclosed_form='eps'\n") + same).find("claim 'cf': s_after: must be a proper subset"), std::string::npos);
}

// Issue 14 item 4: claims files are checked like model files.
TEST(ClaimsFile, TyposAreErrors) {
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='x<1'\nasume='x>0'").find("claim 'a': asume: unknown key"), std::string::npos);
  EXPECT_NE(parse_error("[[claims]]\nname='a'\nkind='inequality'\nexpr='x<1'").find("t.toml: claims: unknown top-level key"), std::string::npos);
  EXPECT_NE(parse_error("[claim]\nname='a'\nkind='inequality'\nexpr='x<1'").find("t.toml: claim: must be an array of tables, written [[claim]]"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='exp(x) >= 1 + x'").find("claim 'a': box: needs a range for 'x'"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='exp(x) >= y'\nbox={x=['0','1']}").find("needs a range for 'y'"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='pi*x <= 4*x'\nbox={pi=['0','1'], x=['0','1']}").find("claim 'a': box.pi: 'pi' is a constant"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='inequality'\nexpr='pi(x) <= 4'").find("'pi' is a constant, not a function"), std::string::npos);
  EXPECT_NE(parse_error("[[claim]]\nname='a'\nkind='theorem2'\nmodel='../../examples/e5_coins.toml'\ns_init='heads'\ns_target='heads'\neps=['0.1']\nt_hat=3").find("claim 'a': t_hat: unknown key"), std::string::npos);
}

TEST(ClaimRunner, PiAndEAreConstants) {
  // pi and e enter as certified constants: 3.14159 < pi < 3.14160 and e^2 = exp(2) up to the enclosure.
  EXPECT_EQ(run1("[[claim]]\nname='a'\nkind='inequality'\nexpr='3.14159 < pi && pi < 3.14160'").status, "proved");
  EXPECT_EQ(run1("[[claim]]\nname='b'\nkind='inequality'\nexpr='e*e <= exp(2) + 1e-30 && e*e >= exp(2) - 1e-30'").status, "proved");
  EXPECT_EQ(run1("[[claim]]\nname='c'\nkind='inequality'\nexpect='refuted'\nexpr='pi*x <= 3*x'\nbox={x=['0','1']}").status, "refuted");
}

TEST(ClaimsFile, GridIsTheProductWithPoints) {
  auto cs = parse(std::string("[[claim]]\nname='a'\nkind='closed-form-window'\nclosed_form='(eps^2)^(1/dH)'\n") + kE3);
  ASSERT_EQ(cs.size(), 1u);
  const auto& spec = std::get<ClosedFormWindowSpec>(cs[0].spec);
  EXPECT_EQ(spec.points.size(), 4u);  // 2 points × 2 eps
  EXPECT_EQ(cs[0].expect, "holds");
  EXPECT_NE(spec.model.text(spec.points[3], "model").find("\"1111111000\""), std::string::npos);
}

TEST(ClaimRunner, InequalityStatuses) {
  ClaimResult p = run1("[[claim]]\nname='amgm'\nkind='inequality'\nassume='a > 0 && b > 0'\nexpr='a*b/(a+b) <= sqrt(a*b)/2'\nbox={a=['0','10'],b=['0','10']}");
  EXPECT_EQ(p.status, "proved");
  EXPECT_TRUE(p.matches);
  ClaimResult r = run1("[[claim]]\nname='twin'\nkind='inequality'\nexpect='refuted'\nassume='a > 0 && b > 0'\nexpr='a*b/(a+b) <= sqrt(a*b)/4'");
  EXPECT_EQ(r.status, "refuted");
  EXPECT_TRUE(r.matches);
  EXPECT_TRUE(r.details.contains("counterexample"));
  ClaimResult u = run1("[[claim]]\nname='tight'\nkind='inequality'\nassume='0 < p && p < 1 && 0 < q && q < 1'\n"
                       "expr='p*ln(p/q) + (1 - p)*ln((1 - p)/(1 - q)) >= 2*(p - q)^2'\nbox={p=['1/100','99/100'],q=['1/100','99/100']}\nbudget=20");
  EXPECT_EQ(u.status, "unknown");
  EXPECT_FALSE(u.matches);
  EXPECT_TRUE(claim_result_ok(u, false));
  EXPECT_FALSE(claim_result_ok(u, true));
}

TEST(ClaimRunner, ClosedFormWindowHoldsAndFailsAgainstTheStringsEngine) {
  // Random masking of two strings at Hamming distance d: T_after = (eps^2)^(1/d) exactly (independent
  // derivation: TV(p_t^+, p_t^-) = 1 - t^d). Equality holds within tol; adding 1/100 must fail everywhere.
  ClaimResult h = run1(std::string("[[claim]]\nname='a'\nkind='closed-form-window'\nclosed_form='(eps^2)^(1/dH)'\ntol='1e-9'\n") + kE3);
  EXPECT_EQ(h.status, "holds") << h.evidence;
  for (const auto& row : h.details["points"]) EXPECT_NEAR(row["slack"].get<double>(), 0, 1e-12);
  ClaimResult f = run1(std::string("[[claim]]\nname='a'\nkind='closed-form-window'\nexpect='fails'\nclosed_form='(eps^2)^(1/dH) + 1/100'\ntol='1e-9'\n") + kE3);
  EXPECT_EQ(f.status, "fails");
  EXPECT_EQ(f.details["failed"].get<long>(), 4);
  for (const auto& row : f.details["points"]) EXPECT_NEAR(row["slack"].get<double>(), -0.01, 1e-9);
  // Without a tolerance, an exact equality cannot be certified either way: unknown, not holds.
  ClaimResult u = run1(std::string("[[claim]]\nname='a'\nkind='closed-form-window'\nclosed_form='(eps^2)^(1/dH)'\n") + kE3);
  EXPECT_NE(u.status, "fails");
}

TEST(ClaimRunner, Theorem2OnCoinsHoldsWithTightnessRatio) {
  ClaimResult t = run1("[[claim]]\nname='t2'\nkind='theorem2'\nmodel='../../examples/e5_coins.toml'\ns_init='heads'\ns_target='heads'\neps=['0.1','0.3']\nt_hat_count=3");
  EXPECT_EQ(t.status, "holds") << t.evidence;
  // The bound is an upper bound: every ratio bound/exact is at least 1.
  EXPECT_GE(t.details["min_ratio_bound_over_exact"].get<double>(), 1.0);
  EXPECT_EQ(t.details["held"].get<long>(), 6);
}

TEST(ClaimRunner, ClosedFormsInTheLanguageAgreeWithTheCxxPaperForms) {
  // The bundled claims state E1/E3/E5 closed forms as text; bounds/paper_closed_forms.cpp is an independent
  // C++ transcription. Both must agree to the last bits.
  BallPrecisionScope scope(128);
  for (const char* eps : {"0.01", "0.2", "0.45"}) {
    const ExactReal e = *ExactReal::parse(eps);
    BallEnv env{{"eps", e.ball()}, {"m", Ball(8)}, {"dH", Ball(20)}, {"delta", ExactReal::parse("0.1")->ball()}, {"L", Ball(600)}};
    PaperWindow e1 = paper_e1_window(ExactReal::from_int(64), e);
    PaperWindow e3 = paper_e3_window(20, e);
    PaperWindow e5 = paper_e5_window(600, *ExactReal::parse("0.1"), e);
    auto near = [&](const char* text, const std::optional<Estimate>& want) {
      ASSERT_TRUE(want);
      EXPECT_NEAR(expr_eval_ball(expr_parse_term(text, "t"), env).mid(), want->value, 1e-14 * (1 + std::fabs(want->value))) << text << " eps=" << eps;
    };
    near("ln(m) - ln(ln(1/(2*eps^2)))", e1.t_after);
    near("ln(m) + ln(2) + ln(1/eps)", e1.t_before);
    near("(eps^2)^(1/dH)", e3.t_after);
    near("(1 - eps)^(1/dH)", e3.t_before);
    near("L - ln(2/eps^2)/(2*delta^2)", e5.t_after);
    near("L - eps^2/delta^2 + 2", e5.t_before);
  }
}
