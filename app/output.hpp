// How commands report results: one JSON object (--json) or the same rows as an aligned table, CSV,
// Markdown or LaTeX (--format). Files are written atomically so a failed run leaves no partial output.
#pragma once

#include <optional>
#include <string>
#include <utility>
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
// Six significant digits for comparison tables; "undefined" for a time or difference with no value (a closed
// form outside its domain, ∞ − ∞), "inf" for +∞.
std::string short_time_cell(const OptionalTime& e);
// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
std::string csv_escape(const std::string& s);
// "yes", "no", or either with "(enclosures overlap)" when the order of the endpoints is not certain.
std::string nonempty_cell(bool nonempty, bool certain);
// Shortest round-trip text of a double.
std::string number_text(double x);

// Writes every (path, content) through its own unique temporary file, then renames them all: readers never
// see half a file, concurrent runs never share a temporary, and if any write fails none of the files is
// replaced. Errors are InputErrors naming `field` (the flag that chose the paths).
void files_write_atomic(const std::vector<std::pair<std::string, std::string>>& files, const std::string& field);
void file_write_atomic(const std::string& path, const std::string& content, const std::string& field);
// Before heavy work: InputError naming `field` when the folder `dir` could not be created or written (a component
// of it is a regular file, or the nearest existing ancestor is not a writable folder). Creates nothing.
void output_folder_check(const std::string& dir, const std::string& field);

// Prints either the JSON object or the table in the chosen format to stdout. The plain table (not csv, md or
// latex, which are meant to be pasted as they are) ends with one line giving the precision used, when
// `precision_line` is set and the JSON object reports one.
void emit(const CommonOptions& opt, const Json& j, const Table& t, bool precision_line = true);
// In-process callers (app/run_json.hpp) take the JSON object instead: while this thread's pointer is set,
// emit() stores `j` there and prints nothing.
Json*& emit_capture();
// While alive, emit() on this thread stores its JSON object in `*j` instead of printing (restored on every exit).
struct EmitCapture {
  Json* saved = emit_capture();
  explicit EmitCapture(Json* j) { emit_capture() = j; }
  ~EmitCapture() { emit_capture() = saved; }
  EmitCapture(const EmitCapture&) = delete;
  EmitCapture& operator=(const EmitCapture&) = delete;
};

}  // namespace critwin::app
