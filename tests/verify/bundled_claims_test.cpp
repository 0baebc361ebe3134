// The bundled claims in verify/claims/ run as regression tests: every claim's status must match its
// stated expectation, and the headline findings are pinned by independent facts.
#include <filesystem>

#include <gtest/gtest.h>

#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"

using namespace critwin::verify;

namespace {
std::vector<ClaimResult> run_file(const std::string& name) {
  auto claims = claims_file_load(std::string(CRITWIN_SOURCE_DIR) + "/verify/claims/" + name);
  RunOptions opt;
  opt.precision = 64;  // the Gaussian quadrature is the slow part; 64 bits keep the suite quick
  std::vector<ClaimResult> out;
  for (const auto& c : claims) out.push_back(claim_run(c, opt));
  return out;
}

void expect_all_match(const std::vector<ClaimResult>& rs) {
  for (const auto& r : rs) EXPECT_TRUE(r.matches) << r.name << ": " << r.status << " (expected " << r.expected << "): " << r.evidence;
}

const ClaimResult& find(const std::vector<ClaimResult>& rs, const std::string& prefix) {
  for (const auto& r : rs)
    if (r.name.rfind(prefix, 0) == 0) return r;
  throw std::runtime_error("no claim " + prefix);
}
}  // namespace

TEST(BundledClaims, ProofStepsAndTheirWrongTwins) {
  auto rs = run_file("boe_proof_steps.toml");
  expect_all_match(rs);
  long refuted = 0;
  for (const auto& r : rs) refuted += r.status == "refuted";
  EXPECT_GE(refuted, 5);  // every step has a wrong twin
}

TEST(BundledClaims, ClosedForms) {
  auto rs = run_file("closed_forms.toml");
  expect_all_match(rs);
  // E1's printed T_after fails exactly where sqrt(2) erfcinv(eps^2) > ln(1/(2 eps^2)), eps > 0.3056 (mpmath):
  // on the grid that is eps in {0.35, 0.4, 0.45} for each of the 3 values of m.
  const auto& e1 = find(rs, "E1 printed T_after is below the exact T_start (eps <= 0.45)");
  EXPECT_EQ(e1.details["failed"].get<long>(), 9);
  for (const auto& row : e1.details["points"]) {
    const std::string p = row["params"];
    bool big = p.find("eps=0.35") != std::string::npos || p.find("eps=0.4") != std::string::npos;
    EXPECT_EQ(row["verdict"] == "fails", big) << p;
  }
}

TEST(BundledClaims, E5HypothesesRegion) {
  auto rs = run_file("e5_hypotheses.toml");
  expect_all_match(rs);
  const auto& reg = find(rs, "E5 hypotheses region");
  const double in = reg.details["inside"], out = reg.details["outside"], und = reg.details["undecided"];
  EXPECT_NEAR(in + out + und, 1.0, 1e-9);
  EXPECT_GT(in, 0.05);  // a real part of the box satisfies the hypotheses ...
  EXPECT_GT(out, 0.5);  // ... most of it does not (eps^2 < 1e-3/4 cuts eps below ~0.0158)
}

TEST(BundledClaims, Theorem2OnEveryExample) {
  auto rs = run_file("theorem2_examples.toml");
  expect_all_match(rs);
  for (const auto& r : rs) EXPECT_GE(r.details["min_ratio_bound_over_exact"].get<double>(), 1.0) << r.name;
}

TEST(BundledClaims, MonteCarloAgreesWithTheExactEngines) {
  auto rs = run_file("mc_agrees.toml");
  expect_all_match(rs);
  // The wrong twin must fail, and the others must hold: both statuses are exercised.
  EXPECT_EQ(find(rs, "wrong twin").status, "fails");
  EXPECT_EQ(find(rs, "E5 coins").status, "holds");
}

// Issue 15 item 5: the all-or-nothing claims (planted spike at M = 2^10 and 2^16, a tiny sparse regression) hold,
// and the twin with δ too small fails — at n = 134 >= (1 + 1/2) N* = 133.08, where the exact TV is below 0.9.
TEST(BundledClaims, AllOrNothing) {
  auto rs = run_file("all_or_nothing.toml");
  expect_all_match(rs);
  EXPECT_EQ(rs.size(), 4u);
  const auto& twin = find(rs, "planted spike M = 2^16 twin");
  EXPECT_EQ(twin.status, "fails");
  bool above_fails = false;
  for (const auto& row : twin.details["points"])
    if (row["region"] == "above" && !row["ok"].get<bool>()) above_fails = above_fails || row["n"].get<long>() == 134;
  EXPECT_TRUE(above_fails);
}
