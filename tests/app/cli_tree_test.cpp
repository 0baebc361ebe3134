// critwin tree end to end: the JSON shape (nested nodes with subset, noise, margins, children), the other
// formats, and bad inputs (exit status 2, one message naming the field, nothing on stdout).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

const std::string kE7 = example_path("e7_product_alphabet.toml");
const std::string kFour = example_path("strings_ordered_mask.toml");
const std::string kFourTree = example_path("strings_ordered_mask_tree.toml");

int depth_of(const nlohmann::json& node) {
  int d = 0;
  for (const auto& c : node["children"]) d = std::max(d, 1 + depth_of(c));
  return d;
}

void expect_input_error(const std::string& args, const std::string& field) {
  SCOPED_TRACE(args);
  CliResult r = cli_run(args);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(field), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 2) << r.err;
}

}  // namespace

TEST(CliTree, BuiltE7TreeAsJson) {
  CliResult r = cli_run("tree " + kE7 + " --eps 0.1 --leaf bz1 --perturb 0.01 --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["command"], "tree");
  EXPECT_EQ(j["source"], "built");
  EXPECT_TRUE(j["valid"].get<bool>());
  EXPECT_EQ(j["depth"], 3);
  EXPECT_EQ(depth_of(j["tree"]), 3);
  const auto& root = j["tree"];
  EXPECT_EQ(root["subset"].size(), 12u);
  EXPECT_EQ(root["noise"], 3);
  EXPECT_FALSE(root["margins"]["separation"]["applies"].get<bool>());
  EXPECT_EQ(root["margins"]["pairs"]["margin_exact"], "1/10");
  // The root splits on position 1 (order = [2, 0, 1]): three children x, y, z of four words each.
  ASSERT_EQ(root["children"].size(), 3u);
  for (const auto& c : root["children"]) {
    EXPECT_EQ(c["noise"], 2);
    EXPECT_EQ(c["subset"].size(), 4u);
    const char mid = c["subset"][0].get<std::string>()[1];
    for (const auto& w : c["subset"]) EXPECT_EQ(w.get<std::string>()[1], mid);
    EXPECT_EQ(c["margins"]["separation"]["margin_exact"], "1/100");
    EXPECT_TRUE(c["margins_perturbed"]["separation"]["holds"].get<bool>());
  }
  EXPECT_EQ(j["corollary1"]["leaf"], "bz1");
  ASSERT_EQ(j["corollary1"]["steps"].size(), 4u);
  for (const auto& s : j["corollary1"]["steps"]) EXPECT_TRUE(s["holds"].get<bool>());
  EXPECT_TRUE(j["corollary2"]["valid"].get<bool>());
  EXPECT_NE(j["note"].get<std::string>().find("off by one"), std::string::npos);
}

TEST(CliTree, GivenTreeAndFormats) {
  CliResult r = cli_run("tree " + kFour + " --eps 0.1 --tree " + kFourTree + " --json");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["source"], "file");
  EXPECT_EQ(j["tree"]["name"], "root");
  EXPECT_EQ(j["tree"]["children"][0]["name"], "a?");
  EXPECT_EQ(j["tree"]["children"][0]["margins"]["noise_gap"]["margin"], 3);

  CliResult dot = cli_run("tree " + kFour + " --eps 0.1 --tree " + kFourTree + " --format dot");
  ASSERT_EQ(dot.status, 0) << dot.err;
  EXPECT_EQ(dot.out.rfind("digraph mixture_tree {", 0), 0u);
  EXPECT_EQ(std::count(dot.out.begin(), dot.out.end(), '>'), 6);  // six edges "->"

  CliResult csv = cli_run("tree " + kFour + " --eps 0.1 --tree " + kFourTree + " --format csv");
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("node,parent,subset,noise,", 0), 0u);
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 8);  // header + seven nodes

  for (const char* f : {"table", "md", "latex"}) {
    CliResult t = cli_run("tree " + kFour + " --eps 0.1 --leaf ab --format " + std::string(f));
    EXPECT_EQ(t.status, 0) << t.err;
    EXPECT_NE(t.out.find("Corollary 1"), std::string::npos) << f;
  }
}

TEST(CliTree, BadInputs) {
  TempDir d;
  expect_input_error("tree " + kFour + " --eps 1.5", "--eps");
  expect_input_error("tree " + kFour + " --eps 0.1 --leaf zz", "--leaf");
  expect_input_error("tree " + kFour + " --eps 0.1 --leaf aa,ab", "--leaf");
  expect_input_error("tree " + kFour + " --eps 0.1 --perturb 0", "--perturb");
  expect_input_error("tree " + kFour + " --eps 0.5 --perturb 0.25", "--perturb");
  expect_input_error("tree " + kFour + " --eps 0.1 --tree " + d.path() + "/none.toml", "--tree");
  const std::string not_partition = std::string(CRITWIN_SOURCE_DIR) + "/tests/data/trees/not_partition.toml";
  expect_input_error("tree " + kFour + " --eps 0.1 --tree " + not_partition, "nodes[0].subset");
  const std::string not_inside = std::string(CRITWIN_SOURCE_DIR) + "/tests/data/trees/not_inside.toml";
  expect_input_error("tree " + kFour + " --eps 0.1 --tree " + not_inside, "nodes[3].subset");
  const std::string not_increasing = std::string(CRITWIN_SOURCE_DIR) + "/tests/data/trees/not_increasing.toml";
  expect_input_error("tree " + kFour + " --eps 0.1 --tree " + not_increasing, "nodes[1].noise");
  const std::string unknown_key = d.file("k.toml", "[[nodes]]\nname = \"root\"\nsubset = [0, 1, 2, 3]\nnoise = 6\ncolour = 1\n");
  expect_input_error("tree " + kFour + " --eps 0.1 --tree " + unknown_key, "nodes[0].colour");
  CliResult fmt = cli_run("tree " + kFour + " --eps 0.1 --format svg");
  EXPECT_NE(fmt.status, 0);
  EXPECT_TRUE(fmt.out.empty());
}

// ε = 1e-200: point masses separate completely, so condition (2)'s margin is 1 − (1 − ε²) = ε² = 1e-400 exactly —
// below every double, and it must not print as 0.
TEST(CliTree, TinyEpsilonMarginsPrintTheirExactSize) {
  CliResult r = cli_run("tree " + kE7 + " --eps 1e-200");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find(" 1e-400 (exact)"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(" 0 (exact)"), std::string::npos) << r.out;
}
