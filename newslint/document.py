"""The immutable Document: original text, line index, masks and derived views.

Masking never moves text: ``Document.prose`` is the original with every masked
character replaced by a space (newlines kept), so every offset a rule finds in
``prose`` is also an offset into ``text``.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property, lru_cache
from collections.abc import Iterator

from newslint.records import _set, record

# Kinds of mask. NON_PROSE spans are blanked in ``prose``; role spans are not.
NON_PROSE = frozenset({"url", "email", "handle", "hashtag", "code", "front-matter", "html", "comment", "markup"})
# Role span from format parsers: one prose block (paragraph, heading, list item, HTML block).
PARAGRAPH = "paragraph"


@record(frozen=True)
class Span:
    start: int
    end: int
    kind: str

    def __init__(self, start: int, end: int, kind: str) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "kind", kind)


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
# The look-behinds (not \\b) make each domain or address start only at the head of its run of
# characters: with \\b, "a.a.a.a..." or "a-a-a-..." was retried from every letter (quadratic).
_BARE_DOMAIN = r"(?<![A-Za-z0-9.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:" + _TLDS + r")\b(?:/[^\s<>\"'“”]*)?"
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"
_HANDLE = r"(?<![\w@])@\w{1,30}"
_HASHTAG = r"(?<![\w#&])#[^\W\d_]\w*"
_PLAIN_MASKS_SOURCE = "|".join(f"(?P<{k}>{p})" for k, p in [
    ("url", _URL), ("email", _EMAIL),
    ("handle", _HANDLE), ("hashtag", _HASHTAG), ("domain", _BARE_DOMAIN),
])


@lru_cache(maxsize=1)
def _plain_masks_re() -> re.Pattern[str]:
    """The combined mask pattern, compiled when a text first has a trigger (see plain_masks):
    ~1 ms of start-up that 98% of news articles (no URL, address, handle or hashtag) never need."""
    return re.compile(_PLAIN_MASKS_SOURCE, re.S)


def __getattr__(name: str) -> object:
    if name == "_PLAIN_MASKS":
        return _plain_masks_re()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Characters blanked in masked spans: all but line endings.
_BLANK = re.compile(r"[^\r\n]")

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

    Comments win over anything inside them: they are found with ``str.find`` and the other
    masks are searched between them. Fast path (why: one scan from every character ran at
    ~6 MB/s): without ``<!--`` no mask crosses whitespace, so the combined pattern only runs
    in the windows around trigger characters, and finds exactly what a whole scan finds.
    """
    spans = []
    if "<!--" not in text:
        for s, e in _candidate_windows(text):
            for m in _plain_masks_re().finditer(text, s, e):
                kind = m.lastgroup or "url"
                spans.append(Span(m.start(), m.end(), "url" if kind == "domain" else kind))
        return spans
    pos = 0
    for cs, ce in [*comment_spans(text), (len(text), len(text))]:
        for m in _plain_masks_re().finditer(text, pos, cs):
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


@record(frozen=True)
class Document:
    """One article: its text and everything rules need to read it safely."""

    text: str
    path: str
    format: str
    masks: tuple[Span, ...]

    def __init__(self, text: str, path: str = "<string>", format: str = "text", masks: tuple[Span, ...] = ()) -> None:
        _set(self, "text", text)
        _set(self, "path", path)
        _set(self, "format", format)
        _set(self, "masks", masks)

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
    def prose_end(self) -> int:
        """Offset just after the last non-whitespace character of ``prose`` (0 when blank).

        Why: "is there anything after offset x?" is then one comparison, not a copy of the rest.
        """
        return len(self.prose.rstrip())

    @cached_property
    def _mask_starts(self) -> list[int]:
        return [s.start for s in self.masks]

    @cached_property
    def _mask_index(self) -> dict[frozenset[str], tuple[list[int], list[int]]]:
        return {}

    def is_masked(self, start: int, end: int, kinds: frozenset[str] = NON_PROSE) -> bool:
        """True when ``[start, end)`` overlaps a mask of one of ``kinds``.

        O(log n) per call for every set of kinds (bisect over starts, running maximum of
        ends): rules call this once per candidate, and a linear scan made large documents
        quadratic.
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

    def in_quote(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one quotation."""
        return self.quotation_at(start, end) is not None

    def quotation_at(self, start: int, end: int) -> tuple[int, int] | None:
        """The innermost quotation (marks included) holding ``[start, end)``, or None.

        Quotations never cross paragraphs, so only the paragraphs holding the span are
        examined, and their quotations are found on first use (why: computing every
        quotation of a 10 MB file for a handful of findings dominated the run time).
        """
        para = bisect.bisect_right(self._paragraph_starts, start) - 1
        reach = self._paragraph_reach
        # Parser blocks (Markdown, HTML) may nest, so walk back over every paragraph that
        # starts at or before ``start`` and may still reach it; usually just one.
        while para >= 0 and reach[para] >= end:
            if self.paragraphs[para][1] >= end:
                held = [(a, b) for a, b in self._paragraph_quotes(para) if a <= start and end <= b]
                if held:
                    return min(held, key=lambda q: q[1] - q[0])
            para -= 1
        return None

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


class ReportDocument(Document):
    """A document whose masks are found only if something asks for them.

    Why: a result read from the cache (newslint.cache) needs its document for line numbers
    and excerpts only, unless grammar checks or corpus rules read it; finding a plain text's
    URLs and e-mail addresses for 1,000 cached articles was ~15% of a warm run. Equal in
    every field to ``Document.from_text`` of the same text once ``masks`` is read.
    """

    def __init__(self, text: str, path: str = "<string>", format: str | None = None) -> None:
        from newslint import formats

        _set(self, "text", text)
        _set(self, "path", path)
        _set(self, "format", format or formats.format_for_path(path))

    @cached_property
    def masks(self) -> tuple[Span, ...]:  # type: ignore[override]
        return Document.from_text(self.text, self.path, self.format).masks
