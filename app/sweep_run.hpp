// Running a parameter sweep (app/sweep_file.hpp): grid points dealt to workers, each finished row appended to a
// journal with one write() + fsync, and at the end the CSV and JSON Lines tables written in grid order.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "app/sweep_file.hpp"

namespace critwin::app {

// Calls fn(p) once for every grid point p in [0, n_points), on up to `threads` threads (0 = all cores); returns when
// all are done and rethrows the first exception. The one place the grid is dealt out: a distributed layer (MPI) deals
// points to ranks here. fn must not depend on which thread or in which order points run.
void run_points(uint64_t n_points, int threads, const std::function<void(uint64_t)>& fn);

struct SweepOptions {
  std::string out_prefix;  // writes out_prefix.csv and out_prefix.jsonl; the journal is out_prefix.journal.jsonl
  bool resume = false;
  int threads = 0;
  bool progress = true;  // a bar with ETA on stderr, drawn only when stderr is a terminal
};

struct SweepSummary {
  uint64_t rows = 0, resumed = 0, computed = 0, errors = 0;
  std::string csv, jsonl;
};

// Runs every (grid point, query) row not already in the journal, then writes the two tables atomically and removes
// the journal. InputError (exit 2, no output files) when the journal exists without `resume` or belongs to another
// sweep; rows whose command fails carry the message in `error` and are counted in `errors`.
SweepSummary sweep_run(const SweepSpec& spec, const SweepOptions& opt);

// The file names for a prefix.
std::string sweep_journal_path(const std::string& prefix);

}  // namespace critwin::app
