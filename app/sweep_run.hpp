// Running a parameter sweep (app/sweep_file.hpp): grid points dealt to threads and MPI ranks, each finished row appended to a
// journal with one write() + fsync, and at the end the CSV and JSON Lines tables written in grid order.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "app/sweep_file.hpp"

namespace critwin::app {

// The one place the grid is dealt out. compute(p, emit) is called once for every grid point p in [0, n_points), on up
// to `threads` threads (0 = all cores); it computes p's rows and hands each finished one to emit(row index, JSON line).
// sink receives every row, one call at a time, in the process that writes the files (rank 0 under mpirun). Returns
// when all points are done; rethrows the first exception (under mpirun on every rank, see dist::agree). compute must
// not depend on which thread or MPI rank runs it or in which order. Under mpirun the points go out in rounds of 4 per
// rank (dist::deal_gather_batch); rank 0's sink gets each round's rows in point order when the round is gathered.
using RowSink = std::function<void(uint64_t row, std::string line)>;
using PointCompute = std::function<void(uint64_t point, const RowSink& emit)>;
void run_points(uint64_t n_points, int threads, const PointCompute& compute, const RowSink& sink);

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
SweepSummary sweep_run(const SweepFile& spec, const SweepOptions& opt);

// The file names for a prefix.
std::string sweep_journal_path(const std::string& prefix);

}  // namespace critwin::app
