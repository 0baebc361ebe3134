#include "app/common_options.hpp"

#include <charconv>

#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin::app {

namespace {
template <class Int>
CLI::Option* add_integer(CLI::App& cmd, const std::string& flag, Int& target, Int lo, Int hi, const std::string& description) {
  auto parse = [&target, flag, lo, hi](const std::string& text) {
    const std::string range = fmt::format("must be an integer in [{}, {}] written with digits only", lo, hi);
    unsigned long long v = 0;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || text.front() == '+' || p != end || ec == std::errc::invalid_argument)
      throw InputError(flag, fmt::format("{} (got '{}')", range, text));
    if (ec == std::errc::result_out_of_range || v < static_cast<unsigned long long>(lo) ||
        v > static_cast<unsigned long long>(hi))
      throw InputError(flag, fmt::format("{} (got {})", range, text));
    target = static_cast<Int>(v);
  };
  return cmd.add_option_function<std::string>(flag, parse, fmt::format("{} [{}..{}]", description, lo, hi))
      ->type_name("INT");
}
}  // namespace

CLI::Option* add_integer_option(CLI::App& cmd, const std::string& flag, unsigned long long& target,
                                unsigned long long lo, unsigned long long hi, const std::string& description) {
  return add_integer(cmd, flag, target, lo, hi, description);
}
CLI::Option* add_integer_option(CLI::App& cmd, const std::string& flag, int& target, int lo, int hi,
                                const std::string& description) {
  return add_integer(cmd, flag, target, lo, hi, description);
}
CLI::Option* add_integer_option(CLI::App& cmd, const std::string& flag, long& target, long lo, long hi,
                                const std::string& description) {
  return add_integer(cmd, flag, target, lo, hi, description);
}

void CommonOptions::add_to(CLI::App& cmd) {
  CLI::Option* j = cmd.add_flag("--json", json, "print exactly one JSON object on stdout");
  // --json with --format would silently drop one of them.
  cmd.add_option("--format", format, "table | csv | md | latex (not with --json)")
      ->check(CLI::IsMember({"table", "csv", "md", "latex"}))
      ->excludes(j);
  add_integer_option(cmd, "--precision", precision, 64, 4096, "working precision in bits");
}

Format CommonOptions::parsed_format() const {
  if (format == "csv") return Format::csv;
  if (format == "md") return Format::md;
  if (format == "latex") return Format::latex;
  return Format::table;
}

}  // namespace critwin::app
