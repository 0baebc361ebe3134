// `critwin compare --sweep m=2:64:32` on two Gaussians (E1 family, ε = 0.1) without the process start and the
// output: 32 models, each with every compare row (issue target: the whole command under 5 s).
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "bounds/paper/earlier_predictions.hpp"
#include "model/model_file.hpp"

namespace {

void BM_CompareSweepM32(benchmark::State& state) {
  using namespace critwin;
  std::vector<Model> models;
  for (int k = 0; k < 32; ++k) {
    const std::string m = (*ExactReal::parse("2") + ExactReal::from_int(62 * k) / ExactReal::from_int(31)).to_string();
    models.push_back(model_file_parse(fmt::format(
        "name = \"e1\"\n[mixture]\nweights = [\"1/2\", \"1/2\"]\n[components]\nkind = \"gaussian\"\ndim = 1\n"
        "means = [[\"{}\"], [\"-{}\"]]\nvariance = \"1\"\n[process]\nkind = \"ou\"\n", m, m)));
  }
  const ExactReal eps = *ExactReal::parse("0.1");
  for (auto _ : state)
    for (const Model& m : models) {
      auto engine = exact_engine_make(m, 128);
      benchmark::DoNotOptimize(compare_predictions(*engine, Subset({0}), Subset({0, 1}), eps, engine.get()));
    }
  state.SetLabel("32 values of m, 9 methods each");
}
BENCHMARK(BM_CompareSweepM32)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
