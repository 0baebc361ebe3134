// The external verifier benchmark of issue 14 (../shared/verifier_bench/public.toml, else the copy in
// tests/verify/data; or the file named by CRITWIN_VERIFY_BENCH): one benchmark per claim at the default budget,
// on one core, with counters proved / refuted / unknown / wrong, and a summary line at the end.
// Targets: 0 wrong, every false twin refuted, >= 12 of 13 true claims proved, each <= 10 s, the file <= 60 s.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>

#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"

namespace {

struct Tally {
  long proved = 0, refuted = 0, unknown = 0, wrong = 0, true_claims = 0, true_proved = 0, twins = 0, twins_refuted = 0;
  double seconds = 0, slowest = 0;
} tally;

std::string bench_file() {
  if (const char* f = std::getenv("CRITWIN_VERIFY_BENCH")) return f;
  const std::string shared = std::string(CRITWIN_SOURCE_DIR) + "/../shared/verifier_bench/public.toml";
  if (std::filesystem::exists(shared)) return shared;
  return std::string(CRITWIN_SOURCE_DIR) + "/tests/verify/data/verifier_bench_public.toml";
}

void run_claim(benchmark::State& state, const critwin::verify::Claim& claim) {
  critwin::verify::ClaimResult r;
  for (auto _ : state) r = critwin::verify::claim_run(claim, critwin::verify::RunOptions{});
  const bool decided = r.status == "proved" || r.status == "refuted";
  const bool wrong = decided && r.status != claim.expect;
  state.counters["proved"] = r.status == "proved";
  state.counters["refuted"] = r.status == "refuted";
  state.counters["unknown"] = r.status == "unknown";
  state.counters["wrong"] = wrong;
  tally.proved += r.status == "proved";
  tally.refuted += r.status == "refuted";
  tally.unknown += r.status == "unknown";
  tally.wrong += wrong;
  tally.true_claims += claim.expect == "proved";
  tally.true_proved += claim.expect == "proved" && r.status == "proved";
  tally.twins += claim.expect == "refuted";
  tally.twins_refuted += claim.expect == "refuted" && r.status == "refuted";
  tally.seconds += r.seconds;
  tally.slowest = std::max(tally.slowest, r.seconds);
  if (!r.matches) state.SetLabel(r.status + ": " + r.evidence.substr(0, 80));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string file = bench_file();
  static const std::vector<critwin::verify::Claim> claims = critwin::verify::claims_file_load(file);
  for (const auto& c : claims)
    benchmark::RegisterBenchmark(c.name.c_str(), [&c](benchmark::State& s) { run_claim(s, c); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(1);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::printf("%s: %ld proved, %ld refuted, %ld unknown, %ld wrong; true claims proved %ld/%ld, false twins refuted %ld/%ld; "
              "total %.2f s, slowest claim %.2f s\n",
              file.c_str(), tally.proved, tally.refuted, tally.unknown, tally.wrong, tally.true_proved, tally.true_claims,
              tally.twins_refuted, tally.twins, tally.seconds, tally.slowest);
  return tally.wrong == 0 ? 0 : 1;
}
