"""Article units the hygiene rules share: normalized paragraphs, line segments, line removal.

Kept apart from the rules so that duplicates, boilerplate and story detection read an article
the same way in every format (plain text, Markdown, HTML).
"""

from __future__ import annotations

import re

from newslint.diagnostics import Edit
from newslint.document import Document
from newslint.records import _set, record

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "`": "'"})


def normalize(text: str) -> str:
    """Compare text with whitespace and quote style aside ("a  “b”" == "a \\"b\\"")."""
    return " ".join(text.translate(_QUOTES).split())


@record("start", "end", "text", "line", frozen=True)
class Segment:
    """A stripped piece of prose: one line of one paragraph (a whole paragraph in news text)."""

    start: int
    end: int
    text: str  # the prose (markup blanked), stripped
    line: int  # 1-based line of ``start``

    def __init__(self, start: int, end: int, text: str, line: int) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "text", text)
        _set(self, "line", line)


def segments(doc: Document) -> list[Segment]:
    """Each paragraph cut at line breaks, stripped; empty pieces dropped.

    Boilerplate sits on lines of its own ("Read more"), so lines are its unit; in HTML a line
    can hold several blocks ("<li>Share</li><li>Tweet</li>"), so paragraphs bound it too.
    """
    prose = doc.prose
    out: list[Segment] = []
    for ps, pe in doc.paragraphs:
        for m in re.finditer(r"[^\r\n]+", prose[ps:pe]):
            raw = m.group()
            text = raw.strip()
            if not text:
                continue
            s = ps + m.start() + (len(raw) - len(raw.lstrip()))
            out.append(Segment(s, s + len(text), text, doc.lines.line_of(s)))
    return out


def removal_edit(doc: Document, start: int, end: int) -> Edit | None:
    """An edit removing the whole lines of ``[start, end)`` with one line break.

    None when those lines hold something else (a table row, a second HTML block), because
    removing them would take more than the unit with it. Blank lines stay single: when the
    unit had a blank line before it, the blank lines after it go too; when nothing but
    whitespace follows the unit, the line breaks before it go, so the file keeps its end.
    """
    text, lines, prose = doc.text, doc.lines, doc.prose
    first, last = lines.line_of(start), lines.line_of(max(start, end - 1))
    ls = lines.starts[first - 1]
    le = lines.line_span(last)[1]
    if prose[ls:start].strip() or prose[end:le].strip():
        return None
    if doc.format == "html" and not _OWN_ELEMENT.match(text, ls, le):
        return None
    if le >= doc.prose_end:  # nothing but whitespace or markup follows
        if first == 1:
            return Edit(ls, le, "")
        p = ls
        while p > 0 and text[p - 1] in " \t\r\n":
            p -= 1
        return Edit(p, le, "")

    def blank(n: int) -> bool:
        a, b = lines.line_span(n)
        return not prose[a:b].strip()

    stop = lines.starts[last]
    if first == 1 or blank(first - 1):
        n = last + 1
        while n <= lines.count and blank(n):
            n += 1
        stop = lines.starts[n - 1]
    return Edit(ls, stop, "")


# An HTML line holding exactly one element ("<p>...</p>"), whose removal keeps the markup valid.
_OWN_ELEMENT = re.compile(r"[ \t]*<(\w+)[^>]*>.*</\1>[ \t]*$")
