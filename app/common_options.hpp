// The options every command shares: --json, --format, --precision.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace critwin::app {

enum class Format { table, csv, md, latex };

struct CommonOptions {
  bool json = false;
  std::string format = "table";
  long precision = 128;
  void add_to(CLI::App& cmd);
  Format parsed_format() const;
};

}  // namespace critwin::app
