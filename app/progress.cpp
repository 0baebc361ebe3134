#include "app/progress.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace critwin::app {

Progress::Progress(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)), start_(Clock::now()) {}

Progress::~Progress() {
  if (shown_) std::fputs("\r\033[K", stderr);
}

void Progress::show(const std::string& what, uint64_t done, uint64_t total) {
  if (!enabled_ || total == 0) return;
  const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  if (elapsed < 1.0) return;
  shown_ = true;
  const double frac = static_cast<double>(done) / static_cast<double>(total);
  const int width = 30, filled = static_cast<int>(width * frac);
  std::string eta = "--";
  if (done > 0) {
    // The remaining units at the average rate so far.
    const long s = static_cast<long>(elapsed * (1.0 - frac) / frac + 0.5);
    eta = s >= 3600 ? fmt::format("{}h{:02}m", s / 3600, s / 60 % 60) : s >= 60 ? fmt::format("{}m{:02}s", s / 60, s % 60) : fmt::format("{}s", s);
  }
  std::fprintf(stderr, "\r\033[K%s [%s%s] %3.0f%% ETA %s", what.c_str(), std::string(filled, '#').c_str(),
               std::string(width - filled, ' ').c_str(), 100.0 * frac, eta.c_str());
  std::fflush(stderr);
}

ProgressFn Progress::fn(std::string what) {
  if (!enabled_) return {};
  return [this, what](uint64_t done, uint64_t total) { show(what, done, total); };
}

}  // namespace critwin::app
