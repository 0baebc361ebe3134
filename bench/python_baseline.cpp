// The C++ side of bench/python_overhead.py: the same work as one Python call of Model.fr_tv on E5's coins
// (L = 600) and of Model.forward_tv over a 10^4-point grid on E1's two Gaussians — parse the inputs as the
// CLI does, evaluate with an engine built once — so the script can report Python's overhead over C++.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"

namespace {

const std::string kExamples = std::string(CRITWIN_SOURCE_DIR) + "/examples/";

void BM_FrTvCoins600(benchmark::State& state) {
  const critwin::Model m = critwin::model_file_load(kExamples + "e5_coins.toml");
  auto engine = critwin::exact_engine_make(m, 128);
  for (auto _ : state) {
    const auto t = critwin::TimePoint::parse("450", m.process, "--t-hat");
    const auto si = critwin::Subset::parse("heads", m, "--s-init");
    const auto st = critwin::Subset::parse("heads", m, "--s-target", &si);
    benchmark::DoNotOptimize(engine->fr_tv(si, st, t));
  }
}
BENCHMARK(BM_FrTvCoins600)->Unit(benchmark::kMicrosecond);

void BM_ForwardTvGaussianGrid1e4(benchmark::State& state) {
  const critwin::Model m = critwin::model_file_load(kExamples + "e1_two_gaussians.toml");
  auto engine = critwin::exact_engine_make(m, 128);
  // The texts numpy.linspace(0, 4, 10^4) turns into (shortest round-trip decimals).
  std::vector<std::string> texts;
  for (int i = 0; i < 10000; ++i) {
    texts.push_back(fmt::format("{}", 4.0 * i / 9999));
  }
  for (auto _ : state) {
    const auto a = critwin::Subset::parse("plus", m, "--a");
    const auto b = critwin::Subset::parse("minus", m, "--b", &a);
    double sum = 0;
    for (const auto& s : texts) sum += engine->forward_tv(a, b, critwin::TimePoint::parse(s, m.process, "--t")).value;
    benchmark::DoNotOptimize(sum);
  }
}
BENCHMARK(BM_ForwardTvGaussianGrid1e4)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
