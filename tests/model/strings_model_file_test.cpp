// strings model files over UTF-8 alphabets: both alphabet forms, multi-character symbols (a prefix code),
// and one InputError naming the field for invalid UTF-8 (with its byte offset), repeated symbols, symbols
// outside the alphabet and wrong lengths.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/alphabet.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "model/utf8.hpp"
#include "model_file_test_support.hpp"

using namespace critwin;
using critwin::test::edit;

namespace {

const char* kGreek = R"(
[mixture]
weights = ["1/3", "1/3", "1/3"]
[components]
kind = "strings"
alphabet = "αβγ"
strings = ["ααβγ", "βγγα", "γ😀αβ"]
[process]
kind = "random-mask"
)";

// With alphabet "αβγ😀" the model above is valid; the tests that need it put 😀 in.
std::string greek4() { return edit(kGreek, R"("αβγ")", R"("αβγ😀")"); }

// The InputError that parsing `text` throws (field and message), or field "<no error>".
InputError error_of(const std::string& text) {
  try {
    model_file_parse(text);
  } catch (const InputError& e) {
    return e;
  }
  return InputError("<no error>", "");
}

}  // namespace

TEST(StringsModelFile, OneStringAndListFormsGiveTheSameSymbolsAndCodes) {
  const Model m = model_file_parse(greek4());
  const auto& s = std::get<StringComponents>(m.components);
  EXPECT_EQ(s.alphabet, (std::vector<std::string>{"α", "β", "γ", "😀"}));
  // Indices written out by hand: α = 0, β = 1, γ = 2, 😀 = 3; lengths count symbols, not bytes.
  ASSERT_EQ(s.codes.size(), 3u);
  EXPECT_EQ(s.codes[0], std::string("\0\0\1\2", 4));
  EXPECT_EQ(s.codes[1], std::string("\1\2\2\0", 4));
  EXPECT_EQ(s.codes[2], std::string("\2\3\0\1", 4));
  EXPECT_EQ(s.length(), 4);
  EXPECT_EQ(m.process.length, 4);
  EXPECT_EQ(s.text(0), "ααβγ");
  EXPECT_EQ(s.text(2), "γ😀αβ");

  const Model l = model_file_parse(edit(greek4(), R"("αβγ😀")", R"(["α", "β", "γ", "😀"])"));
  const auto& ls = std::get<StringComponents>(l.components);
  EXPECT_EQ(ls.alphabet, s.alphabet);
  EXPECT_EQ(ls.codes, s.codes);
}

// The rule for multi-character symbols: allowed in the list form when no symbol begins another, so a string
// splits into symbols one way, read left to right.
TEST(StringsModelFile, MultiCharacterSymbolsFormAPrefixCode) {
  const std::string words =
      edit(edit(kGreek, R"(alphabet = "αβγ")", R"(alphabet = ["yes", "no", "ja", "😀"])"),
           R"(["ααβγ", "βγγα", "γ😀αβ"])", R"(["yesyesnoja", "nojajayes", "ja😀yesno"])");
  const Model m = model_file_parse(words);
  const auto& s = std::get<StringComponents>(m.components);
  EXPECT_EQ(s.codes[0], std::string("\0\0\1\2", 4));
  EXPECT_EQ(s.codes[1], std::string("\1\2\2\0", 4));
  EXPECT_EQ(s.codes[2], std::string("\2\3\0\1", 4));
  EXPECT_EQ(s.text(1), "nojajayes");

  // "a" begins "ab": "ab" could be one symbol or two, so the alphabet is refused at the longer symbol.
  const std::string ambiguous = edit(edit(kGreek, R"(alphabet = "αβγ")", R"(alphabet = ["ab", "b", "a"])"),
                                     R"(["ααβγ", "βγγα", "γ😀αβ"])", R"(["ab", "ab", "ba"])");
  const InputError e = error_of(ambiguous);
  EXPECT_EQ(e.field(), "components.alphabet[0]");
  EXPECT_NE(e.message().find("'ab' begins with symbol 2 'a'"), std::string::npos) << e.message();
  // Equal first characters are fine when neither symbol begins the other.
  const std::string shared = edit(edit(kGreek, R"(alphabet = "αβγ")", R"(alphabet = ["ab", "ac", "b"])"),
                                  R"(["ααβγ", "βγγα", "γ😀αβ"])", R"(["abac", "acb", "bab"])");
  const Model sm = model_file_parse(shared);
  const auto& sc = std::get<StringComponents>(sm.components);
  EXPECT_EQ(sc.codes[1], std::string("\1\2", 2));  // "ac" "b"
  EXPECT_EQ(sc.codes[2], std::string("\2\0", 2));  // "b" "ab"
  // Text that is no sequence of symbols: "ad" begins like "ab" and "ac" but is neither.
  EXPECT_EQ(error_of(edit(shared, R"("bab")", R"("bad")")).field(), "components.strings[2]");
}

TEST(StringsModelFile, RepeatedSymbolNamesTheCharacter) {
  const InputError e = error_of(edit(greek4(), R"("αβγ😀")", R"("αβγα😀")"));
  EXPECT_EQ(e.field(), "components.alphabet");
  EXPECT_NE(e.message().find("'α' is symbol 0 and again symbol 3"), std::string::npos) << e.message();
  const InputError l = error_of(edit(greek4(), R"("αβγ😀")", R"(["α", "β", "γ", "β"])"));
  EXPECT_EQ(l.field(), "components.alphabet[3]");
  EXPECT_NE(l.message().find("'β'"), std::string::npos) << l.message();
}

TEST(StringsModelFile, SymbolOutsideTheAlphabetAndWrongLength) {
  // "ä" is not in the alphabet (its first byte 0xC3 is no alphabet symbol's either).
  const InputError out = error_of(edit(greek4(), R"("βγγα")", R"("βγäα")"));
  EXPECT_EQ(out.field(), "components.strings[1]");
  EXPECT_NE(out.message().find("symbol 2 (counting from 0; byte offset 4) is 'ä'"), std::string::npos) << out.message();
  EXPECT_NE(out.message().find("'ä'"), std::string::npos) << out.message();
  // "β" (2 bytes) shares its lead byte 0xCE with the alphabet's Greek letters: only the whole character counts.
  EXPECT_EQ(error_of(edit(greek4(), R"("βγγα")", R"("βγγδ")")).field(), "components.strings[1]");
  // Lengths count symbols: "ααβ" is three symbols (six bytes) where strings[0] has four.
  const InputError len = error_of(edit(greek4(), R"("βγγα")", R"("ααβ")"));
  EXPECT_EQ(len.field(), "components.strings[1]");
  EXPECT_NE(len.message().find("(4 symbols, got 3)"), std::string::npos) << len.message();
  EXPECT_EQ(error_of(edit(greek4(), R"("βγγα")", R"("")")).field(), "components.strings[1]");
}

TEST(StringsModelFile, AtMost256Symbols) {
  // 257 distinct three-byte characters U+4E00 …: one too many for a one-byte symbol index.
  auto alphabet_of = [](int n) {  // as a quoted TOML string
    std::string a = "\"";
    for (int i = 0; i < n; ++i) {
      const unsigned cp = 0x4E00 + static_cast<unsigned>(i);
      a += static_cast<char>(0xE0 | (cp >> 12));
      a += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      a += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return a + '"';
  };
  const std::string base = edit(kGreek, R"(["ααβγ", "βγγα", "γ😀αβ"])", R"(["一", "一", "丁"])");
  EXPECT_EQ(error_of(edit(base, R"("αβγ")", alphabet_of(256))).field(), "<no error>");
  const InputError e = error_of(edit(base, R"("αβγ")", alphabet_of(257)));
  EXPECT_EQ(e.field(), "components.alphabet");
  EXPECT_NE(e.message().find("at most 256"), std::string::npos) << e.message();
}

// toml++ refuses invalid UTF-8 anywhere in a file with a line and column only; the reader names the field that
// holds it and the byte offset in that field's value.
TEST(StringsModelFile, InvalidUtf8NamesTheFieldAndByteOffset) {
  // A lone continuation byte in the alphabet, after α (two bytes): byte offset 2.
  const InputError a = error_of(edit(kGreek, R"("αβγ")", "\"α\x80βγ\""));
  EXPECT_EQ(a.field(), "components.alphabet");
  EXPECT_NE(a.message().find("byte offset 2 "), std::string::npos) << a.message();
  EXPECT_NE(a.message().find("0x80"), std::string::npos) << a.message();
  // A truncated γ (0xCE without its second byte) at the end of strings[1]: byte offset 6. Later bad bytes
  // elsewhere do not change which field is named.
  const InputError s = error_of(edit(edit(kGreek, R"("βγγα")", "\"βγγ\xCE\""), R"("γ😀αβ")", "\"γ\xFF\""));
  EXPECT_EQ(s.field(), "components.strings[1]");
  EXPECT_NE(s.message().find("byte offset 6 "), std::string::npos) << s.message();
  // An overlong encoding of '/' (0xC0 0xAF) in a literal string and in a label.
  EXPECT_EQ(error_of(edit(kGreek, R"("αβγ")", "'αβ\xC0\xAFγ'")).field(), "components.alphabet");
  const std::string labelled = edit(kGreek, R"(weights = ["1/3", "1/3", "1/3"])",
                                    "weights = [\"1/3\", \"1/3\", \"1/3\"]\nlabels = [\"x\", \"y\xED\xA0\x80\", \"z\"]");
  const InputError lab = error_of(labelled);
  EXPECT_EQ(lab.field(), "mixture.labels[1]");
  EXPECT_NE(lab.message().find("byte offset 1 "), std::string::npos) << lab.message();
  // In a comment there is no field: the file position is named instead.
  const InputError c = error_of(std::string("# \xFF\n") + kGreek);
  EXPECT_EQ(c.field(), "model file");
  EXPECT_NE(c.message().find("not valid UTF-8 at byte offset 2: 0xFF"), std::string::npos) << c.message();
}

// The same checks reach text that did not come through the TOML parser (a table built in code).
TEST(StringsModelFile, Utf8CharactersValidates) {
  EXPECT_EQ(utf8_characters("aα😀", "f"), (std::vector<std::string>{"a", "α", "😀"}));
  EXPECT_EQ(utf8_invalid_offset("aα😀"), std::nullopt);
  EXPECT_EQ(utf8_invalid_offset("a\xF0\x9F\x98"), 1u);         // cut short
  EXPECT_EQ(utf8_invalid_offset("ab\xED\xA0\x80"), 2u);        // surrogate U+D800
  EXPECT_EQ(utf8_invalid_offset("\xF4\x90\x80\x80"), 0u);      // above U+10FFFF
  EXPECT_EQ(utf8_invalid_offset("ab\xE0\x80\xAF"), 2u);        // overlong '/'
  toml::table c;
  c.insert("alphabet", std::string("α\xFF"));
  try {
    alphabet_parse(c, "components.alphabet");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "components.alphabet");
    EXPECT_NE(e.message().find("byte offset 2 "), std::string::npos) << e.message();
  }
}
