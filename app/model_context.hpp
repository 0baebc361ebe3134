// What most commands start from: the model file argument, loaded and validated, and its exact engine.
#pragma once

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

}  // namespace critwin::app
