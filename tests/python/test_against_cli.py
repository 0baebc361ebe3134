"""Every function against `critwin ... --json` on the same inputs: same keys, same order, bit-identical doubles."""
import os

import pytest

from conftest import SOURCE, cli_json, example, plain, pythonic, same

E1 = example("e1_two_gaussians.toml")
E5 = example("e5_coins.toml")


@pytest.mark.parametrize("t", ["1.5", 1.5, "3/2", 0, "0.1", 0.1, 7, "inf", 1e-3])
def test_forward_tv_e1(critwin, t):
    v = critwin.Model.load(E1).forward_tv(t=t, a="plus", b="minus")
    cli = cli_json("forward-tv", E1, "--t", critwin._text(t), "--a", "plus", "--b", "minus")
    same(v.json, cli)
    assert float(v) == (float("inf") if cli["tv"] == "inf" else cli["tv"])
    assert v.lo == cli.get("tv_lo", cli["tv"]) and v.hi == cli.get("tv_hi", cli["tv"])
    assert v.guarantee == cli["guarantee"]


@pytest.mark.parametrize("model,t,a,b", [(E5, 300, "heads", "tails"), (E5, "598", "heads", "all"),
                                         (example("e3_two_strings.toml"), "0.9", "0", "rest")])
def test_forward_tv_discrete(critwin, model, t, a, b):
    same(critwin.Model.load(model).forward_tv(t, a, b).json,
         cli_json("forward-tv", model, "--t", t, "--a", a, "--b", b))


@pytest.mark.parametrize("model,t_hat,si,st", [(E1, 1.5, "plus", "plus"), (E1, "0.25", "plus", "plus,minus"),
                                                (E5, 450, "heads", "heads"), (E5, 600, "heads", "rest")])
def test_fr_tv(critwin, model, t_hat, si, st):
    v = critwin.Model.load(model).fr_tv(t_hat=t_hat, s_init=si, s_target=st)
    same(v.json, cli_json("fr-tv", model, "--t-hat", t_hat, "--s-init", si, "--s-target", st))


FOUR_GAUSSIANS = """
name = "four Gaussians in the plane"
[mixture]
weights = ["1/4", "1/4", "1/4", "1/4"]
labels  = ["a", "b", "c", "d"]
[components]
kind = "gaussian"
dim = 2
means = [["3", "0"], ["-3", "0"], ["0", "3"], ["1", "-2"]]
variance = "1"
[process]
kind = "ou"
"""


def test_monte_carlo_engine_fallback(critwin, tmp_path):
    # More than three non-collinear means: the exact engine refuses, the Monte Carlo engine answers.
    f = tmp_path / "four.toml"
    f.write_text(FOUR_GAUSSIANS)
    m = critwin.Model.load(f)
    v = m.forward_tv(0.5, "a", "b", samples=2000, seed=3, threads=2)
    cli = cli_json("forward-tv", f, "--t", "0.5", "--a", "a", "--b", "b", "--samples", 2000, "--seed", 3,
                   "--threads", 2)
    assert v.lo <= float(v) <= v.hi
    assert cli["engine"] == "monte-carlo"
    same(v.json, cli)


@pytest.mark.parametrize("eps", ["0.1", 0.2, "1/100"])
def test_window_and_critical_window(critwin, eps):
    m = critwin.Model.load(E1)
    same(m.window(eps=eps, s_init="plus", s_target="plus,minus"),
         cli_json("window", E1, "--eps", critwin._text(eps), "--s-init", "plus", "--s-target", "plus,minus"))
    same(m.critical_window(eps, "plus", "all"),
         cli_json("critical-window", E1, "--eps", critwin._text(eps), "--s-after", "plus", "--s-before", "all"))
    same(critwin.Model.load(E5).critical_window(eps, "heads", "all", precision=200),
         cli_json("critical-window", E5, "--eps", critwin._text(eps), "--s-after", "heads", "--s-before", "all",
                  "--precision", 200))


def test_window_values(critwin):
    w = critwin.Model.load(E1).window(eps=0.1, s_init="plus", s_target="plus,minus")
    v = w.value("t_end")
    assert v.lo <= float(v) <= v.hi and float(v) == w["t_end"] == w.t_end


def test_sample_single_and_grid(critwin):
    m = critwin.Model.load(E1)
    r = m.sample(s_init="plus", n=20000, seed=7, t_hat=1.5, s_target="plus", threads=2)
    same(r, cli_json("sample", E1, "--s-init", "plus", "--n", 20000, "--seed", 7, "--t-hat", "1.5",
                     "--s-target", "plus", "--threads", 2))
    assert r.label_freq.shape == (2,) and r.label_freq.dtype.kind == "f"
    g = m.sample(s_init="plus", n=5000, seed=1, t_hat_grid="0:4:5", reverse="sde", steps=50, threads=1)
    same(g, cli_json("sample", E1, "--s-init", "plus", "--n", 5000, "--seed", 1, "--t-hat-grid", "0:4:5",
                     "--reverse", "sde", "--steps", 50, "--threads", 1))
    assert len(g.rows) == 5 and g.rows[0].label_freq_lo.shape == (2,)


def test_tree(critwin):
    model = example("strings_ordered_mask.toml")
    tf = os.path.join(SOURCE, "tests", "data", "trees", "grouped_by_position_3.toml")
    m = critwin.Model.load(model)
    same(m.tree(eps="0.3", tree=tf), cli_json("tree", model, "--eps", "0.3", "--tree", tf))
    same(m.tree(eps=0.2), cli_json("tree", model, "--eps", "0.2"))


def test_all_or_nothing(critwin):
    model = example("planted_spike.toml")
    r = critwin.Model.load(model).all_or_nothing(n_grid="10:60:6", eps="0.1")
    same(r, cli_json("all-or-nothing", model, "--n-grid", "10:60:6", "--eps", "0.1"))


def _drop_times(x):
    if isinstance(x, dict):
        return {k: _drop_times(v) for k, v in x.items() if k != "time_s"}
    if isinstance(x, list):
        return [_drop_times(v) for v in x]
    return x


def test_verify(critwin):
    f = os.path.join(SOURCE, "verify", "claims", "closed_forms.toml")
    claims = critwin.verify([f], only="E1")
    cli = cli_json("verify", f, "--only", "E1")
    assert _drop_times(plain(claims.report)) == _drop_times(plain(pythonic(cli)))  # wall-clock seconds differ between runs
    assert [c["status"] for c in claims] == [c["status"] for c in cli["claims"]] and claims.ok


def test_paper_one_model(critwin):
    r = critwin.paper([E1], eps="0.1")
    assert _drop_times(plain(r)) == _drop_times(plain(pythonic(cli_json("paper", E1, "--eps", "0.1", "--no-files"))))


def test_wrapped_commands_exist(critwin):
    # Commands without a method of their own are reachable through critwin.run / Model.run.
    wrapped = {"forward-tv", "fr-tv", "window", "critical-window", "sample", "verify", "tree", "all-or-nothing",
               "paper"}
    assert wrapped <= set(critwin.commands())


def test_generic_run_equals_method(critwin):
    m = critwin.Model.load(E1)
    same(m.run("critical-window", eps="0.1", s_after="plus", s_before="all"), m.critical_window("0.1", "plus", "all"))
