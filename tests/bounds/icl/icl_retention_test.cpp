// ICL retention curves against exact-rational enumeration of every sequence of (x, y) pairs and of every
// truncation (tests/bounds/retention_brute_force.hpp), token by token: example i is the tokens 3i (x), 3i+1 (y)
// and 3i+2 (the separator, carrying nothing), so a lone visible x is part of the observation here.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "../retention_brute_force.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

const char* kModel = R"(
name = "icl small"
[mixture]
weights = ["1/2", "1/3", "1/6"]
[components]
kind = "icl"
examples = 3
input_probs = ["1/4", "3/4"]
tables = [
  [["4/5", "1/5"], ["1/5", "4/5"]],
  [["4/5", "1/5"], ["1/2", "1/2"]],
  [["1/3", "2/3"], ["1/5", "4/5"]],
]
[process]
kind = "truncate"
)";

ExactReal q(const char* s) { return *ExactReal::parse(s); }

TEST(IclRetention, MatchesEnumerationAtEveryTruncation) {
  const int N = 3;
  const std::vector<ExactReal> pi{q("1/4"), q("3/4")};
  const std::vector<std::vector<std::vector<ExactReal>>> f{{{q("4/5"), q("1/5")}, {q("1/5"), q("4/5")}},
                                                           {{q("4/5"), q("1/5")}, {q("1/2"), q("1/2")}},
                                                           {{q("1/3"), q("2/3")}, {q("1/5"), q("4/5")}}};
  brute_exact::Mixture bm;
  bm.w = {q("1/2"), q("1/3"), q("1/6")};
  bm.px.assign(3, {});
  for (int code = 0; code < (1 << (2 * N)); ++code) {
    std::string x;
    for (int i = 0; i < 2 * N; ++i) x += static_cast<char>('0' + ((code >> i) & 1));
    bm.xs.push_back(x);
    for (int th = 0; th < 3; ++th) {
      ExactReal p(1);
      for (int i = 0; i < N; ++i) p *= pi[x[2 * i] - '0'] * f[th][x[2 * i] - '0'][x[2 * i + 1] - '0'];
      bm.px[th].push_back(p);
    }
  }
  Model m = model_file_parse(kModel);
  auto engine = exact_engine_make(m, 128);
  for (const std::vector<int>& s : {std::vector<int>{0}, {1}, {2}, {1, 2}})
    for (int t = 0; t <= 3 * N; ++t) {
      // Tokens 0 .. 3N − t − 1 are visible; token 3i is x_i (char 2i), token 3i+1 is y_i (char 2i+1).
      const int visible = 3 * N - t;
      brute_exact::Kernel k = [&](const std::string& x) {
        std::string y;
        for (int i = 0; i < N; ++i) {
          y += 3 * i < visible ? x[2 * i] : '?';
          y += 3 * i + 1 < visible ? x[2 * i + 1] : '?';
        }
        return std::vector<std::pair<std::string, ExactReal>>{{y, ExactReal(1)}};
      };
      const auto b = brute_exact::retention(bm, s, k);
      const auto r = engine->retention(Subset(s), TimePoint::integer(t));
      const std::string what = fmt::format("S {} t {}", fmt::join(s, ","), t);
      for (const auto& [e, v, name] : {std::tuple{r.latent, b.latent, "latent"}, std::tuple{r.label, b.label, "label"},
                                       std::tuple{r.cloning, b.cloning, "cloning"}}) {
        EXPECT_LE(e.lo, v.to_double()) << name << " " << what;
        EXPECT_GE(e.hi, v.to_double()) << name << " " << what;
        EXPECT_NEAR(e.value, v.to_double(), 1e-14) << name << " " << what;
      }
    }
}

}  // namespace
}  // namespace critwin
