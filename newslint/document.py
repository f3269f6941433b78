"""The immutable Document: original text, line index, masks and derived views.

Masking never moves text: ``Document.prose`` is the original with every masked
character replaced by a space (newlines kept), so every offset a rule finds in
``prose`` is also an offset into ``text``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator

# Kinds of mask. NON_PROSE spans are blanked in ``prose``; role spans are not.
NON_PROSE = frozenset({"url", "email", "handle", "hashtag", "code", "front-matter", "html", "comment", "markup"})
# Role span from format parsers: one prose block (paragraph, heading, list item, HTML block).
PARAGRAPH = "paragraph"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


class LineIndex:
    """Maps code-point offsets to 1-based (line, column) and back, with bisect."""

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        for m in re.finditer(r"\r\n|\n|\r", text):
            starts.append(m.end())
        self.starts = starts

    def line_of(self, offset: int) -> int:
        """1-based line number of ``offset``."""
        return bisect.bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self.starts[line - 1] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Start and end offsets of ``line`` without its line ending."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self._text)
        while end > start and self._text[end - 1] in "\r\n":
            end -= 1
        return start, end

    def line_text(self, line: int) -> str:
        start, end = self.line_span(line)
        return self._text[start:end]

    @property
    def count(self) -> int:
        return len(self.starts)


# Plain-text masks: things that are not prose even in a .txt file.
_URL = r"(?:https?://|ftp://|www\.)[^\s<>\"'“”‘’()\[\]]+(?<![.,;:!?])"
_BARE_DOMAIN = r"(?<![A-Za-z0-9.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|gov|edu|int|mil|info|biz|io|co|uk|de|fr|ru|cn|jp|in|eu|us|ca|au|tv|me|ly|news)\b(?:/[^\s<>\"'“”]*)?"
# The look-behinds (not \\b) make each address start only at the head of its run of
# characters: with \\b, "a.a.a.a..." was retried from every letter (quadratic).
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
_HANDLE = r"(?<![\w@])@\w{1,30}"
_HASHTAG = r"(?<![\w#&])#[^\W\d_]\w*"
_PLAIN_MASKS = re.compile(
    "|".join(f"(?P<{k}>{p})" for k, p in [
        ("url", _URL), ("email", _EMAIL),
        ("handle", _HANDLE), ("hashtag", _HASHTAG), ("domain", _BARE_DOMAIN),
    ]),
    re.S,
)

WORD_RE = re.compile(r"[^\W\d_](?:[\w’'\-.]*[^\W_])?")

# Paragraphs: a line longer than this means "one paragraph per line" text.
_LONG_LINE = 120


def comment_spans(text: str) -> list[tuple[int, int]]:
    """``<!-- ... -->`` spans, found with ``str.find``.

    A regex ``<!--.*?-->`` rescans to the end of the text from every unclosed ``<!--``
    (quadratic on "<!--<!--<!--..."); here an unclosed comment ends the search.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            return spans
        end = text.find("-->", start + 4)
        if end < 0:
            return spans
        spans.append((start, end + 3))
        pos = end + 3


def plain_masks(text: str) -> list[Span]:
    """URLs, e-mail addresses, @handles, #hashtags, domains and HTML comments.

    Comments win over anything inside them; the other masks are searched between comments.
    """
    spans = []
    pos = 0
    for cs, ce in [*comment_spans(text), (len(text), len(text))]:
        for m in _PLAIN_MASKS.finditer(text, pos, cs):
            kind = m.lastgroup or "url"
            spans.append(Span(m.start(), m.end(), "url" if kind == "domain" else kind))
        if cs < ce:
            spans.append(Span(cs, ce, "comment"))
        pos = ce
    return spans


def _union(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Starts and running maximum of ends of ``spans`` sorted by start (for bisect queries)."""
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    max_ends: list[int] = []
    top = -1
    for _, e in spans:
        top = max(top, e)
        max_ends.append(top)
    return starts, max_ends


_NOT_NEWLINE = re.compile(r"[^\r\n]+")


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Sort spans by start; overlapping ones are kept (kinds differ)."""
    return tuple(sorted(spans, key=lambda s: (s.start, s.end)))


@dataclass(frozen=True)
class Document:
    """One article: its text and everything rules need to read it safely."""

    text: str
    path: str = "<string>"
    format: str = "text"
    masks: tuple[Span, ...] = field(default_factory=tuple)

    @classmethod
    def from_text(cls, text: str, path: str = "<string>", format: str | None = None) -> "Document":
        """Build a document, choosing the format from the path when not given."""
        from newslint import formats

        fmt = format or formats.format_for_path(path)
        masks = formats.masks_for(fmt, text)
        return cls(text=text, path=path, format=fmt, masks=merge_spans(masks))

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def prose(self) -> str:
        """The text with non-prose masks blanked to spaces (newlines kept)."""
        spans = sorted((s.start, min(s.end, len(self.text))) for s in self.masks if s.kind in NON_PROSE)
        if not spans:
            return self.text
        # Built from slices, not a list of characters: a list costs 8 bytes per character
        # (800 MB for a 100 MB file); slices cost about the text's own size.
        parts: list[str] = []
        pos = 0
        for s, e in spans:
            if e <= pos:
                continue
            s = max(s, pos)
            parts.append(self.text[pos:s])
            parts.append(_NOT_NEWLINE.sub(lambda m: " " * len(m.group()), self.text[s:e]))
            pos = e
        parts.append(self.text[pos:])
        return "".join(parts)

    @cached_property
    def _mask_index(self) -> dict[frozenset[str], tuple[list[int], list[int]]]:
        return {}

    def is_masked(self, start: int, end: int, kinds: frozenset[str] = NON_PROSE) -> bool:
        """True when ``[start, end)`` overlaps a mask of one of ``kinds``.

        O(log n) per call (bisect over starts, running maximum of ends): rules call this
        once per candidate, and a linear scan made large documents quadratic.
        """
        key = frozenset(kinds)
        index = self._mask_index.get(key)
        if index is None:
            index = self._mask_index[key] = _union([(s.start, s.end) for s in self.masks if s.kind in key])
        starts, max_ends = index
        i = bisect.bisect_left(starts, end)  # masks that start before ``end``
        return i > 0 and max_ends[i - 1] > start

    def spans_of(self, kind: str) -> list[Span]:
        return [s for s in self.masks if s.kind == kind]

    @cached_property
    def paragraphs(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each paragraph, end without the line ending.

        News text is usually one paragraph per line; hard-wrapped text (short lines)
        separates paragraphs with blank lines. Both are recognised. Formats with a parser
        (Markdown, HTML) mark their prose blocks with ``paragraph`` role spans; those win,
        so a heading or list item starts a paragraph.
        """
        blocks = [(s.start, s.end) for s in self.masks if s.kind == PARAGRAPH]
        if blocks:
            return tuple(sorted(set(blocks)))
        text = self.prose
        idx = self.lines
        line_spans = [idx.line_span(n) for n in range(1, idx.count + 1)]
        wrapped = any(True for s, e in line_spans if e - s > 0) and not any(e - s > _LONG_LINE for s, e in line_spans)
        # Blank lines count as separators only between text (not the empty "line" after a final newline).
        filled = [n for n, (s, e) in enumerate(line_spans) if text[s:e].strip()]
        blank_separated = bool(filled) and any(
            text[s:e].strip() == "" for s, e in line_spans[filled[0]:filled[-1] + 1]
        )
        paras: list[tuple[int, int]] = []
        if wrapped and blank_separated:
            cur: tuple[int, int] | None = None
            for s, e in line_spans:
                if text[s:e].strip() == "":
                    if cur:
                        paras.append(cur)
                    cur = None
                else:
                    cur = (cur[0], e) if cur else (s, e)
            if cur:
                paras.append(cur)
        else:
            paras = [(s, e) for s, e in line_spans if text[s:e].strip()]
        return tuple(paras)

    @cached_property
    def quotes(self) -> tuple[tuple[int, int], ...]:
        """Spans inside quotation marks (curly or straight), per paragraph."""
        from newslint.quotes import quotation_spans

        out: list[tuple[int, int]] = []
        for ps, pe in self.paragraphs:
            out.extend((ps + a, ps + b) for a, b in quotation_spans(self.prose[ps:pe]))
        return tuple(out)

    @cached_property
    def _quote_index(self) -> tuple[list[int], list[int]]:
        return _union(list(self.quotes))

    def in_quote(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one quotation (O(log n))."""
        starts, max_ends = self._quote_index
        i = bisect.bisect_right(starts, start)  # quotations that start at or before ``start``
        return i > 0 and max_ends[i - 1] >= end

    def words(self) -> Iterator[re.Match[str]]:
        """Word-like tokens of the prose (letters, with inner apostrophes, hyphens, dots)."""
        return WORD_RE.finditer(self.prose)
