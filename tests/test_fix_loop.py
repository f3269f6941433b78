"""The fix loop's edges: overlapping fixes, a loop that never settles, and how it is reported."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Iterator

import pytest

from conftest import make_config
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, replace_fix
from newslint.document import Document
from newslint.engine import Linter
from newslint.fixes import MAX_ROUNDS, fix_text, render_diff, select_edits
from newslint.rules.base import Context, rule
from newslint.runner import RunOptions, run_check


_NEXT = {"ping": "pong", "pong": "pang", "pang": "ping"}


@rule("NL999", "ping-pong", "Test rule whose fixes go round: ping -> pong -> pang -> ping.", fixable=True)
def ping_pong(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """A rule that can never be satisfied, to see the loop stop and say so."""
    for m in re.finditer(r"p[ioa]ng", doc.text):
        other = _NEXT[m.group()]
        yield ping_pong.diagnostic(m.start(), m.end(), "ping-pong", replace_fix(m.start(), m.end(), other, Applicability.SAFE))


def test_a_loop_that_never_settles_stops_after_the_bound() -> None:
    linter = Linter(make_config(), rules=[ping_pong])
    outcome = fix_text("say ping", lambda t: linter.lint(Document.from_text(t)))
    assert not outcome.converged
    assert outcome.applied == MAX_ROUNDS
    assert outcome.text == "say " + ["ping", "pong", "pang"][MAX_ROUNDS % 3]


def test_cli_reports_a_loop_that_did_not_settle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint.engine as engine

    monkeypatch.setattr(engine, "select_rules", lambda config: [ping_pong])
    article = tmp_path / "a.txt"
    article.write_text("say ping\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_check(RunOptions(paths=[str(article)], fix=True, color="never"), out, err)
    assert code == 1
    assert article.read_text(encoding="utf-8") == "say " + ["ping", "pong", "pang"][MAX_ROUNDS % 3] + "\n"
    assert f"newslint: warning: {article}: fixes did not settle after {MAX_ROUNDS} rounds" in err.getvalue()
    assert out.getvalue().strip().endswith(f"Fixed {MAX_ROUNDS} problems in 1 file; 1 left. 1 file did not settle (see warnings).")


def _diag(start: int, end: int, repl: str, applicability: Applicability = Applicability.SAFE) -> Diagnostic:
    return Diagnostic("NL999", "x", "x", start, end, fix=replace_fix(start, end, repl, applicability))


def test_select_edits_skips_overlaps_and_second_insertions_at_one_point() -> None:
    diagnostics = [
        _diag(0, 3, "A"),
        _diag(2, 5, "B"),       # overlaps the first
        _diag(6, 6, " "),
        _diag(6, 6, "  "),      # a second insertion at the same point
        _diag(8, 9, "C", Applicability.UNSAFE),
        _diag(10, 11, "D", Applicability.DISPLAY_ONLY),
    ]
    edits, count = select_edits(diagnostics, Applicability.SAFE)
    assert edits == [Edit(0, 3, "A"), Edit(6, 6, " ")] and count == 2
    edits, count = select_edits(diagnostics, Applicability.UNSAFE)
    assert edits == [Edit(0, 3, "A"), Edit(6, 6, " "), Edit(8, 9, "C")] and count == 3
    multi = Diagnostic("NL999", "x", "x", 0, 9, fix=Fix((Edit(7, 8, "y"), Edit(0, 1, "x")), Applicability.SAFE, "two"))
    edits, count = select_edits([multi], Applicability.SAFE)
    assert edits == [Edit(0, 1, "x"), Edit(7, 8, "y")] and count == 1


def test_render_diff_marks_a_missing_final_newline_and_keeps_crlf() -> None:
    diff = render_diff("./news/a.txt", "one\r\ntwo", "one\r\nTwo")
    assert diff == ("--- a/news/a.txt\n+++ b/news/a.txt\n@@ -1,2 +1,2 @@\n one\r\n-two\n\\ No newline at end of file\n"
                    "+Two\n\\ No newline at end of file\n")
    assert render_diff("a.txt", "same\n", "same\n") == ""
