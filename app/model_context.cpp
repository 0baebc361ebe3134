#include "app/model_context.hpp"

#include <fmt/format.h>
#include <tbb/info.h>

#include "model/input_error.hpp"
#include "samplers/gaussian/gaussian_mc_engine.hpp"
#include "model/model_file.hpp"

namespace critwin::app {

void ModelArgs::add_to(CLI::App& cmd, bool monte_carlo_options) {
  cmd.add_option("MODEL", path, "model file (TOML)")->required();
  common.add_to(cmd);
  if (!monte_carlo_options) return;
  cmd.add_option("--samples", samples,
                 "Monte Carlo samples per estimate where no exact path exists (default 100000)");
  cmd.add_option("--seed", seed, "Monte Carlo seed where no exact path exists (default 1)");
  cmd.add_option("--threads", threads, "Monte Carlo worker threads (default: all cores; results do not depend on it)");
}

std::unique_ptr<ExactEngine> ModelArgs::engine(const Model& m, Json& j, std::string& note) const {
  try {
    auto e = exact_engine_make(m, common.precision);
    j["engine"] = "exact";
    return e;
  } catch (const InputError& err) {
    // Only the Gaussian span refusal falls back; every other input error stays an error.
    if (!m.family<GaussianComponents>() || err.field() != "components.means") throw;
  }
  if (samples < 100 || samples > 1000000000ULL) throw InputError("--samples", "must be between 100 and 1e9");
  if (threads < 0 || threads > 1024) throw InputError("--threads", "must be between 1 and 1024");
  McEngineOptions opt{samples, seed, threads > 0 ? threads : tbb::info::default_concurrency()};
  const int r = gaussian_mc_span_dimension(m);
  j["engine"] = "monte-carlo";
  j["samples"] = samples;
  j["seed"] = seed;
  j["span_dimension"] = r;
  note = fmt::format("Monte Carlo in the {}-dimensional span of the means (no exact path): {} samples per estimate, "
                     "seed {}, 99.9% intervals",
                     r, samples, seed);
  return gaussian_mc_engine_make(m, common.precision, opt);
}

Model ModelArgs::load() const { return model_file_load(path); }

ExactReal parse_real_option(const std::string& text, const std::string& field) {
  auto v = ExactReal::parse(text);
  if (!v) throw InputError(field, "must be a real number written as a decimal or rational (got '" + text + "')");
  return *v;
}

Json json_header(const std::string& command, const Model& model) {
  Json j;
  j["command"] = command;
  j["model"] = model.name;
  return j;
}

}  // namespace critwin::app
