"""Human output: ``path:line:col: CODE message``, the source window with a caret underline, a summary."""

from __future__ import annotations

import os
import re
import sys
from collections import Counter

from newslint.diagnostics import Applicability, Diagnostic
from newslint.document import Document
from newslint.files import display_path

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from typing import TextIO
    from newslint.runner import FileResult, RunOptions

# How many characters of a long line to show on each side of a finding.
WINDOW = 40


def use_color(opts: "RunOptions", out: TextIO) -> bool:
    if opts.color == "always":
        return True
    if opts.color == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(out, "isatty") and out.isatty()


def _style(text: str, color: bool, **kw: object) -> str:
    if not color:
        return text
    import click

    return click.style(text, **kw)  # type: ignore[arg-type]


def _width(s: str) -> int:
    """Display width: wide East Asian characters take two cells, combining marks none."""
    if s.isascii():  # no ASCII character is wide or combining: one C call instead of two per character
        return len(s)
    # Only the non-ASCII characters (curly quotes, dashes: a few per line) are looked at, each
    # judged once per run: a 10 MB dump's 34,000 excerpts took 0.2 s character by character.
    other = _NON_ASCII.findall(s)
    return len(s) - len(other) + sum(_CELLS[ch] if ch in _CELLS else _cells(ch) for ch in other)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CELLS: dict[str, int] = {}


def _cells(ch: str) -> int:
    """Cells of one non-ASCII character (0 combining, 2 wide, else 1), remembered."""
    import unicodedata  # here: a clean run prints no line, and the module costs ~0.3 ms to load

    n = 0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    _CELLS[ch] = n
    return n


def _printable(s: str) -> str:
    """The excerpt with tabs as spaces and other control characters as U+FFFD (same width).

    An article is untrusted input: echoing its ESC sequences would drive the terminal.
    """
    s = s.replace("\t", " ")
    if s.isprintable():
        return s
    return "".join(ch if ch.isprintable() or ch == " " else "\ufffd" for ch in s)


def excerpt(doc: Document, d: Diagnostic, line: int | None = None) -> tuple[int, str, int, int]:
    """(line number, shown text, caret indent, caret width) for the first line of ``d``
    (``line``: the line of ``d.start`` when the caller knows it)."""
    if line is None:
        line = doc.lines.line_of(d.start)
    ls, le = doc.lines.line_span(line)
    start = d.start
    end = min(max(d.end, d.start + 1), le) if le > start else start + 1
    lo = max(ls, start - WINDOW)
    hi = min(le, max(end, start + 1) + WINDOW)
    prefix = "…" if lo > ls else ""
    suffix = "…" if hi < le else ""
    shown = prefix + _printable(doc.text[lo:hi]) + suffix
    indent = _width(prefix + doc.text[lo:start])
    width = max(1, _width(doc.text[start:end]))
    return line, shown, indent, width


def format_diagnostic(path: str, doc: Document, d: Diagnostic, color: bool) -> str:
    lines = doc.lines
    line = lines.line_of(d.start)
    col = d.start - lines.starts[line - 1] + 1
    if color:
        head = f"{_style(path, color, bold=True)}:{line}:{col}: {_style(d.code, color, fg='red', bold=True)} {d.message}"
        bar = _style("|", color, fg="blue")
    else:  # no styling: the same text without six calls per finding
        head = f"{path}:{line}:{col}: {d.code} {d.message}"
        bar = "|"
    n, shown, indent, width = excerpt(doc, d, line)
    gutter = " " * len(str(n))
    number = _style(str(n), color, fg="blue") if color else str(n)
    caret = _style("^" * width, color, fg="red", bold=True) if color else "^" * width
    parts = [
        head,
        f"{gutter} {bar}",
        f"{number} {bar} {shown}",
        f"{gutter} {bar} {' ' * indent}{caret}",
    ]
    if d.fix is not None:
        parts.append(f"{gutter} = fix ({_LABELS[d.fix.applicability]}): {d.fix.title}")
    elif d.suggestions:
        parts.append(f"{gutter} = suggestion: {', '.join(d.suggestions)}")
    return "\n".join(parts)


def format_plain(path: str, doc: Document, diagnostics: list[Diagnostic], after: str = "") -> list[str]:
    """``format_diagnostic(path, doc, d, color=False) + after`` for each of ``diagnostics``, in one loop.

    Why: a scraped dump's report has tens of thousands of findings (34,010 for the 10 MB
    benchmark file), printed after the lint, on the run's critical path; one loop over the
    line starts with everything inlined (no excerpt tuple, no line-index method calls, the
    width and control-character tests only on a line that needs them) takes about half the
    time. format_diagnostic stays the reference (and the colored path); tests/test_report_bulk.py
    compares the two on odd texts (wide characters, tabs, CRLF, control characters).
    """
    from bisect import bisect_right

    text = doc.text
    starts = doc.lines.starts
    count = len(starts)
    total = len(text)
    labels = _LABELS
    out = []
    append = out.append
    for d in diagnostics:
        start = d.start
        line = bisect_right(starts, start)
        ls = starts[line - 1]
        if line < count:  # a line break ends the line: "\n", "\r\n" or "\r" (LineIndex's endings)
            le = starts[line] - 1
            if le > ls and text[le] == "\n" and text[le - 1] == "\r":
                le -= 1
        else:
            le = total
            while le > ls and text[le - 1] in "\r\n":
                le -= 1
        if le > start:
            end = d.end
            if end <= start:
                end = start + 1
            elif end > le:
                end = le
        else:
            end = start + 1
        lo = start - WINDOW if start - WINDOW > ls else ls
        hi = end + WINDOW if end + WINDOW < le else le
        window = text[lo:hi]
        if window.isascii() and window.isprintable():  # the usual line: one cell a character
            shown = window
            indent = start - lo
            width = end - start
        else:
            shown = _printable(window)
            indent = _width(text[lo:start])
            width = max(1, _width(text[start:end]))
        if lo > ls:
            shown = "…" + shown
            indent += 1
        if hi < le:
            shown += "…"
        number = str(line)
        gutter = " " * len(number)
        entry = (f"{path}:{line}:{start - ls + 1}: {d.code} {d.message}\n{gutter} |\n{number} | {shown}\n"
                 f"{gutter} | {' ' * indent}{'^' * width}")
        fix = d.fix
        if fix is not None:
            entry += f"\n{gutter} = fix ({labels[fix.applicability]}): {fix.title}{after}"
        elif d.suggestions:
            entry += f"\n{gutter} = suggestion: {', '.join(d.suggestions)}{after}"
        elif after:
            entry += after
        append(entry)
    return out


# Applicability.label once per member (an enum property costs a Python call per finding).
_LABELS = {a: a.label for a in Applicability}


def summary(results: list["FileResult"], opts: "RunOptions | None" = None) -> str:
    files = sum(1 for r in results if r.doc is not None)
    found = [d for r in results for d in r.diagnostics]
    errors = sum(1 for r in results if r.error)
    plural = "s" if files != 1 else ""
    unsafe_ok = bool(getattr(opts, "unsafe_fixes", False))
    fixing = bool(getattr(opts, "fixing", False))
    if fixing:
        text = fix_summary(results, found, unsafe_ok)
    elif not found:
        text = f"All clear: {files} file{plural} checked, no problems found."
    else:
        fixes = Counter([d.fix.applicability for d in found if d.fix is not None])
        fixable, hidden = fixes[Applicability.SAFE], fixes[Applicability.UNSAFE]
        text = f"Found {len(found)} problem{'s' if len(found) != 1 else ''} in {files} file{plural}."
        if unsafe_ok and fixable + hidden:
            text += f" {fixable + hidden} fixable with --fix --unsafe-fixes ({hidden} of them unsafe)."
        else:
            if fixable:
                text += f" {fixable} fixable with --fix."
            if hidden:
                text += f" {hidden} more with --unsafe-fixes."
    if errors:
        text += f" {errors} path{'s' if errors != 1 else ''} could not be checked{' or written' if fixing else ''} (see errors above)."
    return text


def fix_summary(results: list["FileResult"], left: list[Diagnostic], unsafe_ok: bool) -> str:
    """After --fix: how many were fixed, in how many files, and how many are left."""
    fixed = sum(r.fixed for r in results)
    files = sum(1 for r in results if r.fixed)
    where = f" in {files} file{'s' if files != 1 else ''}" if files else ""
    text = f"Fixed {fixed} problem{'s' if fixed != 1 else ''}{where}; {len(left)} left."
    hidden = sum(1 for d in left if d.fix and d.fix.applicability == Applicability.UNSAFE)
    if hidden and not unsafe_ok:
        text += f" {hidden} of them fixable with --unsafe-fixes."
    unsettled = sum(1 for r in results if not r.converged)
    if unsettled:
        text += f" {unsettled} file{'s' if unsettled != 1 else ''} did not settle (see warnings)."
    return text


def statistics_table(results: list["FileResult"]) -> str:
    from tabulate import tabulate

    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[tuple[str, str]] = Counter()
    for r in results:
        for d in r.diagnostics:
            counts[(d.code, d.name)] += 1
            if d.fix and d.fix.applicability == Applicability.SAFE:
                fixable[(d.code, d.name)] += 1
    rows = [(c, n, k, fixable[(c, n)]) for (c, n), k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return tabulate(rows, headers=["code", "rule", "count", "fixable"], tablefmt="simple")


def report(results: list["FileResult"], out: TextIO, opts: "RunOptions") -> None:
    color = use_color(opts, out)
    if not opts.quiet:
        for r in results:
            if r.doc is None:
                continue
            path = display_path(r.path)
            if color:
                for d in r.diagnostics:
                    out.write(format_diagnostic(path, r.doc, d, color) + "\n\n")
            else:
                # One write a finding (not one big string: 28 MB for the 10 MB benchmark file).
                for entry in format_plain(path, r.doc, r.diagnostics, "\n\n"):
                    out.write(entry)
    if opts.statistics:
        out.write(statistics_table(results) + "\n\n")
    if not opts.quiet or any(r.diagnostics or r.fixed for r in results):
        out.write(summary(results, opts) + "\n")
    if out is sys.stdout:
        out.flush()
