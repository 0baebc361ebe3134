// The one reader for the text files a user names (model file, tree file, claims file, a claim's `model = ...`):
// regular files only, of bounded size, so no input can make critwin read forever.
#pragma once

#include <cstdint>
#include <string>

namespace critwin {

// The largest input file read, in bytes (64 MiB); critwin's input files are small TOML texts.
inline constexpr std::uintmax_t kMaxInputFileBytes = std::uintmax_t{64} << 20;

// The whole content of the file `path` (bytes, unchanged). `field` names the file in errors (e.g. "MODEL",
// "tree", or a claims-file key like `claims.toml: claim 'x': model`); `what` says what it is ("model file").
// Throws InputError naming `field` when `path` is not a regular file (a device such as /dev/zero or a FIFO
// would be read without end, a directory reads as nothing), is larger than kMaxInputFileBytes, or cannot be read.
std::string input_file_read(const std::string& path, const std::string& field, const std::string& what);

}  // namespace critwin
