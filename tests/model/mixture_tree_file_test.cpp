// Tree files (BoE Definition 8's shape): a good file parses into the tree it states; every bad file is one
// InputError naming the offending field.
#include <gtest/gtest.h>

#include "model/input_error.hpp"
#include "model/mixture_tree_file.hpp"
#include "model/model_file.hpp"

using namespace critwin;

namespace {

const char* kModel = R"(
[mixture]
weights = ["1/4", "1/4", "1/4", "1/4"]
labels  = ["aa", "ab", "ba", "bb"]
[components]
kind = "strings"
alphabet = "ab"
strings = ["aaaaaa", "aaabaa", "baaaaa", "baabaa"]
[process]
kind = "ordered-mask"
order = [3, 1, 2, 4, 5, 0]
)";

const char* kTree = R"(
[[nodes]]
name = "root"
subset = ["aa", "ab", "ba", "bb"]
noise = 6
[[nodes]]
name = "a"
parent = "root"
subset = ["aa", "ab"]
noise = 3
[[nodes]]
name = "b"
parent = "root"
subset = [2, 3]
noise = "2"
[[nodes]]
name = "aa"
parent = "a"
subset = "aa"
noise = 0
[[nodes]]
name = "ab"
parent = "a"
subset = ["ab"]
noise = 1
)";

std::string edit(std::string text, const std::string& from, const std::string& to) {
  auto p = text.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  return text.replace(p, from.size(), to);
}

std::string field_of(const std::string& tree_text, const char* model_text = kModel) {
  const Model m = model_file_parse(model_text);
  try {
    mixture_tree_file_parse(tree_text, m);
  } catch (const InputError& e) {
    return e.field();
  }
  return "<no error>";
}

}  // namespace

TEST(MixtureTreeFile, ParsesTheStatedTree) {
  const Model m = model_file_parse(kModel);
  const MixtureTree t = mixture_tree_file_parse(kTree, m);
  ASSERT_EQ(t.nodes.size(), 5u);
  EXPECT_EQ(t.root, 0);
  EXPECT_EQ(t.nodes[0].children, (std::vector<int>{1, 2}));
  EXPECT_EQ(t.nodes[2].subset, Subset({2, 3}));
  EXPECT_EQ(t.nodes[3].subset, Subset({0}));
  EXPECT_EQ(t.nodes[4].parent, 1);
  EXPECT_EQ(t.nodes[2].noise.to_long(), 2);
  EXPECT_EQ(t.depth(), 2);
  EXPECT_EQ(t.leaf_of(3), 2);
  EXPECT_EQ(t.leaf_of(1), 4);
  EXPECT_EQ(t.path_to_root(4), (std::vector<int>{4, 1, 0}));
  EXPECT_EQ(t.preorder(), (std::vector<int>{0, 1, 3, 4, 2}));
}

// The tree file goes through the same reader as model files: a device or a directory is refused before reading.
TEST(MixtureTreeFile, LoadRefusesWhatIsNotARegularFile) {
  const Model m = model_file_parse(kModel);
  for (const char* path : {"/dev/zero", "/tmp", "/nonexistent/tree.toml"}) {
    try {
      mixture_tree_file_load(path, m);
      ADD_FAILURE() << path;
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "tree") << path;
    }
  }
}

TEST(MixtureTreeFile, BadShapesNameTheField) {
  // Unknown keys, at the top and in a node.
  EXPECT_EQ(field_of(std::string("nodez = 1\n") + kTree), "nodez");
  EXPECT_EQ(field_of(edit(kTree, "noise = 3\n", "noise = 3\nnoize = 2\n")), "nodes[1].noize");
  // Leaves that do not partition Θ: a label of a node in none of its children, or in two siblings.
  EXPECT_EQ(field_of(edit(kTree, "subset = [\"ab\"]", "subset = [\"ab\", \"aa\"]")), "nodes[4].subset");
  EXPECT_EQ(field_of(edit(kTree, "subset = [2, 3]", "subset = [2, 3, 1]")), "nodes[2].subset");
  std::string gap = edit(kTree, "subset = [\"aa\", \"ab\"]", "subset = [\"aa\", \"ab\", \"ba\"]");
  EXPECT_EQ(field_of(edit(gap, "subset = [2, 3]", "subset = [3]")), "nodes[1].subset");
  // A subset not inside its parent, or not smaller than it.
  EXPECT_EQ(field_of(edit(kTree, "subset = [\"ab\"]", "subset = [\"ba\"]")), "nodes[4].subset");
  EXPECT_EQ(field_of(edit(kTree, "subset = [\"ab\"]", "subset = [\"aa\", \"ab\"]")), "nodes[4].subset");
  // The root must be all of Θ.
  EXPECT_EQ(field_of(edit(kTree, "subset = [\"aa\", \"ab\", \"ba\", \"bb\"]", "subset = [\"aa\", \"ab\", \"ba\"]")),
            "nodes[0].subset");
  // Noise not strictly increasing toward the root (equal, then larger).
  EXPECT_EQ(field_of(edit(kTree, "noise = 1\n", "noise = 3\n")), "nodes[4].noise");
  EXPECT_EQ(field_of(edit(kTree, "noise = 3\n", "noise = 6\n")), "nodes[1].noise");
  EXPECT_EQ(field_of(edit(kTree, "noise = \"2\"", "noise = 7")), "nodes[2].noise");
  // Noise outside the index set {0..6}, or not an integer there.
  EXPECT_EQ(field_of(edit(kTree, "noise = 6", "noise = 7")), "nodes[0].noise");
  EXPECT_EQ(field_of(edit(kTree, "noise = 1\n", "noise = 0.5\n")), "nodes[4].noise");
  EXPECT_EQ(field_of(edit(kTree, "noise = 1\n", "noise = \"inf\"\n")), "nodes[4].noise");
  EXPECT_EQ(field_of(edit(kTree, "noise = 1\n", "noise = true\n")), "nodes[4].noise");
  // Parents: unknown, a second root, a cycle, itself.
  EXPECT_EQ(field_of(edit(kTree, "parent = \"a\"\nsubset = [\"ab\"]", "parent = \"c\"\nsubset = [\"ab\"]")),
            "nodes[4].parent");
  EXPECT_EQ(field_of(edit(kTree, "parent = \"root\"\nsubset = [\"aa\", \"ab\"]", "subset = [\"aa\", \"ab\"]")),
            "nodes[1].parent");
  EXPECT_EQ(field_of(edit(kTree, "parent = \"a\"\nsubset = [\"ab\"]", "parent = \"ab\"\nsubset = [\"ab\"]")),
            "nodes[4].parent");
  std::string cycle = edit(kTree, "parent = \"root\"\nsubset = [\"aa\", \"ab\"]", "parent = \"aa\"\nsubset = [\"aa\", \"ab\"]");
  EXPECT_NE(field_of(cycle).find("nodes["), std::string::npos);
  // Labels and names.
  EXPECT_EQ(field_of(edit(kTree, "subset = [2, 3]", "subset = [2, \"zz\"]")), "nodes[2].subset[1]");
  EXPECT_EQ(field_of(edit(kTree, "subset = [2, 3]", "subset = [2, 4]")), "nodes[2].subset[1]");
  EXPECT_EQ(field_of(edit(kTree, "subset = [2, 3]", "subset = [2, \"ba\"]")), "nodes[2].subset[1]");
  EXPECT_EQ(field_of(edit(kTree, "subset = [2, 3]", "subset = []")), "nodes[2].subset");
  EXPECT_EQ(field_of(edit(kTree, "subset = \"aa\"", "subset = \"aa,zz\"")), "nodes[3].subset");
  EXPECT_EQ(field_of(edit(kTree, "name = \"ab\"", "name = \"aa\"")), "nodes[4].name");
  EXPECT_EQ(field_of(edit(kTree, "name = \"ab\"", "")), "nodes[4].name");
  EXPECT_EQ(field_of(edit(kTree, "subset = \"aa\"\nnoise = 0", "subset = \"aa\"")), "nodes[3].noise");
  EXPECT_EQ(field_of("name = \"empty\"\n"), "nodes");
  EXPECT_EQ(field_of("[[nodes]\n"), "tree file");
}

TEST(MixtureTreeFile, ContinuousTimes) {
  const char* ou = R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "gaussian"
dim = 1
means = [[-3], [3]]
variance = 1
[process]
kind = "ou"
)";
  const Model m = model_file_parse(ou);
  const char* tree = R"(
[[nodes]]
name = "root"
subset = [0, 1]
noise = "inf"
[[nodes]]
name = "l"
parent = "root"
subset = [0]
noise = 0.25
[[nodes]]
name = "r"
parent = "root"
subset = [1]
noise = "1/4"
)";
  const MixtureTree t = mixture_tree_file_parse(tree, m);
  EXPECT_TRUE(t.nodes[0].noise.infinite);
  EXPECT_TRUE(t.nodes[1].noise.value == *ExactReal::parse("1/4"));
  EXPECT_TRUE(t.nodes[2].noise.value == *ExactReal::parse("0.25"));
  EXPECT_EQ(field_of(edit(tree, "noise = 0.25", "noise = -0.25"), ou), "nodes[1].noise");
  EXPECT_EQ(field_of(edit(tree, "noise = \"inf\"", "noise = \"1/8\""), ou), "nodes[1].noise");
}
