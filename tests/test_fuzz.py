"""Bounded fuzzing of document parsing and every rule, for Markdown and HTML inputs.

Hypothesis generates structure-aware Markdown and HTML (well-formed, half-formed and
broken constructs mixed with hostile Unicode and injected errors) and checks the same
promises as test_properties.py. The run is bounded by time, not by example count:
NEWSLINT_FUZZ_SECONDS (default 6 per format in CI) sets the budget; for a long run:

    NEWSLINT_FUZZ_SECONDS=600 python -m pytest -q tests/test_fuzz.py

Any failure hypothesis finds is printed as a minimal example: add it to
tests/test_regressions.py under the name of the bug.
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings

from strategies import html_text, markdown_text
from test_properties import check_diagnostics, check_document, check_edits_keep_outside, check_fix_idempotent

BUDGET = float(os.environ.get("NEWSLINT_FUZZ_SECONDS", "6"))
ROUND = settings(max_examples=100, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@ROUND
@given(text=markdown_text())
def _markdown_round(text: str) -> None:
    _check(text, "story.md")


@ROUND
@given(text=html_text())
def _html_round(text: str) -> None:
    _check(text, "story.html")


def _check(text: str, path: str) -> None:
    doc = check_document(text, path)
    found = check_diagnostics(doc)
    check_edits_keep_outside(text, found)
    check_fix_idempotent(text, path)


@pytest.mark.parametrize("round_", [_markdown_round, _html_round], ids=["markdown", "html"])
def test_fuzz_for_a_bounded_time(round_) -> None:
    end = time.monotonic() + BUDGET
    rounds = 0
    while rounds == 0 or time.monotonic() < end:
        round_()  # 100 fresh random examples per round (no database: new inputs each time)
        rounds += 1
