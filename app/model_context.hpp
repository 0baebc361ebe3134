// What most commands start from: the model file argument, loaded and validated, and its exact engine.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "app/output.hpp"
#include "bounds/engine_factory.hpp"
#include "model/model.hpp"
#include "samplers/mc_engine_options.hpp"

namespace critwin::app {

struct ModelArgs {
  std::string path;
  CommonOptions common;
  // Monte Carlo fallback (Gaussian mixtures the exact engine refuses): --samples, --seed, --threads.
  unsigned long long samples = 100000, seed = 1;
  int threads = 0;  // 0 = all cores
  // MODEL.toml positional + common options (+ the Monte Carlo fallback options when `monte_carlo_options`).
  void add_to(CLI::App& cmd, bool monte_carlo_options = true);
  Model load() const;
  // The exact engine, or for a Gaussian mixture it refuses (more than three non-collinear means) the
  // Monte Carlo engine in the span of the means. Records the path in `j` ("engine", and for Monte Carlo
  // "samples", "seed", "span_dimension") and returns a one-line note for the table caption.
  std::unique_ptr<ExactEngine> engine(const Model& m, Json& j, std::string& note) const;
  // The Monte Carlo options (--samples, --seed, --threads with 0 = all cores) and the caption line that states
  // them: "WHAT: N samples per estimate, seed S, 99.9% intervals".
  McEngineOptions mc_options() const;
  std::string monte_carlo_note(const std::string& what) const;
};

// In-process callers (app/run_json.hpp) that hold a loaded model: while this thread's pointer is set,
// ModelArgs::load() returns a copy of it instead of reading the MODEL file.
const Model*& model_preloaded();

// Parses an exact real option value (e.g. --eps "0.1"), InputError naming `field` otherwise.
ExactReal parse_real_option(const std::string& text, const std::string& field);

// json_put, and beside a value that is there `<key>_guarantee` (certified, estimated, exact, monte-carlo), for
// objects whose values do not share one guarantee: each number carries its own (README "What the numbers mean").
void json_put_guaranteed(Json& j, const std::string& key, const OptionalTime& e);

// A JSON object with the model's name and the command, the start of every command's output.
Json json_header(const std::string& command, const Model& model);

// The report of forward-tv and fr-tv: one TV of a pair of subsets at one time. `keys` are the JSON keys of
// the time and the two subsets, `headers` their table columns, `values` their texts; `column` heads the TV.
struct PairTvReport {
  std::string command;
  std::array<std::string, 3> keys, headers, values;
  std::string column;
};
// The JSON object of that report (what --json prints); `path` (from ModelArgs::engine) is copied into it.
Json pair_tv_json(const Model& m, const PairTvReport& r, const Estimate& tv, const Json& path = Json::object());
// pair_tv_json printed as JSON or as a table headed by `caption`.
void emit_pair_tv(const CommonOptions& opt, const Model& m, const PairTvReport& r, const Estimate& tv,
                  const Json& path = Json::object(), const std::string& caption = "");

}  // namespace critwin::app
