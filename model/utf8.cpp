#include "model/utf8.hpp"

#include <boost/locale/utf.hpp>
#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin {

size_t utf8_char_length(std::string_view s, size_t i) {
  // Boost.Locale's decoder rejects overlong forms, surrogates and code points past U+10FFFF (RFC 3629).
  const char* p = s.data() + i;
  const boost::locale::utf::code_point c = boost::locale::utf::utf_traits<char>::decode(p, s.data() + s.size());
  if (c == boost::locale::utf::illegal || c == boost::locale::utf::incomplete) return 0;
  return static_cast<size_t>(p - (s.data() + i));
}

std::optional<size_t> utf8_invalid_offset(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8_char_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::nullopt;
}

std::string utf8_invalid_message(unsigned char byte, size_t offset) {
  return fmt::format("is not valid UTF-8: the bytes at byte offset {} (counting from 0; first byte 0x{:02X}) are not a "
                     "UTF-8 character",
                     offset, byte);
}

std::vector<std::string> utf8_characters(std::string_view s, const std::string& field) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8_char_length(s, i);
    if (n == 0) throw InputError(field, utf8_invalid_message(static_cast<unsigned char>(s[i]), i));
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace critwin
