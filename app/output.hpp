// How commands report results: one JSON object (--json) or the same rows as an aligned table, CSV,
// Markdown or LaTeX (--format). Files are written atomically so a failed run leaves no partial output.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "model/estimate.hpp"

namespace critwin::app {

using Json = nlohmann::ordered_json;

enum class Format { table, csv, md, latex };

// Options every command shares.
struct CommonOptions {
  bool json = false;
  std::string format = "table";
  long precision = 128;
  void add_to(CLI::App& cmd);
  Format parsed_format() const;
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string caption;  // LaTeX caption / Markdown heading, optional
};

std::string table_render(const Table& t, Format f);

// JSON conventions of the CLI contract: nearest double as a number; `<key>_lo`/`<key>_hi` for a
// certified or estimated value; "inf" for +∞; null for an empty sup/inf.
void json_put(Json& j, const std::string& key, const Estimate& e);
void json_put(Json& j, const std::string& key, const OptionalTime& e);

// Human-readable cell: "1.1332699997835702 ±3.1e-38 (certified)", "inf", "497 (exact)", "none".
std::string cell(const Estimate& e);
std::string cell(const OptionalTime& e);
// Shortest round-trip text of a double.
std::string number_text(double x);

// Writes `content` to `path` through a temporary file and a rename: readers never see half a file.
void file_write_atomic(const std::string& path, const std::string& content);

// Prints either the JSON object or the table in the chosen format to stdout.
void emit(const CommonOptions& opt, const Json& j, const Table& t);

}  // namespace critwin::app
