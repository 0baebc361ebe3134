#include "fuzz/fuzz_targets.hpp"

#include <CLI/CLI.hpp>

#include "app/common_options.hpp"
#include "model/exact_real.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "model/subset.hpp"
#include "verify/claims_file.hpp"
#include "verify/expr_parser.hpp"

#ifndef CRITWIN_SOURCE_DIR
#error "CRITWIN_SOURCE_DIR must name the source tree (claims files resolve models in its examples folder)"
#endif

namespace critwin::fuzz {

void fuzz_model_file(std::string_view bytes) {
  try {
    model_file_parse(bytes, "fuzz.toml");
  } catch (const InputError&) {
  }
}

void fuzz_claims_file(std::string_view bytes) {
  try {
    verify::claims_file_parse(bytes, "fuzz.toml", CRITWIN_SOURCE_DIR "/examples");
  } catch (const InputError&) {
  }
}

void fuzz_expr(std::string_view bytes) {
  for (auto parse : {&verify::expr_parse, &verify::expr_parse_formula, &verify::expr_parse_term}) {
    try {
      parse(bytes, "expr");
    } catch (const InputError&) {
    }
  }
}

namespace {
// Labels that look like indices and a label with a space: the cases the subset reader must keep apart.
const Model& labelled_model() {
  static const Model m = model_file_parse(R"(
name = "fuzz"
[mixture]
weights = ["1/4", "1/4", "1/2"]
labels = ["plus", "minus", "a b"]
[components]
kind = "gaussian"
dim = 1
means = [["1"], ["-1"], ["3"]]
variance = "1"
[process]
kind = "ou"
)");
  return m;
}
}  // namespace

void fuzz_options(std::string_view bytes) {
  if (bytes.empty()) return;
  const unsigned char which = static_cast<unsigned char>(bytes[0]) % 4;
  const std::string text(bytes.substr(1));
  try {
    switch (which) {
      case 0: Subset::parse(text, labelled_model(), "s_init"); break;
      case 1: {
        const Subset init = Subset::parse("plus", labelled_model(), "s_init");
        Subset::parse(text, labelled_model(), "s_target", &init);
        break;
      }
      case 2: ExactReal::parse(text); break;
      case 3: {
        // The exact integer reader behind --n, --seed, --precision, as the command line sees it.
        CLI::App app;
        unsigned long long n = 0;
        app::add_integer_option(app, "--n", n, 1, 1ULL << 40, "count");
        std::vector<std::string> args = {text, "--n"};  // CLI11 reads argv reversed
        app.parse(args);
        break;
      }
    }
  } catch (const InputError&) {
  } catch (const CLI::ParseError&) {
  }
}

const std::vector<FuzzTarget>& fuzz_targets() {
  static const std::vector<FuzzTarget> t = {
      {"model_file", &fuzz_model_file}, {"claims_file", &fuzz_claims_file}, {"expr", &fuzz_expr}, {"options", &fuzz_options}};
  return t;
}

}  // namespace critwin::fuzz
