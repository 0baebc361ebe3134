#include "verify/claim_runner.hpp"

#include <atomic>
#include <chrono>

#include <fmt/format.h>

#include "model/input_error.hpp"
#include "model/interrupt.hpp"
#include "verify/claim_table.hpp"

namespace critwin::verify {

std::string exact_text(const ExactReal& v) {
  std::string s = v.to_string();
  if (s.find('/') == std::string::npos || s.size() <= 7) return s;
  if (s.size() > 30) return fmt::format("≈{:.12g}", v.to_double());
  return fmt::format("{} ≈ {:.10g}", s, v.to_double());
}

bool claim_time_up(std::chrono::steady_clock::time_point start, const RunOptions& opt) {
  return opt.timeout_s > 0 && std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= opt.timeout_s;
}

void claim_timeout(ClaimResult& out, const RunOptions& opt, const std::string& progress) {
  out.status = "unknown";
  out.evidence = fmt::format("timeout after {} s ({})", opt.timeout_s, progress);
  out.details["timeout"] = true;
}

bool claim_result_ok(const ClaimResult& r, bool strict) {
  return r.matches || (!strict && r.status == "unknown");
}

namespace {

// The claim's wall-clock limit inside long computations (Monte Carlo chunks, quadratures, root searches): they
// call interruption_point(), and this hook answers true once the deadline has passed. Claims run one at a time
// per process, so one process-wide deadline (0: none) serves every thread the computation uses; the host's own
// hook (Python's Ctrl-C) is still asked first. The hook is process-wide: a computation another host thread runs
// while a claim with a limit is being checked (two Python threads) would be stopped at that claim's deadline too.
std::atomic<int64_t> g_claim_deadline_ns{0};
bool (*g_host_hook)() = nullptr;

bool claim_deadline_passed() {
  const int64_t d = g_claim_deadline_ns.load(std::memory_order_relaxed);
  return d != 0 && std::chrono::steady_clock::now().time_since_epoch().count() >= d;
}

bool claim_deadline_hook() { return (g_host_hook && g_host_hook()) || claim_deadline_passed(); }

struct ClaimDeadline {
  bool installed = false;
  ClaimDeadline(std::chrono::steady_clock::time_point start, double seconds) {
    if (seconds <= 0 || interrupt_hook == &claim_deadline_hook) return;
    const auto end = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
    g_claim_deadline_ns.store(end.time_since_epoch().count());
    g_host_hook = interrupt_hook;
    interrupt_hook = &claim_deadline_hook;
    installed = true;
  }
  ~ClaimDeadline() {
    if (!installed) return;
    interrupt_hook = g_host_hook;
    g_host_hook = nullptr;
    g_claim_deadline_ns.store(0);
  }
  ClaimDeadline(const ClaimDeadline&) = delete;
  ClaimDeadline& operator=(const ClaimDeadline&) = delete;
};

}  // namespace

ClaimResult claim_run(const Claim& c, const RunOptions& opt) {
  ClaimResult out;
  out.name = c.name;
  out.kind = std::string(claim_kind_name(c));
  out.expected = c.expect;
  out.details = Json::object();
  const auto t0 = std::chrono::steady_clock::now();
  try {
    ClaimDeadline deadline(t0, opt.timeout_s);
    try {
      claim_kinds()[c.spec.index()].check(c, opt, out);
    } catch (const Interrupted&) {
      if (!claim_deadline_passed()) throw;  // the host's interrupt (Ctrl-C in Python), not the claim's limit
      claim_timeout(out, opt, "stopped inside a computation");
    }
  } catch (const Interrupted&) {
    throw;
  } catch (const InputError& e) {
    throw claim_input_error(c.source, c.name, e);
  } catch (const std::exception& e) {
    // A computation that cannot finish (an engine that cannot decide, a model it does not support) leaves the
    // claim undecided; it is never counted as holding.
    out.status = "unknown";
    out.evidence = std::string("error: ") + e.what();
    out.details["error"] = e.what();
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.matches = out.status == out.expected;
  return out;
}

}  // namespace critwin::verify
