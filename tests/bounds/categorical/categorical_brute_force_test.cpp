// The categorical-product engine against exact enumeration of every sequence (and every mask pattern) in
// rational arithmetic: forward TV equal as rationals, enclosures containing the exact value, fr-tv from the
// definition of the forward–reverse experiment; data processing; Theorem 2 on a grid of models; the E4
// printed window; long repeated-row models against their informative positions alone.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bounds/critical_window.hpp"
#include "bounds/engine_factory.hpp"
#include "bounds/paper/paper_example.hpp"
#include "bounds/theorem2_window.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"

namespace critwin {
namespace {

ExactReal q(const std::string& s) { return *ExactReal::parse(s); }

// A model as data for both the engine (TOML) and the brute force (expanded rows).
struct Spec {
  std::vector<std::string> weights;
  int V = 0;
  // tables[θ] = rows as (probs, repeat)
  std::vector<std::vector<std::pair<std::vector<std::string>, int>>> tables;
  std::string process = "kind = \"truncate\"";

  int length() const {
    int n = 0;
    for (const auto& r : tables[0]) n += r.second;
    return n;
  }
  std::string toml() const {
    std::string s = "name = \"c\"\n[mixture]\nweights = [";
    for (size_t i = 0; i < weights.size(); ++i) s += (i ? ", \"" : "\"") + weights[i] + "\"";
    s += "]\n[components]\nkind = \"categorical-product\"\nalphabet = [";
    for (int v = 0; v < V; ++v) s += fmt::format("{}\"s{}\"", v ? ", " : "", v);
    s += fmt::format("]\nlength = {}\ntables = [\n", length());
    for (const auto& t : tables) {
      s += "  [";
      for (size_t r = 0; r < t.size(); ++r) {
        std::string probs;
        for (size_t v = 0; v < t[r].first.size(); ++v) probs += (v ? ", \"" : "\"") + t[r].first[v] + "\"";
        s += fmt::format("{}{{ probs = [{}], repeat = {} }}", r ? ", " : "", probs, t[r].second);
      }
      s += "],\n";
    }
    return s + "]\n[process]\n" + process + "\n";
  }
  // row(θ, pos) as exact rationals
  std::vector<ExactReal> row(int th, int pos) const {
    for (const auto& [probs, rep] : tables[th]) {
      if (pos < rep) {
        std::vector<ExactReal> out;
        for (const auto& p : probs) out.push_back(q(p));
        return out;
      }
      pos -= rep;
    }
    return {};
  }
};

// Exact mixture over all V^L sequences.
struct Brute {
  int K = 0, L = 0, V = 0;
  std::vector<ExactReal> w;
  std::vector<std::vector<int>> xs;
  std::vector<std::vector<ExactReal>> px;  // px[θ][i]

  explicit Brute(const Spec& s) : K(static_cast<int>(s.weights.size())), L(s.length()), V(s.V) {
    for (const auto& x : s.weights) w.push_back(q(x));
    long n = 1;
    for (int i = 0; i < L; ++i) n *= V;
    px.assign(K, {});
    for (long code = 0; code < n; ++code) {
      std::vector<int> x(L);
      long c = code;
      for (int i = 0; i < L; ++i) x[i] = static_cast<int>(c % V), c /= V;
      xs.push_back(x);
      for (int th = 0; th < K; ++th) {
        ExactReal p = ExactReal::from_int(1);
        for (int i = 0; i < L; ++i) p = p * s.row(th, i)[x[i]];
        px[th].push_back(p);
      }
    }
  }
  ExactReal weight(const std::vector<int>& s) const {
    ExactReal t;
    for (int i : s) t = t + w[i];
    return t;
  }
  // p^S(x_i)
  ExactReal sub(const std::vector<int>& s, size_t i) const {
    ExactReal t;
    for (int th : s) t = t + w[th] * px[th][i];
    return t / weight(s);
  }
};

// An observation kernel: the list of (y, P(y | x)) with y a string key.
using Kernel = std::function<std::vector<std::pair<std::string, ExactReal>>(const std::vector<int>&)>;

std::string key_of(const std::vector<int>& x, const std::vector<bool>& hidden) {
  std::string k;
  for (size_t i = 0; i < x.size(); ++i) k += hidden[i] ? '?' : static_cast<char>('0' + x[i]);
  return k;
}

Kernel deterministic(std::vector<bool> hidden) {
  return [hidden](const std::vector<int>& x) {
    return std::vector<std::pair<std::string, ExactReal>>{{key_of(x, hidden), ExactReal::from_int(1)}};
  };
}

Kernel random_mask(const ExactReal& t) {
  return [t](const std::vector<int>& x) {
    const int L = static_cast<int>(x.size());
    std::vector<std::pair<std::string, ExactReal>> out;
    for (long code = 0; code < (1L << L); ++code) {
      std::vector<bool> hidden(L);
      ExactReal pr = ExactReal::from_int(1);
      for (int i = 0; i < L; ++i) {
        hidden[i] = (code >> i) & 1;
        pr = pr * (hidden[i] ? t : ExactReal::from_int(1) - t);
      }
      if (pr.sign() != 0) out.emplace_back(key_of(x, hidden), pr);
    }
    return out;
  };
}

ExactReal brute_forward_tv(const Brute& b, const std::vector<int>& A, const std::vector<int>& B, const Kernel& k) {
  std::map<std::string, ExactReal> diff;
  for (size_t i = 0; i < b.xs.size(); ++i) {
    const ExactReal d = b.sub(A, i) - b.sub(B, i);
    for (const auto& [y, p] : k(b.xs[i])) diff[y] = diff[y] + d * p;
  }
  ExactReal tv;
  for (const auto& [y, d] : diff) tv = tv + abs(d);
  return tv / ExactReal::from_int(2);
}

// From the definition: X ~ p^{S_init}, Y ~ K(·|X), X' ~ p(·|Y) (the whole mixture), TV against p^{S_target}.
ExactReal brute_fr_tv(const Brute& b, const std::vector<int>& si, const std::vector<int>& st, const Kernel& k) {
  std::vector<int> all;
  for (int th = 0; th < b.K; ++th) all.push_back(th);
  std::map<std::string, ExactReal> py_init, py_all;
  std::vector<std::vector<std::pair<std::string, ExactReal>>> ky(b.xs.size());
  for (size_t i = 0; i < b.xs.size(); ++i) {
    ky[i] = k(b.xs[i]);
    for (const auto& [y, p] : ky[i]) {
      py_init[y] = py_init[y] + b.sub(si, i) * p;
      py_all[y] = py_all[y] + b.sub(all, i) * p;
    }
  }
  ExactReal tv;
  for (size_t i = 0; i < b.xs.size(); ++i) {
    ExactReal out;  // p^{S_init,T̂}(x') = Σ_y P_init(y) p(x') K(y|x') / p(y)
    for (const auto& [y, p] : ky[i])
      if (py_all[y].sign() > 0) out = out + py_init[y] * b.sub(all, i) * p / py_all[y];
    tv = tv + abs(out - b.sub(st, i));
  }
  return tv / ExactReal::from_int(2);
}

void expect_encloses(const Estimate& e, const ExactReal& exact, const std::string& what) {
  BallPrecisionScope scope(200);
  const Ball x = exact.ball();
  EXPECT_LE(e.lo, x.upper()) << what << " exact " << exact.to_string();
  EXPECT_GE(e.hi, x.lower()) << what << " exact " << exact.to_string();
  EXPECT_LT(e.hi - e.lo, 1e-15) << what;
}

const std::vector<std::pair<std::vector<int>, std::vector<int>>> kPairs{
    {{0}, {1}}, {{0}, {2}}, {{1}, {0, 1, 2}}, {{0, 2}, {1}}, {{2}, {0, 1}}, {{1}, {1}}, {{0}, {0, 1}}};

// Three components over 3 symbols, 5 positions: equal rows first, then zeros (disjoint supports), columns
// proportional across components (ratio 2 = 4/2 reached by different symbols) and a repeated run.
Spec three_components() {
  Spec s;
  s.weights = {"1/2", "1/3", "1/6"};
  s.V = 3;
  s.tables = {
      {{{"1/2", "1/4", "1/4"}, 1}, {{"1/2", "1/2", "0"}, 2}, {{"1/3", "1/3", "1/3"}, 1}, {{"1/5", "0", "4/5"}, 1}},
      {{{"1/2", "1/4", "1/4"}, 1}, {{"1/4", "1/4", "1/2"}, 2}, {{"1/6", "2/3", "1/6"}, 1}, {{"1/5", "0", "4/5"}, 1}},
      {{{"1/2", "1/4", "1/4"}, 1}, {{"0", "1/4", "3/4"}, 1}, {{"1/8", "1/8", "3/4"}, 1}, {{"1/3", "1/3", "1/3"}, 1},
       {{"1/10", "1/2", "2/5"}, 1}},
  };
  return s;
}

void check_discrete(const Spec& s, const std::function<std::vector<bool>(int)>& hidden_at) {
  Model m = model_file_parse(s.toml());
  auto engine = exact_engine_make(m, 128);
  Brute b(s);
  for (int t = 0; t <= s.length(); ++t) {
    const Kernel k = deterministic(hidden_at(t));
    const TimePoint tp = TimePoint::integer(t);
    for (const auto& [A, B] : kPairs) {
      const std::string what = fmt::format("t = {} A = {} B = {}", t, fmt::join(A, ","), fmt::join(B, ","));
      const ExactReal fwd = brute_forward_tv(b, A, B, k);
      auto r = engine->rational_forward_tv(Subset(A), Subset(B), tp);
      ASSERT_TRUE(r.has_value()) << what;
      EXPECT_TRUE(*r == fwd) << what << ": engine " << r->to_string() << " brute " << fwd.to_string();
      expect_encloses(engine->forward_tv(Subset(A), Subset(B), tp), fwd, "forward " + what);
      expect_encloses(engine->fr_tv(Subset(A), Subset(B), tp), brute_fr_tv(b, A, B, k), "fr-tv " + what);
    }
  }
}

TEST(CategoricalBruteForce, Truncate) {
  const Spec s = three_components();
  check_discrete(s, [&](int t) {
    std::vector<bool> h(s.length(), false);
    for (int i = s.length() - t; i < s.length(); ++i) h[i] = true;
    return h;
  });
}

TEST(CategoricalBruteForce, OrderedMask) {
  Spec s = three_components();
  const std::vector<int> order{2, 4, 0, 3, 1};
  s.process = "kind = \"ordered-mask\"\norder = [2, 4, 0, 3, 1]";
  check_discrete(s, [&](int t) {
    std::vector<bool> h(s.length(), false);
    for (int r = 0; r < t; ++r) h[order[r]] = true;
    return h;
  });
}

TEST(CategoricalBruteForce, RandomMaskForwardTv) {
  Spec s = three_components();
  s.process = "kind = \"random-mask\"";
  Model m = model_file_parse(s.toml());
  auto engine = exact_engine_make(m, 128);
  Brute b(s);
  for (const std::string ts : {"0", "1/3", "0.5", "7/8", "1"}) {
    const TimePoint tp = TimePoint::parse(ts, m.process, "t");
    for (const auto& [A, B] : kPairs) {
      const std::string what = fmt::format("t = {} A = {} B = {}", ts, fmt::join(A, ","), fmt::join(B, ","));
      const ExactReal fwd = brute_forward_tv(b, A, B, random_mask(q(ts)));
      auto r = engine->rational_forward_tv(Subset(A), Subset(B), tp);
      ASSERT_TRUE(r.has_value()) << what;
      EXPECT_TRUE(*r == fwd) << what << ": engine " << r->to_string() << " brute " << fwd.to_string();
      expect_encloses(engine->forward_tv(Subset(A), Subset(B), tp), fwd, "forward " + what);
    }
  }
  // The fr-tv under random masking is refused with an error naming the process.
  try {
    engine->fr_tv(Subset({0}), Subset({0}), TimePoint::parse("1/2", m.process, "t"));
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "process.kind");
  }
}

// Data processing: t ↦ TV(p_t^A, p_t^B) is non-increasing, checked on the certified enclosures.
TEST(CategoricalProperties, ForwardTvNonIncreasing) {
  for (const std::string process : {"kind = \"truncate\"", "kind = \"ordered-mask\"\norder = [3, 0, 4, 1, 2]",
                                    "kind = \"random-mask\""}) {
    Spec s = three_components();
    s.process = process;
    Model m = model_file_parse(s.toml());
    auto engine = exact_engine_make(m, 128);
    for (const auto& [A, B] : kPairs) {
      double prev_lo = 2;
      for (int j = 0; j <= 20; ++j) {
        const std::string ts = m.process.discrete_time() ? std::to_string(j * s.length() / 20) : fmt::format("{}/20", j);
        const Estimate e = engine->forward_tv(Subset(A), Subset(B), TimePoint::parse(ts, m.process, "t"));
        EXPECT_LE(e.lo, prev_lo + 1e-15) << process << " t = " << ts;
        prev_lo = e.lo;
      }
    }
  }
}

// Theorem 2 on a grid of models (pseudo-random rational tables with zeros), every ε and every nested pair:
// inside the window the exact fr-tv is below ε(1 + max(1, W)/√2).
TEST(CategoricalProperties, Theorem2HoldsOnGrid) {
  uint64_t state = 12345;
  auto next = [&]() { return static_cast<int>((state = state * 6364136223846793005ull + 1442695040888963407ull) >> 59); };
  int windows_checked = 0;
  for (int model = 0; model < 6; ++model) {
    Spec s;
    s.weights = model % 2 ? std::vector<std::string>{"1/2", "1/4", "1/4"} : std::vector<std::string>{"2/3", "1/6", "1/6"};
    s.V = 3;
    for (int th = 0; th < 3; ++th) {
      std::vector<std::pair<std::vector<std::string>, int>> t;
      for (int r = 0; r < 3; ++r) {
        int a = next() % 5, b2 = next() % 5, c = next() % 5;
        if (a + b2 + c == 0) a = 1;
        const int n = a + b2 + c;
        t.push_back({{fmt::format("{}/{}", a, n), fmt::format("{}/{}", b2, n), fmt::format("{}/{}", c, n)}, 1 + r % 2});
      }
      s.tables.push_back(t);
    }
    if (model >= 3) s.process = "kind = \"ordered-mask\"\norder = [3, 1, 0, 2]";
    Model m = model_file_parse(s.toml());
    auto engine = exact_engine_make(m, 128);
    for (const std::string eps : {"0.05", "0.2", "0.4"})
      for (const auto& [si, st] : std::vector<std::pair<std::vector<int>, std::vector<int>>>{
               {{0}, {0}}, {{0}, {0, 1}}, {{1}, {1, 2}}, {{2}, {0, 1, 2}}}) {
        const Theorem2Window w = theorem2_window(*engine, Subset(si), Subset(st), q(eps));
        if (!w.nonempty) continue;
        for (long t = static_cast<long>(w.t_end->value); t <= static_cast<long>(w.t_start->value); ++t) {
          const Estimate fr = engine->fr_tv(Subset(si), Subset(st), TimePoint::integer(t));
          EXPECT_LE(fr.hi, w.bound.hi) << "model " << model << " eps " << eps << " t " << t;
          ++windows_checked;
        }
      }
  }
  EXPECT_GT(windows_checked, 20);
}

// A long model whose only informative positions are a few: every TV equals the short model made of those
// positions alone (the repeated equal rows carry no information), exactly.
TEST(CategoricalLong, RepeatedAgreeingRowsCarryNoInformation) {
  Spec shortm;
  shortm.weights = {"1/2", "1/2"};
  shortm.V = 5;
  shortm.tables = {{{{"0", "7/10", "0", "1/10", "1/5"}, 3}}, {{{"0", "0", "1/2", "3/10", "1/5"}, 3}}};
  Spec longm = shortm;
  longm.tables = {{}, {}};
  for (int blk = 0; blk < 19; ++blk)  // 19 agreeing blocks of 526 positions with different laws
    for (int th = 0; th < 2; ++th)
      longm.tables[th].push_back({{fmt::format("{}/10", 1 + blk % 3), "1/10", fmt::format("{}/10", 8 - blk % 3), "0", "0"}, 526});
  for (int th = 0; th < 2; ++th) longm.tables[th].push_back(shortm.tables[th][0]);  // length 19·526 + 3 = 9997
  Model ms = model_file_parse(shortm.toml()), ml = model_file_parse(longm.toml());
  auto es = exact_engine_make(ms, 128), el = exact_engine_make(ml, 128);
  const long L = longm.length();
  for (int n = 0; n <= 3; ++n) {
    const auto rs = es->rational_forward_tv(Subset({0}), Subset({1}), TimePoint::integer(3 - n));
    const auto rl = el->rational_forward_tv(Subset({0}), Subset({1}), TimePoint::integer(3 - n));
    ASSERT_TRUE(rs && rl);
    EXPECT_TRUE(*rs == *rl) << n;
    const Estimate fs = es->fr_tv(Subset({0}), Subset({0, 1}), TimePoint::integer(3 - n));
    const Estimate fl = el->fr_tv(Subset({0}), Subset({0, 1}), TimePoint::integer(3 - n));
    EXPECT_NEAR(fs.value, fl.value, 1e-15) << n;
  }
  // Hiding agreeing positions changes nothing: TV with all 3 diverging tokens visible at t = 0 and at t = 0
  // only; with none visible the TV is 0 from t = 3 up to L.
  EXPECT_EQ(el->forward_tv(Subset({0}), Subset({1}), TimePoint::integer(L)).hi, 0.0);
  // 1 − TV after j diverging tokens; each token's laws overlap by Σ_v min = 1/10 + 1/5 = 3/10 and the
  // optimal coupling of products is not a product, so check only the first token by hand: TV_1 = 7/10.
  EXPECT_TRUE(*el->rational_forward_tv(Subset({0}), Subset({1}), TimePoint::integer(2)) == q("7/10"));
}

// The E4 bundled example: the printed window from the support overlap (3/10 per diverging token), the
// ε² version, and the exact Definition-4 window, solved by hand.
TEST(CategoricalPaper, E4Window) {
  Model m = model_file_load(std::string(CRITWIN_SOURCE_DIR) + "/examples/e4_critical_tokens.toml");
  auto ex = paper_example_match(m);
  ASSERT_TRUE(ex.has_value());
  EXPECT_EQ(ex->id, "E4");
  EXPECT_EQ(ex->agree, 30);
  // ε = 0.1: 0.3^2 = 0.09 <= 0.1 → k = 2; ε² = 0.01: 0.3^4 = 0.0081 → k = 4. T_before = 40 − 30.
  PaperWindow pw = paper_example_window(*ex, q("0.1"));
  EXPECT_EQ(pw.t_before->value, 10);
  EXPECT_EQ(pw.t_after->value, 8);
  EXPECT_EQ(pw.t_after_eps2->value, 6);
  // ε = 0.3 exactly: 0.3^1 <= 0.3 (tie counts) → k = 1; ε² = 0.09: 0.3^2 → k = 2.
  pw = paper_example_window(*ex, q("0.3"));
  EXPECT_EQ(pw.t_after->value, 9);
  EXPECT_EQ(pw.t_after_eps2->value, 8);
  auto engine = exact_engine_make(m, 128);
  const CriticalWindow cw = critical_window(*engine, Subset({0}), Subset({0, 1}), q("0.1"));
  // By hand: with j = 10 − t diverging tokens visible, the harmful law is below the safe one on every sequence
  // both can emit (per token 1/10 <= 3/10 on "cannot", 1/5 = 1/5 on "."), so Σ min = (1/10 + 1/5)^j and
  // TV = 1 − 0.3^j; 1 − TV <= ε² = 0.01 ⇔ j >= 4 ⇔ t <= 6.
  EXPECT_EQ(cw.t_after->value, 6);
  EXPECT_LE(cw.t_before->value, pw.t_before->value);  // L − s bounds the exact T_before
}

}  // namespace
}  // namespace critwin
