// critwin verify end to end: exit status, --json shape, --strict, and a JUnit report that validates
// against tests/verify/junit.xsd (xmllint from libxml2-utils).
#include <chrono>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

struct ShellRun {
  int status;
  std::string out;
};

// Exit status and stdout of a command (stderr discarded); `redirect` replaces that, e.g. "2>&1 >/dev/null" for stderr.
ShellRun sh(const std::string& cmd, const std::string& redirect = "2>/dev/null") {
  ShellRun r{0, ""};
  FILE* p = popen((cmd + " " + redirect).c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string temp_file(const std::string& name, const std::string& content) {
  auto dir = std::filesystem::temp_directory_path() / ("critwin_verify_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto p = dir / name;
  std::ofstream(p) << content;
  return p.string();
}

const char* kClaims = R"(
[[claim]]
name = "amgm <step> & co"
kind = "inequality"
assume = "a > 0 && b > 0"
expr = "a*b/(a+b) <= sqrt(a*b)/2"

[[claim]]
name = "wrong twin"
kind = "inequality"
expect = "refuted"
assume = "a > 0 && b > 0"
expr = "a*b/(a+b) <= sqrt(a*b)/4"

[[claim]]
name = "tight along the diagonal"
kind = "inequality"
assume = "0 < p && p < 1 && 0 < q && q < 1"
expr = "p*ln(p/q) + (1 - p)*ln((1 - p)/(1 - q)) >= 2*(p - q)^2"
box = { p = ["1/100", "99/100"], q = ["1/100", "99/100"] }
budget = 8
)";

const std::string kBin = CRITWIN_BINARY;

}  // namespace

TEST(VerifyCli, JsonStatusesAndExitCodes) {
  std::string f = temp_file("claims.toml", kClaims);
  ShellRun r = sh(kBin + " verify " + f + " --json");
  EXPECT_EQ(r.status, 0);  // the unknown is reported but does not fail without --strict
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["claims"].size(), 3u);
  EXPECT_EQ(j["claims"][0]["status"], "proved");
  EXPECT_EQ(j["claims"][1]["status"], "refuted");
  EXPECT_EQ(j["claims"][2]["status"], "unknown");
  for (const auto& c : j["claims"])
    for (const char* k : {"name", "kind", "status", "expected", "evidence", "time_s"}) EXPECT_TRUE(c.contains(k)) << k;
  EXPECT_NE(sh(kBin + " verify " + f + " --strict").status, 0);

  std::string wrong = temp_file("wrong.toml", "[[claim]]\nname='x'\nkind='inequality'\nexpr='x^2 >= 1'\n");
  ShellRun w = sh(kBin + " verify " + wrong + " --json");
  EXPECT_NE(w.status, 0);
  EXPECT_EQ(nlohmann::json::parse(w.out)["claims"][0]["status"], "refuted");

  std::string bad = temp_file("bad.toml", "[[claim]]\nname='x'\nkind='inequality'\nexpr='x^2 >= (1'\n");
  EXPECT_EQ(sh(kBin + " verify " + bad).status, 2);  // InputError
}

TEST(VerifyCli, JunitValidatesAgainstSchema) {
  std::string f = temp_file("claims2.toml", kClaims);
  std::string xml = f + ".xml";
  for (const char* strict : {"", " --strict"}) {
    std::filesystem::remove(xml);
    sh(kBin + " verify " + f + " --junit " + xml + strict);
    ASSERT_TRUE(std::filesystem::exists(xml));
    ShellRun v = sh("xmllint --noout --schema " + std::string(CRITWIN_SOURCE_DIR) + "/tests/verify/junit.xsd " + xml + " 2>&1");
    EXPECT_EQ(v.status, 0) << v.out;
    std::ifstream in(xml);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(text.find("tests=\"3\""), std::string::npos);
    EXPECT_NE(text.find("amgm &lt;step&gt; &amp; co"), std::string::npos);  // escaped
    if (*strict) EXPECT_NE(text.find("failures=\"1\""), std::string::npos);
    else EXPECT_NE(text.find("skipped=\"1\""), std::string::npos);
  }
  // The schema is not vacuous: a report without the required counts is rejected.
  std::string broken = temp_file("broken.xml", "<testsuites><testsuite name=\"x\"><testcase name=\"a\"/></testsuite></testsuites>");
  EXPECT_NE(sh("xmllint --noout --schema " + std::string(CRITWIN_SOURCE_DIR) + "/tests/verify/junit.xsd " + broken).status, 0);
}


// Issue 8 item 5 / issue 14 item 4: a bad claims file exits 2 with one line naming the claim and the field.
TEST(VerifyCli, ClaimsFileInputErrorsExit2NamingClaimAndField) {
  const std::string model = std::string(CRITWIN_SOURCE_DIR) + "/examples/e5_coins.toml";
  const std::string spike = std::string(CRITWIN_SOURCE_DIR) + "/examples/planted_spike.toml";
  struct Case {
    const char* name;
    std::string text, want;
  };
  const std::vector<Case> cases = {
      {"s_init.toml", "[[claim]]\nname='t2'\nkind='theorem2'\nmodel='" + model + "'\ns_init='heads,tails'\ns_target='heads'\neps=['0.1']\n", "claim 't2': s_init"},
      {"tol.toml", "[[claim]]\nname='cf'\nkind='closed-form-window'\nmodel='" + model + "'\ngrid={eps=['0.1']}\nendpoint='t_end'\ns_init='heads'\ns_target='heads'\nclosed_form='1'\ntol=inf\n", "claim 'cf': tol"},
      {"key.toml", "[[claim]]\nname='k'\nkind='inequality'\nexpr='x <= 1'\nexpct='proved'\n", "claim 'k': expct: unknown key"},
      {"table.toml", "[[claims]]\nname='k'\nkind='inequality'\nexpr='x <= 1'\n", "claims: unknown top-level key"},
      {"nobox.toml", "[[claim]]\nname='k'\nkind='inequality'\nexpr='ln(x) <= x'\n", "claim 'k': box"},
      {"pi.toml", "[[claim]]\nname='k'\nkind='inequality'\nexpr='pi <= 4'\nbox={pi=['0','1']}\n", "claim 'k': box.pi"},
      // all-or-nothing (issue 15 item 5): a misspelled key, a bad grid, δ <= 0, tol outside (0, 1/2), a non-detection model.
      {"aon_key.toml", "[[claim]]\nname='a'\nkind='all-or-nothing'\nmodel='" + spike + "'\nn_grid='1:10:1'\ndelta='1'\ntol='0.1'\nsamples_=5\n", "claim 'a': samples_: unknown key"},
      {"aon_grid.toml", "[[claim]]\nname='a'\nkind='all-or-nothing'\nmodel='" + spike + "'\nn_grid='1:1000:1'\ndelta='1'\ntol='0.1'\n", "claim 'a': n_grid"},
      {"aon_grid2.toml", "[[claim]]\nname='a'\nkind='all-or-nothing'\nmodel='" + spike + "'\nn_grid=[1, -2]\ndelta='1'\ntol='0.1'\n", "claim 'a': n_grid[1]"},
      {"aon_delta.toml", "[[claim]]\nname='a'\nkind='all-or-nothing'\nmodel='" + spike + "'\nn_grid=[1]\ndelta='0'\ntol='0.1'\n", "claim 'a': delta"},
      {"aon_tol.toml", "[[claim]]\nname='a'\nkind='all-or-nothing'\nmodel='" + spike + "'\nn_grid=[1]\ndelta='1'\ntol='1/2'\n", "claim 'a': tol"},
      {"aon_model.toml", "[[claim]]\nname='a'\nkind='all-or-nothing'\nmodel='" + model + "'\nn_grid=[1]\ndelta='1'\ntol='0.1'\n", "claim 'a': model"},
  };
  for (const auto& c : cases) {
    const std::string f = temp_file(c.name, c.text);
    ShellRun r = sh(std::string(CRITWIN_BINARY) + " verify " + f, "2>&1 >/dev/null");
    EXPECT_EQ(r.status, 2) << c.name << ": " << r.out;
    EXPECT_NE(r.out.find(c.want), std::string::npos) << c.name << ": " << r.out;
  }
}

// Issue 14 item 3: --jsonl streams one line per claim, then the final object; a claim that reaches --timeout is
// "unknown" with a timeout evidence, never a hang and never a wrong status.
TEST(VerifyCli, JsonlStreamsAndTimeoutIsUnknown) {
  const std::string file = std::string(CRITWIN_SOURCE_DIR) + "/tests/verify/data/verifier_bench_public.toml";
  ShellRun r = sh(std::string(CRITWIN_BINARY) + " verify " + file + " --jsonl --timeout 0.05");
  EXPECT_EQ(r.status, 0) << r.out;
  std::vector<nlohmann::json> lines;
  size_t start = 0;
  for (size_t nl; (nl = r.out.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(nlohmann::json::parse(r.out.substr(start, nl - start)));
  ASSERT_EQ(lines.size(), 22u);
  long timeouts = 0;
  for (size_t i = 0; i < 21; ++i) {
    EXPECT_TRUE(lines[i].contains("name"));
    const std::string status = lines[i]["status"];
    if (status != "unknown") {
      EXPECT_EQ(status, lines[i]["expected"].get<std::string>()) << lines[i]["name"];
    }
    if (lines[i].value("timeout", false)) {
      ++timeouts;
      EXPECT_EQ(status, "unknown");
      EXPECT_EQ(lines[i]["evidence"].get<std::string>().rfind("timeout", 0), 0u);
    }
  }
  EXPECT_GT(timeouts, 0);  // the slowest claims take far longer than 50 ms
  ASSERT_TRUE(lines[21].contains("claims"));
  EXPECT_EQ(lines[21]["claims"].size(), 21u);
}

// --timeout holds inside Z3: a query that never returns (a worker made to stall by the test hook) is stopped at
// the claim's limit and the claim is unknown (timeout), instead of the run hanging.
TEST(VerifyCli, TimeoutIsHardInsideZ3) {
  const std::string file = std::string(CRITWIN_SOURCE_DIR) + "/tests/verify/data/verifier_bench_public.toml";
  const auto t0 = std::chrono::steady_clock::now();
  ShellRun r = sh("CRITWIN_TEST_Z3_STALL_MS=600000 " + std::string(CRITWIN_BINARY) + " verify " + file +
                  " --only 'prob/mills-upper' --timeout 1 --json");
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(r.status, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["claims"].size(), 1u);
  EXPECT_EQ(j["claims"][0]["status"], "unknown");
  EXPECT_EQ(j["claims"][0].value("timeout", false), true) << r.out;
  EXPECT_LT(took, 60.0);  // 1 s limit; the stalled worker alone would take 600 s
}

// --timeout takes a finite number of seconds in [0, 86400]: nan, inf, negative or trailing text exit 2 naming it.
TEST(VerifyCli, TimeoutMustBeAFiniteNumberOfSeconds) {
  const std::string file = std::string(CRITWIN_SOURCE_DIR) + "/tests/verify/data/verifier_bench_public.toml";
  for (const char* bad : {"nan", "inf", "-1", "1e9", "abc", "1s"}) {
    ShellRun r = sh(std::string(CRITWIN_BINARY) + " verify " + file + " --timeout " + bad, "2>&1 >/dev/null");
    EXPECT_EQ(r.status, 2) << bad << ": " << r.out;
    EXPECT_NE(r.out.find("--timeout"), std::string::npos) << bad << ": " << r.out;
    EXPECT_NE(r.out.find("[0, 86400]"), std::string::npos) << bad << ": " << r.out;
  }
}

// The claim's limit also stops a Monte Carlo estimate in progress (between its blocks), not only between points.
TEST(VerifyCli, TimeoutStopsAMonteCarloClaimInsideItsEstimate) {
  const std::string file = std::string(CRITWIN_SOURCE_DIR) + "/verify/claims/mc_agrees.toml";
  ShellRun r = sh(std::string(CRITWIN_BINARY) + " verify " + file + " --only 'Three Gaussians' --timeout 0.2 --json");
  EXPECT_EQ(r.status, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["claims"].size(), 1u);
  const auto& c = j["claims"][0];
  EXPECT_EQ(c["status"], "unknown");
  EXPECT_EQ(c.value("timeout", false), true) << r.out;
  EXPECT_NE(c["evidence"].get<std::string>().find("stopped inside a computation"), std::string::npos) << r.out;
}
