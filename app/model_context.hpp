// What most commands start from: the model file argument, loaded and validated, and its exact engine.
#pragma once

#include <cstdint>
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
  // Monte Carlo fallback (Gaussian mixtures the exact engine refuses): --samples, --seed, --threads.
  uint64_t samples = 100000, seed = 1;
  int threads = 0;  // 0 = all cores
  // MODEL.toml positional + common options (+ the Monte Carlo fallback options when `monte_carlo_options`).
  void add_to(CLI::App& cmd, bool monte_carlo_options = true);
  Model load() const;
  // The exact engine, or for a Gaussian mixture it refuses (more than three non-collinear means) the
  // Monte Carlo engine in the span of the means. Records the path in `j` ("engine", and for Monte Carlo
  // "samples", "seed", "span_dimension") and returns a one-line note for the table caption.
  std::unique_ptr<ExactEngine> engine(const Model& m, Json& j, std::string& note) const;
};

// Parses an exact real option value (e.g. --eps "0.1"), InputError naming `field` otherwise.
ExactReal parse_real_option(const std::string& text, const std::string& field);

// A JSON object with the model's name and the command, the start of every command's output.
Json json_header(const std::string& command, const Model& model);

}  // namespace critwin::app
