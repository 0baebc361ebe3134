// The claim expression language: infix real arithmetic and logic, parsed into an Expr with errors that
// point at the offending column. Grammar (loosest first):
//   formula := or ("=>" formula)?          or := and ("||" and)*        and := not ("&&" not)*
//   not := "!" not | cmp                   cmp := sum (relop sum)*  (a chain a < b <= c means a < b && b <= c)
//   sum := product (("+"|"-") product)*    product := unary (("*"|"/") unary)*
//   unary := "-" unary | power             power := atom ("^" unary)?   (right-associative; -x^2 = -(x^2))
//   atom := number | name | name "(" args ")" | "(" formula ")" | true | false
// Unicode spellings are accepted: ≤ ≥ ≠ − · ∧ ∨ ⇒ ¬; "and", "or", "not" too; ln may be written log.
#pragma once

#include <string>
#include <string_view>

#include "verify/expr.hpp"

namespace critwin::verify {

// Parses `text`; throws InputError(field, "column N: ..." + the text with a caret) on any error,
// including type errors (a formula where a number is required or vice versa).
ExprPtr expr_parse(std::string_view text, const std::string& field);

// Like expr_parse, and additionally requires the result to be a formula (boolean) or a real term.
ExprPtr expr_parse_formula(std::string_view text, const std::string& field);
ExprPtr expr_parse_term(std::string_view text, const std::string& field);

}  // namespace critwin::verify
