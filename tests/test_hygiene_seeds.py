"""The done-when of issue 7 on the seed articles, pinned to lines."""

from __future__ import annotations

import pytest

from conftest import SEEDS, lint
from newslint.document import Document
from newslint.fixes import fix_text
from newslint.diagnostics import Applicability

HYGIENE = ["NL402", "NL403", "NL404", "NL405", "NL406", "NL407", "NL408"]


def _seed(prefix: str) -> tuple[str, Document]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, Document.from_text(text, str(path))


def _lines(prefix: str, code: str) -> list[tuple[int, int]]:
    """(first line, last line) of each finding of ``code`` on a seed."""
    text, doc = _seed(prefix)
    out = []
    for d in lint(text, path=doc.path, select=HYGIENE):
        if d.code == code:
            out.append((doc.lines.line_of(d.start), doc.lines.line_of(max(d.start, d.end - 1))))
    return out


def test_seed_004_repeated_block_is_one_finding_per_copied_paragraph():
    text, doc = _seed("004")
    found = [d for d in lint(text, path=doc.path, select=HYGIENE)]
    assert {d.code for d in found} == {"NL402"}
    assert [doc.lines.line_of(d.start) for d in found] == list(range(9, 16))
    for d in found:
        copy_line = doc.lines.line_of(d.start)
        assert f"repeats line {copy_line - 7}" in d.message
        assert "block of 7 repeated paragraphs, lines 9-15" in d.message
        assert d.fix is not None and d.fix.applicability is Applicability.SAFE


def test_seed_004_fix_removes_the_copies_and_keeps_the_originals():
    text, doc = _seed("004")
    outcome = fix_text(text, lambda t: lint(t, path=doc.path, select=["NL402"]))
    assert outcome.converged and outcome.applied == 7
    # The seed has no final newline; the fixed file keeps that ending.
    assert not text.endswith("\n")
    assert outcome.text == "".join(text.splitlines(keepends=True)[:8]).rstrip("\n")


def test_seed_000_boilerplate_at_head_and_tail():
    assert _lines("000", "NL404") == [(1, 1), (25, 52)]


def test_seed_003_boilerplate_and_second_story():
    assert _lines("003", "NL404") == [(54, 58)]
    assert _lines("003", "NL408") == [(20, 20)]
    text, doc = _seed("003")
    story = [d for d in lint(text, path=doc.path, select=["NL408"])][0]
    assert "Tianjin, China (AFP) Sept 1, 2025" in story.message and "line 21" in story.message


@pytest.mark.parametrize("prefix", ["001", "002"])
def test_no_hygiene_findings_on_clean_seeds(prefix):
    text, doc = _seed(prefix)
    assert lint(text, path=doc.path, select=HYGIENE) == []


def test_no_other_hygiene_findings_on_the_seeds():
    """000, 003 and 004 have only the findings pinned above (NL407 is off by default)."""
    for prefix, codes in (("000", {"NL404"}), ("003", {"NL404", "NL408"}), ("004", {"NL402"})):
        text, doc = _seed(prefix)
        assert {d.code for d in lint(text, path=doc.path, select=["NL4"])} - {"NL401"} == codes
