#include "verify/expr.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace critwin::verify {

Type Expr::type() const {
  switch (op) {
    case Op::lt: case Op::le: case Op::gt: case Op::ge: case Op::eq: case Op::ne:
    case Op::and_: case Op::or_: case Op::implies: case Op::not_: case Op::true_: case Op::false_:
      return Type::boolean;
    default:
      return Type::real;
  }
}

bool Expr::is_integer_power() const {
  return op == Op::pow && args[1]->op == Op::num && args[1]->value.is_integer() &&
         args[1]->value <= ExactReal::from_int(64) && args[1]->value >= ExactReal::from_int(-64);
}

long Expr::integer_exponent() const { return args[1]->value.to_long(); }

bool Expr::is_transcendental() const {
  switch (op) {
    case Op::exp: case Op::ln: case Op::erf: case Op::erfc: case Op::erfcinv: return true;
    case Op::pow: return !is_integer_power();
    default: return false;
  }
}

ExprPtr expr_make(Op op, std::vector<ExprPtr> args, int pos) {
  auto e = std::make_shared<Expr>();
  e->op = op;
  e->args = std::move(args);
  e->pos = pos;
  for (const auto& a : e->args) e->depth = std::max(e->depth, a->depth + 1);
  return e;
}

ExprPtr expr_num(const ExactReal& v, int pos) {
  auto e = std::make_shared<Expr>();
  e->op = Op::num;
  e->value = v;
  e->pos = pos;
  return e;
}

ExprPtr expr_var(const std::string& name, int pos) {
  auto e = std::make_shared<Expr>();
  e->op = Op::var;
  e->name = name;
  e->pos = pos;
  return e;
}

std::string op_name(Op op) {
  switch (op) {
    case Op::num: return "number";
    case Op::var: return "variable";
    case Op::pi: return "pi";
    case Op::e: return "e";
    case Op::neg: return "-";
    case Op::add: return "+";
    case Op::sub: return "-";
    case Op::mul: return "*";
    case Op::div: return "/";
    case Op::pow: return "^";
    case Op::sqrt: return "sqrt";
    case Op::abs: return "abs";
    case Op::min: return "min";
    case Op::max: return "max";
    case Op::exp: return "exp";
    case Op::ln: return "ln";
    case Op::erf: return "erf";
    case Op::erfc: return "erfc";
    case Op::erfcinv: return "erfcinv";
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
    case Op::eq: return "==";
    case Op::ne: return "!=";
    case Op::and_: return "&&";
    case Op::or_: return "||";
    case Op::implies: return "=>";
    case Op::not_: return "!";
    case Op::true_: return "true";
    case Op::false_: return "false";
  }
  return "?";
}

namespace {

int precedence(Op op) {
  switch (op) {
    case Op::implies: return 1;
    case Op::or_: return 2;
    case Op::and_: return 3;
    case Op::not_: return 4;
    case Op::lt: case Op::le: case Op::gt: case Op::ge: case Op::eq: case Op::ne: return 5;
    case Op::add: case Op::sub: return 6;
    case Op::mul: case Op::div: return 7;
    case Op::neg: return 8;
    case Op::pow: return 9;
    default: return 10;  // atoms and function calls
  }
}

std::string wrap(const ExprPtr& child, int parent_prec, bool strict) {
  std::string s = expr_to_string(child);
  int p = precedence(child->op);
  return (p < parent_prec || (strict && p == parent_prec)) ? fmt::format("({})", s) : s;
}

}  // namespace

std::string expr_to_string(const ExprPtr& e) {
  const int p = precedence(e->op);
  switch (e->op) {
    case Op::num: return e->value.to_string();
    case Op::var: return e->name;
    case Op::pi: case Op::e: return op_name(e->op);
    case Op::true_: return "true";
    case Op::false_: return "false";
    case Op::neg: return fmt::format("-{}", wrap(e->args[0], p, false));
    case Op::not_: {  // always parenthesize a compound operand: "!x < 1" reads ambiguously
      const ExprPtr& a = e->args[0];
      bool atom = a->op == Op::var || a->op == Op::true_ || a->op == Op::false_ || a->op == Op::not_;
      return atom ? fmt::format("!{}", expr_to_string(a)) : fmt::format("!({})", expr_to_string(a));
    }
    case Op::sqrt: case Op::abs: case Op::min: case Op::max: case Op::exp: case Op::ln:
    case Op::erf: case Op::erfc: case Op::erfcinv: {
      std::string s = op_name(e->op) + "(";
      for (size_t i = 0; i < e->args.size(); ++i) s += (i ? ", " : "") + expr_to_string(e->args[i]);
      return s + ")";
    }
    case Op::pow:  // right-associative
      return wrap(e->args[0], p, true) + "^" + wrap(e->args[1], p, false);
    case Op::implies:  // right-associative
      return wrap(e->args[0], p, true) + " => " + wrap(e->args[1], p, false);
    default:  // left-associative binary operators
      return wrap(e->args[0], p, false) + " " + op_name(e->op) + " " + wrap(e->args[1], p, true);
  }
}

namespace {
void collect(const ExprPtr& e, std::set<std::string>& out) {
  if (e->op == Op::var) out.insert(e->name);
  for (const auto& a : e->args) collect(a, out);
}
}  // namespace

std::set<std::string> expr_variables(const ExprPtr& e) {
  std::set<std::string> out;
  collect(e, out);
  return out;
}

bool expr_has_transcendental(const ExprPtr& e) {
  if (e->is_transcendental()) return true;
  for (const auto& a : e->args)
    if (expr_has_transcendental(a)) return true;
  return false;
}

}  // namespace critwin::verify

namespace critwin::verify {

namespace {

ExprPtr mk_true() { return expr_make(Op::true_, {}, 0); }
bool is_true(const ExprPtr& e) { return e->op == Op::true_; }

ExprPtr mk_and(const ExprPtr& a, const ExprPtr& b) {
  if (is_true(a)) return b;
  if (is_true(b)) return a;
  return expr_make(Op::and_, {a, b}, a->pos);
}

ExprPtr mk_implies(const ExprPtr& a, const ExprPtr& b) {
  if (is_true(b)) return b;
  return expr_make(Op::implies, {a, b}, a->pos);
}

ExprPtr num(long v) { return expr_num(ExactReal::from_int(v)); }

// The conditions of `e` itself (its arguments' own conditions are added by the caller).
void own_conditions(const ExprPtr& e, std::vector<DefinednessCondition>& out) {
  auto add = [&](Op op, const ExprPtr& a, const ExprPtr& b, const std::string& what) {
    auto c = std::make_shared<Expr>(*expr_make(op, {a, b}, e->pos));
    c->name = what;
    out.push_back({c, what});
  };
  const std::string text = expr_to_string(e);
  switch (e->op) {
    case Op::div: add(Op::ne, e->args[1], num(0), "denominator of " + text); break;
    case Op::sqrt: add(Op::ge, e->args[0], num(0), "argument of " + text); break;
    case Op::ln: add(Op::gt, e->args[0], num(0), "argument of " + text); break;
    case Op::erfcinv:
      add(Op::gt, e->args[0], num(0), "argument of " + text);
      add(Op::lt, e->args[0], num(2), "argument of " + text);
      break;
    case Op::pow:
      if (e->is_integer_power()) {
        if (e->integer_exponent() < 0) add(Op::ne, e->args[0], num(0), "base of " + text);
      } else if (e->args[1]->op == Op::num && e->args[1]->value.sign() > 0) {
        add(Op::ge, e->args[0], num(0), "base of " + text);
      } else {
        add(Op::gt, e->args[0], num(0), "base of " + text);
      }
      break;
    default: break;
  }
}

}  // namespace

std::vector<DefinednessCondition> expr_definedness_conditions(const ExprPtr& e) {
  std::vector<DefinednessCondition> out;
  for (const auto& a : e->args) {
    auto sub = expr_definedness_conditions(a);
    out.insert(out.end(), sub.begin(), sub.end());
  }
  if (e->type() == Type::real) own_conditions(e, out);
  return out;
}

ExprPtr expr_definedness(const ExprPtr& e) {
  switch (e->op) {
    case Op::and_:  // a && b: b matters only where a holds
      return mk_and(expr_definedness(e->args[0]), mk_implies(e->args[0], expr_definedness(e->args[1])));
    case Op::implies:  // a => b: b matters only where a holds
      return mk_and(expr_definedness(e->args[0]), mk_implies(e->args[0], expr_definedness(e->args[1])));
    case Op::or_:  // a || b: b matters only where a fails
      return mk_and(expr_definedness(e->args[0]),
                    mk_implies(expr_make(Op::not_, {e->args[0]}, e->pos), expr_definedness(e->args[1])));
    default: break;
  }
  ExprPtr d = mk_true();
  for (const auto& a : e->args) d = mk_and(d, expr_definedness(a));
  if (e->type() == Type::real) {
    std::vector<DefinednessCondition> own;
    own_conditions(e, own);
    for (const auto& c : own) d = mk_and(d, c.condition);
  }
  return d;
}

ExprPtr expr_with_definedness(const ExprPtr& claim) {
  if (claim->op == Op::implies) {
    const ExprPtr& a = claim->args[0];
    const ExprPtr& b = claim->args[1];
    return mk_and(expr_definedness(a), expr_make(Op::implies, {a, mk_and(expr_definedness(b), b)}, claim->pos));
  }
  return mk_and(expr_definedness(claim), claim);
}

}  // namespace critwin::verify
