#include "verify/expr_parser.hpp"

#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin::verify {

namespace {

enum class Tok { num, ident, op, lparen, rparen, comma, end };

struct Token {
  Tok kind = Tok::end;
  std::string text;  // normalized: unicode operators mapped to their ASCII spelling
  int pos = 0;       // byte offset
};

struct Function {
  const char* name;
  Op op;
  int arity;
};

constexpr Function kFunctions[] = {
    {"sqrt", Op::sqrt, 1}, {"abs", Op::abs, 1}, {"min", Op::min, 2},   {"max", Op::max, 2},
    {"exp", Op::exp, 1},   {"ln", Op::ln, 1},   {"log", Op::ln, 1},    {"erf", Op::erf, 1},
    {"erfc", Op::erfc, 1}, {"erfcinv", Op::erfcinv, 1},
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& field) : text_(text), field_(field) { tokenize(); }

  ExprPtr parse() {
    ExprPtr e = formula();
    if (peek().kind != Tok::end) fail(peek().pos, fmt::format("unexpected '{}' after a complete expression", peek().text));
    return e;
  }

  [[noreturn]] void fail(int byte_pos, const std::string& msg) const {
    // Columns count code points so the caret lines up under UTF-8 operators.
    int col = 0;
    for (int i = 0; i < byte_pos && i < static_cast<int>(text_.size()); ++i)
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
    throw InputError(field_, fmt::format("column {}: {}\n  {}\n  {}^", col + 1, msg, text_, std::string(col, ' ')));
  }

 private:
  std::string_view text_;
  std::string field_;
  std::vector<Token> toks_;
  size_t i_ = 0;
  int nesting_ = 0;  // recursion depth of formula/not_/unary, bounded by kExprMaxDepth

  // Bounds the recursion of the descent (parentheses, prefix chains) before the stack could overflow.
  class Nest {
   public:
    Nest(Parser& p, int pos) : p_(p) {
      if (++p_.nesting_ > kExprMaxDepth)
        p_.fail(pos, fmt::format("the expression is nested more than {} levels deep (parentheses or prefix operators)", kExprMaxDepth));
    }
    ~Nest() { --p_.nesting_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& p_;
  };
  // Every node is made here, so a long chain (1+1+1+…) cannot build a tree too high for its consumers.
  ExprPtr make(Op op, std::vector<ExprPtr> args, int pos) const {
    ExprPtr e = expr_make(op, std::move(args), pos);
    if (e->depth > kExprMaxDepth)
      fail(pos, fmt::format("the expression tree is more than {} levels high; split the chain of operators", kExprMaxDepth));
    return e;
  }

  const Token& peek() const { return toks_[i_]; }
  Token next() { return toks_[i_ < toks_.size() - 1 ? i_++ : i_]; }
  bool accept_op(std::string_view s) {
    if (peek().kind == Tok::op && peek().text == s) { ++i_; return true; }
    return false;
  }
  bool accept_word(std::string_view s) {
    if (peek().kind == Tok::ident && peek().text == s) { ++i_; return true; }
    return false;
  }

  void tokenize() {
    static const std::pair<const char*, const char*> kUnicode[] = {
        {"≤", "<="}, {"≥", ">="}, {"≠", "!="}, {"−", "-"}, {"·", "*"}, {"×", "*"},
        {"∧", "&&"}, {"∨", "||"}, {"⇒", "=>"}, {"→", "=>"}, {"¬", "!"},
    };
    static const char* kAscii[] = {"<=", ">=", "==", "!=", "&&", "||", "=>", "<", ">", "+", "-", "*", "/", "^", "!"};
    size_t p = 0;
    const size_t n = text_.size();
    while (p < n) {
      unsigned char c = static_cast<unsigned char>(text_[p]);
      if (std::isspace(c)) { ++p; continue; }
      const int pos = static_cast<int>(p);
      if (std::isdigit(c) || (c == '.' && p + 1 < n && std::isdigit(static_cast<unsigned char>(text_[p + 1])))) {
        size_t q = p;
        while (q < n && (std::isdigit(static_cast<unsigned char>(text_[q])) || text_[q] == '.')) ++q;
        // An exponent only when digits follow, so "2e" stays "2" times a variable named e... which is an error below.
        if (q < n && (text_[q] == 'e' || text_[q] == 'E')) {
          size_t r = q + 1;
          if (r < n && (text_[r] == '+' || text_[r] == '-')) ++r;
          if (r < n && std::isdigit(static_cast<unsigned char>(text_[r]))) {
            while (r < n && std::isdigit(static_cast<unsigned char>(text_[r]))) ++r;
            q = r;
          }
        }
        toks_.push_back({Tok::num, std::string(text_.substr(p, q - p)), pos});
        p = q;
        continue;
      }
      if (c == '(') { toks_.push_back({Tok::lparen, "(", pos}); ++p; continue; }
      if (c == ')') { toks_.push_back({Tok::rparen, ")", pos}); ++p; continue; }
      if (c == ',') { toks_.push_back({Tok::comma, ",", pos}); ++p; continue; }
      // Only a UTF-8 lead byte can start a Unicode operator, and the ASCII ones are compared a character at a
      // time: 26 substring tests for every character made an 8 KB input cost 0.1 s of CPU under the fuzzer's
      // instrumentation (fuzz_expr ran 3 inputs a second).
      bool matched = false;
      if (c >= 0x80) for (auto [u, a] : kUnicode) {
        if (text_.substr(p).starts_with(u)) {
          toks_.push_back({Tok::op, a, pos});
          p += std::string_view(u).size();
          matched = true;
          break;
        }
      }
      if (matched) continue;
      const char c2 = p + 1 < n ? text_[p + 1] : '\0';
      for (const char* a : kAscii) {
        if (a[0] == text_[p] && (a[1] == '\0' || a[1] == c2)) {  // one or two characters, longest listed first
          toks_.push_back({Tok::op, a, pos});
          p += std::string_view(a).size();
          matched = true;
          break;
        }
      }
      if (matched) continue;
      if (std::isalpha(c) || c == '_' || c >= 0x80) {
        size_t q = p;
        while (q < n) {
          unsigned char d = static_cast<unsigned char>(text_[q]);
          if (!(std::isalnum(d) || d == '_' || d >= 0x80)) break;
          bool op_start = false;
          if (d >= 0x80) for (auto [u, a] : kUnicode) op_start = op_start || text_.substr(q).starts_with(u);
          if (op_start) break;
          ++q;
        }
        toks_.push_back({Tok::ident, std::string(text_.substr(p, q - p)), pos});
        p = q;
        continue;
      }
      fail(pos, fmt::format("unexpected character '{}'", text_.substr(p, 1)));
    }
    toks_.push_back({Tok::end, "end of input", static_cast<int>(n)});
  }

  void need(const ExprPtr& e, Type t, const std::string& what) const {
    if (e->type() != t)
      fail(e->pos, fmt::format("{} needs {}, but '{}' is {}", what, t == Type::real ? "a number" : "a formula",
                               expr_to_string(e), t == Type::real ? "a formula" : "a number"));
  }

  ExprPtr formula() {
    Nest nest(*this, peek().pos);
    ExprPtr lhs = or_();
    int pos = peek().pos;
    if (accept_op("=>")) {
      ExprPtr rhs = formula();
      need(lhs, Type::boolean, "'=>'");
      need(rhs, Type::boolean, "'=>'");
      return make(Op::implies, {lhs, rhs}, pos);
    }
    return lhs;
  }

  ExprPtr or_() {
    ExprPtr lhs = and_();
    for (;;) {
      int pos = peek().pos;
      if (!accept_op("||") && !accept_word("or")) return lhs;
      ExprPtr rhs = and_();
      need(lhs, Type::boolean, "'||'");
      need(rhs, Type::boolean, "'||'");
      lhs = make(Op::or_, {lhs, rhs}, pos);
    }
  }

  ExprPtr and_() {
    ExprPtr lhs = not_();
    for (;;) {
      int pos = peek().pos;
      if (!accept_op("&&") && !accept_word("and")) return lhs;
      ExprPtr rhs = not_();
      need(lhs, Type::boolean, "'&&'");
      need(rhs, Type::boolean, "'&&'");
      lhs = make(Op::and_, {lhs, rhs}, pos);
    }
  }

  ExprPtr not_() {
    int pos = peek().pos;
    if (accept_op("!") || accept_word("not")) {
      Nest nest(*this, pos);
      ExprPtr a = not_();
      need(a, Type::boolean, "'!'");
      return make(Op::not_, {a}, pos);
    }
    return cmp();
  }

  static std::optional<Op> relop(const Token& t) {
    if (t.kind != Tok::op) return std::nullopt;
    if (t.text == "<") return Op::lt;
    if (t.text == "<=") return Op::le;
    if (t.text == ">") return Op::gt;
    if (t.text == ">=") return Op::ge;
    if (t.text == "==") return Op::eq;
    if (t.text == "!=") return Op::ne;
    return std::nullopt;
  }

  ExprPtr cmp() {
    ExprPtr lhs = sum();
    ExprPtr out;
    while (auto r = relop(peek())) {
      Token t = next();
      ExprPtr rhs = sum();
      need(lhs, Type::real, fmt::format("'{}'", t.text));
      need(rhs, Type::real, fmt::format("'{}'", t.text));
      ExprPtr c = make(*r, {lhs, rhs}, t.pos);
      out = out ? make(Op::and_, {out, c}, t.pos) : c;
      lhs = rhs;
    }
    return out ? out : lhs;
  }

  ExprPtr sum() {
    ExprPtr lhs = product();
    for (;;) {
      int pos = peek().pos;
      Op op;
      if (accept_op("+")) op = Op::add;
      else if (accept_op("-")) op = Op::sub;
      else return lhs;
      ExprPtr rhs = product();
      need(lhs, Type::real, fmt::format("'{}'", op_name(op)));
      need(rhs, Type::real, fmt::format("'{}'", op_name(op)));
      lhs = make(op, {lhs, rhs}, pos);
    }
  }

  ExprPtr product() {
    ExprPtr lhs = unary();
    for (;;) {
      int pos = peek().pos;
      Op op;
      if (accept_op("*")) op = Op::mul;
      else if (accept_op("/")) op = Op::div;
      else return lhs;
      ExprPtr rhs = unary();
      need(lhs, Type::real, fmt::format("'{}'", op_name(op)));
      need(rhs, Type::real, fmt::format("'{}'", op_name(op)));
      lhs = make(op, {lhs, rhs}, pos);
    }
  }

  ExprPtr unary() {
    int pos = peek().pos;
    if (accept_op("-")) {
      Nest nest(*this, pos);
      ExprPtr a = unary();
      need(a, Type::real, "unary '-'");
      if (a->op == Op::num) return expr_num(ExactReal() - a->value, pos);
      return make(Op::neg, {a}, pos);
    }
    if (accept_op("+")) {
      Nest nest(*this, pos);
      return unary();
    }
    return power();
  }

  ExprPtr power() {
    ExprPtr base = atom();
    int pos = peek().pos;
    if (accept_op("^")) {
      Nest nest(*this, pos);
      ExprPtr ex = unary();
      need(base, Type::real, "'^'");
      need(ex, Type::real, "'^'");
      return make(Op::pow, {base, ex}, pos);
    }
    return base;
  }

  ExprPtr atom() {
    Token t = next();
    switch (t.kind) {
      case Tok::num: {
        auto v = ExactReal::parse(t.text);
        if (!v) fail(t.pos, fmt::format("'{}' is not a number", t.text));
        return expr_num(*v, t.pos);
      }
      case Tok::lparen: {
        ExprPtr e = formula();
        if (peek().kind != Tok::rparen) fail(peek().pos, fmt::format("expected ')' but found '{}'", peek().text));
        next();
        return e;
      }
      case Tok::ident: {
        if (t.text == "true") return make(Op::true_, {}, t.pos);
        if (t.text == "false") return make(Op::false_, {}, t.pos);
        if (t.text == "pi" || t.text == "e") {
          if (peek().kind == Tok::lparen) fail(t.pos, fmt::format("'{}' is a constant, not a function", t.text));
          return make(t.text == "pi" ? Op::pi : Op::e, {}, t.pos);
        }
        for (const auto& f : kFunctions) {
          if (t.text != f.name) continue;
          if (peek().kind != Tok::lparen) fail(peek().pos, fmt::format("'{}' is a function: write {}(...)", t.text, t.text));
          next();
          std::vector<ExprPtr> args;
          if (peek().kind != Tok::rparen) {
            for (;;) {
              ExprPtr a = formula();
              need(a, Type::real, fmt::format("argument of '{}'", t.text));
              args.push_back(a);
              if (peek().kind != Tok::comma) break;
              next();
            }
          }
          if (peek().kind != Tok::rparen) fail(peek().pos, fmt::format("expected ',' or ')' but found '{}'", peek().text));
          next();
          if (static_cast<int>(args.size()) != f.arity)
            fail(t.pos, fmt::format("'{}' takes {} argument{}, got {}", t.text, f.arity, f.arity == 1 ? "" : "s", args.size()));
          return make(f.op, std::move(args), t.pos);
        }
        if (t.text == "and" || t.text == "or" || t.text == "not")
          fail(t.pos, fmt::format("'{}' needs an operand before it", t.text));
        if (peek().kind == Tok::lparen) fail(t.pos, fmt::format("unknown function '{}' (known: sqrt abs min max exp ln log erf erfc erfcinv)", t.text));
        return expr_var(t.text, t.pos);
      }
      case Tok::end: fail(t.pos, "unexpected end of input: an operand is missing");
      default: fail(t.pos, fmt::format("expected a number, a name or '(' but found '{}'", t.text));
    }
  }
};

}  // namespace

ExprPtr expr_parse(std::string_view text, const std::string& field) { return Parser(text, field).parse(); }

ExprPtr expr_parse_formula(std::string_view text, const std::string& field) {
  Parser p(text, field);
  ExprPtr e = p.parse();
  if (e->type() != Type::boolean) p.fail(0, "expected a formula (a comparison such as 'x <= y'), got a number-valued expression");
  return e;
}

ExprPtr expr_parse_term(std::string_view text, const std::string& field) {
  Parser p(text, field);
  ExprPtr e = p.parse();
  if (e->type() != Type::real) p.fail(0, "expected a number-valued expression, got a formula");
  return e;
}

}  // namespace critwin::verify
