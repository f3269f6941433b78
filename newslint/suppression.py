"""Inline suppression comments, markdownlint style, that work in .txt and .md alike.

    <!-- newslint-disable-next-line NL101 -->   the next line
    <!-- newslint-disable-line NL101 -->        this line
    <!-- newslint-disable NL101 NL2 -->         from here ...
    <!-- newslint-enable NL101 -->              ... to here (no codes: all)
    <!-- newslint-disable-file -->              the whole file

Codes are prefixes ("NL1" covers NL101..NL199); no codes means every rule.
"""

from __future__ import annotations

import bisect
import re

from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.records import _set, record

_DIRECTIVE = re.compile(
    # The code list is bounded ({0,300}): an unbounded lazy run rescanned the rest of the
    # text from every unclosed directive (quadratic).
    r"<!--\s*newslint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]{0,300}?)-->",
    re.I,
)


@record(frozen=True)
class _Region:
    start: int
    end: int
    codes: tuple[str, ...]  # empty: all codes

    def __init__(self, start: int, end: int, codes: tuple[str, ...]) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "codes", codes)

    def covers(self, d: Diagnostic) -> bool:
        if not (self.start <= d.start < self.end):
            return False
        return not self.codes or any(d.code.upper().startswith(c) for c in self.codes)


def _regions(doc: Document) -> list[_Region]:
    text, lines = doc.text, doc.lines
    regions: list[_Region] = []
    open_: dict[tuple[str, ...], int] = {}
    for m in _DIRECTIVE.finditer(text):
        kind = m.group(1).lower()
        codes = tuple(c.upper() for c in re.findall(r"[A-Za-z]+[:\w]*", m.group(2)))
        line = lines.line_of(m.start())
        if kind == "disable-file":
            regions.append(_Region(0, len(text) + 1, codes))
        elif kind == "disable-line":
            s, e = lines.line_span(line)
            regions.append(_Region(s, e + 1, codes))
        elif kind == "disable-next-line":
            if line < lines.count:
                s, e = lines.line_span(line + 1)
                regions.append(_Region(s, e + 1, codes))
        elif kind == "disable":
            open_.setdefault(codes, m.end())
        else:  # enable
            for key in list(open_):
                if not codes or key == codes or set(codes) & set(key):
                    regions.append(_Region(open_.pop(key), m.start(), key))
    for key, start in open_.items():
        regions.append(_Region(start, len(text) + 1, key))
    return regions


def apply_suppressions(doc: Document, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop the diagnostics that a suppression comment covers."""
    if "newslint-" not in doc.text:
        return diagnostics
    # Regions are grouped by their code list and each group indexed (sorted starts, running
    # maximum of ends), so each diagnostic costs a bisect per group: a file with a directive
    # per paragraph and findings in each was quadratic when every region was tried.
    groups: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for r in _regions(doc):
        groups.setdefault(r.codes, []).append((r.start, r.end))
    index = []
    for codes, spans in groups.items():
        spans.sort()
        starts, max_ends, top = [], [], -1
        for s, e in spans:
            starts.append(s)
            top = max(top, e)
            max_ends.append(top)
        index.append((codes, starts, max_ends))

    def suppressed(d: Diagnostic) -> bool:
        code = d.code.upper()
        for codes, starts, max_ends in index:
            if codes and not any(code.startswith(c) for c in codes):
                continue
            i = bisect.bisect_right(starts, d.start)
            if i and max_ends[i - 1] > d.start:
                return True
        return False

    return [d for d in diagnostics if not suppressed(d)]
