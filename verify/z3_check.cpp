#include "verify/z3_check.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <sstream>

#include <fmt/format.h>

#include "verify/z3_bridge.hpp"

namespace critwin::verify {
namespace {

// The answer travels as text: a status letter, then either the reason or one exact value per line.
std::string encode(const Z3Outcome& o) {
  std::string out(1, o.result == z3::sat ? 's' : o.result == z3::unsat ? 'u' : '?');
  out += '\n';
  if (o.result == z3::unknown) out += o.reason;
  for (const auto& v : o.values) out += v.to_string() + '\n';
  return out;
}

bool decode(const std::string& text, size_t n_values, Z3Outcome& o) {
  if (text.size() < 2 || text[1] != '\n') return false;
  const std::string body = text.substr(2);
  switch (text[0]) {
    case 'u': o.result = z3::unsat; return body.empty();
    case '?': o.result = z3::unknown; o.reason = body; return true;
    case 's': break;
    default: return false;
  }
  o.result = z3::sat;
  std::istringstream in(body);
  for (std::string line; std::getline(in, line);) {
    auto v = ExactReal::parse(line);
    if (!v) return false;
    o.values.push_back(*v);
  }
  return o.values.size() == n_values;
}

Z3Outcome check_here(z3::solver& s, const std::vector<z3::expr>& model_of) {
  Z3Outcome o;
  o.result = s.check();
  if (o.result == z3::unknown) o.reason = s.reason_unknown();
  if (o.result == z3::sat) {
    z3::model m = s.get_model();
    for (const auto& e : model_of) o.values.push_back(z3_value_exact(m.eval(e, true)));
  }
  return o;
}

[[noreturn]] void child(int fd, z3::solver& s, const std::vector<z3::expr>& model_of) {
  // Test hook: no real query reliably outlives Z3's own timeout on demand, so tests reach the kill path by
  // making the worker stall before it starts.
  if (const char* stall = std::getenv("CRITWIN_TEST_Z3_STALL_MS")) ::usleep(static_cast<useconds_t>(std::atol(stall)) * 1000);
  std::string msg;
  try {
    msg = encode(check_here(s, model_of));
  } catch (const std::exception& e) {
    msg = std::string("?\nz3 worker: ") + e.what();
  }
  for (size_t done = 0; done < msg.size();) {
    ssize_t n = ::write(fd, msg.data() + done, msg.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ::_exit(1);
    done += static_cast<size_t>(n);
  }
  // _exit: no atexit handlers, no stdio flush of buffers copied from the parent, no leak check.
  ::_exit(0);
}

}  // namespace

Z3Outcome z3_check(z3::solver& s, const SolverLimits& limits, const std::vector<z3::expr>& model_of) {
  if (!limits.hard || limits.timeout_ms == 0) return check_here(s, model_of);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return check_here(s, model_of);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return check_here(s, model_of);
  }
  if (pid == 0) {
    ::close(fds[0]);
    child(fds[1], s, model_of);
  }
  ::close(fds[1]);

  using Clock = std::chrono::steady_clock;
  // Z3's own timer does not survive the fork (its worker threads stay in the parent), so the kill is the limit.
  const unsigned grace_ms = 20;
  const auto end = Clock::now() + std::chrono::milliseconds(static_cast<long long>(limits.timeout_ms) + grace_ms);
  std::string text;
  bool eof = false, expired = false;
  char buf[4096];
  while (!eof) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
    if (left <= 0) { expired = true; break; }
    pollfd p{fds[0], POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (r < 0 && errno != EINTR) break;
    if (r <= 0) continue;
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) { eof = true; break; }
    text.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (!eof) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}

  Z3Outcome o;
  if (expired) {
    o.killed = true;
    o.reason = fmt::format("wall-clock limit of {} ms reached; the query was stopped", limits.timeout_ms);
    return o;
  }
  if (!eof || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !decode(text, model_of.size(), o)) {
    o = Z3Outcome{};
    o.reason = WIFSIGNALED(status) ? fmt::format("z3 worker ended by signal {}", WTERMSIG(status)) : "z3 worker failed";
    return o;
  }
  return o;
}

}  // namespace critwin::verify
