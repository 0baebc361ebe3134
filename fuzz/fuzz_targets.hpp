// The bodies of critwin's libFuzzer harnesses, one per parser, shared by the fuzzers (fuzz/fuzz_*.cpp, built
// with CRITWIN_FUZZ) and by the corpus replay test of the normal build (tests/fuzz/corpus_replay_test.cpp).
// Each feeds arbitrary bytes to a parser; an InputError is the expected answer to bad input, anything else
// (another exception, a crash, a sanitizer report, a hang) is a bug.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace critwin::fuzz {

// Whole model file (TOML) → model_file_parse.
void fuzz_model_file(std::string_view bytes);
// Whole claims file (TOML) → claims_file_parse; relative model paths resolve in the examples folder.
void fuzz_claims_file(std::string_view bytes);
// One claim expression → expr_parse, expr_parse_formula, expr_parse_term.
void fuzz_expr(std::string_view bytes);
// Command-line values: the first byte picks the reader (subset of a labelled model, subset with 'rest',
// exact real as in --eps, integer option as in --n/--seed/--precision), the rest is the text.
void fuzz_options(std::string_view bytes);

struct FuzzTarget {
  const char* name;  // also the corpus folder tests/fuzz/corpus/<name>/
  void (*run)(std::string_view);
};
const std::vector<FuzzTarget>& fuzz_targets();

}  // namespace critwin::fuzz
