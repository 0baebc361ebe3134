// MPI for critwin (see distributed.hpp). All MPI calls are made from the thread that created the Session
// (MPI_THREAD_FUNNELED); TBB workers never call MPI.
//
// Deadlock freedom rests on one rule: every collective data exchange is immediately preceded by an agreement
// (agree_status below: one MPI_Allreduce, plus two broadcasts only when a rank failed), and a rank that fails
// anywhere calls exactly one agreement before it stops. All agreements have the same shape, so the failed
// rank's agreement matches whichever agreement the other ranks reach next (before an exchange, before output,
// or the final one in main), they all learn of the failure there, and none of them starts another collective.
#include "samplers/distributed.hpp"

#include <cstdlib>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "model/input_error.hpp"

#ifdef CRITWIN_HAVE_MPI
#include <mpi.h>
#endif

namespace critwin::dist {
namespace {

bool g_launched = false;
int g_rank = 0, g_size = 1;
std::thread::id g_main_thread;
int g_local_depth = 0;      // LocalScope / dealt item nesting (main thread only)
bool g_failure_agreed = false;

// What a failing rank sends: exit status, and for an InputError its field (so other ranks rethrow it as one).
struct Failure {
  int code = 1;
  std::string field, message;
};

Failure classify(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const InputError& x) {
    return {2, x.field(), x.message()};
  } catch (const RankFailure& x) {
    return {x.exit_code(), "", x.what()};
  } catch (const std::exception& x) {
    return {1, "", x.what()};
  } catch (...) {
    return {1, "", "unknown error"};
  }
}

#ifdef CRITWIN_HAVE_MPI
// The one agreement: the lowest failing rank (if any) broadcasts its Failure. Returns {rank, failure}.
std::optional<std::pair<int, Failure>> agree_status(const Failure* mine) {
  int flag = mine ? g_rank : g_size, lowest = g_size;
  MPI_Allreduce(&flag, &lowest, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (lowest == g_size) return std::nullopt;
  g_failure_agreed = true;
  Failure f = (g_rank == lowest) ? *mine : Failure{};
  int hdr[3] = {f.code, static_cast<int>(f.field.size()), static_cast<int>(f.message.size())};
  MPI_Bcast(hdr, 3, MPI_INT, lowest, MPI_COMM_WORLD);
  f.code = hdr[0];
  std::string text = f.field + f.message;
  text.resize(static_cast<size_t>(hdr[1]) + static_cast<size_t>(hdr[2]));
  MPI_Bcast(text.data(), hdr[1] + hdr[2], MPI_CHAR, lowest, MPI_COMM_WORLD);
  f.field = text.substr(0, static_cast<size_t>(hdr[1]));
  f.message = text.substr(static_cast<size_t>(hdr[1]));
  return std::make_pair(lowest, f);
}
#endif

[[noreturn]] void throw_agreed(int from, const Failure& f) {
  // An InputError stays one, so main() renames its field to the flag as in a one-process run.
  if (f.code == 2 && !f.field.empty()) throw InputError(f.field, f.message);
  throw RankFailure(from, g_size, f.code, f.message);
}

}  // namespace

RankFailure::RankFailure(int rank, int size, int exit_code, const std::string& message)
    : std::runtime_error(message), rank_(rank), size_(size), code_(exit_code) {}

Session::Session([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef CRITWIN_HAVE_MPI
  const bool by_launcher = std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMI_SIZE") || std::getenv("PMIX_RANK");
  if (!by_launcher) return;
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_size);
  g_launched = true;
  g_main_thread = std::this_thread::get_id();
  if (g_rank != 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::close(null);
    }
  }
#endif
}

Session::~Session() {
#ifdef CRITWIN_HAVE_MPI
  if (g_launched) MPI_Finalize();
  g_launched = false;
#endif
}

bool built_with_mpi() {
#ifdef CRITWIN_HAVE_MPI
  return true;
#else
  return false;
#endif
}

bool launched() { return g_launched; }
int rank() { return g_rank; }
int size() { return g_size; }

bool distributing() {
  return g_launched && !g_failure_agreed && g_local_depth == 0 && std::this_thread::get_id() == g_main_thread;
}

LocalScope::LocalScope(bool active) : active_(active && g_launched && std::this_thread::get_id() == g_main_thread) {
  if (active_) ++g_local_depth;
}
LocalScope::~LocalScope() {
  if (active_) --g_local_depth;
}

void agree(std::exception_ptr mine) {
#ifdef CRITWIN_HAVE_MPI
  if (!distributing()) {
    if (mine) std::rethrow_exception(mine);
    return;
  }
  Failure f;
  if (mine) f = classify(mine);
  auto agreed = agree_status(mine ? &f : nullptr);
  if (!agreed) return;
  if (mine) std::rethrow_exception(mine);
  throw_agreed(agreed->first, agreed->second);
#else
  if (mine) std::rethrow_exception(mine);
#endif
}

std::optional<Status> agree_final([[maybe_unused]] int code, [[maybe_unused]] const std::string& message) {
#ifdef CRITWIN_HAVE_MPI
  if (!g_launched || g_failure_agreed || std::this_thread::get_id() != g_main_thread) return std::nullopt;
  Failure f{code, "", message};
  auto agreed = agree_status(code != 0 ? &f : nullptr);
  if (!agreed || code != 0) return std::nullopt;
  const Failure& g = agreed->second;
  return Status{agreed->first, g.code, g.field.empty() ? g.message : g.field + ": " + g.message};
#else
  return std::nullopt;
#endif
}

std::vector<std::string> deal_gather_batch(uint64_t n, const BatchWork& work) {
  if (!distributing()) {
    std::vector<uint64_t> all(n);
    for (uint64_t i = 0; i < n; ++i) all[i] = i;
    test_failure_point("item");
    std::vector<std::string> out = work(all);
    if (out.size() != n) throw std::logic_error("deal_gather_batch: work returned the wrong number of results");
    return out;
  }
#ifdef CRITWIN_HAVE_MPI
  std::vector<uint64_t> mine;
  for (uint64_t i = static_cast<uint64_t>(g_rank); i < n; i += static_cast<uint64_t>(g_size)) mine.push_back(i);
  std::string buf;  // per item: u64 length, bytes
  std::exception_ptr failed;
  try {
    LocalScope local;  // nested deals and agreements inside an item stay on this rank
    if (!mine.empty()) test_failure_point("item");
    std::vector<std::string> res = work(mine);
    if (res.size() != mine.size()) throw std::logic_error("deal_gather_batch: work returned the wrong number of results");
    for (const auto& r : res) {
      put<uint64_t>(buf, r.size());
      buf += r;
    }
    if (buf.size() > static_cast<size_t>(INT32_MAX)) throw std::runtime_error("deal_gather: results of one rank exceed 2 GiB");
  } catch (...) {
    failed = std::current_exception();
  }
  agree(failed);

  const int len = static_cast<int>(buf.size());
  std::vector<int> lens(static_cast<size_t>(g_size)), displs(static_cast<size_t>(g_size));
  MPI_Allgather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, MPI_COMM_WORLD);
  long long total = 0;
  for (int r = 0; r < g_size; ++r) {
    displs[static_cast<size_t>(r)] = static_cast<int>(total);
    total += lens[static_cast<size_t>(r)];
  }
  // Every rank computes the same total, so all take this branch together (no half-entered collective).
  if (total > INT32_MAX) throw std::runtime_error("deal_gather: results of all ranks exceed 2 GiB");
  std::string all(static_cast<size_t>(total), '\0');
  MPI_Allgatherv(buf.data(), len, MPI_CHAR, all.data(), lens.data(), displs.data(), MPI_CHAR, MPI_COMM_WORLD);

  std::vector<std::string> out(n);
  for (int r = 0; r < g_size; ++r) {
    size_t pos = static_cast<size_t>(displs[static_cast<size_t>(r)]);
    for (uint64_t i = static_cast<uint64_t>(r); i < n; i += static_cast<uint64_t>(g_size)) {
      uint64_t k = 0;
      pos = get(all, pos, k);
      out[i] = all.substr(pos, k);
      pos += k;
    }
  }
  return out;
#else
  return {};
#endif
}

std::vector<std::string> deal_gather(uint64_t n, const std::function<std::string(uint64_t)>& work) {
  return deal_gather_batch(n, [&](const std::vector<uint64_t>& mine) {
    std::vector<std::string> res;
    res.reserve(mine.size());
    for (uint64_t i : mine) res.push_back(work(i));
    return res;
  });
}

std::vector<double> deal_gather_doubles(uint64_t n, const std::function<double(uint64_t)>& work) {
  std::vector<std::string> b = deal_gather(n, [&](uint64_t i) { return to_bytes(work(i)); });
  std::vector<double> out(n);
  for (uint64_t i = 0; i < n; ++i) out[i] = from_bytes<double>(b[i]);
  return out;
}

void test_failure_point(const char* where) {
  static const std::optional<std::pair<int, std::string>> spec = []() -> std::optional<std::pair<int, std::string>> {
    const char* v = std::getenv("CRITWIN_MPI_TEST_FAIL");
    if (!v || !*v) return std::nullopt;
    std::string s(v), w = "item";
    if (auto c = s.find(':'); c != std::string::npos) {
      w = s.substr(c + 1);
      s = s.substr(0, c);
    }
    return std::make_pair(std::atoi(s.c_str()), w);
  }();
  static bool fired = false;
  if (!spec || fired || spec->first != g_rank || spec->second != where) return;
  fired = true;
  throw std::runtime_error(fmt::format("injected failure on rank {} at '{}' (CRITWIN_MPI_TEST_FAIL)", g_rank, where));
}

}  // namespace critwin::dist
