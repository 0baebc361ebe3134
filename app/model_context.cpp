#include "app/model_context.hpp"

#include <fmt/format.h>
#include <tbb/info.h>

#include "model/input_error.hpp"
#include "samplers/fallback_engine.hpp"
#include "samplers/sampler_factory.hpp"
#include "model/model_file.hpp"

namespace critwin::app {

void ModelArgs::add_to(CLI::App& cmd, bool monte_carlo_options) {
  cmd.add_option("MODEL", path, "model file (TOML)")->required();
  common.add_to(cmd);
  if (!monte_carlo_options) return;
  add_integer_option(cmd, "--samples", samples, 100, 1000000000ULL,
                     "Monte Carlo samples per estimate where no exact path exists (default 100000)");
  add_integer_option(cmd, "--seed", seed, 0, ~0ULL, "Monte Carlo seed where no exact path exists (default 1)");
  add_integer_option(cmd, "--threads", threads, 1, 1024,
                     "Monte Carlo worker threads (default: all cores; results do not depend on it)");
}

McEngineOptions ModelArgs::mc_options() const {
  return McEngineOptions{samples, seed, threads > 0 ? threads : tbb::info::default_concurrency()};
}

std::string ModelArgs::monte_carlo_note(const std::string& what) const {
  return fmt::format("{}: {} samples per estimate, seed {}, 99.9% intervals", what, samples, seed);
}

std::unique_ptr<ExactEngine> ModelArgs::engine(const Model& m, Json& j, std::string& note) const {
  const McEngineOptions opt = mc_options();
  std::unique_ptr<ExactEngine> mc;
  try {
    auto e = exact_engine_make(m, common.precision);
    j["engine"] = "exact";
    if (e->has_exact_fr_tv()) {
      // A quantity the exact engine refuses later (Gaussian fr-tv beyond 16 collinear atoms) goes to the
      // family's Monte Carlo engine; the number's guarantee (monte-carlo) says which path produced it.
      const long prec = common.precision;
      return fallback_engine_make(std::move(e), [&m, prec, opt] { return family_monte_carlo_engine_make(m, prec, opt); });
    }
    // Exact forward TVs, Monte Carlo fr-tv and retention (the detection families): the family's engine.
    auto hybrid = family_monte_carlo_engine_make(m, common.precision, opt);
    if (!hybrid) return e;
    j["fr_tv_engine"] = "monte-carlo";
    j["samples"] = samples;
    j["seed"] = seed;
    note = monte_carlo_note("forward TVs exact; fr-tv by Monte Carlo (no exact path)");
    return hybrid;
  } catch (const InputError&) {
    // A model the exact engine refuses falls back to the family's Monte Carlo engine, if it has one.
    mc = family_monte_carlo_engine_make(m, common.precision, opt);
    if (!mc) throw;
  }
  j["engine"] = "monte-carlo";
  j["samples"] = samples;
  j["seed"] = seed;
  note = monte_carlo_note("Monte Carlo (no exact path)");
  return mc;
}

void json_put_guaranteed(Json& j, const std::string& key, const OptionalTime& e) {
  json_put(j, key, e);
  if (e) j[key + "_guarantee"] = guarantee_name(e->guarantee);
}

const Model*& model_preloaded() {
  thread_local const Model* m = nullptr;
  return m;
}

Model ModelArgs::load() const {
  if (const Model* m = model_preloaded()) return *m;
  return model_file_load(path);
}

ExactReal parse_real_option(const std::string& text, const std::string& field) {
  auto v = ExactReal::parse(text);
  if (!v) throw InputError(field, "must be a real number written as a decimal or rational (got '" + text + "')");
  return *v;
}

Json json_header(const std::string& command, const Model& model) {
  Json j;
  j["command"] = command;
  j["model"] = model.name;
  // Drawn means are part of the model: print them so a result can be reproduced without critwin.
  if (const auto* g = model.family<GaussianComponents>(); g && g->random_seed) {
    Json means = Json::array();
    for (const auto& mu : g->means) {
      Json row = Json::array();
      for (const auto& x : mu) row.push_back(x.to_double());  // exact: the drawn values are doubles
      means.push_back(std::move(row));
    }
    j["means_seed"] = *g->random_seed;
    j["means"] = std::move(means);
  }
  return j;
}

Json pair_tv_json(const Model& m, const PairTvReport& r, const Estimate& tv, const Json& path) {
  Json j = json_header(r.command, m);
  for (auto it = path.begin(); it != path.end(); ++it) j[it.key()] = it.value();
  for (size_t i = 0; i < 3; ++i) j[r.keys[i]] = r.values[i];
  json_put(j, "tv", tv);
  j["guarantee"] = guarantee_name(tv.guarantee);
  return j;
}

void emit_pair_tv(const CommonOptions& opt, const Model& m, const PairTvReport& r, const Estimate& tv,
                  const Json& path, const std::string& caption) {
  const Json j = pair_tv_json(m, r, tv, path);
  Table tab{{r.headers[0], r.headers[1], r.headers[2], r.column, "guarantee"},
            {{r.values[0], r.values[1], r.values[2], cell(tv), guarantee_name(tv.guarantee)}},
            caption};
  emit(opt, j, tab);
}

}  // namespace critwin::app
