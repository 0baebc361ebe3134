// critwin sweep end to end: the grid's rows against the commands run one by one, the same tables at any thread
// count and after a kill (SIGTERM, SIGKILL) and --resume, and one clear error with no files for each bad input.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// A Monte Carlo sweep slow enough (about half a second a row, eight rows) to be killed midway.
std::string slow_sweep(const TempDir& tmp) {
  return tmp.file("slow.toml", "model_file = \"" + example_path("e5_coins.toml") + "\"\n"
                               "[parameters]\nseed = { from = 1, to = 8, n = 8 }\n"
                               "[[query]]\ncommand = \"sample\"\n"
                               "options = { t-hat = \"550\", s-init = \"heads\", n = 20000, seed = \"${seed}\" }\n");
}

// Starts `critwin sweep ARGS`, waits until its journal holds `rows` complete rows, sends `sig`, and reaps it.
// Returns false if the sweep finished before it could be killed.
bool kill_midway(const std::vector<std::string>& args, const std::string& journal, size_t rows, int sig) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    dup2(null, 0), dup2(null, 1), dup2(null, 2);
    std::vector<const char*> argv{CRITWIN_BINARY, "sweep"};
    for (const auto& a : args) argv.push_back(a.c_str());
    argv.push_back(nullptr);
    execv(CRITWIN_BINARY, const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  bool killed = false;
  for (int i = 0; i < 6000; ++i) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return false;  // finished on its own
    const std::string j = slurp(journal);
    if (static_cast<size_t>(std::count(j.begin(), j.end(), '\n')) >= rows + 1) {  // header + rows
      kill(pid, sig);
      killed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return killed && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

TEST(SweepCli, RowsEqualTheCommandsRunOneByOne) {
  TempDir tmp;
  const std::string out = tmp.path() + "/e1";
  CliResult r = cli_run("sweep " + example_path("sweep_e1_width.toml") + " --out " + out);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;  // no progress bar when stderr is not a terminal
  EXPECT_FALSE(fs::exists(out + ".journal.jsonl"));
  const auto rows = lines_of(slurp(out + ".jsonl"));
  // m = 2, 4, 8, 16, 32 (log scale, exact at powers of 2) × eps = 0.1, 0.2, two queries per point, in grid order.
  ASSERT_EQ(rows.size(), 20u);
  const char* ms[] = {"2", "4", "8", "16", "32"};
  const char* epss[] = {"0.1", "0.2"};
  for (size_t i = 0; i < rows.size(); ++i) {
    const Json row = Json::parse(rows[i]);
    const size_t point = i / 2, query = i % 2;
    EXPECT_EQ(row["point"], point);
    EXPECT_EQ(row["query"], query);
    const std::string m = ms[point / 2], eps = epss[point % 2];
    EXPECT_EQ(row["parameters"]["m"], m);
    EXPECT_EQ(row["parameters"]["eps"], eps);
    EXPECT_TRUE(row["error"].is_null());
    // The same command on a model file written by hand for this m (E1 with the means ±m).
    const std::string model = tmp.file("m" + m + ".toml",
                                       "name = \"E1 two Gaussians, m = " + m + "\"\n[mixture]\nweights = [\"1/2\", \"1/2\"]\n"
                                       "labels = [\"plus\", \"minus\"]\n[components]\nkind = \"gaussian\"\ndim = 1\n"
                                       "means = [[\"" + m + "\"], [\"-" + m + "\"]]\nvariance = \"1\"\n[process]\nkind = \"ou\"\n");
    const std::string cmd = query == 0 ? "critical-window " + model + " --eps " + eps + " --s-after plus --s-before plus,minus"
                                       : "window " + model + " --eps " + eps + " --s-init plus --s-target plus,minus";
    CliResult one = cli_run(cmd + " --json");
    ASSERT_EQ(one.status, 0) << one.err;
    EXPECT_EQ(row["result"], Json::parse(one.out)) << cmd;
  }
  // Each value carries its interval and guarantee, in the CSV too: T_before of E1 is certified and encloses its value.
  const auto csv = lines_of(slurp(out + ".csv"));
  ASSERT_EQ(csv.size(), 21u);
  const std::string header = csv[0];
  EXPECT_EQ(header.rfind("point,query,m,eps,command,error,", 0), 0u) << header;
  EXPECT_NE(header.find("t_before,t_before_lo,t_before_hi,t_before_guarantee"), std::string::npos) << header;
  for (size_t i = 0; i < rows.size(); i += 2) {
    const Json res = Json::parse(rows[i])["result"];
    EXPECT_EQ(res["t_before_guarantee"], "certified");
    EXPECT_LE(res["t_before_lo"].get<double>(), res["t_before"].get<double>());
    EXPECT_GE(res["t_before_hi"].get<double>(), res["t_before"].get<double>());
  }
  // The paper's point, as an independent property: both ends grow with m, T_before like log m (the width stays O(1)).
  const Json a = Json::parse(rows[8])["result"], b = Json::parse(rows[16])["result"];  // m = 8 and m = 32, eps = 0.1
  EXPECT_LT(a["t_before"].get<double>(), b["t_before"].get<double>());
  EXPECT_NEAR(b["t_before"].get<double>() - a["t_before"].get<double>(), std::log(4.0), 0.2);
}

TEST(SweepCli, SameTablesAtAnyThreadCount) {
  TempDir tmp;
  const std::string sweep = slow_sweep(tmp);
  CliResult one = cli_run("sweep " + sweep + " --out " + tmp.path() + "/t1 --threads 1");
  CliResult two = cli_run("sweep " + sweep + " --out " + tmp.path() + "/t2 --threads 2");
  ASSERT_EQ(one.status, 0) << one.err;
  ASSERT_EQ(two.status, 0) << two.err;
  EXPECT_EQ(slurp(tmp.path() + "/t1.csv"), slurp(tmp.path() + "/t2.csv"));
  EXPECT_EQ(slurp(tmp.path() + "/t1.jsonl"), slurp(tmp.path() + "/t2.jsonl"));
  // Eight distinct seeds give eight different Monte Carlo rows (the placeholder reached --seed).
  const auto rows = lines_of(slurp(tmp.path() + "/t1.jsonl"));
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_NE(Json::parse(rows[0])["result"]["retention"], Json::parse(rows[1])["result"]["retention"]);
  EXPECT_EQ(Json::parse(rows[5])["result"]["seed"], 6);
}

void kill_and_resume(int sig) {
  TempDir tmp;
  const std::string sweep = slow_sweep(tmp);
  CliResult whole = cli_run("sweep " + sweep + " --out " + tmp.path() + "/whole --threads 2");
  ASSERT_EQ(whole.status, 0) << whole.err;
  const std::string prefix = tmp.path() + "/cut", journal = prefix + ".journal.jsonl";
  ASSERT_TRUE(kill_midway({sweep, "--out", prefix, "--threads", "2"}, journal, 3, sig)) << "the sweep was not killed midway";
  EXPECT_FALSE(fs::exists(prefix + ".csv"));
  EXPECT_FALSE(fs::exists(prefix + ".jsonl"));
  const std::string j = slurp(journal);
  const size_t done = static_cast<size_t>(std::count(j.begin(), j.end(), '\n')) - 1;
  ASSERT_GE(done, 3u);
  ASSERT_LT(done, 8u);
  // A crash in the middle of a write leaves half a line: the resume cuts it off and computes that row again.
  const std::string last = lines_of(j).back();
  std::ofstream(journal, std::ios::app | std::ios::binary) << last.substr(0, last.size() / 2);
  // Without --resume the journal is not overwritten: the user is told what to do.
  CliResult again = cli_run("sweep " + sweep + " --out " + prefix);
  EXPECT_EQ(again.status, 2);
  EXPECT_NE(again.err.find("--resume"), std::string::npos) << again.err;
  EXPECT_EQ(slurp(journal), j + last.substr(0, last.size() / 2));
  CliResult resumed = cli_run("sweep " + sweep + " --out " + prefix + " --resume --threads 1");
  ASSERT_EQ(resumed.status, 0) << resumed.err;
  EXPECT_NE(resumed.out.find(std::to_string(done) + " from the journal, " + std::to_string(8 - done) + " computed"), std::string::npos)
      << resumed.out;
  EXPECT_EQ(slurp(prefix + ".csv"), slurp(tmp.path() + "/whole.csv"));
  EXPECT_EQ(slurp(prefix + ".jsonl"), slurp(tmp.path() + "/whole.jsonl"));
  EXPECT_FALSE(fs::exists(journal));
}

TEST(SweepCli, KilledWithSigtermThenResumedGivesTheSameTables) { kill_and_resume(SIGTERM); }
TEST(SweepCli, KilledWithSigkillThenResumedGivesTheSameTables) { kill_and_resume(SIGKILL); }

TEST(SweepCli, ResumeRefusesAnotherSweepsJournal) {
  TempDir tmp;
  const std::string sweep = example_path("sweep_e1_width.toml");
  const std::string prefix = tmp.path() + "/x";
  // A journal of a different sweep (another fingerprint) is refused, and kept.
  const std::string other = prefix;
  std::ofstream(other + ".journal.jsonl") << R"({"journal":"critwin sweep journal","fingerprint":"0000000000000000","points":10,"queries":2})" << "\n";
  CliResult o = cli_run("sweep " + sweep + " --out " + other + " --resume");
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("different sweep"), std::string::npos) << o.err;
  EXPECT_TRUE(fs::exists(other + ".journal.jsonl"));
  EXPECT_FALSE(fs::exists(other + ".csv"));
}

// The JSONL rows of a forward-tv sweep over E1 with the parameter line `t_param` (t = …).
std::vector<std::string> e1_forward_tv_rows(const TempDir& tmp, const std::string& t_param) {
  const std::string sweep = tmp.file("t.toml", "model_file = \"" + example_path("e1_two_gaussians.toml") + "\"\n"
                                               "[parameters]\n" + t_param + "\n"
                                               "[[query]]\ncommand = \"forward-tv\"\noptions = { t = \"${t}\", a = \"plus\", b = \"minus\" }\n");
  CliResult r = cli_run("sweep " + sweep + " --out " + tmp.path() + "/t");
  EXPECT_EQ(r.status, 0) << r.err;
  return lines_of(slurp(tmp.path() + "/t.jsonl"));
}

TEST(SweepCli, LinearGridsAreExactDecimals) {
  TempDir tmp;
  const auto rows = e1_forward_tv_rows(tmp, "t = { from = \"1/10\", to = \"9/10\", n = 9 }");
  ASSERT_EQ(rows.size(), 9u);
  double prev = 2;
  for (size_t i = 0; i < 9; ++i) {
    const Json row = Json::parse(rows[i]);
    EXPECT_EQ(row["parameters"]["t"], "0." + std::to_string(i + 1));  // 0.9, not 0.8999999999999999
    // TV between the two E1 components falls with t (the noise washes them together).
    const double tv = row["result"]["tv"].get<double>();
    EXPECT_LT(tv, prev);
    prev = tv;
  }
}

// TOML float ends mean the decimals written (0.1, not 3602879701896397/36028797018963968), as lists do.
TEST(SweepCli, FloatRangeEndsAreTheDecimalsWritten) {
  TempDir tmp;
  const auto rows = e1_forward_tv_rows(tmp, "t = { from = 0.1, to = 0.3, n = 3 }");
  ASSERT_EQ(rows.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(Json::parse(rows[i])["parameters"]["t"], "0." + std::to_string(i + 1));
}

// Found by a user trial: several queries over a coin template crashed (the syntax check parsed into options
// whose storage had been freed). Three queries, 24 points; every row computed, none with an error.
TEST(SweepCli, SeveralQueriesOverACoinTemplate) {
  TempDir tmp;
  const std::string sweep = tmp.file("c.toml", R"(name = "coins sweep"
model = """
name = "coins L=${L} p=${p}"
[mixture]
weights = ["1/2", "1/2"]
labels  = ["heads", "tails"]
[components]
kind = "bernoulli-product"
length = ${L}
probs = ["${p}", "${q}"]
[process]
kind = "truncate"
"""
[parameters]
L = { from = 100, to = 400, n = 4 }
p = { from = "11/20", to = "0.7", n = 3, scale = "lin" }
q = ["0.4"]
t = [10, 50]
[[query]]
command = "retention"
options = { s-init = "heads", t-hat = "${t}" }
[[query]]
command = "compare"
options = { eps = "0.1", s-after = "heads", s-before = "all" }
[[query]]
command = "fr-tv"
options = { t-hat = "${t}", s-init="heads", s-target="all" }
)");
  CliResult r = cli_run("sweep " + sweep + " --out " + tmp.path() + "/c");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto rows = lines_of(slurp(tmp.path() + "/c.jsonl"));
  ASSERT_EQ(rows.size(), 72u);
  for (const auto& line : rows) EXPECT_TRUE(Json::parse(line)["error"].is_null()) << line;
}

// Found by a user trial: an all-or-nothing query ran (and printed its table) during the sweep's syntax check,
// because that command bypassed the shared callback path that honours the parse-only flag.
TEST(SweepCli, AllOrNothingQueryIsCheckedWithoutRunning) {
  TempDir tmp;
  const std::string sweep = tmp.file("a.toml", "model_file = \"" + example_path("planted_spike.toml") + "\"\n"
                                               "[[query]]\ncommand = \"all-or-nothing\"\noptions = { samples = 200 }\n");
  CliResult r = cli_run("sweep " + sweep + " --out " + tmp.path() + "/a");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out;  // the summary and the files written
  EXPECT_EQ(lines_of(slurp(tmp.path() + "/a.jsonl")).size(), 1u);
}

struct BadSweep {
  const char* name;
  std::string body;      // after the model line
  const char* expected;  // in the error line
};

TEST(SweepCli, BadInputIsOneErrorNamingTheFieldWithNoFiles) {
  const std::string q = "[[query]]\ncommand = \"forward-tv\"\noptions = { t = \"${t}\", a = \"plus\", b = \"minus\" }\n";
  const std::vector<BadSweep> cases{
      {"unknown key", "colour = 1\n[parameters]\nt = [1]\n" + q, "colour: unknown key; allowed keys here are: name, model, model_file, parameters, query"},
      {"unknown range key", "[parameters]\nt = { from = 1, to = 2, n = 2, step = 1 }\n" + q, "parameters.t.step: unknown key"},
      {"placeholder without parameter", "[parameters]\nu = [1]\n[[query]]\ncommand = \"forward-tv\"\noptions = { t = \"${t}\", a = \"plus\", b = \"${u}\" }\n",
       "query[0].options.t: ${t} names no parameter (parameters: u)"},
      {"unused parameter", "[parameters]\nt = [1]\nv = [1, 2]\n" + q, "parameters.v: is not used"},
      {"n below 1", "[parameters]\nt = { from = 1, to = 2, n = 0 }\n" + q, "parameters.t.n: must be an integer in [1, 100000] (got 0)"},
      {"log with a non-positive bound", "[parameters]\nt = { from = 1, to = -2, n = 3, scale = \"log\" }\n" + q,
       "parameters.t.to: must be > 0 for scale = \"log\" (got -2)"},
      {"unknown scale", "[parameters]\nt = { from = 1, to = 2, n = 3, scale = \"ln\" }\n" + q, "parameters.t.scale: must be \"lin\" or \"log\""},
      {"unknown command", "[parameters]\nt = [1]\n[[query]]\ncommand = \"forward_tv\"\noptions = { t = \"${t}\" }\n",
       "query[0].command: unknown command 'forward_tv'; a query is one of: forward-tv,"},
      {"command a sweep cannot run", "[parameters]\nt = [1]\n[[query]]\ncommand = \"verify\"\noptions = { only = \"${t}\" }\n",
       "query[0].command: a sweep cannot run 'verify'"},
      {"unknown option", "[parameters]\nt = [1]\n[[query]]\ncommand = \"forward-tv\"\noptions = { time = \"${t}\", a = \"plus\", b = \"minus\" }\n",
       "query[0].options.time: unknown option for 'forward-tv'"},
      {"option set by the sweep", "[parameters]\nt = [1]\n[[query]]\ncommand = \"forward-tv\"\noptions = { t = \"${t}\", a = \"plus\", b = \"minus\", format = \"csv\" }\n",
       "query[0].options.format: is set by the sweep"},
      {"missing required option", "[parameters]\nt = [1]\n[[query]]\ncommand = \"forward-tv\"\noptions = { t = \"${t}\", a = \"plus\" }\n",
       "query[0].options: --b is required"},
      {"grid over the limit", "[parameters]\nt = { from = 1, to = 2, n = 1000 }\nu = { from = 1, to = 2, n = 101 }\n[[query]]\ncommand = \"forward-tv\"\noptions = { t = \"${t}\", a = \"plus\", b = \"${u}\" }\n",
       "parameters: grid points × queries is more than the limit of 100000 rows"},
      {"no query", "[parameters]\nt = [1]\n", "query: give at least one [[query]]"},
      {"empty list", "[parameters]\nt = []\n" + q, "parameters.t: the list is empty"},
  };
  for (const auto& c : cases) {
    TempDir tmp;
    const std::string sweep = tmp.file("bad.toml", "model_file = \"" + example_path("e1_two_gaussians.toml") + "\"\n" + c.body);
    CliResult r = cli_run("sweep " + sweep + " --out " + tmp.path() + "/out/x");
    EXPECT_EQ(r.status, 2) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << c.name << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << c.name << ": " << r.err;
    EXPECT_FALSE(fs::exists(tmp.path() + "/out")) << c.name;
  }
  // A model template that is wrong at one grid point names the point and the model file's field.
  TempDir tmp;
  const std::string sweep = tmp.file("w.toml", R"(model = """
name = "x"
[mixture]
weights = ["${w}", "1/2"]
[components]
kind = "gaussian"
dim = 1
means = [["1"], ["-1"]]
variance = "1"
[process]
kind = "ou"
"""
[parameters]
w = ["1/2", "1/3"]
[[query]]
command = "forward-tv"
options = { t = "1", a = "0", b = "1" }
)");
  CliResult r = cli_run("sweep " + sweep + " --out " + tmp.path() + "/out/x");
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_NE(r.err.find("mixture.weights: must sum to exactly 1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("grid point 1 (w = 1/3)"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp.path() + "/out"));
}

// Found by a user trial: `--out adir/` wrote the hidden files adir/.csv and adir/.jsonl.
TEST(SweepCli, OutNamingADirectoryIsRefused) {
  TempDir tmp;
  const std::string sweep = tmp.file("s.toml", "model_file = \"" + example_path("e1_two_gaussians.toml") +
                                                   "\"\n[[query]]\ncommand = \"forward-tv\"\noptions = { t = \"1\", a = \"plus\", b = \"minus\" }\n");
  fs::create_directories(tmp.path() + "/adir");
  for (const std::string& out : {tmp.path() + "/adir/", tmp.path() + "/adir", tmp.path() + "/new/"}) {
    CliResult r = cli_run("sweep " + sweep + " --out " + out);
    EXPECT_EQ(r.status, 2) << out << ": " << r.err;
    EXPECT_NE(r.err.find("--out: must name a file prefix such as"), std::string::npos) << r.err;
  }
  EXPECT_TRUE(fs::is_empty(tmp.path() + "/adir"));
  EXPECT_FALSE(fs::exists(tmp.path() + "/new"));
}

TEST(SweepCli, ARowTheCommandRefusesCarriesItsErrorAndTheSweepExitsOne) {
  TempDir tmp;
  const std::string sweep = tmp.file("neg.toml", "model_file = \"" + example_path("e1_two_gaussians.toml") + "\"\n"
                                                 "[parameters]\nt = [\"1\", \"-1\"]\n"
                                                 "[[query]]\ncommand = \"forward-tv\"\noptions = { t = \"${t}\", a = \"plus\", b = \"minus\" }\n");
  CliResult r = cli_run("sweep " + sweep + " --out " + tmp.path() + "/neg");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("1 of 2 rows failed"), std::string::npos) << r.err;
  const auto rows = lines_of(slurp(tmp.path() + "/neg.jsonl"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(Json::parse(rows[0])["error"].is_null());
  EXPECT_NE(Json::parse(rows[1])["error"].get<std::string>().find("--t: must be a time in the index set"), std::string::npos);
  EXPECT_TRUE(Json::parse(rows[1])["result"].is_null());
}

}  // namespace
