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
_BARE_DOMAIN = r"\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|gov|edu|int|mil|info|biz|io|co|uk|de|fr|ru|cn|jp|in|eu|us|ca|au|tv|me|ly|news)\b(?:/[^\s<>\"'“”]*)?"
_EMAIL = r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
_HANDLE = r"(?<![\w@])@\w{1,30}"
_HASHTAG = r"(?<![\w#&])#[^\W\d_]\w*"
_COMMENT = r"<!--.*?-->"
_PLAIN_MASKS = re.compile(
    "|".join(f"(?P<{k}>{p})" for k, p in [
        ("comment", _COMMENT), ("url", _URL), ("email", _EMAIL),
        ("handle", _HANDLE), ("hashtag", _HASHTAG), ("domain", _BARE_DOMAIN),
    ]),
    re.S,
)

WORD_RE = re.compile(r"[^\W\d_](?:[\w’'\-.]*[^\W_])?")

# Paragraphs: a line longer than this means "one paragraph per line" text.
_LONG_LINE = 120


def plain_masks(text: str) -> list[Span]:
    """URLs, e-mail addresses, @handles, #hashtags, domains and HTML comments."""
    spans = []
    for m in _PLAIN_MASKS.finditer(text):
        kind = m.lastgroup or "url"
        spans.append(Span(m.start(), m.end(), "url" if kind == "domain" else kind))
    return spans


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
        spans = [s for s in self.masks if s.kind in NON_PROSE]
        if not spans:
            return self.text
        chars = list(self.text)
        for s in spans:
            for i in range(s.start, min(s.end, len(chars))):
                if chars[i] not in "\r\n":
                    chars[i] = " "
        return "".join(chars)

    @cached_property
    def _mask_starts(self) -> list[int]:
        return [s.start for s in self.masks]

    @cached_property
    def _non_prose_union(self) -> tuple[list[int], list[int]] | None:
        """Non-prose masks merged into disjoint sorted intervals (None if a mask is empty)."""
        starts: list[int] = []
        ends: list[int] = []
        for s in self.masks:  # sorted by start
            if s.kind not in NON_PROSE:
                continue
            if s.end <= s.start:
                return None
            if starts and s.start < ends[-1]:
                ends[-1] = max(ends[-1], s.end)
            else:
                starts.append(s.start)
                ends.append(s.end)
        return starts, ends

    def is_masked(self, start: int, end: int, kinds: frozenset[str] = NON_PROSE) -> bool:
        """True when ``[start, end)`` overlaps a mask of one of ``kinds``."""
        union = self._non_prose_union if kinds == NON_PROSE else None
        if union is not None:
            # Markdown and HTML make thousands of masks: bisect the merged intervals, not a scan.
            k = bisect.bisect_left(union[0], end) - 1
            return k >= 0 and union[1][k] > start
        i = bisect.bisect_right(self._mask_starts, end)
        for s in self.masks[:i]:
            if s.kind in kinds and s.start < end and start < s.end:
                return True
        return False

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

    def in_quote(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quotes)

    def words(self) -> Iterator[re.Match[str]]:
        """Word-like tokens of the prose (letters, with inner apostrophes, hyphens, dots)."""
        return WORD_RE.finditer(self.prose)
