// Fuzz target body: the claim expression parser.
#include "fuzz/fuzz_targets.hpp"
#include "model/input_error.hpp"
#include "verify/expr_parser.hpp"

namespace critwin::fuzz {

void fuzz_expr(std::string_view bytes) {
  for (auto parse : {&verify::expr_parse, &verify::expr_parse_formula, &verify::expr_parse_term}) {
    try {
      parse(bytes, "expr");
    } catch (const InputError&) {
    }
  }
}

}  // namespace critwin::fuzz
