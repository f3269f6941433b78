"""newslint on the oldest Python it claims (pyproject: requires-python >= 3.10) finds what it finds here.

Why: the suite runs on one interpreter (3.11 here). A possessive quantifier (3.11+ syntax) in
NL404's pattern data once made every file an "internal error" on 3.10 while every test passed.
scripts/test builds a 3.10 environment with the runtime dependencies when a Python 3.10 is
installed and names it in NEWSLINT_PY310; this test lints the seeds and texts in each format
with it (this checkout on PYTHONPATH) and compares every finding with this interpreter's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SEEDS

PY310 = os.environ.get("NEWSLINT_PY310", "")

pytestmark = pytest.mark.skipif(
    not PY310, reason="no Python 3.10 environment: scripts/test makes one when a Python 3.10 is installed")

SAMPLES = {
    "page.md": "# Talks in Beijing\n\nThe the leaders met on Tuesday,and agreed .\n\n"
               "Visa | Mastercard | PayPal\n\nSign up for our daily newsletter\n\n"
               "See [the report](https://example.com/report).\n",
    "page.html": "<html><body><p>north korean troops were seen.</p><p>Visa / Amex / Apple Pay</p>"
                 "<p>Accept all cookies</p><script>var a = 'othre';</script></body></html>\n",
}


def _findings(python: str, folder: Path) -> list[tuple]:
    env = dict(os.environ, PYTHONPATH=str(REPO), NO_COLOR="1")
    proc = subprocess.run([python, "-m", "newslint", "check", "--format", "json", "--no-cache", "--no-grammar",
                           "--exit-zero", "."], cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr
    data = json.loads(proc.stdout)
    return sorted((Path(d["path"]).name, d["code"], json.dumps(d, sort_keys=True)) for d in data["diagnostics"])


def test_the_environment_is_python_310() -> None:
    out = subprocess.run([PY310, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True)
    assert out.stdout.strip() == "(3, 10)"


def test_python_310_finds_what_this_interpreter_finds(tmp_path: Path) -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, tmp_path / seed.name)
    for name, text in SAMPLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    here = _findings(sys.executable, tmp_path)
    codes = {c for _, c, *_ in here}
    assert {"NL101", "NL202", "NL401", "NL404"} <= codes, codes  # spelling, names, repeats, boilerplate all ran
    assert {n for n, *_ in here} >= {"page.md", "page.html"}
    assert _findings(PY310, tmp_path) == here

