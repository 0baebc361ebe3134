// Properties of the discrete engines on larger models than brute force reaches: data processing
// (forward TV non-increasing), the fr-tv limits at both ends of the index set, the whole-curve shortcut
// against pointwise fr-tv, the E5 public checks (library and CLI), E5 windows against the definitions
// evaluated independently in long double, no underflow at L = 10^5, and the Theorem-2 inequality.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

std::string coins(int L, const std::string& probs, const std::string& weights, const std::string& process) {
  return fmt::format("name = \"c\"\n[mixture]\nweights = [{}]\n[components]\nkind = \"bernoulli-product\"\n"
                     "length = {}\nprobs = [{}]\n[process]\n{}\n", weights, L, probs, process);
}
const char* kThreeProbs = "\"0.25\", \"0.5\", \"0.7\"";
const char* kThreeWeights = "\"1/5\", \"1/2\", \"3/10\"";

std::string strings_model(const std::string& process) {
  return "name = \"s\"\n[mixture]\nweights = [\"1/3\", \"1/6\", \"1/4\", \"1/4\"]\n[components]\nkind = \"strings\"\n"
         "alphabet = \"ACGT\"\nstrings = [\"ACGTACGTAC\", \"ACGAACGTTC\", \"TCGAACCTAC\", \"ACGTACGTAA\"]\n[process]\n" +
         process + "\n";
}

std::vector<Model> all_models() {
  std::vector<Model> out;
  for (const char* p : {"kind = \"truncate\"", "kind = \"random-mask\"",
                        "kind = \"ordered-mask\"\norder = [9, 0, 5, 2, 7, 1, 3, 8, 4, 6]"}) {
    out.push_back(model_file_parse(coins(10, kThreeProbs, kThreeWeights, p)));
    out.push_back(model_file_parse(strings_model(p)));
  }
  out.push_back(model_file_parse(coins(30, kThreeProbs, kThreeWeights, "kind = \"truncate\"")));
  out.push_back(model_file_parse(coins(30, kThreeProbs, kThreeWeights, "kind = \"random-mask\"")));
  return out;
}

std::vector<TimePoint> grid(const Model& m) {
  std::vector<TimePoint> ts;
  if (m.process.discrete_time())
    for (long t = 0; t <= m.process.length; ++t) ts.push_back(TimePoint::integer(t));
  else
    for (int i = 0; i <= 40; ++i) ts.push_back(TimePoint::parse(fmt::format("{}/40", i), m.process, "t"));
  return ts;
}

const std::vector<std::pair<std::vector<int>, std::vector<int>>> kPairs{
    {{0}, {1}}, {{1}, {2}}, {{0}, {1, 2}}, {{1}, {0, 2}}, {{0, 1}, {2}}, {{2}, {0, 1, 2}}};

TEST(DiscreteProperties, ForwardTvNonIncreasing) {
  for (const Model& m : all_models()) {
    auto engine = exact_engine_make(m, 128);
    for (const auto& [a, b] : kPairs) {
      const auto ts = grid(m);
      Estimate prev = engine->forward_tv(Subset(a), Subset(b), ts[0]);
      EXPECT_GT(prev.value, 0.01) << m.family_name();  // distinct components are told apart with all data
      for (size_t i = 1; i < ts.size(); ++i) {
        Estimate cur = engine->forward_tv(Subset(a), Subset(b), ts[i]);
        EXPECT_LE(cur.lo, prev.hi) << m.family_name() << " " << process_kind_name(m.process.kind) << " t = " << ts[i].to_double();
        EXPECT_GE(cur.lo, -1e-45);  // clamped at 0 up to the ball radius rounding
        EXPECT_LE(cur.hi, 1 + 1e-15);
        prev = cur;
      }
      EXPECT_LT(prev.hi, 1e-15);  // nothing visible at sup I
    }
  }
}

// T̂ = 0 returns p^{S_init}; T̂ = sup I returns p (THEORY.md §1).
TEST(DiscreteProperties, FrTvLimits) {
  for (const Model& m : all_models()) {
    auto engine = exact_engine_make(m, 128);
    const auto ts = grid(m);
    const Subset all = Subset::all(m.size());
    for (const auto& [si, st] : kPairs) {
      Estimate start = engine->fr_tv(Subset(si), Subset(st), ts.front());
      Estimate direct = engine->forward_tv(Subset(si), Subset(st), ts.front());
      EXPECT_NEAR(start.value, direct.value, 1e-14) << m.family_name() << " " << process_kind_name(m.process.kind);
      Estimate end = engine->fr_tv(Subset(si), Subset(st), ts.back());
      Estimate whole = engine->forward_tv(all, Subset(st), ts.front());
      EXPECT_NEAR(end.value, whole.value, 1e-14) << m.family_name() << " " << process_kind_name(m.process.kind);
    }
  }
}

// The curve reuses work across T̂ and takes the sign-split shortcut; pointwise fr_tv must agree. S_target
// in the middle of the probability order forces the general (two sign changes) path as well.
TEST(DiscreteProperties, FrTvCurveEqualsPointwise) {
  for (const char* proc : {"kind = \"truncate\"", "kind = \"ordered-mask\""}) {
    Model m = model_file_parse(coins(40, kThreeProbs, kThreeWeights, proc));
    auto engine = exact_engine_make(m, 128);
    for (const auto& [si, st] : kPairs) {
      auto curve = engine->fr_tv_curve(Subset(si), Subset(st));
      ASSERT_EQ(curve.size(), 41u);
      for (long t = 0; t <= 40; ++t) {
        Estimate p = engine->fr_tv(Subset(si), Subset(st), TimePoint::integer(t));
        EXPECT_NEAR(curve[t].value, p.value, 1e-15);
        EXPECT_LE(std::max(curve[t].lo, p.lo), std::min(curve[t].hi, p.hi));  // enclosures overlap
      }
    }
  }
}

Model e5() { return model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e5_coins.toml"); }

TEST(DiscretePublicChecks, E5Library) {
  Model m = e5();
  auto engine = exact_engine_make(m, 128);
  const ExactReal eps = *ExactReal::parse("0.2");
  Theorem2Window w1 = theorem2_window(*engine, Subset({0}), Subset({0}), eps);
  ASSERT_TRUE(w1.t_start);
  EXPECT_EQ(w1.t_start->value, 497);
  Theorem2Window w2 = theorem2_window(*engine, Subset({0}), Subset({0, 1}), eps);
  ASSERT_TRUE(w2.t_end);
  EXPECT_EQ(w2.t_end->value, 594);
}

nlohmann::json run_cli(const std::string& args) {
  const std::string cmd = std::string(CRITWIN_BINARY) + " " + args + " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  return nlohmann::json::parse(out);
}

TEST(DiscretePublicChecks, E5Cli) {
  const std::string model = std::string(CRITWIN_SOURCE_DIR) + "/examples/e5_coins.toml";
  auto j1 = run_cli("window " + model + " --eps 0.2 --s-init heads --s-target heads --json");
  EXPECT_EQ(j1.at("t_start").get<double>(), 497);
  auto j2 = run_cli("window " + model + " --eps 0.2 --s-init heads --s-target heads,tails --json");
  EXPECT_EQ(j2.at("t_end").get<double>(), 594);
}

// ½ Σ_k C(n,k) |a p^k q^(n−k) − b q^k p^(n−k)| for coins p and q = 1 − p, in long double log space.
long double coin_tv(long n, long double p, long double a, long double b) {
  long double s = 0;
  for (long k = 0; k <= n; ++k) {
    long double lc = std::lgamma(n + 1.0L) - std::lgamma(k + 1.0L) - std::lgamma(n - k + 1.0L);
    long double x = std::exp(lc + k * std::log(p) + (n - k) * std::log1p(-p));
    long double y = std::exp(lc + k * std::log1p(-p) + (n - k) * std::log(p));
    s += std::fabs(a * x - b * y);
  }
  return s / 2;
}

// The E5 windows from their definitions: TV(p_t^heads, p_t^tails) and TV(p_t^heads, p_t^{heads,tails})
// = ½ TV(heads, tails), scanned over every t in long double.
TEST(DiscretePublicChecks, E5WindowsMatchDefinitions) {
  Model m = e5();
  auto engine = exact_engine_make(m, 128);
  const long L = 600;
  std::vector<long double> tv(L + 1);
  for (long t = 0; t <= L; ++t) tv[t] = coin_tv(L - t, 0.6L, 1, 1);
  // ε = 0.1 includes an exact tie: TV(p_598^heads, p_598^{heads,tails}) = 1/10 with two visible tokens, which
  // the window search decides with the rational forward TV (ExactEngine::rational_forward_tv).
  for (const char* es : {"0.2", "0.1", "0.15", "0.05", "0.01"}) {
    const long double eps = std::stold(es);
    long t_start = -1, t_end = -1;
    for (long t = 0; t <= L; ++t)
      if (tv[t] >= 1 - eps * eps) t_start = t;
    for (long t = L; t >= 0; --t)
      if (tv[t] / 2 <= eps + 1e-15L) t_end = t;  // long double rounding must not break the exact tie at t = 598
    const ExactReal e = *ExactReal::parse(es);
    Theorem2Window a = theorem2_window(*engine, Subset({0}), Subset({0}), e);
    ASSERT_TRUE(a.t_start) << es;
    EXPECT_EQ(a.t_start->value, t_start) << es;
    Theorem2Window b = theorem2_window(*engine, Subset({0}), Subset({0, 1}), e);
    ASSERT_TRUE(b.t_end) << es;
    EXPECT_EQ(b.t_end->value, t_end) << es;
    CriticalWindow cw = critical_window(*engine, Subset({0}), Subset({0, 1}), e);
    ASSERT_TRUE(cw.t_after && cw.t_before) << es;
    EXPECT_EQ(cw.t_after->value, t_start) << es;
    EXPECT_EQ(cw.t_before->value, t_end) << es;
  }
}

TEST(DiscreteProperties, NoUnderflowAtLength1e5) {
  const long L = 100000;
  Model m = model_file_parse(coins(L, "\"0.51\", \"0.49\"", "\"1/2\", \"1/2\"", "kind = \"truncate\""));
  auto engine = exact_engine_make(m, 128);
  for (long visible : {100000L, 20000L, 3000L}) {
    Estimate e = engine->forward_tv(Subset({0}), Subset({1}), TimePoint::integer(L - visible));
    const long double want = coin_tv(visible, 0.51L, 1, 1);
    EXPECT_NEAR(e.value, static_cast<double>(want), 1e-10) << visible;
    EXPECT_LT(e.width(), 1e-20 + 4e-16 * e.value) << visible;
  }
}

// Theorem 2: for T_end <= T̂ <= T_start, TV(p^{S_init,T̂}, p^{S_target}) <= ε(1 + max(1, W)/√2).
TEST(DiscreteProperties, Theorem2HoldsInsideWindow) {
  std::vector<Model> models{e5(), model_file_parse(coins(200, "\"0.3\", \"0.5\", \"0.72\"", "\"1/4\", \"1/4\", \"1/2\"",
                                                         "kind = \"truncate\""))};
  int checked = 0;
  for (const Model& m : models) {
    auto engine = exact_engine_make(m, 128);
    for (const auto& [si, st] : std::vector<std::pair<std::vector<int>, std::vector<int>>>{
             {{0}, {0}}, {{0}, {0, 1}}, {{1}, {1}}, {{m.size() - 1}, {m.size() - 1}}}) {
      if (st.size() > static_cast<size_t>(m.size())) continue;
      auto curve = engine->fr_tv_curve(Subset(si), Subset(st));
      for (const char* es : {"0.3", "0.2", "0.1"}) {
        Theorem2Window w = theorem2_window(*engine, Subset(si), Subset(st), *ExactReal::parse(es));
        if (!w.t_start || !w.t_end || !w.nonempty) continue;
        for (long t = static_cast<long>(w.t_end->value); t <= static_cast<long>(w.t_start->value); ++t, ++checked)
          EXPECT_LE(curve[t].hi, w.bound.hi) << es << " t = " << t;
      }
    }
  }
  EXPECT_GT(checked, 100);  // the windows above are not all empty
}

}  // namespace
}  // namespace critwin
