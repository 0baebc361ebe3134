// categorical-product model files: the list and one-string alphabet forms (also for strings components),
// repeated rows, and one InputError naming the field for every bad input.
#include <gtest/gtest.h>

#include <string>

#include "model/input_error.hpp"
#include "model/model_file.hpp"

using namespace critwin;

namespace {

const char* kCat = R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "categorical-product"
alphabet = ["yes", "no", "."]
length = 5
tables = [
  [ ["1/2", "1/4", "1/4"], { probs = ["0", "1/2", "1/2"], repeat = 3 }, ["1", "0", "0"] ],
  [ { probs = ["1/3", "1/3", "1/3"], repeat = 5 } ],
]
[process]
kind = "truncate"
)";

std::string edit(std::string text, const std::string& from, const std::string& to) {
  auto p = text.find(from);
  EXPECT_NE(p, std::string::npos) << from;
  return text.replace(p, from.size(), to);
}

// The field of the InputError, and that it mentions the allowed range/shape in its message.
std::string field_of(const std::string& text) {
  try {
    model_file_parse(text);
  } catch (const InputError& e) {
    EXPECT_FALSE(e.message().empty());
    return e.field();
  }
  return "<no error>";
}

}  // namespace

TEST(CategoricalModelFile, Parses) {
  Model m = model_file_parse(kCat);
  const auto& c = std::get<CategoricalProductComponents>(m.components);
  EXPECT_EQ(c.alphabet.size(), 3u);
  EXPECT_EQ(c.alphabet[0], "yes");
  EXPECT_EQ(c.length, 5);
  EXPECT_EQ(m.process.length, 5);
  ASSERT_EQ(c.tables[0].size(), 3u);
  EXPECT_EQ(c.tables[0][1].repeat, 3);
  EXPECT_TRUE(c.tables[0][1].probs[2] == *ExactReal::parse("1/2"));
  EXPECT_EQ(c.tables[1][0].repeat, 5);
  // The one-string alphabet form: each character a symbol.
  Model s = model_file_parse(edit(kCat, R"(["yes", "no", "."])", R"("yn.")"));
  EXPECT_EQ(std::get<CategoricalProductComponents>(s.components).alphabet[2], ".");
  // Characters, not bytes: "αβγ" is three two-byte symbols ("αα" is a repeat, "αβ" is not, though α and β
  // share their lead byte), and a four-byte character is one symbol.
  Model u = model_file_parse(edit(kCat, R"(["yes", "no", "."])", R"("αβ😀")"));
  EXPECT_EQ(std::get<CategoricalProductComponents>(u.components).alphabet,
            (std::vector<std::string>{"α", "β", "😀"}));
  EXPECT_EQ(field_of(edit(kCat, R"(["yes", "no", "."])", R"("αβα")")), "components.alphabet");
}

TEST(CategoricalModelFile, EachProblemNamesItsField) {
  // Rows not summing to 1 exactly (a TOML float 0.1 is the binary double, so 0.1 + 0.2 + 0.7 != 1).
  EXPECT_EQ(field_of(edit(kCat, R"(["1/2", "1/4", "1/4"])", R"(["1/2", "1/4", "1/5"])")), "components.tables[0][0]");
  EXPECT_EQ(field_of(edit(kCat, R"(["1/2", "1/4", "1/4"])", R"([0.1, 0.2, 0.7])")), "components.tables[0][0]");
  EXPECT_EQ(field_of(edit(kCat, R"(["0", "1/2", "1/2"], repeat = 3)", R"(["0", "1/2", "1/3"], repeat = 3)")),
            "components.tables[0][1]");
  // Wrong row length.
  EXPECT_EQ(field_of(edit(kCat, R"(["1", "0", "0"])", R"(["1", "0"])")), "components.tables[0][2]");
  // Entries outside [0, 1].
  EXPECT_EQ(field_of(edit(kCat, R"(["1/2", "1/4", "1/4"])", R"(["-1/4", "1", "1/4"])")), "components.tables[0][0][0]");
  EXPECT_EQ(field_of(edit(kCat, R"(["1/2", "1/4", "1/4"])", R"(["3/2", "-1/4", "-1/4"])")), "components.tables[0][0][0]");
  EXPECT_EQ(field_of(edit(kCat, R"(["0", "1/2", "1/2"], repeat = 3)", R"(["0", "2", "-1"], repeat = 3)")),
            "components.tables[0][1].probs[1]");
  EXPECT_EQ(field_of(edit(kCat, R"(["1/2", "1/4", "1/4"])", R"(["1/2", "x", "1/4"])")), "components.tables[0][0][1]");
  // Total rows != length: too few, too many, a bad repeat.
  EXPECT_EQ(field_of(edit(kCat, R"(repeat = 5)", R"(repeat = 4)")), "components.tables[1]");
  EXPECT_EQ(field_of(edit(kCat, R"(, ["1", "0", "0"] ])", R"(, ["1", "0", "0"], ["1", "0", "0"] ])")),
            "components.tables[0][3]");
  EXPECT_EQ(field_of(edit(kCat, R"(repeat = 3)", R"(repeat = 0)")), "components.tables[0][1].repeat");
  EXPECT_EQ(field_of(edit(kCat, R"(repeat = 3)", R"(repeat = "3")")), "components.tables[0][1].repeat");
  EXPECT_EQ(field_of(edit(kCat, R"(repeat = 3 })", R"(repeat = 3, rep = 1 })")), "components.tables[0][1].rep");
  // Shape of tables.
  EXPECT_EQ(field_of(edit(kCat, R"([ { probs = ["1/3", "1/3", "1/3"], repeat = 5 } ],)", "")), "components.tables");
  EXPECT_EQ(field_of(edit(kCat, R"([ { probs = ["1/3", "1/3", "1/3"], repeat = 5 } ],)", R"("abc",)")),
            "components.tables[1]");
  EXPECT_EQ(field_of(edit(kCat, R"(["1", "0", "0"])", R"(3)")), "components.tables[0][2]");
  EXPECT_EQ(field_of(edit(kCat, R"({ probs = ["1/3", "1/3", "1/3"], repeat = 5 })", R"({ repeat = 5 })")),
            "components.tables[1][0].probs");
  // length and alphabet.
  EXPECT_EQ(field_of(edit(kCat, "length = 5", "length = 0")), "components.length");
  EXPECT_EQ(field_of(edit(kCat, "length = 5\n", "")), "components.length");
  EXPECT_EQ(field_of(edit(kCat, R"(["yes", "no", "."])", R"(["yes", "no", "yes"])")), "components.alphabet[2]");
  EXPECT_EQ(field_of(edit(kCat, R"(["yes", "no", "."])", R"(["yes", "", "."])")), "components.alphabet[1]");
  EXPECT_EQ(field_of(edit(kCat, R"(["yes", "no", "."])", R"([])")), "components.alphabet");
  EXPECT_EQ(field_of(edit(kCat, R"(["yes", "no", "."])", R"(3)")), "components.alphabet");
  EXPECT_EQ(field_of(edit(kCat, R"(alphabet = ["yes", "no", "."])", R"(alfabet = ["yes", "no", "."])")), "components.alfabet");
  // ordered-mask is checked against the length; ou is not a process of this family.
  EXPECT_EQ(field_of(edit(kCat, R"(kind = "truncate")", "kind = \"ordered-mask\"\norder = [0, 1, 2, 3]")), "process.order");
  EXPECT_EQ(field_of(edit(kCat, R"(kind = "truncate")", R"(kind = "ou")")), "process.kind");
}

// strings components accept the list form of the alphabet as well (tests/model/strings_model_file_test.cpp has
// the UTF-8 and multi-character cases).
TEST(CategoricalModelFile, StringsAlphabetListForm) {
  const char* strings = R"(
[mixture]
weights = ["1/2", "1/2"]
[components]
kind = "strings"
alphabet = ["a", "b"]
strings = ["aab", "abb"]
[process]
kind = "truncate"
)";
  Model s = model_file_parse(strings);
  EXPECT_EQ(std::get<StringComponents>(s.components).alphabet, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(field_of(edit(strings, R"(["a", "b"])", R"(["a", "a"])")), "components.alphabet[1]");
  EXPECT_EQ(field_of(edit(strings, R"(["aab", "abb"])", R"(["aab", "abc"])")), "components.strings[1]");
  // A UTF-8 alphabet is two characters (not four bytes, so no "repeated" byte).
  Model u = model_file_parse(edit(edit(strings, R"(["a", "b"])", R"("αβ")"), R"(["aab", "abb"])", R"(["ααβ", "αββ"])"));
  EXPECT_EQ(std::get<StringComponents>(u.components).alphabet, (std::vector<std::string>{"α", "β"}));
}
