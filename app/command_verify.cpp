// critwin verify: prove, refute or check the claims in claims files (see verify/claims/README.md); the exit
// status is 0 iff every claim's status matches its expectation, so claims run in CI like unit tests.
#include <cmath>
#include <iostream>
#include <stdexcept>

#include <fmt/format.h>

#include "app/command.hpp"
#include "app/output.hpp"
#include "app/progress.hpp"
#include "model/input_error.hpp"
#include "samplers/distributed.hpp"
#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"
#include "verify/verify_report.hpp"

namespace critwin::app {
namespace {

struct Args {
  std::vector<std::string> files;
  CommonOptions common;
  std::string junit;
  double timeout = 0;
  unsigned rlimit = 20'000'000;
  bool strict = false;
  bool jsonl = false;
  std::string only;
};

// A claim's result as bytes for dist::deal_gather (details as CBOR: every number comes back bit for bit).
std::string claim_result_bytes(const verify::ClaimResult& r) {
  Json j = {{"name", r.name},         {"kind", r.kind},          {"status", r.status}, {"expected", r.expected},
            {"matches", r.matches},   {"evidence", r.evidence}, {"details", r.details}};
  std::string s;
  dist::put(s, r.seconds);
  for (uint8_t b : Json::to_cbor(j)) s.push_back(static_cast<char>(b));
  return s;
}

verify::ClaimResult claim_result_from_bytes(const std::string& s) {
  verify::ClaimResult r;
  const size_t pos = dist::get(s, 0, r.seconds);
  const Json j = Json::from_cbor(s.begin() + static_cast<std::ptrdiff_t>(pos), s.end());
  r.name = j.at("name");
  r.kind = j.at("kind");
  r.status = j.at("status");
  r.expected = j.at("expected");
  r.matches = j.at("matches");
  r.evidence = j.at("evidence");
  r.details = j.at("details");
  return r;
}

void run(const Args& args) {
  std::vector<verify::Claim> claims;
  for (const auto& f : args.files)
    for (auto& c : verify::claims_file_load(f))
      if (args.only.empty() || c.name.find(args.only) != std::string::npos) claims.push_back(std::move(c));
  // A typo in --only would otherwise run nothing and pass in CI.
  if (!args.only.empty() && claims.empty())
    throw InputError("--only", "'" + args.only + "' is contained in no claim name of the given files");
  verify::RunOptions opt;
  opt.limits.rlimit = args.rlimit;
  opt.timeout_s = args.timeout;
  opt.limits.timeout_ms = args.timeout > 0 ? static_cast<unsigned>(args.timeout * 1000) : 0;
  opt.precision = args.common.precision;
  opt.strict = args.strict;
  std::vector<verify::ClaimResult> results;
  Progress progress(!args.common.json && !args.jsonl);
  // Under mpirun, with at least as many claims as ranks, the claims are dealt to the ranks (claim i to rank
  // i mod R) and their results come back in claim order, so the report is the one a single process writes;
  // --jsonl lines then come at the end. With fewer claims than ranks every rank runs each claim together and
  // its branch-and-bound boxes are dealt instead (verify/inequality_check.cpp), with the same report.
  const bool deal_claims = claims.size() >= static_cast<size_t>(dist::size());
  const bool streaming = !deal_claims || !dist::distributing();
  auto one = [&](uint64_t i) {
    progress.show(fmt::format("verify {}/{} {}", i + 1, claims.size(), claims[i].name), i, claims.size());
    verify::ClaimResult r = verify::claim_run(claims[i], opt);
    if (args.jsonl && streaming) std::cout << verify::report_claim_json(r).dump() << std::endl;  // flushed per claim
    return r;
  };
  if (deal_claims) {
    const std::vector<std::string> bytes =
        dist::deal_gather(claims.size(), [&](uint64_t i) { return claim_result_bytes(one(i)); });
    for (const auto& b : bytes) {
      results.push_back(claim_result_from_bytes(b));
      if (args.jsonl && !streaming) std::cout << verify::report_claim_json(results.back()).dump() << "\n";
    }
  } else {
    for (uint64_t i = 0; i < claims.size(); ++i) results.push_back(one(i));
  }

  if (args.jsonl) {
    std::cout << verify::report_json(results, args.strict).dump() << "\n";
  } else {
    Table tab{verify::report_header(), verify::report_rows(results), ""};
    emit(args.common, verify::report_json(results, args.strict), tab);
  }
  if (!args.junit.empty()) file_write_atomic(args.junit, verify::report_junit(results, args.strict), "--junit");
  long bad = 0, unknown = 0;
  for (const auto& r : results) {
    bad += !verify::claim_result_ok(r, args.strict);
    unknown += !r.matches && r.status == "unknown";
  }
  if (unknown > 0 && !args.strict)
    std::cerr << fmt::format("critwin verify: {} claim(s) came back unknown against their expectation (--strict makes this fail)\n", unknown);
  std::cout.flush();
  if (bad > 0) throw std::runtime_error(fmt::format("{} of {} claims did not match their expectation", bad, results.size()));
}

[[maybe_unused]] const int registered = command_register(60, [](CLI::App& parent) {
  auto [cmd, args] = command_add<Args>(parent, "verify", "prove, refute or check the claims in claims files (Z3 + Arb); exit 0 iff all match", run);
  cmd->add_option("FILES", args->files, "claims files (TOML)")->required()->check(CLI::ExistingFile);
  args->common.add_to(*cmd);
  cmd->add_option("--junit", args->junit, "also write a JUnit XML report to this file");
  cmd->add_option("--timeout", args->timeout,
                  "wall-clock seconds per claim, Z3 included; a claim that reaches it is 'unknown (timeout)' (0 = none; "
                  "results may then vary between machines)")
      // CLI::Range alone lets "nan" through (every comparison with NaN is false).
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            double v = 0;
            try {
              size_t used = 0;
              v = std::stod(text, &used);
              if (used != text.size()) throw std::invalid_argument(text);
            } catch (const std::exception&) {
              return "must be a number of seconds in [0, 86400] (got '" + text + "')";
            }
            if (!std::isfinite(v) || v < 0 || v > 86400) return "must be a number of seconds in [0, 86400] (got '" + text + "')";
            return {};
          },
          "SECONDS in [0, 86400]"));
  cmd->add_option("--rlimit", args->rlimit, "Z3 resource limit per query (deterministic; default 20000000)")
      ->check(CLI::Range(1000u, 4000000000u));
  cmd->add_flag("--strict", args->strict, "an unexpected 'unknown' also fails the run");
  cmd->add_flag("--jsonl", args->jsonl, "stream one JSON line per claim as it finishes, then the final --json object on one line");
  cmd->add_option("--only", args->only, "run only claims whose name contains this text");
});

}  // namespace
}  // namespace critwin::app
