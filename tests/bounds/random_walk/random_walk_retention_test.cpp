// Random-walk retention curves against exact-rational enumeration of every walk (absorbed walks padded) and
// every truncation (tests/bounds/retention_brute_force.hpp): a barrier reached inside the horizon, a repeated
// probability, unequal weights, an exact label tie; and the walk that never reaches its barrier (A > L).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "bounds/engine_factory.hpp"
#include "../retention_brute_force.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

// All walks of L steps from 0, absorbed at ±A (then '.' pads), with u/d their up/down steps.
void walks(int L, int A, std::string& x, int h, std::vector<std::string>& out) {
  if (static_cast<int>(x.size()) == L) {
    out.push_back(x);
    return;
  }
  if (h == A || h == -A) {
    x.push_back('.');
    walks(L, A, x, h, out);
  } else {
    x.push_back('u');
    walks(L, A, x, h + 1, out);
    x.back() = 'd';
    walks(L, A, x, h - 1, out);
  }
  x.pop_back();
}

void check(const std::vector<std::string>& probs, const std::vector<std::string>& weights, int L, int A) {
  auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += fmt::format("{}\"{}\"", s.empty() ? "" : ", ", x);
    return "[" + s + "]";
  };
  Model m = model_file_parse(fmt::format("name = \"w\"\n[mixture]\nweights = {}\n[components]\nkind = \"random-walk\"\n"
                                         "length = {}\nbarrier = {}\nprobs = {}\n[process]\nkind = \"truncate\"\n",
                                         list(weights), L, A, list(probs)));
  brute_exact::Mixture bm;
  for (const auto& w : weights) bm.w.push_back(*ExactReal::parse(w));
  std::string x;
  walks(L, A, x, 0, bm.xs);
  bm.px.assign(probs.size(), {});
  for (size_t th = 0; th < probs.size(); ++th) {
    const ExactReal p = *ExactReal::parse(probs[th]);
    for (const auto& s : bm.xs)
      bm.px[th].push_back(pow(p, std::count(s.begin(), s.end(), 'u')) *
                          pow(ExactReal(1) - p, std::count(s.begin(), s.end(), 'd')));
  }
  auto engine = exact_engine_make(m, 128);
  std::vector<std::vector<int>> subsets{{0}, {1}};
  if (probs.size() > 2) subsets.push_back({0, 2});
  std::vector<TimePoint> ts;
  for (int t = 0; t <= L; ++t) ts.push_back(TimePoint::integer(t));
  for (const auto& s : subsets) {
    const auto curve = engine->retention_curve(Subset(s), ts);
    for (int t = 0; t <= L; ++t) {
      const auto b = brute_exact::retention(bm, s, brute_exact::truncate(L - t));
      const std::string what = fmt::format("A {} S {} t {}", A, fmt::join(s, ","), t);
      for (const auto& [e, v, name] : {std::tuple{curve[t].latent, b.latent, "latent"},
                                       std::tuple{curve[t].label, b.label, "label"},
                                       std::tuple{curve[t].cloning, b.cloning, "cloning"}}) {
        EXPECT_LE(e.lo, v.to_double()) << name << " " << what;
        EXPECT_GE(e.hi, v.to_double()) << name << " " << what;
        EXPECT_NEAR(e.value, v.to_double(), 1e-15) << name << " " << what;
      }
    }
  }
}

TEST(RandomWalkRetention, MatchesEnumeration) {
  check({"3/5", "2/5"}, {"1/2", "1/2"}, 7, 2);                  // symmetric: exact label ties
  check({"3/5", "1/4", "3/5"}, {"1/2", "1/3", "1/6"}, 8, 3);     // repeated probability, unequal weights
  check({"7/10", "2/5"}, {"1/3", "2/3"}, 6, 9);                  // barrier beyond the horizon
}

}  // namespace
}  // namespace critwin
