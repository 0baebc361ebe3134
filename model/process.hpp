// The forward (observation) process Y_t | X and its index set I. Information only degrades as t grows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/exact_real.hpp"

namespace critwin {

enum class ProcessKind {
  ou,            // Y_t = e^{-t} X + sqrt(1 - e^{-2t}) Z, I = [0, ∞]
  truncate,      // Y_t = first length − t tokens, I = {0, …, length}
  random_mask,   // each position masked independently w.p. t, I = [0, 1]
  ordered_mask,  // positions order[0..t) masked, I = {0, …, length}
};

constexpr unsigned process_bit(ProcessKind k) { return 1u << static_cast<unsigned>(k); }
inline constexpr ProcessKind all_process_kinds[] = {ProcessKind::ou, ProcessKind::truncate, ProcessKind::random_mask,
                                                    ProcessKind::ordered_mask};

struct Process {
  ProcessKind kind = ProcessKind::ou;
  int length = 0;          // sequence length for the discrete-sequence processes
  std::vector<int> order;  // ordered_mask: positions in the order they are masked

  bool discrete_time() const { return kind == ProcessKind::truncate || kind == ProcessKind::ordered_mask; }
  // sup I: +∞ for ou (nullopt), 1 for random_mask, length for truncate/ordered_mask.
  std::optional<ExactReal> sup_time() const;
  std::string index_set_text() const;
  // truncate / ordered-mask: which of the `length` positions Y_t still shows (t in {0..length}).
  std::vector<bool> visible_positions(long t) const;  // e.g. "[0, inf]" or "{0, ..., 600}", for error messages
};

std::string_view process_kind_name(ProcessKind k);

// A time in the index set: an exact rational or +∞ (only for ou).
struct TimePoint {
  ExactReal value;
  bool infinite = false;

  // Parses "1.5", "3/2", "1e-3", "inf"; validates membership of the process's index set and reports
  // `field` with the allowed range on failure (InputError).
  static TimePoint parse(std::string_view text, const Process& process, const std::string& field);
  static TimePoint integer(long n) { return TimePoint{ExactReal::from_int(n), false}; }
  static TimePoint inf() { return TimePoint{ExactReal(), true}; }
  double to_double() const;
  long to_long() const { return value.to_long(); }  // discrete index sets only
};

}  // namespace critwin
