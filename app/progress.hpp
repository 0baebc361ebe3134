// A progress bar with ETA on stderr for long runs (sample's blocks, verify's claims): drawn only when stderr is
// a terminal and the run has taken a second, so pipes, files and CI logs stay silent.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "samplers/block_runner.hpp"

namespace critwin::app {

class Progress {
 public:
  explicit Progress(bool enabled);
  ~Progress();  // clears the bar's line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Draws "what [#####     ]  42% ETA 1m05s"; `done` of `total` units (samples, claims) are finished.
  void show(const std::string& what, uint64_t done, uint64_t total);
  // For the Monte Carlo block runner (called from one thread at a time).
  ProgressFn fn(std::string what);

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_, shown_ = false;
  Clock::time_point start_;
};

}  // namespace critwin::app
