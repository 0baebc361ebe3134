#include "app/common_options.hpp"

namespace critwin::app {

void CommonOptions::add_to(CLI::App& cmd) {
  cmd.add_flag("--json", json, "print exactly one JSON object on stdout");
  cmd.add_option("--format", format, "table | csv | md | latex")->check(CLI::IsMember({"table", "csv", "md", "latex"}));
  cmd.add_option("--precision", precision, "working precision in bits (64..4096)")
      ->check(CLI::Range(64L, 4096L));
}

Format CommonOptions::parsed_format() const {
  if (format == "csv") return Format::csv;
  if (format == "md") return Format::md;
  if (format == "latex") return Format::latex;
  return Format::table;
}

}  // namespace critwin::app
