"""docs/python.md runs as written: each ```python block in order (one namespace, working directory holding
`examples/`), and the ```text block right after a code block is exactly what it prints. The figure it saves
is a real PNG (matplotlib's Agg backend, nothing shown)."""
import contextlib
import io
import os
import re

from conftest import SOURCE


def blocks(path):
    text = open(path).read()
    return re.findall(r"```(python|text)\n(.*?)```", text, flags=re.S)


def test_python_md_runs_and_prints_what_it_shows(tmp_path, monkeypatch):
    import matplotlib
    matplotlib.use("Agg")
    (tmp_path / "examples").symlink_to(os.path.join(SOURCE, "examples"))
    monkeypatch.chdir(tmp_path)
    namespace = {}
    found = blocks(os.path.join(SOURCE, "docs", "python.md"))
    assert sum(kind == "python" for kind, _ in found) >= 3
    printed = None
    for kind, body in found:
        if kind == "python":
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(body, "docs/python.md", "exec"), namespace)
            printed = out.getvalue()
        else:
            assert printed is not None, "a text block must follow a python block"
            assert printed == body, f"docs/python.md shows:\n{body}\nbut the code prints:\n{printed}"
            printed = None
    png = tmp_path / "retention.png"
    assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10000
