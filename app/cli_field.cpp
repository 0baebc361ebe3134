#include "app/cli_field.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace critwin::app {

namespace {

// Levenshtein distance: a dozen short words, so the quadratic table costs nothing.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = ~size_t{0};
  for (const auto& c : candidates)
    if (size_t d = edit_distance(word, c); d < best_d) best_d = d, best = c;
  return best_d <= std::max<size_t>(2, word.size() / 3) ? best : std::string();
}

std::string did_you_mean(const std::string& s) { return s.empty() ? "" : fmt::format("; did you mean '{}'?", s); }

}  // namespace

InputError as_flag(const InputError& e, const CLI::App& cmd) {
  std::string flag = "--" + e.field();
  std::replace(flag.begin(), flag.end(), '_', '-');
  if (e.field().find_first_of(".[ -") != std::string::npos || !cmd.get_option_no_throw(flag)) return e;
  return e.renamed(flag);
}

std::optional<InputError> unknown_words(const CLI::App& app, int argc, const char* const* argv) {
  if (argc < 2) return std::nullopt;
  const std::string word = argv[1];
  if (word.rfind("-", 0) == 0) return std::nullopt;  // --help, --version: CLI11's own business
  std::vector<std::string> commands;
  const CLI::App* cmd = nullptr;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(sub->get_name());
    if (sub->get_name() == word) cmd = sub;
  }
  if (!cmd)
    return InputError("command", fmt::format("unknown command '{}'{} (commands: {})", word,
                                             did_you_mean(nearest(word, commands)), fmt::join(commands, ", ")));
  std::vector<std::string> flags;
  for (const CLI::Option* o : cmd->get_options())
    for (const auto& name : o->get_lnames()) flags.push_back("--" + name);
  // Options taking one value may be given once: CLI11 would say "At Most 1 required but received 2".
  std::vector<std::pair<std::string, std::string>> given;  // flag, value text
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.rfind("--", 0) != 0) continue;
    const size_t eq = arg.find('=');
    std::string value = eq == std::string::npos ? (i + 1 < argc ? argv[i + 1] : "") : arg.substr(eq + 1);
    arg = arg.substr(0, eq);
    if (std::find(flags.begin(), flags.end(), arg) == flags.end())
      return InputError(arg, fmt::format("unknown option for '{}'{}", word, did_you_mean(nearest(arg, flags))));
    const CLI::Option* o = cmd->get_option_no_throw(arg);
    if (!o || o->get_type_size_max() == 0 || o->get_expected_max() != 1 ||
        o->get_multi_option_policy() != CLI::MultiOptionPolicy::Throw)
      continue;
    for (const auto& [f, v] : given)
      if (f == arg)
        return InputError(arg, fmt::format("given twice ('{}' and '{}'); give it once", v, value));
    given.emplace_back(arg, value);
  }
  return std::nullopt;
}

std::string parse_error_text(const CLI::ParseError& e, const CLI::App& app) {
  const std::string what = e.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    // "The following argument(s) was/were not expected: a b" → name them and say what the command takes.
    // CLI11's message lists them in reverse; remaining() has them in command-line order.
    const CLI::App* cmd = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
    const std::vector<std::string> words = cmd->remaining();
    const size_t colon = what.find(": ");
    const std::string extras = !words.empty() ? fmt::format("{}", fmt::join(words, " "))
                               : colon == std::string::npos ? what : what.substr(colon + 2);
    std::vector<std::string> positionals;
    for (const CLI::Option* o : cmd->get_options())
      if (o->get_positional()) positionals.push_back(o->get_name(true));
    return fmt::format("unexpected argument{} '{}' for '{}': it takes {} positional argument{} ({}) and options "
                       "written --name VALUE; quote a value that contains spaces",
                       extras.find(' ') == std::string::npos ? "" : "s", extras, cmd->get_name(), positionals.size(),
                       positionals.size() == 1 ? "" : "s", fmt::join(positionals, ", "));
  }
  return what;
}

}  // namespace critwin::app
