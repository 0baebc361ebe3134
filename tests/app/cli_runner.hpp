// Runs the critwin executable as a user would and captures its exit status, stdout and stderr.
#pragma once

#include <string>

struct CliResult {
  int status = -1;
  std::string out, err;
};

// `args` is appended to the critwin binary's path as a shell command line (quote as needed).
CliResult cli_run(const std::string& args);

// Path of a bundled example model.
std::string example_path(const std::string& file);

// A fresh, empty temporary directory, removed when the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name, const std::string& content) const;  // writes and returns its path

 private:
  std::string path_;
};
