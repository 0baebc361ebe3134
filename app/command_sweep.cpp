// critwin sweep: a parameter grid over a model template and a list of queries, written as CSV and JSON Lines
// (README "Parameter sweeps"; the file format is app/sweep_file.hpp, the execution app/sweep_run.hpp).
#include <filesystem>
#include <iostream>
#include <optional>

#include <fmt/format.h>

#include "app/command.hpp"
#include "app/common_options.hpp"
#include "app/run_json.hpp"
#include "app/sweep_run.hpp"
#include "model/model_file.hpp"

namespace critwin::app {
namespace {

struct Args {
  std::string path;
  std::optional<std::string> out;
  bool resume = false, quiet = false;
  int threads = 0;
};

std::string point_text(const SweepFile& spec, uint64_t p) {
  std::string s;
  for (const auto& [k, v] : spec.point_values(p)) s += (s.empty() ? "" : ", ") + k + " = " + v;
  return fmt::format("grid point {}{}", p, s.empty() ? "" : " (" + s + ")");
}

void run(const Args& args) {
  const SweepFile spec = sweep_file_load(args.path);
  // Everything a sweep file can get wrong is found here, before a file is written: every point's model, and each
  // query's command line (required options, values CLI11 refuses) at the first point.
  for (uint64_t p = 0; p < spec.points(); ++p) {
    try {
      (void)model_file_parse(spec.model_at(p), spec.model_source);
    } catch (const InputError& e) {
      throw InputError(e.field(), fmt::format("{} (model template at {})", e.message(), point_text(spec, p)));
    }
  }
  for (size_t q = 0; q < spec.queries.size(); ++q)
    if (auto e = run_json_check_syntax(spec.args_at(0, q, spec.model_source)))
      throw InputError(fmt::format("query[{}].options", q),
                       fmt::format("{} (critwin {} at {})", e->field() == "command line" ? e->message() : std::string(e->what()),
                                   spec.queries[q].command, point_text(spec, 0)));

  SweepOptions opt;
  opt.out_prefix = args.out ? *args.out : (std::filesystem::path("out") / std::filesystem::path(args.path).stem()).string();
  opt.resume = args.resume;
  opt.threads = args.threads;
  opt.progress = !args.quiet;
  const SweepSummary s = sweep_run(spec, opt);
  std::cout << fmt::format("{}: {} rows ({} grid points × {} queries; {} from the journal, {} computed), {} with errors\n"
                           "wrote {} and {}\n",
                           spec.name, s.rows, spec.points(), spec.queries.size(), s.resumed, s.computed, s.errors, s.csv, s.jsonl);
  if (s.errors > 0)
    throw std::runtime_error(fmt::format("{} of {} rows failed; their messages are in the error column", s.errors, s.rows));
}

[[maybe_unused]] const int registered = command_register(110, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(parent, "sweep",
                                       "parameter grid over a model template and queries: one CSV / JSON Lines row per grid point × query, resumable",
                                       run);
  cmd->add_option("SWEEP", args->path, "sweep file (TOML: model template, [parameters], [[query]]; README \"Parameter sweeps\")")->required();
  cmd->add_option("--out", args->out, "output path prefix: PREFIX.csv, PREFIX.jsonl, journal PREFIX.journal.jsonl (default out/<SWEEP stem>)");
  cmd->add_flag("--resume", args->resume, "continue an interrupted sweep from its journal, skipping the rows already there");
  add_integer_option(*cmd, "--threads", args->threads, 1, 1024, "worker threads sharing the grid points (default: all cores; rows do not depend on it)");
  cmd->add_flag("--quiet", args->quiet, "no progress bar");
});

}  // namespace
}  // namespace critwin::app
