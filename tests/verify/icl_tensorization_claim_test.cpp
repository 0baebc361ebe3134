// The icl-tensorization claim kind: the bundled claims (3-task mixture fails from n = 19, two tasks hold), the
// failing n pinned by the THEORY.md counterexample, and bad claims naming their key.
#include <gtest/gtest.h>

#include "model/input_error.hpp"
#include "verify/claim_runner.hpp"
#include "verify/claims_file.hpp"

using namespace critwin;
using namespace critwin::verify;

namespace {

std::vector<ClaimResult> run_bundled() {
  auto claims = claims_file_load(std::string(CRITWIN_SOURCE_DIR) + "/verify/claims/icl_tensorization.toml");
  RunOptions opt;
  std::vector<ClaimResult> out;
  for (const auto& c : claims) out.push_back(claim_run(c, opt));
  return out;
}

std::string field_of(const std::string& claim_body) {
  const std::string text = "[[claim]]\nname = \"c\"\nkind = \"icl-tensorization\"\nmodel = \"" + std::string(CRITWIN_SOURCE_DIR) +
                           "/examples/icl_tensorization_three_tasks.toml\"\n" + claim_body;
  try {
    claims_file_parse(text, "f.toml", ".");
  } catch (const InputError& e) {
    return e.field();
  }
  return "<no error>";
}

}  // namespace

TEST(IclTensorizationClaim, BundledStatuses) {
  auto rs = run_bundled();
  ASSERT_EQ(rs.size(), 2u);
  for (const auto& r : rs) EXPECT_TRUE(r.matches) << r.name << ": " << r.status << ": " << r.evidence;
  EXPECT_EQ(rs[0].status, "fails");
  EXPECT_EQ(rs[1].status, "holds");
  // Exactly the listed n >= 19 fail.
  for (const auto& p : rs[0].details["points"]) EXPECT_EQ(p["tensorized_holds"].get<bool>(), p["n"].get<long>() < 19) << p;
  EXPECT_TRUE(rs[0].details["correct_bound_holds_everywhere"].get<bool>());
}

TEST(IclTensorizationClaim, BadClaimsNameTheirKey) {
  EXPECT_EQ(field_of("theta_star = \"star\"\nn = [5]\n"), "<no error>");
  EXPECT_EQ(field_of("theta_star = \"nobody\"\nn = [5]\n"), "f.toml: claim 'c': theta_star");
  EXPECT_EQ(field_of("theta_star = \"star,b45\"\nn = [5]\n"), "f.toml: claim 'c': theta_star");
  EXPECT_EQ(field_of("theta_star = \"star\"\nn = [41]\n"), "f.toml: claim 'c': n[0]");
  EXPECT_EQ(field_of("theta_star = \"star\"\nn = []\n"), "f.toml: claim 'c': n");
  EXPECT_EQ(field_of("n = [3]\n"), "f.toml: claim 'c': theta_star");
}
