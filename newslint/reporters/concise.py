"""Concise output: ``path:line:col: CODE [*] message``, one line per finding, then the summary.

``[*]`` marks a finding with a safe fix (applied by ``--fix``). No source excerpt, so editors'
quickfix lists and ``grep`` read it directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from newslint.diagnostics import Applicability
from newslint.reporters.text import statistics_table, summary

if TYPE_CHECKING:
    from newslint.runner import FileResult, RunOptions


def report(results: list["FileResult"], out: TextIO, opts: "RunOptions") -> None:
    for r in results:
        if r.doc is None or opts.quiet:
            continue
        for d in r.diagnostics:
            line, col = r.doc.lines.position(d.start)
            mark = "[*] " if d.fix is not None and d.fix.applicability == Applicability.SAFE else ""
            out.write(f"{r.path}:{line}:{col}: {d.code} {mark}{d.message}\n")
    if opts.statistics:
        out.write(statistics_table(results) + "\n")
    if not opts.quiet or any(r.diagnostics or r.fixed for r in results):
        out.write(summary(results, opts) + "\n")
