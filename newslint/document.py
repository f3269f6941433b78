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


_NEWLINE = re.compile(r"\n")
_LINE_ENDING = re.compile(r"\r\n|\n|\r")


class LineIndex:
    """Maps code-point offsets to 1-based (line, column) and back, with bisect."""

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        # A literal "\n" is searched for ~10x faster than the alternation; same result without "\r".
        ending = _NEWLINE if "\r" not in text else _LINE_ENDING
        for m in ending.finditer(text):
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
_TLDS = "com|org|net|gov|edu|int|mil|info|biz|io|co|uk|de|fr|ru|cn|jp|in|eu|us|ca|au|tv|me|ly|news"
_BARE_DOMAIN = r"\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:" + _TLDS + r")\b(?:/[^\s<>\"'“”]*)?"
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

# Characters blanked in masked spans: all but line endings.
_BLANK = re.compile(r"[^\r\n]")

WORD_RE = re.compile(r"[^\W\d_](?:[\w’'\-.]*[^\W_])?")

# Paragraphs: a line longer than this means "one paragraph per line" text.
_LONG_LINE = 120


# What every plain mask except a comment contains: "://" or "www." (URL), "@" (e-mail, handle),
# "#" (hashtag), ".<top-level domain>" (domain); and whitespace, which no such mask contains.
# (Written as one character class first, so that the engine can skip to candidates quickly.)
_MASK_TRIGGER = re.compile(r"[@#:w.](?:(?<=[@#])|(?<=:)//|(?<=w)ww\.|(?<=\.)(?:" + _TLDS + r")\b)")
_SPACE = re.compile(r"\s")


def _candidate_windows(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of ``text`` around trigger characters, each from a token start to a whitespace.

    A scan for masks that starts at a token start (or at whitespace) finds, within its stretch,
    the same matches as a scan of the whole text: no such mask crosses whitespace.
    """
    end = 0
    for m in _MASK_TRIGGER.finditer(text):
        p = m.start()
        if p < end:
            continue  # already inside the last window
        start = max(text.rfind(" ", end, p), text.rfind("\n", end, p), end - 1) + 1
        w = _SPACE.search(text, p)
        end = w.start() if w else len(text)
        yield start, end


def plain_masks(text: str) -> list[Span]:
    """URLs, e-mail addresses, @handles, #hashtags, domains and HTML comments.

    Fast path (why: one scan from every character ran at ~6 MB/s): without ``<!--`` no mask
    crosses whitespace, so the combined pattern only runs in the windows around trigger
    characters, and finds exactly what a scan of the whole text finds.
    """
    if "<!--" in text:
        matches = _PLAIN_MASKS.finditer(text)
    else:
        matches = (m for s, e in _candidate_windows(text) for m in _PLAIN_MASKS.finditer(text, s, e))
    spans = []
    for m in matches:
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
        text = self.text
        parts: list[str] = []
        pos = 0  # everything before ``pos`` is already in ``parts``
        for s in spans:  # sorted by start; may overlap
            start, end = max(s.start, pos), min(s.end, len(text))
            if end <= start:
                continue
            parts.append(text[pos:start])
            parts.append(_BLANK.sub(" ", text[start:end]))
            pos = end
        parts.append(text[pos:])
        return "".join(parts)

    @cached_property
    def prose_end(self) -> int:
        """Offset just after the last non-whitespace character of ``prose`` (0 when blank).

        Why: "is there anything after offset x?" is then one comparison, not a copy of the rest.
        """
        return len(self.prose.rstrip())

    @cached_property
    def _mask_starts(self) -> list[int]:
        return [s.start for s in self.masks]

    @cached_property
    def _mask_max_end(self) -> list[int]:
        """``_mask_max_end[i]``: the largest end among ``masks[:i + 1]``."""
        out, best = [], -1
        for s in self.masks:
            best = max(best, s.end)
            out.append(best)
        return out

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
        if i == 0 or self._mask_max_end[i - 1] <= start:
            return False  # no mask starting before ``end`` reaches past ``start``
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
        """True when ``[start, end)`` lies inside one quotation.

        Quotations never cross paragraphs, so only the paragraphs holding the span are
        examined, and their quotations are found on first use (why: computing every
        quotation of a 10 MB file for a handful of findings dominated the run time).
        """
        para = bisect.bisect_right(self._paragraph_starts, start) - 1
        reach = self._paragraph_reach
        # Parser blocks (Markdown, HTML) may nest, so walk back over every paragraph that
        # starts at or before ``start`` and may still reach it; usually just one.
        while para >= 0 and reach[para] >= end:
            if self.paragraphs[para][1] >= end and any(a <= start and end <= b for a, b in self._paragraph_quotes(para)):
                return True
            para -= 1
        return False

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [ps for ps, _ in self.paragraphs]

    @cached_property
    def _paragraph_reach(self) -> list[int]:
        """``_paragraph_reach[i]``: the largest paragraph end among ``paragraphs[:i + 1]``."""
        out, best = [], -1
        for _, pe in self.paragraphs:
            best = max(best, pe)
            out.append(best)
        return out

    @cached_property
    def _quote_memo(self) -> dict[int, tuple[tuple[int, int], ...]]:
        return {}

    def _paragraph_quotes(self, para: int) -> tuple[tuple[int, int], ...]:
        memo = self._quote_memo
        if para not in memo:
            from newslint.quotes import quotation_spans

            ps, pe = self.paragraphs[para]
            memo[para] = tuple((ps + a, ps + b) for a, b in quotation_spans(self.prose[ps:pe]))
        return memo[para]

    def words(self) -> Iterator[re.Match[str]]:
        """Word-like tokens of the prose (letters, with inner apostrophes, hyphens, dots)."""
        return WORD_RE.finditer(self.prose)
