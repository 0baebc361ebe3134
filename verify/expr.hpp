// Expr: the typed syntax tree of a claim expression — real terms (+ − * / ^, sqrt, abs, min, max, exp, ln,
// erf, erfc, erfcinv, the constants pi and e) and formulas built from comparisons with ∧, ∨, ⇒ and ¬.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/exact_real.hpp"

namespace critwin::verify {

enum class Op {
  // real terms
  num, var, pi, e, neg, add, sub, mul, div, pow, sqrt, abs, min, max, exp, ln, erf, erfc, erfcinv,
  // formulas
  lt, le, gt, ge, eq, ne, and_, or_, implies, not_, true_, false_,
};

enum class Type { real, boolean };

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  Op op = Op::num;
  ExactReal value;            // Op::num
  std::string name;           // Op::var; for a definedness condition (a comparison): what it protects
  std::vector<ExprPtr> args;
  int pos = 0;                // 0-based offset in the source text, for messages
  int depth = 1;              // height of the tree (1 for a leaf); the parser bounds it, see kExprMaxDepth

  Type type() const;
  // A function whose values Z3 cannot reason about exactly (exp, ln, erf, erfc, erfcinv, x^y with y not an
  // integer literal): the verifier abstracts these by bounded fresh variables.
  bool is_transcendental() const;
  // x^n with n an integer literal: polynomial.
  bool is_integer_power() const;
  long integer_exponent() const;  // only when is_integer_power()
};

// Every consumer of an Expr (printing, definedness, Z3, Taylor and Ball evaluation) recurses over the tree, so
// the parser refuses trees higher than this and parentheses or prefix operators nested deeper: far beyond
// any written claim, and a bounded stack for every thread that evaluates one.
inline constexpr int kExprMaxDepth = 256;

ExprPtr expr_make(Op op, std::vector<ExprPtr> args, int pos);
ExprPtr expr_num(const ExactReal& v, int pos = 0);
ExprPtr expr_var(const std::string& name, int pos = 0);

// Readable infix text (fully parenthesized where needed), for reports.
std::string expr_to_string(const ExprPtr& e);
// Free variables, sorted.
std::set<std::string> expr_variables(const ExprPtr& e);
bool expr_has_transcendental(const ExprPtr& e);
// The name of an operator as written in the language ("+", "sqrt", "&&", ...).
std::string op_name(Op op);

}  // namespace critwin::verify

namespace critwin::verify {

// One condition under which a subterm has a value, with what it protects ("denominator of 1/x").
struct DefinednessCondition {
  ExprPtr condition;
  std::string what;
};

// Where a term or formula is defined: the conjunction of the conditions under which every subterm has a value —
// denominators ≠ 0, negative integer powers of a base ≠ 0, sqrt arguments ≥ 0, ln arguments > 0, erfcinv
// arguments in (0, 2), bases of other non-integer powers > 0. `&&`, `||` and `=>` are read left to right: the
// right operand only needs a value where the left one does not already decide (an assumption guards its
// conclusion). `true` when nothing can be undefined.
ExprPtr expr_definedness(const ExprPtr& e);
// The formula a proof must establish so that "proved" means "true and defined at every point where the
// assumptions hold": D(A) ∧ (A ⇒ D(B) ∧ B) for A ⇒ B, D(F) ∧ F otherwise.
ExprPtr expr_with_definedness(const ExprPtr& claim);
// Every definedness condition of the subterms of `e` (unguarded), in evaluation order, for reports.
std::vector<DefinednessCondition> expr_definedness_conditions(const ExprPtr& e);

}  // namespace critwin::verify
