// critwin._critwin: the C++ side of the Python package critwin (python/critwin/__init__.py is the public API).
// Commands run through app/run_json.hpp, the code behind `critwin ... --json`, so Python and the CLI give the
// same doubles and the same error messages; forward_tv and fr_tv also have a direct path that keeps the
// model's exact engine between calls and evaluates whole numpy grids in one call.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pythread.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "app/model_context.hpp"
#include "app/output.hpp"
#include "app/retention_report.hpp"
#include "app/run_json.hpp"
#include "model/model_file.hpp"
#include "model/interrupt.hpp"
#include "samplers/block_runner.hpp"

namespace py = pybind11;
using namespace critwin;

namespace {

// nlohmann's ordered_json → Python objects (dict keeps the CLI's key order; doubles are copied, not printed).
py::object to_python(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return py::none();
    case Json::value_t::boolean: return py::bool_(j.get<bool>());
    case Json::value_t::number_integer: return py::int_(j.get<long long>());
    case Json::value_t::number_unsigned: return py::int_(j.get<unsigned long long>());
    case Json::value_t::number_float: return py::float_(j.get<double>());
    case Json::value_t::string: return py::str(j.get<std::string>());
    case Json::value_t::array: {
      py::list l;
      for (const auto& e : j) l.append(to_python(e));
      return l;
    }
    case Json::value_t::object: {
      py::dict d;
      for (auto it = j.begin(); it != j.end(); ++it) d[py::str(it.key())] = to_python(it.value());
      return d;
    }
    default: return py::none();
  }
}

// A loaded model and the exact (or Monte Carlo fallback) engines built for it so far. Engines keep a reference
// to the Model, so the handle is never moved (Python holds it through a shared_ptr) and owns both.
struct EngineOptions {
  long precision = 128;
  unsigned long long samples = 100000, seed = 1;
  int threads = 0;
  bool operator==(const EngineOptions&) const = default;

  // The command line's options for the same choices (--precision, --samples, --seed, --threads).
  app::ModelArgs model_args() const {
    app::ModelArgs args;
    args.common.precision = precision;
    args.samples = samples;
    args.seed = seed;
    args.threads = threads;
    return args;
  }
};

struct ModelHandle {
  Model model;
  std::string source;  // the file path, or the name given to from_toml
  std::mutex mu;       // engines are not documented as thread-safe; Python threads may share a Model
  struct Cached {
    EngineOptions opt;
    std::unique_ptr<ExactEngine> engine;
    Json info;
    std::string note;
  };
  std::vector<Cached> engines;

  ModelHandle(Model m, std::string src) : model(std::move(m)), source(std::move(src)) {}
  ModelHandle(const ModelHandle&) = delete;

  // Caller holds `mu`. The same choice (exact, else the family's Monte Carlo engine) as the CLI's ModelArgs.
  Cached& engine(const EngineOptions& o) {
    for (auto& c : engines)
      if (c.opt == o) return c;
    const app::ModelArgs args = o.model_args();
    Cached c{o, nullptr, Json::object(), ""};
    c.engine = args.engine(model, c.info, c.note);
    engines.push_back(std::move(c));
    return engines.back();
  }
};

// The three inputs of forward-tv / fr-tv under the flag names each command parses them with.
struct PairCommand {
  std::string name;
  std::array<std::string, 3> keys, headers, flags;
  std::string column;
  Estimate (ExactEngine::*tv)(const Subset&, const Subset&, const TimePoint&) const;
};

const PairCommand kForwardTv{"forward-tv", {"t", "a", "b"}, {"t", "A", "B"}, {"--t", "--a", "--b"},
                             "TV(p_t^A, p_t^B)", &ExactEngine::forward_tv};
const PairCommand kFrTv{"fr-tv", {"t_hat", "s_init", "s_target"}, {"t_hat", "S_init", "S_target"},
                        {"--t-hat", "--s-init", "--s-target"}, "TV(p^{S_init,t_hat}, p^{S_target})", &ExactEngine::fr_tv};

const PairCommand& pair_command(const std::string& name) {
  if (name == kForwardTv.name) return kForwardTv;
  if (name == kFrTv.name) return kFrTv;
  throw std::invalid_argument("unknown pair command " + name);
}

// A time as the CLI would receive it: strings as given, ints in decimal, floats as their shortest round-trip
// text (1.5 → "1.5", parsed exactly as 3/2, like `--t 1.5`; +∞ → "inf").
std::string time_text(py::handle x) {
  if (py::isinstance<py::str>(x)) return x.cast<std::string>();
  if (py::isinstance<py::bool_>(x)) throw py::type_error("a time must be a number or a string, not bool");
  if (py::isinstance<py::int_>(x)) return py::str(x).cast<std::string>();
  return app::number_text(x.cast<double>());
}

// Runs `f` with the GIL released; InputErrors come back under the command's flag names.
template <class F>
auto unlocked(const std::string& command, F&& f) {
  py::gil_scoped_release release;
  try {
    return f();
  } catch (const InputError& e) {
    throw app::command_error(command, e);
  }
}

// forward-tv / fr-tv at one time: the JSON object the CLI prints for the same arguments.
py::object pair_tv(std::shared_ptr<ModelHandle> h, const std::string& command, py::handle t, const std::string& a,
                   const std::string& b, EngineOptions o) {
  const PairCommand& c = pair_command(command);
  const std::string ttext = time_text(t);
  Json j = unlocked(command, [&] {
    std::lock_guard lock(h->mu);
    const Model& m = h->model;
    // The order of the command's own checks, so the first error reported is the CLI's.
    TimePoint tp = TimePoint::parse(ttext, m.process, c.flags[0]);
    Subset sa = Subset::parse(a, m, c.flags[1]);
    Subset sb = Subset::parse(b, m, c.flags[2], &sa);
    auto& e = h->engine(o);
    const Estimate tv = ((*e.engine).*c.tv)(sa, sb, tp);
    // The object the CLI's --json prints, built directly: no table text, no capture copy (a scalar call is
    // meant to cost little more than the engine's work; bench/python_overhead.py).
    return app::pair_tv_json(m, {c.name, c.keys, c.headers, {ttext, sa.to_string(m), sb.to_string(m)}, c.column}, tv,
                             e.info);
  });
  return to_python(j);
}

// One arena per thread count for the whole session: with a fresh arena per call, RSS grew by about 7 KiB per
// two-thread grid call (measured; most likely per-thread FLINT caches of worker threads oneTBB starts anew),
// with kept arenas it stays flat (tests/python: 10^5 calls).
tbb::task_arena& grid_arena(int threads) {
  static std::mutex mu;
  static std::map<int, std::unique_ptr<tbb::task_arena>> arenas;
  std::lock_guard lock(mu);
  auto& a = arenas[threads];
  if (!a) a = std::make_unique<tbb::task_arena>(threads);
  return *a;
}

// forward-tv / fr-tv over a grid of times: numpy arrays tv, tv_lo, tv_hi (equal to tv where exact; +inf where
// the JSON says "inf"), the guarantee of each point, and the JSON header fields.
py::dict pair_tv_curve(std::shared_ptr<ModelHandle> h, const std::string& command,
                       py::array_t<double, py::array::c_style | py::array::forcecast> ts, const std::string& a,
                       const std::string& b, EngineOptions o) {
  const PairCommand& c = pair_command(command);
  const py::ssize_t n = ts.size();
  const double* in = ts.data();
  const std::vector<py::ssize_t> shape(ts.shape(), ts.shape() + ts.ndim());
  py::array_t<double> tv(shape), lo(shape), hi(shape);
  py::array_t<std::int8_t> guarantee(shape);
  std::vector<long> bits(n, 0);
  std::string sa_text, sb_text;
  Json info;
  long precision_used = 0;
  {
    double *pv = tv.mutable_data(), *pl = lo.mutable_data(), *ph = hi.mutable_data();
    std::int8_t* pg = guarantee.mutable_data();
    unlocked(command, [&] {
      std::lock_guard lock(h->mu);
      const Model& m = h->model;
      // A time is read as the CLI reads --t: its shortest decimal, parsed exactly. That happens per point inside
      // the parallel loop (10^4 texts and rationals cost about 4% of a two-Gaussian grid on one thread), so the
      // subsets and the engine come first; the CLI's order of errors is kept: should they fail, the times are
      // checked first.
      auto time_at = [&](py::ssize_t i) { return TimePoint::parse(app::number_text(in[i]), m.process, c.flags[0]); };
      std::optional<Subset> sa, sb;
      ModelHandle::Cached* ep = nullptr;
      try {
        sa.emplace(Subset::parse(a, m, c.flags[1]));
        sb.emplace(Subset::parse(b, m, c.flags[2], &*sa));
        ep = &h->engine(o);
      } catch (const InputError&) {
        for (py::ssize_t i = 0; i < n; ++i) time_at(i);
        throw;
      }
      auto& e = *ep;
      sa_text = sa->to_string(m);
      sb_text = sb->to_string(m);
      info = e.info;
      std::atomic<py::ssize_t> bad{n};  // the first point whose time the index set refuses
      // Points are independent (engines are const and lock their own memos), so they run in parallel; each
      // value is the one a scalar call gives. Ctrl-C is looked at between chunks, on this thread.
      tbb::task_arena& arena = grid_arena(o.threads > 0 ? o.threads : tbb::info::default_concurrency());
      // Chunks grow while they take under 50 ms, so Ctrl-C answers quickly even where one point takes a second
      // (E1's fr-tv) and costs nothing where points take microseconds.
      py::ssize_t chunk = arena.max_concurrency();
      for (py::ssize_t first = 0, last = 0; first < n; first = last) {
        last = std::min(n, first + chunk);
        const auto started = std::chrono::steady_clock::now();
        arena.execute([&] {
          tbb::parallel_for(tbb::blocked_range<py::ssize_t>(first, last, 1), [&](const auto& range) {
            for (py::ssize_t i = range.begin(); i < range.end(); ++i) {
              std::optional<TimePoint> t;
              try {
                t.emplace(time_at(i));
              } catch (const InputError&) {
                for (py::ssize_t b = bad.load(); i < b && !bad.compare_exchange_weak(b, i);) {
                }
                continue;
              }
              const Estimate v = ((*e.engine).*c.tv)(*sa, *sb, *t);
              // json_put's conventions: the value, and lo/hi unless exact; "inf" for +inf.
              if (v.infinite) {
                pv[i] = pl[i] = ph[i] = std::numeric_limits<double>::infinity();
              } else {
                pv[i] = v.value;
                pl[i] = v.guarantee == Guarantee::exact ? v.value : v.lo;
                ph[i] = v.guarantee == Guarantee::exact ? v.value : v.hi;
              }
              pg[i] = static_cast<std::int8_t>(v.guarantee);
              bits[i] = v.precision_bits;
            }
          });
        });
        if (const py::ssize_t i = bad.load(); i < n) {
          time_at(i);  // throws its InputError: chunks run in order, so it is the first bad time
          throw std::logic_error("a time failed to parse once only");
        }
        interruption_point();
        if (std::chrono::steady_clock::now() - started < std::chrono::milliseconds(50)) chunk *= 2;
      }
      for (long b : bits)
        precision_used = precision_combine(precision_used, b);
      return 0;
    });
  }
  py::dict d;
  d["command"] = c.name;
  d["model"] = h->model.name;
  for (auto it = info.begin(); it != info.end(); ++it) d[py::str(it.key())] = to_python(it.value());
  d[py::str(c.keys[0])] = ts;
  d[py::str(c.keys[1])] = sa_text;
  d[py::str(c.keys[2])] = sb_text;
  d["tv"] = tv;
  d["tv_lo"] = lo;
  d["tv_hi"] = hi;
  d["precision_used"] = precision_used;
  d["guarantee"] = guarantee;  // codes; guarantee_names() gives their names
  return d;
}

// Every Guarantee's name, indexed by its code (the `guarantee` arrays of pair_tv_curve).
std::vector<std::string> guarantee_names() {
  std::vector<std::string> out;
  for (Guarantee g : {Guarantee::exact, Guarantee::certified, Guarantee::estimated, Guarantee::monte_carlo}) {
    if (out.size() != static_cast<std::size_t>(g)) throw std::logic_error("Guarantee codes are not 0, 1, 2, 3");
    out.push_back(guarantee_name(g));
  }
  return out;
}

// `critwin retention MODEL --s-init S --t-hat T` at every time of the list `ts` (numbers or strings, read as
// forward_tv reads a time): the JSON object the command prints for one --t-hat, one row per time in `rows`.
py::object retention_rows(std::shared_ptr<ModelHandle> h, const py::list& ts, const std::string& s_init,
                          EngineOptions o) {
  std::vector<std::string> texts;
  for (py::handle t : ts) texts.push_back(time_text(t));
  Json j = unlocked("retention", [&] {
    std::lock_guard lock(h->mu);
    const Model& m = h->model;
    app::ModelArgs args = o.model_args();
    args.common.json = true;
    // The command's order of checks: S_init, then the times.
    const Subset si = Subset::parse(s_init, m, "--s-init");
    std::vector<std::pair<std::string, TimePoint>> points;
    for (const auto& t : texts) points.emplace_back(t, TimePoint::parse(t, m.process, "--t-hat"));
    Json out;
    app::EmitCapture capture(&out);
    app::retention_report(args, m, si, points);
    return out;
  });
  return to_python(j);
}

// bench/python_overhead.py's in-process C++ side: the work of one scalar forward-tv / fr-tv call without Python
// (parse the three inputs as the command does, evaluate with the engine kept on the handle), `repeats` times;
// returns the calling thread's CPU seconds per call. Alternating rounds with the Python calls in one process
// compares them under the same load, which a separate Google Benchmark run on a busy machine does not.
double cpp_pair_seconds(std::shared_ptr<ModelHandle> h, const std::string& command, const std::string& t,
                        const std::string& a, const std::string& b, EngineOptions o, long repeats) {
  const PairCommand& c = pair_command(command);
  return unlocked(command, [&] {
    std::lock_guard lock(h->mu);
    const Model& m = h->model;
    auto& e = h->engine(o);
    timespec t0{}, t1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
    double sink = 0;
    for (long i = 0; i < repeats; ++i) {
      const TimePoint tp = TimePoint::parse(t, m.process, c.flags[0]);
      const Subset sa = Subset::parse(a, m, c.flags[1]);
      const Subset sb = Subset::parse(b, m, c.flags[2], &sa);
      sink += ((*e.engine).*c.tv)(sa, sb, tp).value;
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
    volatile double keep = sink;
    (void)keep;
    return ((t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec)) / static_cast<double>(repeats);
  });
}

// Any command, as `critwin ARGS --json`: (the JSON object, the failure text after it or "").
py::tuple run(const std::vector<std::string>& args, std::shared_ptr<ModelHandle> h) {
  std::string command = args.empty() ? "" : args.front();
  app::RunResult r;
  {
    py::gil_scoped_release release;
    if (h) {
      std::lock_guard lock(h->mu);
      r = app::run_json(args, &h->model);
    } else {
      r = app::run_json(args, nullptr);
    }
  }
  return py::make_tuple(to_python(r.json), r.failure);
}

// Ctrl-C: Python's C-level SIGINT handler only sets a flag, which PyErr_CheckSignals (main thread, GIL held)
// turns into KeyboardInterrupt. The long C++ loops call interruption_point() (model/interrupt.hpp), which asks
// here: on the main thread at most every 10 ms (so a check in an inner loop costs a clock read), elsewhere never
// (Python runs signal handlers on the main thread only). The error is cleared here and raised again by the
// exception translator when Interrupted reaches Python.
unsigned long python_main_thread = 0;

bool python_interrupt_pending() {
  if (PyThread_get_thread_ident() != python_main_thread) return false;
  thread_local std::chrono::steady_clock::time_point last{};
  const auto now = std::chrono::steady_clock::now();
  if (now - last < std::chrono::milliseconds(10)) return false;
  last = now;
  py::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() == 0) return false;
  PyErr_Clear();
  return true;
}

}  // namespace

PYBIND11_MODULE(_critwin, mod) {
  mod.doc() = "C++ core of the critwin package; use the functions of `critwin` itself.";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const Interrupted&) {
      PyErr_SetNone(PyExc_KeyboardInterrupt);
    } catch (const InputError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });
  python_main_thread = py::module_::import("threading").attr("main_thread")().attr("ident").cast<unsigned long>();
  interrupt_hook = &python_interrupt_pending;

  py::class_<EngineOptions>(mod, "EngineOptions")
      .def(py::init([](long precision, unsigned long long samples, unsigned long long seed, int threads) {
             return EngineOptions{precision, samples, seed, threads};
           }),
           py::arg("precision"), py::arg("samples"), py::arg("seed"), py::arg("threads"));

  py::class_<ModelHandle, std::shared_ptr<ModelHandle>>(mod, "ModelHandle")
      .def_readonly("source", &ModelHandle::source)
      .def_property_readonly("name", [](const ModelHandle& h) { return h.model.name; })
      .def_property_readonly("labels", [](const ModelHandle& h) { return h.model.labels; })
      .def_property_readonly("family", [](const ModelHandle& h) { return h.model.family_name(); })
      .def_property_readonly("weights", [](const ModelHandle& h) {
        std::vector<std::string> w;
        for (const auto& x : h.model.weights) w.push_back(x.to_string());
        return w;
      });

  mod.def("load", [](const std::string& path) {
    Model m = unlocked("", [&] { return model_file_load(path); });
    return std::make_shared<ModelHandle>(std::move(m), path);
  });
  mod.def("from_toml", [](const std::string& text, const std::string& name) {
    Model m = unlocked("", [&] { return model_file_parse(text, name); });
    return std::make_shared<ModelHandle>(std::move(m), name);
  });
  mod.def("pair_tv", &pair_tv);
  mod.def("pair_tv_curve", &pair_tv_curve);
  mod.def("guarantee_names", &guarantee_names);
  mod.def("cpp_pair_seconds", &cpp_pair_seconds);
  mod.def("retention_rows", &retention_rows);
  mod.def("run", &run, py::arg("args"), py::arg("model") = nullptr);
  mod.def("command_names", &app::command_names);
  mod.def("option_is_flag", &app::command_option_is_flag);
}
