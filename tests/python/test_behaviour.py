"""Arrays vs scalar calls, input errors (the CLI's messages as ValueError), thread determinism, memory, Ctrl-C."""
import os
import resource
import signal
import subprocess
import sys
import textwrap
import threading
import time

import numpy as np
import pytest

from conftest import cli_error, example

E1 = example("e1_two_gaussians.toml")
E5 = example("e5_coins.toml")


def test_forward_tv_array_equals_scalar_calls(critwin):
    m = critwin.Model.load(E1)
    ts = np.linspace(0, 4, 41)
    r = m.forward_tv(t=ts, a="plus", b="minus")
    assert r.tv.shape == r.tv_lo.shape == r.tv_hi.shape == (41,) and r.t is not None
    for i, t in enumerate(ts):
        v = m.forward_tv(float(t), "plus", "minus")
        assert (float(v), v.lo, v.hi, v.guarantee) == (r.tv[i], r.tv_lo[i], r.tv_hi[i], r.guarantee[i])
    assert np.all(np.diff(r.tv) <= 0)  # data processing: non-increasing in t
    # Two-dimensional input keeps its shape (test_methods.py: any shape); text times go one by one.
    assert np.array_equal(m.forward_tv(ts.reshape(1, -1), "plus", "minus").tv, r.tv.reshape(1, -1))
    s = m.forward_tv(["0", "3/2", "inf"], "plus", "minus")
    assert list(s.tv) == [float(m.forward_tv(x, "plus", "minus")) for x in (0, 1.5, "inf")]
    assert s.tv[2] == 0 and s.guarantee[2] == "exact"  # at t = inf both laws are N(0, 1)


def test_fr_tv_array_equals_scalar_calls_on_coins(critwin):
    m = critwin.Model.load(E5)
    ts = np.arange(0, 601, 50)
    r = m.fr_tv(ts, "heads", "heads")
    assert r.tv.dtype == np.float64 and r.tv.shape == ts.shape
    for i, t in enumerate(ts):
        v = m.fr_tv(int(t), "heads", "heads")
        assert (float(v), v.lo, v.hi) == (r.tv[i], r.tv_lo[i], r.tv_hi[i])
    assert r.tv_lo[0] <= 0 <= r.tv_hi[0]  # T̂ = 0 returns p^{S_init} itself: TV exactly 0


@pytest.mark.parametrize("call,cli", [
    (lambda m: m.forward_tv(-1, "plus", "minus"), ("forward-tv", E1, "--t", "-1", "--a", "plus", "--b", "minus")),
    (lambda m: m.forward_tv(1, "plus", "nope"), ("forward-tv", E1, "--t", "1", "--a", "plus", "--b", "nope")),
    (lambda m: m.fr_tv(1, "", "plus"), ("fr-tv", E1, "--t-hat", "1", "--s-init", "", "--s-target", "plus")),
    (lambda m: m.window(eps=1.5, s_init="plus", s_target="all"),
     ("window", E1, "--eps", "1.5", "--s-init", "plus", "--s-target", "all")),
    (lambda m: m.window(eps="x", s_init="plus", s_target="all"),
     ("window", E1, "--eps", "x", "--s-init", "plus", "--s-target", "all")),
    (lambda m: m.critical_window(0.1, "all", "plus"),
     ("critical-window", E1, "--eps", "0.1", "--s-after", "all", "--s-before", "plus")),
    (lambda m: m.sample(s_init="plus", n=0, seed=1, t_hat=1), ("sample", E1, "--s-init", "plus", "--n", "0",
                                                              "--seed", "1", "--t-hat", "1")),
    (lambda m: m.sample(s_init="plus", n=10, seed=1, t_hat=1, reverse="back"),
     ("sample", E1, "--s-init", "plus", "--n", "10", "--seed", "1", "--t-hat", "1", "--reverse", "back")),
    (lambda m: m.run("window", epss=0.1), ("window", E1, "--epss", "0.1")),
])
def test_input_errors_are_the_clis(critwin, call, cli):
    m = critwin.Model.load(E1)
    with pytest.raises(ValueError) as e:
        call(m)
    assert str(e.value) == cli_error(*cli)


def test_booleans_switch_flags_only(critwin):
    """True for an option with a value made the CLI read the next word as that value (found by a user trial:
    precision=True gave "got '--json'"); a flag given a value is refused too. False and None leave an option out."""
    m = critwin.Model.load(E1)
    for kw in (dict(precision=True), dict(precision=np.True_), dict(eps=True)):
        with pytest.raises(ValueError, match=r"^--(precision|eps): takes a value, not True$"):
            m.window(**({"eps": 0.1, "s_init": "plus", "s_target": "all"} | kw))
    with pytest.raises(ValueError, match=r"^--t: True is not a value here"):
        m.forward_tv([True], "plus", "minus")
    with pytest.raises(ValueError, match=r"^--quiet: is a flag; pass True or False"):
        m.run("sample", s_init="plus", n=10, seed=1, t_hat=1, quiet="yes")
    base = m.window(eps=0.1, s_init="plus", s_target="all")
    assert m.window(eps=0.1, s_init="plus", s_target="all", precision=False)["t_end"] == base["t_end"]


def test_missing_pair_arguments_are_the_clis(critwin):
    """None for a time or subset of forward_tv/fr_tv: the CLI's "--t is required", not a pybind11 cast error
    (found by a user trial)."""
    m = critwin.Model.load(E1)
    for call, flag in ((lambda: m.forward_tv(None, "plus", "minus"), "--t"),
                       (lambda: m.forward_tv(1.0, None, "minus"), "--a"),
                       (lambda: m.fr_tv(1.0, "plus", None), "--s-target")):
        with pytest.raises(ValueError, match=f"^{flag} is required$"):
            call()


def test_model_file_errors(critwin, tmp_path):
    bad = open(E1).read().replace('variance = "1"', 'variance = "-1"')
    p = tmp_path / "bad.toml"
    p.write_text(bad)
    with pytest.raises(ValueError) as e:
        critwin.Model.load(p)
    assert str(e.value) == cli_error("forward-tv", p, "--t", "1", "--a", "plus", "--b", "minus")
    assert "variance" in str(e.value)
    with pytest.raises(ValueError, match="variance"):
        critwin.Model.from_toml(bad)


def test_from_toml_equals_load(critwin):
    a = critwin.Model.load(E1)
    b = critwin.Model.from_toml(open(E1).read(), name="e1")
    assert (a.name, a.labels, a.weights, a.family) == (b.name, b.labels, b.weights, b.family)
    assert b.critical_window("0.1", "plus", "all") == a.critical_window("0.1", "plus", "all")


def test_sample_same_at_any_thread_count(critwin):
    m = critwin.Model.load(E1)
    runs = [m.sample(s_init="plus", n=100000, seed=11, t_hat=2, threads=k) for k in (1, 2, 3)]
    for r in runs[1:]:
        assert np.array_equal(r.label_freq, runs[0].label_freq)
        assert (r.retention, r.retention_lo, r.retention_hi) == (runs[0].retention, runs[0].retention_lo,
                                                                  runs[0].retention_hi)


def test_python_threads_share_a_model(critwin):
    m = critwin.Model.load(E5)
    expected = [float(m.fr_tv(t, "heads", "heads")) for t in range(0, 601, 100)]
    out = {}

    def work(k):
        out[k] = [float(m.fr_tv(t, "heads", "heads")) for t in range(0, 601, 100)]
    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(v == expected for v in out.values())


def test_gil_released_during_sampling(critwin):
    m = critwin.Model.load(E1)
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(1)
            time.sleep(0.001)
    t = threading.Thread(target=tick)
    t.start()
    time.sleep(0.01)
    before = len(ticks)
    m.sample(s_init="plus", n=20_000_000, seed=1, t_hat=1, threads=1)
    during = len(ticks) - before
    done.set()
    t.join()
    # With the GIL held the ticker could not run at all while C++ samples (a second or so).
    assert during >= 3


def rss_kib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def test_1e5_small_calls_keep_rss_flat(critwin):
    m = critwin.Model.load(E1)
    grid = np.linspace(0, 3, 4)

    def calls(k):
        for i in range(k):
            v = m.forward_tv(0.5 + (i % 7) * 0.25, "plus", "minus")
            assert v.lo <= v.hi
            if i % 10 == 0:
                m.forward_tv(grid, "plus", "minus")
            if i % 1000 == 0:
                with pytest.raises(ValueError):
                    m.forward_tv(-1, "plus", "minus")
    calls(10_000)  # warm-up: allocator pools, engine caches
    before = rss_kib()
    calls(100_000)
    grown = rss_kib() - before
    assert grown < 2048, f"RSS grew by {grown} KiB over 10^5 calls"


def test_ctrl_c_interrupts_sampling(tmp_path):
    script = textwrap.dedent(f"""
        import os, signal, threading, time, critwin
        m = critwin.Model.load({E1!r})
        threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        t0 = time.perf_counter()
        try:
            m.sample(s_init="plus", n=10**12, seed=1, t_hat=1, threads=1)
            print("finished")
        except KeyboardInterrupt:
            print("interrupted after", time.perf_counter() - t0)
        print(m.fr_tv(1.5, "plus", "plus").guarantee)  # the module still works
        # An exact grid: E1's fr-tv takes about a quarter second a point, 400 points a minute or more.
        threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        t0 = time.perf_counter()
        try:
            m.fr_tv([0.01 * k for k in range(1, 401)], "plus", "plus", threads=1)
            print("finished")
        except KeyboardInterrupt:
            print("interrupted after", time.perf_counter() - t0)
    """)
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ))
    assert p.returncode == 0, p.stderr
    lines = p.stdout.split("\n")
    assert lines[0].startswith("interrupted after"), p.stdout
    assert float(lines[0].split()[-1]) < 30
    assert lines[1] in ("certified", "estimated")
    assert lines[2].startswith("interrupted after") and float(lines[2].split()[-1]) < 20, p.stdout


def test_docstrings(critwin):
    doc = critwin.Model.window.__doc__
    for word in ("Theorem 2", "Raises ValueError", "eps", "precision"):
        assert word in doc
    assert "Definition 4" in critwin.Model.critical_window.__doc__
    assert "shape S" in critwin.Model.forward_tv.__doc__
    # The methods added for retention, compare and plot: units, shapes, errors and the source.
    for f, words in [(critwin.Model.retention, ("THEORY.md §6", "shape S", "probability", "Raises ValueError",
                                                "--t-hat", "KeyboardInterrupt", "time units")),
                     (critwin.Model.compare, ("Definition 4", "Theorem 2", "list of dicts", "time units",
                                              "Raises ValueError")),
                     (critwin.Model.plot, ("Definition 4", ".png", "list of files", "Raises ValueError")),
                     (critwin.plot, ("Model.plot", "list of files", "Raises ValueError"))]:
        for w in words:
            assert w in f.__doc__, (f.__name__, w)
