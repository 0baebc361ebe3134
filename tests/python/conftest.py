"""Shared helpers of the Python tests: the CLI run on the same inputs, and Results turned back into JSON."""
import json
import math
import os
import subprocess
from fractions import Fraction

import numpy as np
import pytest

SOURCE = os.environ.get("CRITWIN_SOURCE_DIR", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BINARY = os.environ.get("CRITWIN_BINARY", os.path.join(SOURCE, "build", "app", "critwin"))


def example(name):
    return os.path.join(SOURCE, "examples", name)


def cli_json(*args):
    """`critwin ARGS --json` parsed (json's doubles round-trip: nlohmann prints the shortest exact text)."""
    p = subprocess.run([BINARY, *map(str, args), "--json"], capture_output=True, text=True)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)


def cli_error(*args):
    """The message the CLI prints for an input error (exit status 2), without "critwin: error: "."""
    p = subprocess.run([BINARY, *map(str, args), "--json"], capture_output=True, text=True)
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert p.stdout == ""
    prefix = "critwin: error: "
    assert p.stderr.startswith(prefix) and p.stderr.endswith("\n") and p.stderr.count("\n") == 1, p.stderr
    return p.stderr[len(prefix):-1]


def pythonic(x):
    """The CLI's JSON as the Python module documents it, mapped here independently of the module: a time the
    JSON writes as text (keys t, t_hat) becomes the nearest double (Fraction: "0.1" -> 0.1, "3/2" -> 1.5,
    "inf" -> inf), its text kept right after it under <key>_text."""
    if isinstance(x, dict):
        out = {}
        for k, v in x.items():
            if k in ("t", "t_hat") and isinstance(v, str):
                out[k] = math.inf if v == "inf" else float(Fraction(v))
                out[k + "_text"] = v
            else:
                out[k] = pythonic(v)
        return out
    if isinstance(x, list):
        return [pythonic(v) for v in x]
    return x


def plain(x):
    """A Result back in JSON's terms: numpy arrays as lists, +inf as "inf"."""
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, np.ndarray):
        return [plain(v) for v in x.tolist()]
    if isinstance(x, float) and math.isinf(x) and x > 0:
        return "inf"
    if isinstance(x, float):
        return float(x)  # a Value compares by its double
    return x


def same(py_obj, cli_obj):
    """Equal as JSON once the CLI's object is mapped as documented (pythonic), with every double bit-identical
    (== on floats; the key order included)."""
    a, b = plain(py_obj), plain(pythonic(cli_obj))
    if isinstance(b, dict):
        assert list(a) == list(b)
    assert a == b


@pytest.fixture(scope="session")
def critwin():
    import critwin as c
    return c
