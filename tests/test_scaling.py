"""The whole linter (every rule, every format) grows about linearly on pathological documents.

Times are compared as ratios (double the input, at most ~3x the time; else 4x the input, at most 9x), never against a wall
clock budget, so a slow machine does not fail the test but a quadratic blow-up does (4x).
Sizes are modest; bench/pathological.py runs the large versions and reports figures.
"""

from __future__ import annotations

import time

import pytest

from conftest import make_config
from hostile import HOSTILE
from newslint.document import Document
from newslint.engine import Linter
from newslint.registry import all_rules

LINTER = Linter(make_config(select=[r.code for r in all_rules()]))



def _best(fn, runs: int = 2) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()  # CPU time: other processes on a shared machine do not count
        fn()
        best = min(best, time.process_time() - t0)
    return best


# Known quadratic cases left to their owners (found after merging main; see docs/reliability.md):
# the HTML masker built on html.parser rescans the rest of the text from each unclosed
# <script / <!-- (85 s for 60,000 characters). Not run in CI until fixed (xfail, run=False).
KNOWN_QUADRATIC: set[tuple[str, str]] = set()  # html.parser's unclosed tails are cut off by formats/html.parseable_end
CASES = [
    pytest.param(name, path, marks=[pytest.mark.xfail(run=False, reason="quadratic in formats/html.py (html.parser)")]
                 if (name, path) in KNOWN_QUADRATIC else [])
    for name in sorted(HOSTILE) for path in ("a.txt", "a.md", "a.html")
]


@pytest.mark.parametrize("name,path", CASES)
def test_doubling_input_does_not_quadruple_time(name: str, path: str) -> None:
    build = HOSTILE[name]
    n = 30_000
    small, large = build(n), build(2 * n)

    def run(text: str):
        return lambda: LINTER.lint(Document.from_text(text, path))

    t_small, t_large = _best(run(small)), _best(run(large))
    if t_large < 0.03:
        return  # too fast to measure a ratio reliably; certainly not quadratic at this size
    ratio = t_large / t_small
    if ratio < 3.2:
        return
    # A loaded machine can slow one measurement (shared caches, a busy sibling core): measure a
    # wider step, where linear (~4x) and quadratic (16x) are far apart, best of more runs.
    t_small, t_huge = _best(run(small), 5), _best(run(build(4 * n)), 5)
    ratio = t_huge / t_small
    assert ratio < 9, f"{name} {path}: {t_small:.3f}s -> {t_huge:.3f}s (x{ratio:.1f}) when the input grows 4x"
