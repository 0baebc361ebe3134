// The claim expression language: precedence, unicode spellings, chains, and errors that point at a column.
#include <gtest/gtest.h>

#include "model/input_error.hpp"
#include "verify/expr_ball.hpp"
#include "verify/expr_parser.hpp"

using namespace critwin;
using namespace critwin::verify;

namespace {
std::string round_trip(const char* s) { return expr_to_string(expr_parse(s, "expr")); }

std::string error_of(const char* s) {
  try {
    expr_parse_formula(s, "claim.expr");
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "claim.expr");
    return e.what();
  }
  ADD_FAILURE() << "no error for " << s;
  return "";
}

double eval(const char* s, double x = 0) {
  BallEnv env;
  env["x"] = Ball(x);
  return expr_eval_ball(expr_parse_term(s, "t"), env).mid();
}
}  // namespace

TEST(ExprParser, PrecedenceAndAssociativity) {
  EXPECT_EQ(round_trip("1 + 2 * 3"), "1 + 2 * 3");
  EXPECT_EQ(round_trip("(1 + 2) * 3"), "(1 + 2) * 3");
  EXPECT_EQ(round_trip("a - (b - c)"), "a - (b - c)");
  EXPECT_EQ(round_trip("a - b - c"), "a - b - c");
  EXPECT_EQ(round_trip("2^3^2"), "2^3^2");
  EXPECT_EQ(round_trip("-x^2"), "-x^2");
  EXPECT_EQ(round_trip("a > 0 && b > 0 || c < 1 => d >= 2"), "a > 0 && b > 0 || c < 1 => d >= 2");
  // Values settle the meaning independently of the printer: -x^2 = -(x^2), 2^3^2 = 2^9, 8/4/2 = 1.
  EXPECT_DOUBLE_EQ(eval("-x^2", 3), -9);
  EXPECT_DOUBLE_EQ(eval("2^3^2"), 512);
  EXPECT_DOUBLE_EQ(eval("8/4/2"), 1);
  EXPECT_DOUBLE_EQ(eval("2 - 3 - 4"), -5);
  EXPECT_NEAR(eval("erfc(x) + erf(x)", 0.7), 1, 1e-15);
  EXPECT_NEAR(eval("erfcinv(erfc(x))", 0.3), 0.3, 1e-15);
  EXPECT_NEAR(eval("ln(exp(x)) + log(1)", 1.25), 1.25, 1e-15);
  EXPECT_NEAR(eval("x^(1/2) - sqrt(x)", 2), 0, 1e-15);
  EXPECT_DOUBLE_EQ(eval("min(x, 2) + max(x, 2) + abs(-x)", 5), 12);
  EXPECT_DOUBLE_EQ(eval("1e-3 * 1000 + 0.5 + 3/10"), 1.8);
}

TEST(ExprParser, UnicodeAndWordOperators) {
  EXPECT_EQ(expr_to_string(expr_parse("a ≤ b ∧ ¬(c ≥ d) ∨ e ≠ f ⇒ g − h·k < 0", "e")),
            "a <= b && !(c >= d) || e != f => g - h * k < 0");
  EXPECT_EQ(expr_to_string(expr_parse("x > 0 and not y > 0 or z < 1", "e")), "x > 0 && !(y > 0) || z < 1");
}

// Without spaces each operator is the longest one that fits, whether it is spelled in ASCII or Unicode, and an
// operator may end the text (the tokenizer looks at most one character ahead).
TEST(ExprParser, OperatorsWithoutSpaces) {
  EXPECT_EQ(expr_to_string(expr_parse("a<=b&&!(c>=d)||e!=f=>g-h*k<0", "e")),
            "a <= b && !(c >= d) || e != f => g - h * k < 0");
  EXPECT_EQ(expr_to_string(expr_parse("a≤b∧¬(c≥d)∨e≠f⇒g−h·k<0", "e")), "a <= b && !(c >= d) || e != f => g - h * k < 0");
  EXPECT_EQ(round_trip("!!(a<b)"), "!!(a < b)");
  EXPECT_DOUBLE_EQ(eval("2^-x*--3", 1), 1.5);  // 2^(-1) * 3
  EXPECT_NE(error_of("x <").find("unexpected end of input"), std::string::npos);
  EXPECT_NE(error_of("x <=").find("unexpected end of input"), std::string::npos);
  EXPECT_NE(error_of("x < 1 &").find("unexpected character '&'"), std::string::npos);
}

TEST(ExprParser, ComparisonChainsAreConjunctions) {
  ExprPtr e = expr_parse("0 < x <= 1", "e");
  EXPECT_EQ(e->op, Op::and_);
  EXPECT_EQ(expr_to_string(e), "0 < x && x <= 1");
  BallEnv env;
  env["x"] = Ball(1);
  EXPECT_EQ(expr_eval_truth(e, env), Truth::yes);
  env["x"] = Ball(0);
  EXPECT_EQ(expr_eval_truth(e, env), Truth::no);
}

TEST(ExprParser, ErrorsNameTheColumn) {
  std::string m = error_of("a*b/(a+b <= 3");
  EXPECT_NE(m.find("column 14: expected ')'"), std::string::npos) << m;
  EXPECT_NE(m.find("             ^"), std::string::npos) << m;  // caret under column 14
  EXPECT_NE(error_of("x <= 2 +").find("column 9: unexpected end of input"), std::string::npos);
  EXPECT_NE(error_of("x <= foo(2)").find("column 6: unknown function 'foo'"), std::string::npos);
  EXPECT_NE(error_of("x <= min(2)").find("'min' takes 2 arguments, got 1"), std::string::npos);
  EXPECT_NE(error_of("x <= 2 $ 3").find("column 8: unexpected character '$'"), std::string::npos);
  EXPECT_NE(error_of("x <= 2 3").find("column 8: unexpected '3' after a complete expression"), std::string::npos);
  // Columns count characters, not bytes, so a caret after a UTF-8 operator still lines up.
  EXPECT_NE(error_of("x ≤ (2").find("column 7:"), std::string::npos);
}

TEST(ExprParser, TypeErrors) {
  EXPECT_NE(error_of("(x < 1) + 2 > 0").find("'+' needs a number"), std::string::npos);
  EXPECT_NE(error_of("x && y < 1").find("'&&' needs a formula"), std::string::npos);
  EXPECT_NE(error_of("x + 1").find("expected a formula"), std::string::npos);
  EXPECT_NE(error_of("sqrt(x < 1) > 0").find("argument of 'sqrt' needs a number"), std::string::npos);
  EXPECT_THROW(expr_parse_term("x < 1", "t"), InputError);
}

TEST(ExprBall, IntervalExtensionEnclosesPointValues) {
  // Property: for random points of a box, the point value lies in the box enclosure.
  const char* terms[] = {"exp(-x)*erf(x/2) + ln(1 + x^2)", "sqrt(x)/(1 + x) - erfcinv(x/4)", "abs(x - 1)^3 - min(x, 1/2)*max(x, 3/2)"};
  BallEnv box;
  box["x"] = ball_between(*ExactReal::parse("1/8"), *ExactReal::parse("3"));
  for (const char* t : terms) {
    ExprPtr e = expr_parse_term(t, "t");
    Ball enc = expr_eval_ball(e, box);
    ASSERT_TRUE(enc.is_finite()) << t;
    for (int i = 0; i <= 40; ++i) {
      BallEnv pt;
      pt["x"] = Ball(0.125 + (3 - 0.125) * i / 40.0);
      Ball v = expr_eval_ball(e, pt);
      EXPECT_TRUE(enc.contains(v)) << t << " at i=" << i;
    }
  }
}

TEST(ExprBall, UndefinedIsNeverDecided) {
  BallEnv env;
  env["x"] = Ball(0);
  EXPECT_EQ(expr_eval_truth(expr_parse_formula("1/x > 0", "e"), env), Truth::unknown);
  EXPECT_EQ(expr_eval_truth(expr_parse_formula("ln(x) < 0", "e"), env), Truth::unknown);
  env["x"] = Ball(-1);
  EXPECT_EQ(expr_eval_truth(expr_parse_formula("sqrt(x) >= 0", "e"), env), Truth::unknown);
  // ... but a guard that is false decides an implication.
  EXPECT_EQ(expr_eval_truth(expr_parse_formula("x >= 0 => sqrt(x) >= 0", "e"), env), Truth::yes);
}

// Found by fuzzing: deep nesting overflowed the stack of the recursive descent, and a long chain built a tree
// too high for the recursive consumers. Both are bounded by kExprMaxDepth with an error naming the column.
TEST(ExprParser, NestingIsBounded) {
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  const int ok = kExprMaxDepth / 2, deep = 100000;
  // Within the bound: parsed, and the value is right (an independent count).
  EXPECT_EQ(eval((repeat("(", ok) + "x" + repeat(")", ok)).c_str(), 3), 3);
  EXPECT_EQ(eval((repeat("-", 2 * (ok / 2)) + "x").c_str(), 3), 3);
  EXPECT_EQ(eval(("x" + repeat("+1", ok - 2)).c_str(), 0), ok - 2);
  for (const std::string& s : {repeat("(", deep) + "1" + repeat(")", deep), repeat("-", deep) + "1",
                               repeat("!", deep) + "true", repeat("2^", deep) + "2", "x" + repeat(" + x", deep),
                               repeat("sqrt(", deep) + "1" + repeat(")", deep)}) {
    try {
      expr_parse(s, "claim.expr");
      ADD_FAILURE() << "no error for a " << s.size() << "-byte nest";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "claim.expr");
      EXPECT_NE(std::string(e.what()).find(std::to_string(kExprMaxDepth)), std::string::npos) << e.what();
    }
  }
}
