"""retention, compare and plot as methods; numeric times; arrays keep their shape; Ctrl-C in long exact calls."""
import os
import subprocess
import sys
import textwrap
from fractions import Fraction

import numpy as np
import pytest

from conftest import cli_error, cli_json, example, pythonic, same

E1 = example("e1_two_gaussians.toml")
E5 = example("e5_coins.toml")
COLUMNS = ("latent", "latent_lo", "latent_hi", "label", "label_lo", "label_hi", "cloning", "cloning_lo",
           "cloning_hi")


def cli_retention_rows(model, s_init, *flags):
    return pythonic(cli_json("retention", model, "--s-init", s_init, *flags))


def test_retention_one_time_equals_cli(critwin):
    r = critwin.Model.load(E1).retention(s_init="plus", t_hat=1.5)
    cli = cli_retention_rows(E1, "plus", "--t-hat", "1.5")
    (row,) = cli.pop("rows")
    for k, v in cli.items():
        assert r[k] == v, k
    for k in COLUMNS:
        assert r[k] == row[k] and np.ndim(r[k]) == 0, k
    assert r.t_hat == 1.5 and r.t_hat_text == "1.5" and r.guarantee == row["guarantee"]
    assert r.latent_lo <= r.latent <= r.latent_hi


def test_retention_grid_equals_cli(critwin):
    r = critwin.Model.load(E5).retention("heads", t_hat_grid="0:600:7")
    cli = cli_retention_rows(E5, "heads", "--t-hat-grid", "0:600:7")
    rows = cli.pop("rows")
    assert r.t_hat.dtype == np.float64 and r.t_hat.shape == (7,)
    assert list(r.t_hat) == [row["t_hat"] for row in rows] == [0, 100, 200, 300, 400, 500, 600]
    assert list(r.t_hat_text) == [row["t_hat_text"] for row in rows]
    for k in COLUMNS:
        assert list(r[k]) == [row[k] for row in rows], k
    assert list(r.guarantee) == [row["guarantee"] for row in rows]
    assert all(r[k] == v for k, v in cli.items())


def test_retention_array_keeps_shape_and_equals_scalar_cli_runs(critwin):
    m = critwin.Model.load(E1)
    t = np.array([[0.0, 0.5, 1.0], [2.0, 3.0, 6.0]])
    r = m.retention("plus", t)
    for k in COLUMNS + ("t_hat", "t_hat_text", "guarantee"):
        assert r[k].shape == (2, 3), k
    assert np.array_equal(r.t_hat, t)
    for idx in np.ndindex(t.shape):
        (row,) = cli_retention_rows(E1, "plus", "--t-hat", critwin._text(t[idx]))["rows"]
        assert [r[k][idx] for k in COLUMNS] == [row[k] for k in COLUMNS], idx
    # Text times too, one row each, same shape.
    s = m.retention("plus", [["0", "3/2"]])
    assert s.t_hat.shape == (1, 2) and s.t_hat[0, 1] == 1.5 and s.t_hat_text[0, 1] == "3/2"


def test_retention_of_no_times_is_empty_columns(critwin):
    # Found by a user trial: an empty array gave a Result without the curve's columns.
    m = critwin.Model.load(E1)
    for t in (np.array([]), np.empty((0, 3))):
        r = m.retention("plus", t)
        for k in COLUMNS + ("t_hat", "t_hat_text", "guarantee"):
            assert r[k].shape == t.shape, k


def test_retention_against_fr_tv_two_components(critwin):
    # Two components: the forward-reverse output is q+ p^+ + q- p^-, so the latent retention q+ equals
    # 1 - TV(p^{plus,T}, p^{plus}) / TV(p^+, p^-) (fr-tv's quadrature, independent of retention's integrals).
    m = critwin.Model.load(E1)
    t = np.linspace(0.25, 5, 8)
    r = m.retention("plus", t)
    fr = m.fr_tv(t, "plus", "plus")
    sep = m.forward_tv(0, "plus", "minus")
    q = 1 - fr.tv / float(sep)
    slack = (fr.tv_hi - fr.tv_lo) / float(sep) + (r.latent_hi - r.latent_lo) + 1e-12
    assert np.all(np.abs(r.latent - q) <= slack)
    assert np.all(np.diff(r.latent) < 0)  # retention falls as T grows
    assert np.all((r.cloning_lo <= r.cloning) & (r.cloning <= r.cloning_hi))


def test_retention_errors_are_the_clis(critwin):
    m = critwin.Model.load(E1)
    with pytest.raises(ValueError) as e:
        m.retention("plus", np.array([1.0, -1.0]))
    assert str(e.value) == cli_error("retention", E1, "--s-init", "plus", "--t-hat", "-1")
    with pytest.raises(ValueError) as e:
        m.retention("nope", np.array([1.0]))
    assert str(e.value) == cli_error("retention", E1, "--s-init", "nope", "--t-hat", "1")
    with pytest.raises(ValueError) as e:
        m.retention("plus")
    assert str(e.value) == cli_error("retention", E1, "--s-init", "plus")


def test_compare_rows_equal_cli(critwin):
    m = critwin.Model.load(E1)
    rows = m.compare(0.1, "plus", "all")
    cli = cli_json("compare", E1, "--eps", "0.1", "--s-after", "plus", "--s-before", "all")
    assert isinstance(rows, list) and all(isinstance(x, dict) for x in rows)
    same(rows, cli["rows"])
    same(rows.report, cli)
    exact = next(x for x in rows if x["method"] == "exact")
    w = m.critical_window(0.1, "plus", "all")
    assert (exact["t_after"], exact["t_before"]) == (w.t_after, w.t_before)
    swept = m.compare(None, "plus", "all", sweep="eps=0.05:0.2:3")
    same(swept, cli_json("compare", E1, "--s-after", "plus", "--s-before", "all", "--sweep", "eps=0.05:0.2:3")["rows"])


def test_plot_writes_a_png_with_content(critwin, tmp_path):
    import matplotlib.image
    out = tmp_path / "tv.png"
    m = critwin.Model.load(E1)
    files = m.plot("retention", out, eps=0.1, s_after="plus", s_before="all", points=40)
    assert files == [str(out)] and files.report["files"] == [str(out)] and files.report["kind"] == "retention"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    img = matplotlib.image.imread(str(out))
    assert img.shape[0] > 100 and img.shape[1] > 100
    # Not blank: many distinct colours, and a good share of the pixels differ from the background.
    flat = img.reshape(-1, img.shape[2])
    colours, counts = np.unique(flat, axis=0, return_counts=True)
    assert len(colours) > 10 and counts.max() < 0.97 * len(flat)
    # The module function and a .tex figure (its .dat table beside it).
    tex = tmp_path / "w.tex"
    files = critwin.plot("tv", E5, tex, eps="0.1", s_after="heads", s_before="all", points=20)
    assert sorted(files) == sorted([str(tex), str(tmp_path / "w.dat")])
    assert all(os.path.getsize(f) > 100 for f in files)


def test_plot_errors_write_nothing(critwin, tmp_path):
    m = critwin.Model.load(E1)
    bad = tmp_path / "fig.jpg"
    with pytest.raises(ValueError) as e:
        m.plot("tv", bad, eps=0.1, s_after="plus", s_before="all")
    assert str(e.value) == cli_error("plot", "tv", E1, "--out", bad, "--eps", "0.1", "--s-after", "plus",
                                     "--s-before", "all")
    assert list(tmp_path.iterdir()) == []


def test_times_are_numbers_with_their_text(critwin):
    m = critwin.Model.load(E1)
    v = m.forward_tv("3/2", "plus", "minus")
    assert v.json.t == 1.5 and v.json.t_text == "3/2"
    assert m.fr_tv(0.1, "plus", "plus").json.t_hat == 0.1
    g = m.sample(s_init="plus", n=1000, seed=1, t_hat_grid="0:1:3", threads=1)
    assert [r.t_hat for r in g.rows] == [0.0, 0.5, 1.0] and [r.t_hat_text for r in g.rows] == ["0", "0.5", "1"]
    assert all(isinstance(r.t_hat, float) for r in g.rows)
    assert m.forward_tv("inf", "plus", "minus").json.t == float("inf")
    assert float(Fraction(m.retention("plus", "1/3").t_hat_text)) == m.retention("plus", "1/3").t_hat


@pytest.mark.parametrize("shape", [(2, 2), (3, 1, 2), (1, 5), (0,), (4,)])
def test_arrays_keep_their_shape(critwin, shape):
    m = critwin.Model.load(E1)
    n = int(np.prod(shape))
    t = np.linspace(0.1, 3, n).reshape(shape)
    r = m.forward_tv(t, "plus", "minus")
    for k in ("t", "tv", "tv_lo", "tv_hi", "guarantee"):
        assert r[k].shape == shape, k
    flat = m.forward_tv(t.ravel(), "plus", "minus")
    assert np.array_equal(r.tv.ravel(), flat.tv) and list(r.guarantee.ravel()) == list(flat.guarantee)
    for idx in list(np.ndindex(shape))[:3]:
        assert r.tv[idx] == float(m.forward_tv(float(t[idx]), "plus", "minus"))
    # Integers, non-contiguous views and text keep the shape too.
    c = critwin.Model.load(E5)
    ints = np.arange(n, dtype=np.int64).reshape(shape) * 10
    fr = c.fr_tv(ints, "heads", "heads")
    assert fr.tv.shape == fr.t_hat.shape == shape
    if n:
        assert fr.tv.ravel()[-1] == float(c.fr_tv(int(ints.ravel()[-1]), "heads", "heads"))
    assert m.forward_tv(np.ones((2, 2)).T[:, ::-1], "plus", "minus").tv.shape == (2, 2)
    txt = m.forward_tv(np.array(["1"] * n, dtype=object).reshape(shape), "plus", "minus")
    assert txt.tv.shape == txt.t.shape == txt.t_text.shape == txt.guarantee.shape == shape


def test_zero_dimensional_array_is_a_scalar_call(critwin):
    m = critwin.Model.load(E1)
    v = m.forward_tv(np.array(1.5), "plus", "minus")
    assert float(v) == float(m.forward_tv(1.5, "plus", "minus")) and v.json.t == 1.5


INTERRUPT = textwrap.dedent("""
    import os, signal, sys, threading, time, _thread, critwin
    m = critwin.Model.load(sys.argv[1])
    how = sys.argv[2]
    if how == "kill":
        threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    else:
        threading.Timer(0.5, _thread.interrupt_main).start()
    t0 = time.perf_counter()
    try:
        CALL
        print("finished", time.perf_counter() - t0)
    except KeyboardInterrupt:
        print("interrupted after", time.perf_counter() - t0)
    print(float(m.forward_tv(1, "plus", "minus")) > 0)  # the module still works
""")


@pytest.mark.parametrize("how,call", [
    # One plot: 400 certified fr-tv quadratures of about a quarter second each, on the calling thread.
    ("kill", 'm.plot("tv", sys.argv[3], eps=0.1, s_after="plus", s_before="all", points=400)'),
    # One exact retention call over 2000 times (integrals per time), and one fr-tv grid on one thread.
    ("interrupt_main", 'm.retention("plus", [0.001 * k for k in range(1, 20001)])'),
    ("interrupt_main", 'm.fr_tv([0.01 * k for k in range(1, 401)], "plus", "plus", threads=1)'),
])
def test_ctrl_c_interrupts_long_exact_calls(tmp_path, how, call):
    out = tmp_path / "fig.png"
    p = subprocess.run([sys.executable, "-c", INTERRUPT.replace("CALL", call), E1, how, str(out)],
                       capture_output=True, text=True, timeout=300, env=dict(os.environ))
    assert p.returncode == 0, p.stderr
    first, second = p.stdout.split("\n")[:2]
    assert first.startswith("interrupted after"), p.stdout
    assert float(first.split()[-1]) < 5, p.stdout  # the signal comes at 0.5 s
    assert second == "True"
    assert not out.exists()


def test_array_errors_in_the_clis_order(critwin):
    # The first bad time of an array is reported, and before a bad subset, as the CLI checks --t before --a/--b.
    m = critwin.Model.load(E1)
    t = np.linspace(0, 1, 3000)
    t[1700], t[2500] = -1, -2
    for a, b in [("plus", "minus"), ("plus", "nope"), ("", "minus")]:
        with pytest.raises(ValueError) as e:
            m.forward_tv(t, a, b)
        assert str(e.value) == cli_error("forward-tv", E1, "--t", "-1", "--a", a, "--b", b)
    with pytest.raises(ValueError) as e:
        m.fr_tv(np.array([[1.0, float("nan")]]), "plus", "plus")
    assert str(e.value) == cli_error("fr-tv", E1, "--t-hat", "nan", "--s-init", "plus", "--s-target", "plus")
    with pytest.raises(ValueError) as e:
        m.forward_tv(np.array([1.0]), "plus", "nope")
    assert str(e.value) == cli_error("forward-tv", E1, "--t", "1", "--a", "plus", "--b", "nope")
