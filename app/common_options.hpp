// The options every command shares: --json, --format, --precision.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace critwin::app {

enum class Format { table, csv, md, latex };

// Adds an integer option read exactly: decimal digits only (no sign, exponent or fraction) and within
// [lo, hi], else an InputError naming the flag and the range (exit 2) — never a silent wrap-around.
CLI::Option* add_integer_option(CLI::App& cmd, const std::string& flag, unsigned long long& target,
                                unsigned long long lo, unsigned long long hi, const std::string& description);
CLI::Option* add_integer_option(CLI::App& cmd, const std::string& flag, int& target, int lo, int hi,
                                const std::string& description);
CLI::Option* add_integer_option(CLI::App& cmd, const std::string& flag, long& target, long lo, long hi,
                                const std::string& description);

struct CommonOptions {
  bool json = false;
  std::string format = "table";
  long precision = 128;
  void add_to(CLI::App& cmd);
  Format parsed_format() const;
};

}  // namespace critwin::app
