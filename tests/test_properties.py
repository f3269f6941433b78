"""Property tests: on any text, in any format, the core never crashes and keeps its promises.

Promises checked on every generated input (see docs/reliability.md, "Guarantees"):
- Document.from_text and the Linter with every rule (default-off ones too) raise nothing;
- ``prose`` has the text's length and keeps every line break where it was;
- every diagnostic and edit span lies inside the text and never splits a CRLF pair;
- the line/column the reporters print match the offsets (checked against a character walk);
- select_edits never returns overlapping edits; apply_edits keeps every character outside them;
- fix_text converges and is idempotent: fixing the fixed text changes nothing.
"""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import make_config
from newslint.diagnostics import Applicability
from newslint.document import Document
from newslint.engine import Linter
from newslint.fixes import apply_edits, fix_text, select_edits
from newslint.registry import all_rules
from newslint.reporters import json as json_reporter
from newslint.reporters import text as text_reporter
from strategies import PATHS, any_text, article_text, long_line

SETTINGS = settings(max_examples=int(__import__("os").environ.get("NEWSLINT_PROP_EXAMPLES", "250")), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _linter() -> Linter:
    """Every rule, including the ones that are off by default."""
    return Linter(make_config(select=[r.code for r in all_rules()]))


LINTER = _linter()


def reference_positions(text: str) -> list[tuple[int, int]]:
    """(line, column) of every offset 0..len(text), by one walk over the characters.

    \\r\\n, \\r and \\n each end a line (as in LSP). The offset between the \\r and \\n of a pair
    gets the position after the \\r (no diagnostic may start there; checked separately).
    """
    out: list[tuple[int, int]] = []
    line, col = 1, 1
    for i, ch in enumerate(text):
        out.append((line, col))
        if ch == "\n" or (ch == "\r" and text[i + 1:i + 2] != "\n"):
            line, col = line + 1, 1
        elif ch == "\r":
            col += 1  # first half of \r\n: the line ends after the \n
        else:
            col += 1
    out.append((line, col))
    return out


def splits_crlf(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"


def check_document(text: str, path: str) -> Document:
    doc = Document.from_text(text, path)
    assert len(doc.prose) == len(text)
    for i, ch in enumerate(text):
        if ch in "\r\n":
            assert doc.prose[i] == ch
    for s in doc.masks:
        assert 0 <= s.start <= s.end <= len(text)
    for a, b in doc.paragraphs:
        assert 0 <= a <= b <= len(text)
    for a, b in doc.quotes:
        assert 0 <= a <= b <= len(text)
    return doc


def check_diagnostics(doc: Document) -> list:
    text = doc.text
    found = LINTER.lint(doc)
    positions = reference_positions(text) if found else []
    for d in found:
        assert 0 <= d.start <= d.end <= len(text), d
        assert not splits_crlf(text, d.start) and not splits_crlf(text, d.end), d
        record = json_reporter.diagnostic_dict(doc.path, doc, d)
        assert (record["line"], record["column"]) == positions[d.start]
        assert (record["end_line"], record["end_column"]) == positions[d.end]
        assert record["text"] == text[d.start:d.end]
        line, col = doc.lines.position(d.start)
        assert doc.lines.offset(line, col) == d.start
        ls, le = doc.lines.line_span(line)
        assert ls <= d.start <= le or d.start == d.end == ls
        header = text_reporter.format_diagnostic(doc.path, doc, d, color=False).split("\n", 1)[0]
        assert header.startswith(f"{doc.path}:{line}:{col}: {d.code} ")
        if d.fix is not None:
            assert d.fix.edits
            edits = sorted(d.fix.edits, key=lambda e: (e.start, e.end))
            for e in edits:
                assert 0 <= e.start <= e.end <= len(text), e
                assert not splits_crlf(text, e.start) and not splits_crlf(text, e.end), e
            for a, b in zip(edits, edits[1:]):
                assert a.end <= b.start, (a, b)
    return found


def check_edits_keep_outside(text: str, found: list) -> None:
    for minimum in Applicability:
        edits, count = select_edits(found, minimum)
        assert count <= len(found)
        for a, b in zip(edits, edits[1:]):
            assert a.end <= b.start, f"overlapping edits {a} {b}"
            assert not (a.start == a.end == b.start == b.end), f"two insertions at one point {a} {b}"
        out = apply_edits(text, edits)
        # Every character outside the edits is kept, in order, at the shifted position.
        pos, shift = 0, 0
        for e in edits:
            assert out[pos + shift:e.start + shift] == text[pos:e.start]
            shift += len(e.replacement) - (e.end - e.start)
            pos = e.end
        assert out[pos + shift:] == text[pos:]


def check_fix_idempotent(text: str, path: str) -> None:
    def lint(t: str) -> list:
        return LINTER.lint(Document.from_text(t, path))

    for minimum in (Applicability.SAFE, Applicability.UNSAFE):
        first = fix_text(text, lint, minimum)
        assert first.converged, (text, first.text)
        second = fix_text(first.text, lint, minimum)
        assert second.applied == 0 and second.text == first.text


@SETTINGS
@given(text=any_text, path=st.sampled_from(PATHS))
def test_any_text_lints_within_bounds(text: str, path: str) -> None:
    doc = check_document(text, path)
    found = check_diagnostics(doc)
    check_edits_keep_outside(text, found)


@SETTINGS
@given(text=article_text(), path=st.sampled_from(PATHS))
def test_fixing_converges_and_is_idempotent(text: str, path: str) -> None:
    check_fix_idempotent(text, path)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=long_line, path=st.sampled_from(PATHS))
def test_very_long_lines(text: str, path: str) -> None:
    doc = check_document(text, path)
    found = check_diagnostics(doc)
    check_edits_keep_outside(text, found)


@SETTINGS
@given(text=article_text())
def test_text_and_json_reporters_never_fail(text: str) -> None:
    from newslint.runner import FileResult, RunOptions

    doc = Document.from_text(text, "a.txt")
    result = FileResult("a.txt", LINTER.lint(doc), doc)
    opts = RunOptions(paths=["a.txt"], color="always", statistics=True)
    text_reporter.report([result], io.StringIO(), opts)
    json_reporter.report([result], io.StringIO(), opts)
