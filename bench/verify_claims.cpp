// Time to run the bundled claims in verify/claims/ on one core (target: the whole suite under 60 s).
#include <benchmark/benchmark.h>

#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"

namespace {

void run_file(benchmark::State& state, const char* name, long precision) {
  auto claims = critwin::verify::claims_file_load(std::string(CRITWIN_SOURCE_DIR) + "/verify/claims/" + name);
  critwin::verify::RunOptions opt;
  opt.precision = precision;
  long mismatched = 0;
  for (auto _ : state) {
    mismatched = 0;
    for (const auto& c : claims) mismatched += !critwin::verify::claim_run(c, opt).matches;
  }
  state.counters["claims"] = static_cast<double>(claims.size());
  state.counters["mismatched"] = static_cast<double>(mismatched);
}

void BM_ProofSteps(benchmark::State& s) { run_file(s, "boe_proof_steps.toml", 128); }
void BM_ClosedForms(benchmark::State& s) { run_file(s, "closed_forms.toml", 128); }
void BM_E5Hypotheses(benchmark::State& s) { run_file(s, "e5_hypotheses.toml", 128); }
void BM_Theorem2Examples(benchmark::State& s) { run_file(s, "theorem2_examples.toml", 128); }
void BM_McAgrees(benchmark::State& s) { run_file(s, "mc_agrees.toml", 128); }

}  // namespace

BENCHMARK(BM_ProofSteps)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ClosedForms)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_E5Hypotheses)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_Theorem2Examples)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_McAgrees)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_MAIN();
