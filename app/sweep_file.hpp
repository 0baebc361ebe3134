// The sweep file of `critwin sweep` (README "Parameter sweeps"): a model template with ${name} placeholders,
// parameters (lists or from/to/n ranges), and queries (critwin commands with options), read and checked in full
// before any work so that a mistake is one InputError naming its field, never a half-written table.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace critwin::app {

// The most rows (grid points × queries) one sweep may have; checked before the grid is expanded.
inline constexpr uint64_t kSweepMaxRows = 100000;

struct SweepParameter {
  std::string name;
  std::vector<std::string> values;  // the texts substituted for ${name}, in grid order
};

struct SweepQuery {
  std::string command;
  // (--flag, value template); an empty value template with `flag_only` is a bare flag.
  struct Option {
    std::string flag, value;
    bool flag_only = false;
  };
  std::vector<Option> options;
};

struct SweepFile {
  std::string name;
  std::string model_template;  // TOML text with ${name} placeholders
  std::string model_source;    // where the template came from ("SWEEP.toml: model" or the template's path)
  std::vector<SweepParameter> parameters;  // in the order of the sweep file; the last varies fastest
  std::vector<SweepQuery> queries;

  uint64_t points() const;  // product of the parameters' value counts (1 when there are none)
  uint64_t rows() const { return points() * queries.size(); }
  // The value of every parameter at grid point `p` (row-major: the last parameter varies fastest).
  std::vector<std::pair<std::string, std::string>> point_values(uint64_t p) const;
  // The model text of point `p`, and argv (without the program name) of query `q` at point `p`.
  std::string model_at(uint64_t p) const;
  std::vector<std::string> args_at(uint64_t p, size_t q, const std::string& model_path) const;
  // A 64-bit FNV-1a digest of everything that determines the rows (template, grid, queries), in hex: a journal
  // written for another sweep is recognized before it is resumed.
  std::string fingerprint() const;
};

// Reads and checks SWEEP.toml: unknown keys, bad ranges, placeholders naming no parameter, unused parameters,
// unknown commands or options, a grid over kSweepMaxRows. InputError naming the field (`parameters.m.n`,
// `query[1].options.epss`) and the allowed range otherwise.
SweepFile sweep_file_load(const std::string& path);
SweepFile sweep_file_parse(const std::string& text, const std::string& source_name, const std::string& base_dir);

// "${name}" placeholders of `text` replaced by `values`; InputError naming `field` for a placeholder that names no
// value or is not closed.
std::string sweep_substitute(const std::string& text, const std::vector<std::pair<std::string, std::string>>& values,
                             const std::string& field);

// The commands a query may name: those that read one MODEL and print one JSON object.
const std::vector<std::string>& sweep_commands();

}  // namespace critwin::app
