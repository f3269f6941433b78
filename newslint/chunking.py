"""Lint very large texts in pieces, so memory stays bounded by the piece, not the file.

A whole Document holds, besides the text, its prose copy, masks, paragraphs, quotations
and every rule's intermediate lists; for a 50-100 MB scraped dump that multiplies the
file size several times. Big texts are therefore cut at paragraph boundaries (a blank
line, else a line break, else a space; a hard cut only in a space-free run), each piece
is linted as its own Document, and the diagnostics are shifted back to offsets in the
whole text. Suppression comments are applied once more over the whole text, so a
``newslint-disable`` region that spans pieces still works.

Limits (documented in docs/reliability.md): document-level rules see one piece at a time
(e.g. "a capitalized form used elsewhere in the article" only looks within the piece);
pieces are about CHUNK_CHARS long, far larger than any news article, so articles are
never split.
"""

from __future__ import annotations


from newslint import records
from newslint.diagnostics import Diagnostic, Edit, Fix
from newslint.document import Document

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from newslint.engine import Linter

# Texts longer than this (code points) are linted in pieces of about this size.
CHUNK_CHARS = 2_000_000
# How far past the target size to look for a good boundary before settling for a worse one.
_SEARCH = 200_000


def split_points(text: str, size: int | None = None) -> list[int]:
    """Offsets where pieces start: 0, then boundaries after blank lines (or line breaks, spaces)."""
    size = size or CHUNK_CHARS
    points = [0]
    n = len(text)
    pos = 0
    while n - pos > size:
        target = pos + size
        window_end = min(n, target + min(_SEARCH, size // 2))
        cut = -1
        for sep in ("\n\n", "\r\n\r\n", "\r\r", "\n", "\r", " "):
            i = text.find(sep, target, window_end)
            if i >= 0:
                cut = i + len(sep)
                break
        if cut < 0:
            cut = target  # one huge run without a space: any cut is as good as another
        # Never split a CRLF pair.
        if text[cut - 1:cut + 1] == "\r\n":
            cut += 1
        points.append(cut)
        pos = cut
    return points


def _shift(d: Diagnostic, by: int) -> Diagnostic:
    fix = d.fix
    if fix is not None:
        fix = Fix(tuple(Edit(e.start + by, e.end + by, e.replacement) for e in fix.edits), fix.applicability, fix.title)
    return records.replace(d, start=d.start + by, end=d.end + by, fix=fix)


def is_large(text: str) -> bool:
    return len(text) > CHUNK_CHARS


def lint_large(linter: "Linter", doc: Document, size: int | None = None) -> list[Diagnostic]:
    """``linter.lint(doc)``, in pieces when the text is longer than ``size`` (default CHUNK_CHARS)."""
    from newslint.suppression import apply_suppressions

    size = size or CHUNK_CHARS
    text = doc.text
    if len(text) <= size:
        return linter.lint(doc)
    points = split_points(text, size) + [len(text)]
    found: list[Diagnostic] = []
    for a, b in zip(points, points[1:]):
        piece = Document.from_text(text[a:b], doc.path, doc.format)
        found.extend(_shift(d, a) for d in linter.lint(piece))
        del piece
    return apply_suppressions(doc, found)


def reporting_document(text: str, path: str) -> Document:
    """A Document for line/column and excerpts only: masks are not computed for the whole text."""
    from newslint import formats

    return Document(text=text, path=path, format=formats.format_for_path(path), masks=())
