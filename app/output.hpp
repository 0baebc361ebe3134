// How commands report results: one JSON object (--json) or the same rows as an aligned table, CSV,
// Markdown or LaTeX (--format). Files are written atomically so a failed run leaves no partial output.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/common_options.hpp"
#include "model/estimate_json.hpp"

namespace critwin::app {


struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string caption;  // LaTeX caption / Markdown heading, optional
};

std::string table_render(const Table& t, Format f);

// Human-readable cell: "1.1332699997835702 ±3.1e-38 (certified)", "inf", "497 (exact)", "none".
std::string cell(const Estimate& e);
std::string cell(const OptionalTime& e);
// "yes", "no", or either with "(enclosures overlap)" when the order of the endpoints is not certain.
std::string nonempty_cell(bool nonempty, bool certain);
// Shortest round-trip text of a double.
std::string number_text(double x);

// Writes `content` to `path` through a temporary file and a rename: readers never see half a file.
void file_write_atomic(const std::string& path, const std::string& content);

// Prints either the JSON object or the table in the chosen format to stdout. The plain table (not csv, md or
// latex, which are meant to be pasted as they are) ends with one line giving the precision used, when
// `precision_line` is set and the JSON object reports one.
void emit(const CommonOptions& opt, const Json& j, const Table& t, bool precision_line = true);

}  // namespace critwin::app
