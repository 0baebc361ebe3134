#include "app/sweep_run.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "app/output.hpp"
#include "app/progress.hpp"
#include "app/run_json.hpp"
#include "model/input_error.hpp"
#include "model/model_file.hpp"
#include "samplers/block_runner.hpp"
#include "samplers/distributed.hpp"

namespace critwin::app {

void run_points(uint64_t n_points, int threads, const PointCompute& compute, const RowSink& sink) {
  tbb::task_arena arena(threads > 0 ? threads : tbb::info::default_concurrency());
  // One point per task: points differ wildly in cost (a Monte Carlo query beside a closed form).
  auto parallel = [&](uint64_t n, const std::function<void(uint64_t)>& body) {
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<uint64_t>(0, n, 1),
                        [&](const tbb::blocked_range<uint64_t>& r) {
                          for (uint64_t i = r.begin(); i != r.end(); ++i) body(i);
                        },
                        tbb::simple_partitioner());
    });
  };
  if (!dist::distributing()) {
    std::mutex mu;
    const RowSink emit = [&](uint64_t row, std::string line) {
      std::lock_guard lock(mu);
      sink(row, std::move(line));
    };
    parallel(n_points, [&](uint64_t p) { compute(p, emit); });
    return;
  }
  // Under mpirun: rounds of kPointsPerRank points per rank, dealt round-robin (dist::deal_gather_batch) and run on
  // each rank's threads; rank 0 hands a round's rows to the sink in point order once the round is gathered. Rounds,
  // not one deal of the whole grid, so that rank 0's journal grows while the sweep runs (a killed MPI sweep resumes
  // from its last finished round). The round size is the same on every rank (it must be: the deal is collective).
  constexpr uint64_t kPointsPerRank = 4;
  const uint64_t round = kPointsPerRank * static_cast<uint64_t>(dist::size());
  for (uint64_t first = 0; first < n_points; first += round) {
    const uint64_t n = std::min(round, n_points - first);
    const std::vector<std::string> done = dist::deal_gather_batch(n, [&](const std::vector<uint64_t>& mine) {
      std::vector<std::string> rows(mine.size());  // per point: (u64 row, u64 length, bytes) for each emitted row
      parallel(mine.size(), [&](uint64_t k) {
        compute(first + mine[k], [&rows, k](uint64_t row, std::string line) {
          dist::put<uint64_t>(rows[k], row);
          dist::put<uint64_t>(rows[k], line.size());
          rows[k] += line;
        });
      });
      return rows;
    });
    if (!dist::is_root()) continue;
    for (const std::string& b : done)
      for (size_t pos = 0; pos < b.size();) {
        uint64_t row = 0, len = 0;
        pos = dist::get(b, dist::get(b, pos, row), len);
        sink(row, b.substr(pos, len));
        pos += len;
      }
  }
}

std::string sweep_journal_path(const std::string& prefix) { return prefix + ".journal.jsonl"; }

namespace {

constexpr const char* kJournalTag = "critwin sweep journal";

// The journal: a header line naming the sweep, then one JSON row per line in completion order. Every line goes out
// in one write() followed by fsync, so after a crash at most the last line is torn; resuming cuts it off.
class Journal {
 public:
  // Opens (creating) and locks the journal: two sweeps never write one journal.
  explicit Journal(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw InputError("--out", fmt::format("cannot write '{}'", path));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0)
      throw InputError("--out", fmt::format("'{}' is being written by another critwin sweep; give another --out", path));
  }
  // Empties the journal and writes its header line.
  void start(const Json& header) {
    if (::ftruncate(fd_, 0) != 0) throw InputError("--out", fmt::format("cannot write '{}'", path_));
    append(header.dump());
  }
  ~Journal() {
    if (fd_ >= 0) ::close(fd_);
  }
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  void append(const std::string& line_without_newline) {
    const std::string line = line_without_newline + "\n";
    std::lock_guard lock(mu_);
    size_t done = 0;
    while (done < line.size()) {
      const ssize_t w = ::write(fd_, line.data() + done, line.size() - done);
      if (w <= 0) throw std::runtime_error(fmt::format("cannot append to '{}'", path_));
      done += static_cast<size_t>(w);
    }
    if (::fsync(fd_) != 0) throw std::runtime_error(fmt::format("cannot sync '{}'", path_));
  }

 private:
  std::string path_;
  int fd_ = -1;
  std::mutex mu_;
};

// Rows already in an existing journal (resume): checks its header against this sweep and cuts off a torn last line.
// Returns false when there is no usable header (an empty or torn-at-birth journal), which then starts afresh.
bool journal_read(const std::string& path, const SweepFile& spec, std::vector<std::string>& rows, uint64_t& found) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  const size_t complete = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  if (complete < text.size()) {
    // A line without its newline was being written when the sweep died: it never counted.
    if (::truncate(path.c_str(), static_cast<off_t>(complete)) != 0)
      throw InputError("--resume", fmt::format("cannot cut the torn last line of '{}'", path));
    text.resize(complete);
  }
  if (text.empty()) return false;
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);
  Json header = Json::parse(line, nullptr, false);
  if (header.is_discarded() || !header.is_object() || header.value("journal", "") != kJournalTag)
    throw InputError("--resume", fmt::format("'{}' is not a critwin sweep journal; move it away", path));
  if (header.value("fingerprint", "") != spec.fingerprint())
    throw InputError("--resume", fmt::format("'{}' holds rows of a different sweep (the model template, parameters or "
                                             "queries changed); delete it to start over", path));
  uint64_t line_no = 1;
  while (std::getline(lines, line)) {
    ++line_no;
    Json row = Json::parse(line, nullptr, false);
    const size_t nq = spec.queries.size();
    if (row.is_discarded() || !row.contains("point") || !row.contains("query") || !row["point"].is_number_unsigned() ||
        !row["query"].is_number_unsigned() || row["point"].get<uint64_t>() >= spec.points() || row["query"].get<size_t>() >= nq)
      throw InputError("--resume", fmt::format("'{}' line {} is not a row of this sweep; delete the journal to start over", path, line_no));
    const uint64_t r = row["point"].get<uint64_t>() * nq + row["query"].get<uint64_t>();
    if (rows[r].empty()) {
      rows[r] = line;
      ++found;
    }
  }
  return true;
}

// Scalar leaves of a command's JSON object as (dotted key, text); arrays by index ("rows.0.t_hat").
void flatten(const Json& j, const std::string& prefix, std::vector<std::pair<std::string, std::string>>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
    // A value with an interval but no guarantee of its own takes its object's, or monte-carlo from the engine.
    std::string shared;
    if (j.contains("guarantee") && j["guarantee"].is_string()) shared = j["guarantee"].get<std::string>();
    else if (j.value("engine", "") == "monte-carlo") shared = "monte-carlo";
    if (!shared.empty())
      for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& k = it.key();
        if (j.contains(k + "_lo") && j.contains(k + "_hi") && !j.contains(k + "_guarantee"))
          out.emplace_back((prefix.empty() ? "" : prefix + ".") + k + "_guarantee", shared);
      }
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) flatten(j[i], prefix + "." + std::to_string(i), out);
  } else if (j.is_string()) {
    out.emplace_back(prefix, j.get<std::string>());
  } else if (j.is_null()) {
    out.emplace_back(prefix, "none");  // an empty sup/inf (README "What the numbers mean")
  } else {
    out.emplace_back(prefix, j.dump());
  }
}

// The CSV table of the rows (grid order): fixed columns, then every flattened key of the results. A key first seen in
// a later row goes right after the key before it in that row, so a value, its _lo, _hi and _guarantee stay side by
// side even when the first rows have no value there (an empty window). Keys named like a fixed column get "result.".
std::string csv_render(const SweepFile& spec, const std::vector<Json>& rows) {
  std::set<std::string> fixed{"point", "query", "command", "error"};
  for (const auto& p : spec.parameters) fixed.insert(p.name);
  std::vector<std::string> keys;
  std::set<std::string> seen;
  std::vector<std::vector<std::pair<std::string, std::string>>> flat(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i]["result"].is_null()) flatten(rows[i]["result"], "", flat[i]);
    std::erase_if(flat[i], [](const auto& kv) { return kv.first == "command"; });  // the row's own command column
    for (auto& kv : flat[i])
      if (fixed.count(kv.first)) kv.first = "result." + kv.first;
    const std::string* prev = nullptr;
    for (const auto& [k, v] : flat[i]) {
      if (seen.insert(k).second) {
        auto after = prev ? std::find(keys.begin(), keys.end(), *prev) + 1 : keys.begin();
        keys.insert(after, k);
      }
      prev = &k;
    }
  }
  // A value's _lo, _hi and _guarantee right after it, wherever the command put them.
  {
    std::vector<std::string> grouped;
    auto member = [&](const std::string& k) {
      for (const char* suf : {"_lo", "_hi", "_guarantee"}) {
        const std::string sf = suf;
        if (k.size() > sf.size() && k.compare(k.size() - sf.size(), sf.size(), sf) == 0 && seen.count(k.substr(0, k.size() - sf.size())))
          return true;
      }
      return false;
    };
    for (const auto& k : keys) {
      if (member(k)) continue;
      grouped.push_back(k);
      for (const char* suf : {"_lo", "_hi", "_guarantee"})
        if (seen.count(k + suf)) grouped.push_back(k + suf);
    }
    keys = std::move(grouped);
  }
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < keys.size(); ++i) index[keys[i]] = i;
  std::string out = "point,query";
  for (const auto& p : spec.parameters) out += "," + csv_escape(p.name);
  out += ",command,error";
  for (const auto& k : keys) out += "," + csv_escape(k);
  out += "\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const Json& r = rows[i];
    out += fmt::format("{},{}", r["point"].get<uint64_t>(), r["query"].get<uint64_t>());
    for (const auto& p : spec.parameters) out += "," + csv_escape(r["parameters"][p.name].get<std::string>());
    out += "," + csv_escape(r["command"].get<std::string>()) + "," + csv_escape(r["error"].is_null() ? "" : r["error"].get<std::string>());
    std::vector<std::string> cells(keys.size());
    for (const auto& [k, v] : flat[i]) cells[index[k]] = v;
    for (const auto& c : cells) out += "," + csv_escape(c);
    out += "\n";
  }
  return out;
}

}  // namespace

SweepSummary sweep_run(const SweepFile& spec, const SweepOptions& opt) {
  namespace fs = std::filesystem;
  if (opt.out_prefix.empty()) throw InputError("--out", "must name a path prefix (got an empty one)");
  // A prefix naming a directory would write the hidden files DIR/.csv and DIR/.jsonl.
  if (opt.out_prefix.back() == '/' || std::filesystem::is_directory(opt.out_prefix))
    throw InputError("--out", fmt::format("must name a file prefix such as '{}/results' (got the directory '{}')",
                                          opt.out_prefix.back() == '/' ? opt.out_prefix.substr(0, opt.out_prefix.size() - 1) : opt.out_prefix,
                                          opt.out_prefix));
  const uint64_t nq = spec.queries.size(), n_points = spec.points(), n_rows = spec.rows();
  const std::string journal_path = sweep_journal_path(opt.out_prefix);
  SweepSummary sum;
  sum.rows = n_rows;
  sum.csv = opt.out_prefix + ".csv";
  sum.jsonl = opt.out_prefix + ".jsonl";

  std::vector<std::string> lines(n_rows);  // each row's JSON text, by row index point * queries + query
  // The journal lives on rank 0 (under mpirun; the only process otherwise). Its refusals reach every rank through
  // the agreement below, and the rows still to compute go out from rank 0 to all.
  std::optional<Journal> journal;
  std::exception_ptr failed;
  if (dist::is_root()) try {
      std::error_code ec;
      const bool existed = fs::exists(journal_path, ec);
      if (existed && !opt.resume)
        throw InputError("--out", fmt::format("'{}' holds the rows of an interrupted sweep: pass --resume to continue "
                                              "it, or delete it to start over", journal_path));
      if (const fs::path dir = fs::path(journal_path).parent_path(); !dir.empty()) {
        fs::create_directories(dir, ec);
        if (ec) throw InputError("--out", fmt::format("cannot create directory '{}': {}", dir.string(), ec.message()));
      }
      journal.emplace(journal_path);
      const bool fresh = !existed || !journal_read(journal_path, spec, lines, sum.resumed);
      if (fresh)
        journal->start({{"journal", kJournalTag}, {"fingerprint", spec.fingerprint()}, {"points", n_points}, {"queries", nq}});
    } catch (...) {
      failed = std::current_exception();
    }
  dist::agree(failed);
  std::string pending(n_rows, '\0');
  for (uint64_t r = 0; r < n_rows; ++r) pending[r] = lines[r].empty();
  if (dist::distributing()) pending = dist::deal_gather(1, [&](uint64_t) { return pending; })[0];  // rank 0's
  std::vector<uint64_t> todo;  // the grid points with a row still to compute, in grid order
  for (uint64_t p = 0; p < n_points; ++p)
    if (pending.find('\1', p * nq) < (p + 1) * nq) todo.push_back(p);

  Progress bar(opt.progress && dist::is_root());
  // The bar counts the rows this run computes, so that resumed rows do not make the ETA look too short.
  const uint64_t to_compute = static_cast<uint64_t>(std::count(pending.begin(), pending.end(), '\1'));
  const std::string what = sum.resumed ? fmt::format("sweep ({} resumed)", sum.resumed) : std::string("sweep");
  auto compute = [&](uint64_t i, const RowSink& emit) {
    const uint64_t p = todo[i];
    const auto values = spec.point_values(p);
    // Checked for every point before any work (command_sweep), so parsing cannot fail here.
    const Model model = model_file_parse(spec.model_at(p), spec.model_source);
    for (uint64_t q = 0; q < nq; ++q) {
      if (!pending[p * nq + q]) continue;
      Json row = {{"point", p}, {"query", q}, {"parameters", Json::object()}};
      for (const auto& [k, v] : values) row["parameters"][k] = v;
      row["command"] = spec.queries[q].command;
      const auto args = spec.args_at(p, q, spec.model_source);
      row["args"] = std::vector<std::string>(args.begin() + 2, args.end());
      Json result;
      std::string error;
      try {
        RunResult r = run_json(args, &model);
        result = std::move(r.json);
        error = r.failure;
      } catch (const Interrupted&) {
        throw;
      } catch (const std::exception& e) {
        error = e.what();
      }
      row["error"] = error.empty() ? Json(nullptr) : Json(error);
      row["result"] = std::move(result);
      emit(p * nq + q, row.dump());
    }
  };
  uint64_t done = 0;
  run_points(todo.size(), opt.threads, compute, [&](uint64_t r, std::string line) {
    journal->append(line);
    lines[r] = std::move(line);
    bar.show(what, ++done, to_compute);
  });
  sum.computed = to_compute;

  // The tables in grid order, from the rows' text (byte for byte what the journal holds, however it was reached).
  // Only rank 0 has the rows; files_write_atomic writes on rank 0 alone.
  std::string csv, jsonl;
  if (dist::is_root()) {
    std::vector<Json> rows;
    rows.reserve(n_rows);
    for (const auto& l : lines) {
      jsonl += l + "\n";
      rows.push_back(Json::parse(l));
    }
    for (const auto& r : rows) sum.errors += r["error"].is_null() ? 0 : 1;
    csv = csv_render(spec, rows);
  }
  files_write_atomic({{sum.csv, csv}, {sum.jsonl, jsonl}}, "--out");
  if (dist::is_root()) {
    std::error_code ec;
    fs::remove(journal_path, ec);
  }
  return sum;
}

}  // namespace critwin::app
