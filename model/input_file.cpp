#include "model/input_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "model/input_error.hpp"

namespace critwin {

std::string input_file_read(const std::string& path, const std::string& field, const std::string& what) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);  // follows symlinks: a link to a regular file is fine
  if (st.type() == std::filesystem::file_type::not_found)
    throw InputError(field, fmt::format("cannot read {} '{}': no such file", what, path));
  if (ec) throw InputError(field, fmt::format("cannot read {} '{}': {}", what, path, ec.message()));
  if (!std::filesystem::is_regular_file(st))
    throw InputError(field, fmt::format("{} '{}' is not a regular file (a directory, device or pipe)", what, path));
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxInputFileBytes)
    throw InputError(field, fmt::format("{} '{}' has {} bytes; at most {} are read", what, path, size, kMaxInputFileBytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(field, fmt::format("cannot open {} '{}'", what, path));
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(field, fmt::format("cannot read {} '{}'", what, path));
  return ss.str();
}

}  // namespace critwin
