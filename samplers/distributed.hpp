// MPI for critwin: which rank this process is, and the one primitive commands distribute work with (deal
// items 0..n-1 to the ranks, gather their results in item order), with failures agreed by all ranks so a run
// never deadlocks. Without a launcher (mpirun, srun) MPI is never initialised and everything acts as one process.
#pragma once

#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace critwin::dist {

// Thrown on the ranks that did not fail when another one did: what() is that rank's message (as the failing
// rank itself would give it), with its rank and exit status (2 for an InputError, 1 otherwise), so rank 0
// reports exactly what went wrong where. An InputError is rethrown as an InputError instead (see agree()).
class RankFailure : public std::runtime_error {
 public:
  RankFailure(int rank, int size, int exit_code, const std::string& message);
  int rank() const { return rank_; }
  int size() const { return size_; }
  int exit_code() const { return code_; }

 private:
  int rank_, size_, code_;
};

// In main(), around everything: initialises MPI iff this process was started by a launcher (any of the
// environment variables OMPI_COMM_WORLD_SIZE, PMI_SIZE, PMIX_RANK is set: Open MPI's mpirun, MPICH/Hydra,
// Slurm). Otherwise MPI is not touched at all (a singleton MPI_Init would start Open MPI's runtime, take time
// and may print warnings on a machine without a network). Ranks other than 0 get stdout and stderr on
// /dev/null: only rank 0 prints. The destructor finalises MPI. Built without MPI (CRITWIN_MPI=OFF): a
// launcher's variables are ignored and every rank runs the whole command as one process.
class Session {
 public:
  Session(int& argc, char**& argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
};

bool built_with_mpi();  // CMake option CRITWIN_MPI
bool launched();        // MPI initialised by a Session
int rank();             // 0 without MPI
int size();             // 1 without MPI
inline bool is_root() { return rank() == 0; }

// True when a collective here runs across the ranks: MPI is initialised, this is the thread that made the
// Session, no failure has been agreed, and we are not inside a dealt item or a LocalScope (work inside one
// item, e.g. a claim that runs Monte Carlo, stays on its rank).
bool distributing();

// While alive, this process acts as one process: deal_gather runs every item here, agree() does nothing.
class LocalScope {
 public:
  explicit LocalScope(bool active = true);
  ~LocalScope();
  LocalScope(const LocalScope&) = delete;
  LocalScope& operator=(const LocalScope&) = delete;

 private:
  bool active_;
};

// Collective when distributing(): every rank passes its own failure (null if none). If any rank failed, all
// throw: the failing ranks rethrow their own exception, the others a RankFailure with the lowest failing
// rank's message. Call it on every rank at the same point in the program (it is how deal_gather and the
// output functions make sure nobody prints or writes after a failure elsewhere). No-op otherwise.
void agree(std::exception_ptr mine = nullptr);

// The last agreement, in main(): `code` is this rank's exit status (0 = success) and `message` its error text.
// Returns the lowest failing rank's status when another rank failed (nullopt if all succeeded or this rank
// failed itself). Not collective once a failure has been agreed (every rank already knows).
struct Status {
  int rank = 0, code = 0;
  std::string message;
};
std::optional<Status> agree_final(int code, const std::string& message);

// THE distribution primitive (collective when distributing(), else a plain loop).
// Items 0..n-1 are dealt round-robin: item i to rank i % size(). `work(mine)` gets this rank's items in
// increasing order and returns one byte string per item, in the same order (so it can run them on TBB
// threads). The results come back on EVERY rank as a vector of n strings in item order, so all ranks continue
// identically. An exception in `work` on any rank makes every rank throw (see agree()); nobody deadlocks.
// Each rank's results must total < 2 GiB (MPI counts are int). Cost: one agreement + two collectives.
using BatchWork = std::function<std::vector<std::string>(const std::vector<uint64_t>& mine)>;
std::vector<std::string> deal_gather_batch(uint64_t n, const BatchWork& work);
// The same, one item at a time on the calling thread.
std::vector<std::string> deal_gather(uint64_t n, const std::function<std::string(uint64_t item)>& work);
// The same for one double per item (bit-exact).
std::vector<double> deal_gather_doubles(uint64_t n, const std::function<double(uint64_t item)>& work);

// Test hook, read once from CRITWIN_MPI_TEST_FAIL="RANK" or "RANK:WHERE": throws a runtime_error on that rank
// when called with that `where` ("item": its first dealt item, the default; "start": before a command runs,
// outside any collective). Lets the tests check that a failing rank stops the run cleanly. No-op otherwise.
void test_failure_point(const char* where);

// Byte strings for block accumulators: trivially copyable types are copied as they are; others provide
// `void save(std::string&) const` (append) and `size_t load(const std::string&, size_t pos)` (returns the new
// position). Doubles travel as their bytes, so merged results are bit-identical to a one-process run.
template <class T>
concept Saveable = requires(const T& a, T& b, std::string& s, const std::string& cs, size_t pos) {
  a.save(s);
  { b.load(cs, pos) } -> std::convertible_to<size_t>;
};
template <class T>
concept Transferable = std::is_trivially_copyable_v<T> || Saveable<T>;

template <class T>
std::string to_bytes(const T& v) {
  std::string s;
  if constexpr (Saveable<T>) {
    v.save(s);
  } else {
    s.resize(sizeof(T));
    std::memcpy(s.data(), &v, sizeof(T));
  }
  return s;
}
template <class T>
T from_bytes(const std::string& s) {
  T v{};
  if constexpr (Saveable<T>) {
    if (v.load(s, 0) != s.size()) throw std::logic_error("dist::from_bytes: size mismatch");
  } else {
    if (s.size() != sizeof(T)) throw std::logic_error("dist::from_bytes: size mismatch");
    std::memcpy(&v, s.data(), sizeof(T));
  }
  return v;
}

// Helpers for save/load of plain values and vectors of them.
template <class T>
void put(std::string& s, const T& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  s.append(reinterpret_cast<const char*>(&v), sizeof(T));
}
template <class T>
size_t get(const std::string& s, size_t pos, T& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (pos + sizeof(T) > s.size()) throw std::logic_error("dist::get: truncated");
  std::memcpy(&v, s.data() + pos, sizeof(T));
  return pos + sizeof(T);
}
template <class T>
void put_vector(std::string& s, const std::vector<T>& v) {
  put<uint64_t>(s, v.size());
  for (const T& x : v) put(s, x);
}
template <class T>
size_t get_vector(const std::string& s, size_t pos, std::vector<T>& v) {
  uint64_t n = 0;
  pos = get(s, pos, n);
  if (n > (s.size() - pos) / sizeof(T)) throw std::logic_error("dist::get_vector: truncated");
  v.resize(n);
  for (auto& x : v) pos = get(s, pos, x);
  return pos;
}

inline void put_string(std::string& s, const std::string& v) {
  put<uint64_t>(s, v.size());
  s += v;
}
inline size_t get_string(const std::string& s, size_t pos, std::string& v) {
  uint64_t n = 0;
  pos = get(s, pos, n);
  if (n > s.size() - pos) throw std::logic_error("dist::get_string: truncated");
  v.assign(s, pos, n);
  return pos + n;
}

}  // namespace critwin::dist
