#include "verify/claim_runner.hpp"

#include <chrono>

#include <fmt/format.h>

#include "model/input_error.hpp"
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

ClaimResult claim_run(const Claim& c, const RunOptions& opt) {
  ClaimResult out;
  out.name = c.name;
  out.kind = std::string(claim_kind_name(c));
  out.expected = c.expect;
  out.details = Json::object();
  const auto t0 = std::chrono::steady_clock::now();
  try {
    claim_kinds()[c.spec.index()].check(c, opt, out);
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
