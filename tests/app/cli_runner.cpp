#include "cli_runner.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
std::string slurp(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}
}  // namespace

CliResult cli_run(const std::string& args) {
  TempDir tmp;
  const std::string out = tmp.path() + "/stdout", err = tmp.path() + "/stderr";
  const std::string cmd = std::string(CRITWIN_BINARY) + " " + args + " >" + out + " 2>" + err + " </dev/null";
  int raw = std::system(cmd.c_str());
  CliResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

std::string example_path(const std::string& file) { return std::string(CRITWIN_SOURCE_DIR) + "/examples/" + file; }

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "critwin-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::file(const std::string& name, const std::string& content) const {
  std::string p = path_ + "/" + name;
  std::ofstream(p) << content;
  return p;
}
