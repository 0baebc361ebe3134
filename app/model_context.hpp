// What most commands start from: the model file argument, loaded and validated, and its exact engine.
#pragma once

#include <array>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/output.hpp"
#include "bounds/engine_factory.hpp"
#include "model/model.hpp"

namespace critwin::app {

struct ModelArgs {
  std::string path;
  CommonOptions common;
  void add_to(CLI::App& cmd);  // MODEL.toml positional + common options
  Model load() const;
};

// Parses an exact real option value (e.g. --eps "0.1"), InputError naming `field` otherwise.
ExactReal parse_real_option(const std::string& text, const std::string& field);

// A JSON object with the model's name and the command, the start of every command's output.
Json json_header(const std::string& command, const Model& model);

// The report of forward-tv and fr-tv: one TV of a pair of subsets at one time. `keys` are the JSON keys of
// the time and the two subsets, `headers` their table columns, `values` their texts; `column` heads the TV.
struct PairTvReport {
  std::string command;
  std::array<std::string, 3> keys, headers, values;
  std::string column;
};
void emit_pair_tv(const CommonOptions& opt, const Model& m, const PairTvReport& r, const Estimate& tv);

}  // namespace critwin::app
