"""Article units the hygiene rules share: normalized paragraphs, line segments, line removal.

Kept apart from the rules so that duplicates, boilerplate and story detection read an article
the same way in every format (plain text, Markdown, HTML).
"""

from __future__ import annotations

import re
from collections import namedtuple
from functools import lru_cache

from newslint.diagnostics import Edit
from newslint.document import Document

_QUOTE_PAIRS = (("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'),
                ("‘", "'"), ("’", "'"), ("‚", "'"), ("`", "'"))
_QUOTES = str.maketrans(dict(_QUOTE_PAIRS))


def fold_quotes(text: str) -> str:
    """``text.translate(_QUOTES)``, done as one ``str.replace`` per mark present.

    Why: translate with a mapping costs a dictionary lookup per character (0.1 s for 2 MB);
    replace scans in C (1 ms). One character for one, so offsets do not move.
    """
    for mark, plain in _QUOTE_PAIRS:
        if mark in text:
            text = text.replace(mark, plain)
    return text


def normalize(text: str) -> str:
    """Compare text with whitespace and quote style aside ("a  “b”" == "a \\"b\\"")."""
    return " ".join(fold_quotes(text).split())


@lru_cache(maxsize=4)
def folded_text(text: str) -> str:
    """A whole document's text with quotes folded once: ``normalize(text[a:b])`` is then
    ``" ".join(folded_text(text)[a:b].split())`` for any span, without a fold per unit."""
    return fold_quotes(text)


def normalized_span(text: str, start: int, end: int) -> str:
    """``normalize(text[start:end])``, reusing the document's folded text."""
    return " ".join(folded_text(text)[start:end].split())


class Segment(namedtuple("Segment", "start end text line")):
    """A stripped piece of prose: one line of one paragraph (a whole paragraph in news text).

    A named tuple: an article file of 10 MB has 60,000 of them, and a frozen record costs an
    attribute set per field (collections.namedtuple, not typing.NamedTuple: no typing import
    at start-up).
    """

    __slots__ = ()
    # start, end: offsets; text: the prose (markup blanked), stripped; line: 1-based line of start


_LINE = re.compile(r"[^\r\n]+")


def segments(doc: Document) -> list[Segment]:
    """Each paragraph cut at line breaks, stripped; empty pieces dropped.

    Boilerplate sits on lines of its own ("Read more"), so lines are its unit; in HTML a line
    can hold several blocks ("<li>Share</li><li>Tweet</li>"), so paragraphs bound it too.
    """
    prose = doc.prose
    line_of = doc.lines.line_of
    out: list[Segment] = []
    for ps, pe in doc.paragraphs:
        piece = prose[ps:pe]
        if "\n" not in piece and "\r" not in piece:  # one line (news: a paragraph per line)
            text = piece.strip()
            if text:
                s = ps + (len(piece) - len(piece.lstrip()))
                out.append(Segment(s, s + len(text), text, line_of(s)))
            continue
        for m in _LINE.finditer(piece):
            raw = m.group()
            text = raw.strip()
            if not text:
                continue
            s = ps + m.start() + (len(raw) - len(raw.lstrip()))
            out.append(Segment(s, s + len(text), text, line_of(s)))
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

    starts = lines.starts
    total = len(text)

    def blank(n: int) -> bool:
        # The whole line, its line break included: strip() drops that too (no line_span call).
        return not prose[starts[n - 1]:starts[n] if n < len(starts) else total].strip()

    stop = lines.starts[last]
    if first == 1 or blank(first - 1):
        n = last + 1
        while n <= lines.count and blank(n):
            n += 1
        stop = lines.starts[n - 1]
    return Edit(ls, stop, "")


# An HTML line holding exactly one element ("<p>...</p>"), whose removal keeps the markup valid.
_OWN_ELEMENT = re.compile(r"[ \t]*<(\w+)[^>]*>.*</\1>[ \t]*$")
