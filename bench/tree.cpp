// `critwin tree` without a tree file on 64 point masses on strings of length 12 (the target: < 1 s):
// pairwise merge times, single-linkage agglomeration, collapsing and the exact check of every node.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <set>
#include <string>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "bounds/mixture_tree.hpp"
#include "model/model_file.hpp"

namespace {

// 64 distinct binary strings of length 12 from a fixed linear congruential sequence (reproducible, no
// structure imposed), uniform weights.
std::string model_text(const std::string& process) {
  std::set<std::string> words;
  std::uint64_t x = 12345;
  while (words.size() < 64) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    std::string w;
    for (int i = 0; i < 12; ++i) w += ((x >> (20 + i)) & 1) ? 'b' : 'a';
    words.insert(w);
  }
  std::string strings, weights;
  for (const auto& w : words) {
    strings += fmt::format("{}\"{}\"", strings.empty() ? "" : ", ", w);
    weights += fmt::format("{}\"1/64\"", weights.empty() ? "" : ", ");
  }
  return fmt::format("[mixture]\nweights = [{}]\n[components]\nkind = \"strings\"\nalphabet = \"ab\"\nstrings = [{}]\n"
                     "[process]\n{}\n",
                     weights, strings, process);
}

void run(benchmark::State& state, const std::string& process) {
  using namespace critwin;
  const Model m = model_file_parse(model_text(process));
  auto engine = exact_engine_make(m, 128);
  const ExactReal eps = *ExactReal::parse("0.1");
  std::size_t nodes = 0;
  bool valid = false;
  for (auto _ : state) {
    const MixtureTreeBuild b = mixture_tree_build(*engine, eps);
    const MixtureTreeCheck c = mixture_tree_check(*engine, b.tree, eps);
    nodes = b.tree.nodes.size();
    valid = c.valid;
    benchmark::DoNotOptimize(c);
  }
  state.SetLabel(fmt::format("{} nodes, valid = {}", nodes, valid));
}

void BM_Tree64StringsOrderedMask(benchmark::State& state) {
  run(state, "kind = \"ordered-mask\"\norder = [5, 11, 0, 7, 2, 9, 4, 1, 10, 3, 8, 6]");
}
BENCHMARK(BM_Tree64StringsOrderedMask)->Unit(benchmark::kMillisecond);

void BM_Tree64StringsTruncate(benchmark::State& state) { run(state, "kind = \"truncate\""); }
BENCHMARK(BM_Tree64StringsTruncate)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
