// The icl engine against an independent enumeration of every token sequence (x, y, o)^N in exact
// rational arithmetic: forward TVs equal exactly (rational engine) and lie in the certified enclosures;
// fr-tv from its definition (X ~ p^{S_init}, truncate, X' ~ p(·|Y)) lies in the engine's enclosure.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

using Seq = std::vector<int>;  // tokens: x as 0..m-1, y as 100 + y, the delimiter o as -1
using Law = std::map<Seq, ExactReal>;

struct Brute {
  std::vector<Seq> xs;                     // every full sequence
  std::vector<std::vector<ExactReal>> px;  // px[θ][i]
  std::vector<ExactReal> w;
};

Brute enumerate(const Model& m) {
  const auto& c = std::get<IclComponents>(m.components);
  Brute b;
  b.w = m.weights;
  b.px.assign(static_cast<size_t>(m.size()), {});
  const int cells = c.inputs() * c.outputs();
  long total = 1;
  for (int i = 0; i < c.examples; ++i) total *= cells;
  for (long code = 0; code < total; ++code) {
    Seq s;
    std::vector<ExactReal> p(static_cast<size_t>(m.size()), ExactReal::from_int(1));
    long rem = code;
    for (int i = 0; i < c.examples; ++i) {
      const int cell = static_cast<int>(rem % cells), x = cell / c.outputs(), y = cell % c.outputs();
      rem /= cells;
      s.insert(s.end(), {x, 100 + y, -1});
      for (int th = 0; th < m.size(); ++th) p[th] = p[th] * c.input_probs[x] * c.tables[th][x][y];
    }
    b.xs.push_back(s);
    for (int th = 0; th < m.size(); ++th) b.px[th].push_back(p[th]);
  }
  return b;
}

std::vector<ExactReal> sub_mixture(const Brute& b, const Subset& s) {
  ExactReal ws;
  for (int i : s.indices()) ws = ws + b.w[i];
  std::vector<ExactReal> p(b.xs.size());
  for (int i : s.indices())
    for (size_t j = 0; j < p.size(); ++j) p[j] = p[j] + b.w[i] / ws * b.px[i][j];
  return p;
}

Law prefix_law(const Brute& b, const std::vector<ExactReal>& p, size_t visible) {
  Law out;
  for (size_t j = 0; j < b.xs.size(); ++j) {
    Seq y(b.xs[j].begin(), b.xs[j].begin() + static_cast<long>(visible));
    out[y] = out[y] + p[j];
  }
  return out;
}

ExactReal forward_tv(const Brute& b, const Subset& a, const Subset& c, size_t visible) {
  Law pa = prefix_law(b, sub_mixture(b, a), visible), pc = prefix_law(b, sub_mixture(b, c), visible);
  ExactReal s;
  for (const auto& [k, v] : pa) s = s + abs(v - pc[k]);
  for (const auto& [k, v] : pc)
    if (!pa.count(k)) s = s + abs(v);
  return s / ExactReal::from_int(2);
}

// P(X' = x) = q(prefix(x)) p(x) / p(prefix(x)) with q the prefix law under p^{S_init}.
ExactReal fr_tv(const Brute& b, const Subset& si, const Subset& st, size_t visible) {
  const Subset all = Subset::all(static_cast<int>(b.w.size()));
  const std::vector<ExactReal> p = sub_mixture(b, all), target = sub_mixture(b, st);
  Law py = prefix_law(b, p, visible), qy = prefix_law(b, sub_mixture(b, si), visible);
  ExactReal s;
  for (size_t j = 0; j < b.xs.size(); ++j) {
    Seq y(b.xs[j].begin(), b.xs[j].begin() + static_cast<long>(visible));
    ExactReal out = p[j].sign() == 0 ? ExactReal() : qy[y] * p[j] / py[y];
    s = s + abs(out - target[j]);
  }
  return s / ExactReal::from_int(2);
}

void expect_enclosed(const Estimate& e, const ExactReal& exact, const std::string& what) {
  const double v = exact.to_double();
  EXPECT_LE(e.lo, v + 1e-300) << what;
  EXPECT_GE(e.hi, v - 1e-300) << what;
  EXPECT_NEAR(e.value, v, 1e-15) << what;
}

// Generic rationals: no two cells share a likelihood pattern, zeros included; r = 3 outputs.
const char* kGeneric = R"(
[mixture]
weights = ["1/2", "1/3", "1/6"]
[components]
kind = "icl"
examples = 3
input_probs = ["2/5", "3/5"]
tables = [
  [["1/2", "1/4", "1/4"], ["1/10", "0", "9/10"]],
  [["1/3", "1/3", "1/3"], ["7/10", "1/5", "1/10"]],
  [["1/5", "3/5", "1/5"], ["1/10", "1/10", "4/5"]],
]
[process]
kind = "truncate"
)";

// Noisy labelling functions: cells collapse to a few types (proportional likelihood patterns merge).
const char* kLabels = R"(
[mixture]
weights = ["1/2", "1/4", "1/4"]
[components]
kind = "icl"
examples = 4
input_probs = ["1/3", "2/3"]
tables = [
  [["4/5", "1/5"], ["1/5", "4/5"]],
  [["4/5", "1/5"], ["4/5", "1/5"]],
  [["1/5", "4/5"], ["1/5", "4/5"]],
]
[process]
kind = "truncate"
)";

const std::vector<std::pair<std::vector<int>, std::vector<int>>> kPairs{
    {{0}, {1}}, {{0}, {1, 2}}, {{1}, {0, 1, 2}}, {{2}, {0, 2}}, {{0}, {0}}, {{0, 1}, {2}}};

void check(const char* text) {
  Model m = model_file_parse(text);
  auto engine = exact_engine_make(m, 128);
  const Brute b = enumerate(m);
  for (long t = 0; t <= m.process.length; ++t) {
    const size_t visible = static_cast<size_t>(m.process.length - t);
    for (const auto& [a, c] : kPairs) {
      const std::string what = fmt::format("t = {} A = {} B = {}", t, fmt::join(a, ","), fmt::join(c, ","));
      const ExactReal fwd = forward_tv(b, Subset(a), Subset(c), visible);
      auto q = engine->rational_forward_tv(Subset(a), Subset(c), TimePoint::integer(t));
      ASSERT_TRUE(q.has_value()) << what;
      EXPECT_TRUE(*q == fwd) << what << ": engine " << q->to_string() << " brute " << fwd.to_string();
      expect_enclosed(engine->forward_tv(Subset(a), Subset(c), TimePoint::integer(t)), fwd, "forward " + what);
      if (Subset(a).is_subset_of(Subset(c)) || a.size() == 1)
        expect_enclosed(engine->fr_tv(Subset(a), Subset(c), TimePoint::integer(t)), fr_tv(b, Subset(a), Subset(c), visible),
                        "fr-tv " + what);
    }
  }
}

TEST(IclBruteForce, GenericTableEveryTruncation) { check(kGeneric); }
TEST(IclBruteForce, LabellingTasksEveryTruncation) { check(kLabels); }

// The count of complete pairs: a removed delimiter leaves the pair complete, a removed answer does not.
TEST(IclBruteForce, VisiblePairsFollowTheTokenLayout) {
  Model m = model_file_parse(kLabels);
  const auto& c = std::get<IclComponents>(m.components);
  for (long t = 0; t <= 3L * c.examples; ++t) {
    const long tokens = 3L * c.examples - t;
    long complete = 0;
    for (long i = 0; i < c.examples; ++i) complete += 3 * i + 1 < tokens;  // token 3i+1 (the answer) visible
    EXPECT_EQ(c.visible_pairs(t), complete) << "t = " << t;
  }
}

}  // namespace
}  // namespace critwin
