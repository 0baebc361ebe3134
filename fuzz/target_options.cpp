// Fuzz target body: the command-line value readers (subsets, exact reals, exact integers).
#include <CLI/CLI.hpp>

#include "app/common_options.hpp"
#include "fuzz/fuzz_targets.hpp"
#include "model/exact_real.hpp"
#include "model/input_error.hpp"
#include "model/model.hpp"
#include "model/model_file.hpp"
#include "model/subset.hpp"

namespace critwin::fuzz {

namespace {
// Three labelled components, one label with a space (the subset reader trims around commas, not inside).
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

}  // namespace critwin::fuzz
