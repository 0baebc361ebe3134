// UTF-8 text in model files: splitting a string into its characters (Unicode code points) with validation.
// Shared by the alphabet reader (model/alphabet.hpp), the strings family and the TOML document reader.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace critwin {

// Length in bytes (1–4) of the valid UTF-8 character that begins at s[i], or 0 when the bytes there are not one.
size_t utf8_char_length(std::string_view s, size_t i);

// Byte offset of the first byte of `s` that does not begin a valid UTF-8 character (RFC 3629: no overlong
// forms, surrogates U+D800–U+DFFF or code points above U+10FFFF, no truncated sequence), or nullopt when `s`
// is valid UTF-8.
std::optional<size_t> utf8_invalid_offset(std::string_view s);

// The characters (code points) of `s` in order, each as its UTF-8 bytes: "aαβ" -> {"a", "α", "β"}.
// InputError naming `field`, the byte offset and the byte when `s` is not valid UTF-8.
std::vector<std::string> utf8_characters(std::string_view s, const std::string& field);

// The error text for invalid UTF-8 at byte `offset` of a value whose byte there is `byte`
// ("is not valid UTF-8: the bytes at byte offset 3 (counting from 0; first byte 0xFF) are not a UTF-8 character").
std::string utf8_invalid_message(unsigned char byte, size_t offset);

}  // namespace critwin
