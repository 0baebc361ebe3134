"""critwin from Python: exact, Monte Carlo and verified critical windows of generative models.

Every function runs the same C++ code as the ``critwin`` command of the same name and returns the object
its ``--json`` prints (same keys, bit-identical doubles), with curves as numpy arrays:

>>> import critwin, numpy as np
>>> m = critwin.Model.load("examples/e1_two_gaussians.toml")
>>> w = m.window(eps=0.1, s_init="plus", s_target="plus,minus")
>>> v = m.fr_tv(t_hat=1.5, s_init="plus", s_target="plus")      # a Value: float(v), v.lo, v.hi, v.guarantee
>>> tv = m.forward_tv(t=np.linspace(0, 4, 200), a="plus", b="minus")   # arrays in, arrays out

Numbers keep their guarantee (README "What the numbers mean"): a certified value comes with ``<key>_lo`` /
``<key>_hi`` (an Arb enclosure), a Monte Carlo one with its interval, sample count and seed; +inf is the
string "inf" in result dicts (as in the JSON) and ``numpy.inf`` in arrays.

Errors: bad input raises ValueError with the message the CLI prints after "critwin: error: " (it names the
flag, e.g. ``--s-init``, or the model-file key, and the allowed range). Ctrl-C interrupts long calls (Monte Carlo,
quadratures, grids: KeyboardInterrupt); the GIL is released while C++ works, so other Python threads keep running.

Reference: Li, Karan & Chen, "Blink of an eye" (BoE), arXiv 2502.00921.
"""

import functools
import math
import os
from fractions import Fraction

import numpy as np

from . import _critwin

_GUARANTEE_NAMES = np.array(_critwin.guarantee_names())  # indexed by the codes pair_tv_curve returns

__all__ = ["Model", "Value", "Result", "verify", "paper", "plot", "run", "commands"]


class Value(float):
    """A real number with its guarantee: ``float(v)`` is the nearest double; ``lo``/``hi`` enclose the true value
    (certified: an Arb ball; estimated/Monte Carlo: the stated interval; exact: lo == hi == value);
    ``guarantee`` is "exact", "certified", "estimated" or "monte-carlo"; ``json`` is the CLI's whole object."""

    def __new__(cls, value, lo=None, hi=None, guarantee=None, json=None):
        x = math.inf if value == "inf" else float(value)
        v = super().__new__(cls, x)
        v.lo = x if lo is None else (math.inf if lo == "inf" else float(lo))
        v.hi = x if hi is None else (math.inf if hi == "inf" else float(hi))
        v.guarantee = guarantee
        v._json = json
        return v

    @property
    def json(self):
        """The CLI's whole object as a Result (converted on first access: a scalar call stays cheap)."""
        if self._json is not None and not isinstance(self._json, Result):
            self._json = Result(self._json)
        return self._json

    def __repr__(self):
        if self.lo == self.hi == float(self):
            return f"Value({float(self)!r}, {self.guarantee})"
        return f"Value({float(self)!r} in [{self.lo!r}, {self.hi!r}], {self.guarantee})"


def _is_curve(xs):
    return (len(xs) > 0 and all(isinstance(x, (int, float)) and not isinstance(x, bool) or x == "inf" for x in xs)
            and any(not isinstance(x, str) for x in xs))


def _convert(x):
    if isinstance(x, dict):
        return Result(x)
    if isinstance(x, list):
        if _is_curve(x):
            if all(isinstance(e, int) and -2**63 <= e < 2**63 for e in x):
                return np.array(x, dtype=np.int64)  # counts (e.g. observation counts n) stay exact
            return np.array([math.inf if e == "inf" else e for e in x], dtype=float)
        return [_convert(e) for e in x]
    return x


# Keys whose JSON value is a time written as the CLI was given it ("3/2", "0.1", "inf"): in Python the number,
# with the text beside it under <key>_text.
_TIME_KEYS = ("t", "t_hat")


def _time_value(text):
    """A time's text as the nearest double: "3/2" -> 1.5, "0.1" -> 0.1 (correctly rounded), "inf" -> inf."""
    if text == "inf":
        return math.inf
    try:
        return float(Fraction(text))
    except (ValueError, ZeroDivisionError):
        return text


class Result(dict):
    """The JSON object a critwin command prints, as a dict (same keys, same order, same doubles) with attribute
    access (``r.t_start`` is ``r["t_start"]``); lists of numbers (curves, label frequencies) are numpy float
    arrays (+inf for "inf"), lists of integers int64 arrays. Times the JSON writes as text (``t``, ``t_hat``:
    "3/2", "0.1") are floats here (the nearest double), the exact text beside them as ``t_text``/``t_hat_text``.
    ``r.value("t_start")`` gives a Value with ``t_start_lo``/``t_start_hi``."""

    def __init__(self, d=(), failure=""):
        items = []
        for k, v in dict(d).items():
            if k in _TIME_KEYS and isinstance(v, str):
                items += [(k, _time_value(v)), (k + "_text", v)]
            else:
                items.append((k, _convert(v)))
        super().__init__(items)
        self.failure = failure  # a failure the CLI reports after the output (exit 1), e.g. verify mismatches

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def value(self, key):
        """The number at ``key`` as a Value (its enclosure from ``key_lo``/``key_hi`` when present)."""
        g = self.get(key + "_guarantee", self.get("guarantee") if key == "tv" else None)
        if g is None:
            g = "exact" if key + "_lo" not in self else None
        return Value(self[key], self.get(key + "_lo"), self.get(key + "_hi"), g, self)


def _text(v):
    """A value as the CLI would be given it: floats by their shortest round-trip text (0.1 -> "0.1", read exactly
    as 1/10, like typing --eps 0.1), lists and tuples comma-joined."""
    if isinstance(v, str):
        return v
    if isinstance(v, (list, tuple, np.ndarray)):
        return ",".join(_text(x) for x in v)
    if isinstance(v, (bool, np.bool_)):
        raise ValueError(f"{v!r} is not a value here (True/False only switch flags)")
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    x = float(v)
    return "inf" if x == math.inf else repr(x)


@functools.lru_cache(maxsize=64)
def _engine_options(precision, samples, seed, threads):
    """The C++ engine choices, built once per distinct tuple (a scalar call should cost little beyond its work)."""
    return _critwin.EngineOptions(precision, samples, seed, threads or 0)


def _no_booleans(t, flag):
    """Times are numbers or text; True would be read as the time 1."""
    if isinstance(t, (bool, np.bool_)) or (not isinstance(t, str) and np.asarray(t).dtype.kind == "b"):
        raise ValueError(f"{flag}: True is not a value here (True/False only switch flags)")


def _argv(command, positional, options):
    argv = [command] + [os.fspath(p) if isinstance(p, os.PathLike) else _text(p) for p in positional]
    for key, v in options.items():
        if v is None or (isinstance(v, (bool, np.bool_)) and not v):
            continue
        flag = "--" + key.replace("_", "-")
        # True switches a flag on; for an option with a value it would make the CLI read the next word as the value.
        is_flag = _critwin.option_is_flag(command, flag)
        if isinstance(v, (bool, np.bool_)):
            if not is_flag:
                raise ValueError(f"{flag}: takes a value, not {bool(v)!r}")
            argv.append(flag)
        elif is_flag:
            raise ValueError(f"{flag}: is a flag; pass True or False (got {v!r})")
        else:
            try:
                argv += [flag, _text(v)]
            except ValueError as e:
                raise ValueError(f"{flag}: {e}") from None
    return argv


def run(command, *positional, model=None, **options):
    """Runs any critwin command as ``critwin COMMAND POSITIONAL... --flag value... --json`` would and returns its
    JSON object as a Result. Keyword ``s_init="a"`` becomes ``--s-init a``; True adds a bare flag (ValueError
    for an option that takes a value, and a non-boolean for a flag); None and False are left out. ``model`` (a Model) is used instead of reading the MODEL file, which must still be the
    first positional (Model methods pass their source). New commands are callable this way as soon as they
    exist in the CLI. Raises ValueError for bad input (the CLI's message)."""
    handle = model._h if model is not None else None
    j, failure = _critwin.run(_argv(command, positional, options), handle)
    return Result(j if j is not None else {}, failure)


def commands():
    """The names of the CLI's commands, in --help order."""
    return list(_critwin.command_names())


_ENGINE_DOC = """precision: working precision in bits of the Arb arithmetic (64..4096, default 128).
        samples, seed, threads: only for models the exact engine refuses (more than three non-collinear Gaussian
            means): the Monte Carlo engine's samples per estimate (default 100000), seed (default 1) and threads
            (default all cores; results do not depend on it); the result then has engine = "monte-carlo"."""


class Model:
    """A mixture model (the TOML model files of DESIGN.md, e.g. examples/e1_two_gaussians.toml).

    Subsets of components (``a``, ``s_init``, ...) are written as on the command line: labels or indices,
    comma separated ("plus", "0,1", "all", and "rest" for the complement of the first subset). Times are numbers
    or strings in the process's index set ("3/2", "inf"); a float is read as its shortest decimal (0.1 is 1/10).
    The Model owns its C++ model and the exact engines built for it (kept between calls); it is safe to use from
    several Python threads (calls on one Model run one at a time)."""

    def __init__(self, handle):
        self._h = handle

    @classmethod
    def load(cls, path):
        """Reads and validates a TOML model file. Raises ValueError naming the file's key and allowed range."""
        return cls(_critwin.load(os.fspath(path)))

    @classmethod
    def from_toml(cls, text, name="<string>"):
        """Parses a model from TOML text (the model-file format); ``name`` stands for the file in messages."""
        return cls(_critwin.from_toml(text, name))

    name = property(lambda self: self._h.name, doc="the model's name (the file's `name`)")
    labels = property(lambda self: list(self._h.labels), doc="component labels, in index order")
    weights = property(lambda self: list(self._h.weights), doc="exact component weights as rational strings")
    family = property(lambda self: self._h.family, doc="the components' `kind`")
    source = property(lambda self: self._h.source, doc="the file it was read from (or from_toml's name)")

    def __repr__(self):
        return f"critwin.Model({self.name!r}, family={self.family!r}, labels={self.labels!r})"

    def run(self, command, **options):
        """Runs a model command of the CLI on this model (``critwin COMMAND MODEL --flags... --json``); see
        critwin.run. Commands without a method of their own are reachable this way."""
        return run(command, self._h.source, model=self, **options)

    def _pair(self, command, t, x, y, precision, samples, seed, threads):
        opt = _engine_options(precision, samples, seed, threads)
        if type(t) in (int, float, str):  # the common scalar case, without numpy's checks (type(True) is bool)
            j = _critwin.pair_tv(self._h, command, t, x, y, opt)
            return Value(j["tv"], j.get("tv_lo"), j.get("tv_hi"), j["guarantee"], j)
        _no_booleans(t, "--t" if command == "forward-tv" else "--t-hat")
        if isinstance(t, (str, int, float)) or np.ndim(t) == 0:
            j = _critwin.pair_tv(self._h, command, t, x, y, opt)  # the CLI's object; no curves in it
            return Value(j["tv"], j.get("tv_lo"), j.get("tv_hi"), j["guarantee"], j)
        arr = np.asarray(t)
        if arr.dtype.kind in "iuf":
            # One C++ call for the whole array (any shape; C order), evaluated in parallel without the GIL.
            r = _critwin.pair_tv_curve(self._h, command, arr, x, y, opt)
            r["guarantee"] = _GUARANTEE_NAMES[r["guarantee"]]
            return Result(r)
        # Times given as text ("3/2", "inf"): one call each, same arrays.
        flat = arr.ravel()
        vals = [self._pair(command, s, x, y, precision, samples, seed, threads) for s in flat]
        first = vals[0].json if vals else {}
        key = "t" if command == "forward-tv" else "t_hat"
        out = {k: v for k, v in first.items()
               if k not in ("tv", "tv_lo", "tv_hi", "guarantee", "precision_used", key, key + "_text")}
        out[key] = np.array([v.json[key] for v in vals], dtype=float).reshape(arr.shape)
        out[key + "_text"] = np.array([v.json[key + "_text"] for v in vals], dtype=str).reshape(arr.shape)
        out.update(tv=np.array([float(v) for v in vals], dtype=float).reshape(arr.shape),
                   tv_lo=np.array([v.lo for v in vals], dtype=float).reshape(arr.shape),
                   tv_hi=np.array([v.hi for v in vals], dtype=float).reshape(arr.shape),
                   guarantee=np.array([v.guarantee for v in vals], dtype=str).reshape(arr.shape),
                   precision_used=min((v.json.get("precision_used", 0) for v in vals), default=0))
        return Result(out)

    def forward_tv(self, t, a, b, *, precision=128, samples=100000, seed=1, threads=None):
        """TV(p_t^A, p_t^B): total variation between the sub-mixtures A and B observed at time t (the forward
        process; BoE Section 2, THEORY.md §1). Non-increasing in t. CLI: ``critwin forward-tv``.

        t: a time in the index set (number or string such as "3/2", "inf"; time units of the process: OU time, or
            tokens removed on a discrete index set), or an array of them of any shape. A numeric array is one C++
            call: points are evaluated in parallel (``threads``, default all cores), each exactly as a scalar call
            (10^4 points on two Gaussians: about 85 ms on one core, bench/python_overhead.py). Ctrl-C
            interrupts it (KeyboardInterrupt).
        a, b: subsets (labels or indices); b may be "rest" (the complement of a).
        {engine}

        Returns, for a scalar t, a Value in [0, 1] (``.lo``/``.hi`` its enclosure, ``.guarantee``, ``.json`` the
        CLI's object as a Result: command, model, engine, t (float), t_text (the time as the CLI reads it), a, b,
        tv, tv_lo, tv_hi, precision_used, guarantee). For an array of shape S, a Result with the same keys where
        t, tv, tv_lo, tv_hi are float arrays of shape S (tv_lo = tv_hi = tv where exact, +inf where the JSON says
        "inf") and guarantee a str array of shape S; text times also give t_text (str array of shape S).
        Raises ValueError (the CLI's message, naming --t, --a or --b) for a time outside the index set or a bad
        subset."""
        return self._pair("forward-tv", t, a, b, precision, samples, seed, threads)

    def fr_tv(self, t_hat, s_init, s_target, *, precision=128, samples=100000, seed=1, threads=None):
        """TV(p^{S_init, T̂}, p^{S_target}) of the forward-reverse experiment: X ~ p^{S_init}, Y ~ P_T̂(.|X),
        X' ~ p(.|Y) under the whole mixture (BoE Theorem 2's left-hand side; THEORY.md §1).
        CLI: ``critwin fr-tv``.

        t_hat: forward time T̂ (number or string), or an array of times.
        s_init, s_target: subsets; s_target may be "rest".
        {engine}

        Returns a Value in [0, 1] for a scalar t_hat, a Result of arrays of the input's shape (as forward_tv, keys
        t_hat, s_init, s_target) for an array. Raises ValueError naming --t-hat, --s-init or --s-target;
        KeyboardInterrupt on Ctrl-C (E1's fr-tv is a certified quadrature of about a quarter second a point)."""
        return self._pair("fr-tv", t_hat, s_init, s_target, precision, samples, seed, threads)

    def window(self, eps, s_init, s_target, *, precision=None, samples=None, seed=None, threads=None):
        """BoE Theorem 2's window for S_init ⊆ S_target: T_end(ε) = inf{t : TV(p_t^{S_init}, p_t^{S_target}) ≤ ε},
        T_start(ε) = sup{t : TV(p_t^{S_target}, p_t^{rest}) ≥ 1 − ε²}, W = w_rest / w_{S_target} and the bound
        ε(1 + max(1, W)/√2) on TV(p^{S_init,T̂}, p^{S_target}) for T̂ in [T_end, T_start]. CLI: ``critwin window``.

        eps: ε in (0, 1), a number or exact text ("1/10"); s_init ⊆ s_target: subsets.
        {engine}

        Returns a Result: eps, s_init, s_target, t_start, t_end, W, bound (each a float in time units of the
        index set or "inf", with _lo/_hi enclosures unless exact; r.value("t_end") gives a Value), nonempty,
        nonempty_certain, precision_used. Raises ValueError naming --eps, --s-init or --s-target."""
        return self.run("window", eps=eps, s_init=s_init, s_target=s_target, precision=precision, samples=samples,
                        seed=seed, threads=threads)

    def critical_window(self, eps, s_after, s_before, *, precision=None, samples=None, seed=None, threads=None):
        """BoE Definition 4's critical window [T_after, T_before] for S_after ⊊ S_before (THEORY.md §3): T_after =
        sup{t : TV(p_t^{S_after}, p_t^{rest}) ≥ 1 − ε²}, T_before = inf{t : TV(p_t^{S_after}, p_t^{S_before}) ≤ ε and
        TV(p_t^{S_before}, p_t^{rest}) ≥ 1 − ε²}. CLI: ``critwin critical-window``.

        eps: ε in (0, 1); s_after ⊊ s_before: subsets.
        {engine}

        Returns a Result: eps, s_after, s_before, t_after, t_before (times, with _lo/_hi unless exact; None when
        the set is empty), nonempty, nonempty_certain. Raises ValueError naming --eps, --s-after or --s-before."""
        return self.run("critical-window", eps=eps, s_after=s_after, s_before=s_before, precision=precision,
                        samples=samples, seed=seed, threads=threads)

    def retention(self, s_init, t_hat=None, *, t_hat_grid=None, precision=128, samples=100000, seed=1,
                  threads=None):
        """Exact retention of S_init in the forward-reverse experiment (X ~ p^{S_init}, Y ~ P_T̂(.|X),
        θ' ~ posterior given Y, X' ~ p^{θ'}; THEORY.md §6): the latent retention R(T̂) = P(θ' ∈ S_init), the label
        retention P(label(X') ∈ S_init) and the cloning probability φ(T̂) (Biroli et al. 2024), each a probability
        in [0, 1]. The retention curve is the observable behind BoE Definition 4's critical windows: it falls
        from near 1 to w_{S_init} across [T_after, T_before]. CLI: ``critwin retention``.

        s_init: subset (labels or indices).
        t_hat: forward time T̂ (number or string such as "3/2"; time units of the process), or an array of times
            of any shape S (one C++ call, no per-point overhead); or instead
        t_hat_grid: "a:b:n", n times from a to b (the CLI's --t-hat-grid). Exactly one of the two.
        precision: working precision in bits (64..4096). samples, seed, threads: the Monte Carlo engine's, used
            only where the model has no exact retention path (then engine = "monte-carlo" and the intervals are
            99.9% Monte Carlo intervals).

        Returns a Result with the CLI's header (command, model, engine, s_init, w_s_init, precision_used, ...)
        and the curve as numpy arrays of shape S (for t_hat_grid, shape (n,); for a scalar t_hat, numpy scalars):
        t_hat (float), t_hat_text (str, the time as the CLI reads it), latent, latent_lo, latent_hi, label,
        label_lo, label_hi, cloning, cloning_lo, cloning_hi (float; [_lo, _hi] encloses the value: certified or
        with a stated error estimate) and guarantee (str: "exact", "certified", "estimated" or "monte-carlo").
        Raises ValueError naming --s-init, --t-hat or --t-hat-grid (the CLI's message); KeyboardInterrupt on
        Ctrl-C."""
        _no_booleans(t_hat, "--t-hat")
        opt = _engine_options(precision, samples, seed, threads)
        if t_hat is not None and t_hat_grid is None and not (isinstance(t_hat, str) or np.ndim(t_hat) == 0):
            arr = np.asarray(t_hat)
            flat = [x if isinstance(x, str) else (int(x) if arr.dtype.kind in "iu" else float(x))
                    for x in arr.ravel().tolist()]
            r = Result(_critwin.retention_rows(self._h, flat, s_init, opt))
            shape = arr.shape
        else:
            # One time or the CLI's grid; both missing or both given: the CLI's error.
            r = self.run("retention", s_init=s_init, t_hat=t_hat, t_hat_grid=t_hat_grid, precision=precision,
                         samples=samples, seed=seed, threads=threads)
            shape = () if t_hat is not None else (len(r["rows"]),)
        return _columns(r, "rows", shape, _RETENTION_COLUMNS)

    def compare(self, eps, s_after, s_before, *, sweep=None, precision=None, samples=None, seed=None,
                threads=None):
        """The exact critical window [T_after, T_before] (BoE Definition 4) beside earlier theories' predictions
        for the same (S_after, S_before, ε) (THEORY.md §6: BoE Theorem 2's windows, the KL/Pinsker and
        Hellinger routes, the speciation time of Biroli et al. 2024, symmetry breaking of Raya & Ambrogioni 2023,
        where each applies), each with its difference to the exact endpoints.
        CLI: ``critwin compare``.

        eps: ε in (0, 1) (None with sweep "eps=a:b:n"); s_after ⊊ s_before: subsets.
        sweep: "PARAM=a:b:n" repeats the comparison over a model parameter (m, variance, length, delta,
            barrier, eps).
        precision, samples, seed, threads: as for window.

        Returns the rows as a list of dicts (one per method and sweep value; keys as in --json: method,
        t_after, t_before, width or t, their _lo/_hi enclosures, d_after, d_before (prediction − exact, in
        time units), guarantee, source, and the swept value). The list's ``report`` attribute is the whole
        Result (omitted methods with the reason, retention_halfway, precision_used). Raises ValueError
        naming --eps, --s-after, --s-before or --sweep."""
        r = self.run("compare", eps=eps, s_after=s_after, s_before=s_before, sweep=sweep, precision=precision,
                     samples=samples, seed=seed, threads=threads)
        rows = _ReportList(r.get("rows", []))
        rows.report = r
        return rows

    def plot(self, kind, out, *, s_after, s_before, eps=None, sweep=None, t_max=None, points=None, mc=None,
             precision=None, samples=None, seed=None, threads=None):
        """Writes a figure (``critwin plot KIND MODEL --out OUT``): kind "retention" (exact retention curves
        of S_after, with Monte Carlo error bars when ``mc`` samples per point are given), "tv" (the forward
        TVs and the forward-reverse TV behind BoE Definition 4 / Theorem 2, with the exact window shaded) or
        "windows" (window endpoints of every method of ``compare`` against a swept parameter, needs sweep).

        out: .png, .pdf or .svg (gnuplot's cairo terminals) or .tex (a standalone pgfplots figure, its .dat
            table beside it). eps: ε in (0, 1); s_after ⊊ s_before: subsets; t_max: end of the time axis;
            points: times on the axis (2..2000). Files are written atomically: all or none.

        Returns the list of files written (paths as given). Raises ValueError naming the flag (--out for an
        unknown extension or an unwritable path); KeyboardInterrupt on Ctrl-C (nothing is written then)."""
        return plot(kind, self, out, s_after=s_after, s_before=s_before, eps=eps, sweep=sweep, t_max=t_max,
                    points=points, mc=mc, precision=precision, samples=samples, seed=seed, threads=threads)

    def sample(self, s_init, n, seed, *, t_hat=None, t_hat_grid=None, s_target=None, threads=None, reverse=None,
               steps=None, tv_n=None, tv_inner=None, precision=None):
        """The forward-reverse experiment by Monte Carlo (Philox streams, fixed blocks: the same seed gives the
        same numbers at any thread count): label frequencies of X' with 99.9% Wilson intervals, the retention
        of S_init, and with s_target a TV estimate beside the exact fr-tv. CLI: ``critwin sample``.

        s_init: subset; n: samples (1..10^15); seed: 0..2^64-1.
        t_hat: one forward time, or t_hat_grid "a:b:k" (k times from a to b; the retention curve) — exactly one.
        reverse: "jump" (default) | "localize" | "sde" | "ode"; steps: grid steps for the last three.
        tv_n, tv_inner: outer samples (default min(n, 20000)) and inner draws (default 256) of the TV estimate.

        Returns a Result: labels, n, seed, reverse and, for one t_hat, label_freq, label_freq_lo, label_freq_hi
        (numpy arrays of shape (components,)), retention, retention_lo, retention_hi (and tv_estimate,
        tv_estimate_lo/_hi, tv_n, tv_exact...); for a grid, ``rows``: one such Result per time.
        Raises ValueError naming the flag (--n, --t-hat, --s-init, ...); KeyboardInterrupt on Ctrl-C."""
        return self.run("sample", s_init=s_init, n=n, seed=seed, t_hat=t_hat, t_hat_grid=t_hat_grid,
                        s_target=s_target, threads=threads, reverse=reverse, steps=steps, tv_n=tv_n,
                        tv_inner=tv_inner, precision=precision)

    def tree(self, eps, *, tree=None, leaf=None, perturb=None, precision=None, samples=None, seed=None, threads=None):
        """ε-mixture trees (BoE Definition 8, Corollaries 1-2; THEORY.md §3 "Hierarchies"): checks the tree file
        ``tree`` (its conditions with exact margins) or builds one from pairwise merge times; with ``leaf``
        Corollary 1's windows along its path; with ``perturb`` δ Corollary 2. CLI: ``critwin tree``.

        Returns a Result as `critwin tree --json` prints it. Raises ValueError naming --eps, --tree, --leaf or
        --perturb, or the tree file's key."""
        return self.run("tree", eps=eps, tree=tree, leaf=leaf, perturb=perturb, precision=precision,
                        samples=samples, seed=seed, threads=threads)

    def all_or_nothing(self, *, n_grid=None, eps=None, sharpening=None, samples=None, seed=None, threads=None,
                       precision=None):
        """All-or-nothing phenomena (BoE Definitions 5-7, Theorems 5-6; THEORY.md §8) for planted-spike and
        sparse-regression models: the detection TV curve over n, its bounds, the 0.1 -> 0.9 transition and one
        Theorem-6 window. CLI: ``critwin all-or-nothing``.

        n_grid: "a:b:k" observation counts; eps: ε of the window (default 1/10); sharpening: list of dimensions M.
        Returns a Result whose curves are numpy arrays. Raises ValueError naming the flag."""
        return self.run("all-or-nothing", n_grid=n_grid, eps=eps, sharpening=sharpening, samples=samples, seed=seed,
                        threads=threads, precision=precision)


for _f in (Model.forward_tv, Model.fr_tv, Model.window, Model.critical_window):
    _f.__doc__ = _f.__doc__.replace("{engine}", _ENGINE_DOC)
del _f


def verify(files, *, only=None, timeout=None, rlimit=None, strict=False, precision=None):
    """Proves, refutes or checks the claims in claims files (verify/claims/*.toml) with Z3 and Arb.
    CLI: ``critwin verify FILES --json``.

    files: a path or a list of paths; only: run only claims whose name contains this text; timeout: seconds per
    claim (0 = none); rlimit: Z3's deterministic resource limit per query; strict: an unexpected "unknown" fails.

    Returns the list of claim results (dicts with the statuses of --json); the whole report is the list's
    ``report`` attribute and ``ok`` is whether every claim matched its expectation (the CLI's exit status 0).
    Raises ValueError for an unreadable claims file or a bad option (the CLI's message). Z3 work is not
    interruptible by Ctrl-C; use timeout."""
    if isinstance(files, (str, os.PathLike)):
        files = [files]
    r = run("verify", *[os.fspath(f) for f in files], only=only, timeout=timeout, rlimit=rlimit, strict=strict,
            precision=precision)
    claims = _ReportList(r.get("claims", []))
    claims.report = r
    claims.ok = not r.failure
    return claims


class _ReportList(list):
    """A list of result rows; ``report`` is the command's whole Result."""


_RETENTION_COLUMNS = ("t_hat", "t_hat_text", "latent", "latent_lo", "latent_hi", "label", "label_lo", "label_hi",
                      "cloning", "cloning_lo", "cloning_hi", "guarantee")
_TEXT_COLUMNS = ("t_hat_text", "t_text", "guarantee")


def _columns(r, key, shape, empty_names=()):
    """The Result `r` with its list of row dicts r[key] turned into columns: numpy arrays of `shape` (numbers as
    float, text as str), scalars for shape (). No rows (an empty input array): the columns `empty_names`, empty."""
    rows = r.pop(key)
    out = r
    if not rows:
        for name in empty_names:
            out[name] = np.empty(shape, dtype=str if name in _TEXT_COLUMNS else float)
        return out
    names = list(rows[0].keys())
    for name in names:
        vals = [row[name] for row in rows]
        if all(isinstance(v, str) for v in vals):
            col = np.array(vals, dtype=str)
        else:
            col = np.array([math.inf if v == "inf" else v for v in vals], dtype=float)
        col = col.reshape(shape)
        out[name] = col[()] if shape == () else col
    return out


def plot(kind, model, out, *, s_after, s_before, eps=None, sweep=None, t_max=None, points=None, mc=None,
         precision=None, samples=None, seed=None, threads=None):
    """Writes a figure of ``model`` (a Model or a model file's path) as ``critwin plot KIND MODEL --out OUT``
    does; see Model.plot for the kinds and options. Returns the list of files written (a .tex figure also
    writes its .dat table). Raises ValueError (the CLI's message, naming the flag); KeyboardInterrupt on Ctrl-C."""
    m = model if isinstance(model, Model) else None
    source = m.source if m is not None else os.fspath(model)
    r = run("plot", kind, source, model=m, out=os.fspath(out), s_after=s_after, s_before=s_before, eps=eps,
            sweep=sweep, t_max=t_max, points=points, mc=mc, precision=precision, samples=samples, seed=seed,
            threads=threads)
    files = _ReportList(r["files"])
    files.report = r
    return files


def paper(models=(), *, eps=None, out=None, precision=None):
    """BoE's examples beside their exact windows (``critwin paper``): for each model (default: the bundled E1,
    E3, E4, E5, E5 with barriers, E6) and ε (default 0.2, 0.1, 0.01) the exact Definition-4 window, the printed
    closed form and the slack. Writes out/paper.md and out/paper.tex only when ``out`` (a folder) is given.
    Returns a Result as `critwin paper --json` prints it."""
    return run("paper", *models, eps=eps, out=out, no_files=out is None, precision=precision)
