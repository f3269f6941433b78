"""HTML masks: only text content is prose, at its original offsets.

The standard library's ``html.parser`` runs with ``convert_charrefs=False`` so that every text
chunk it reports is a verbatim slice of the file at ``getpos()``; entities arrive separately
and are masked (``&amp;`` is not the word "amp"). Tags, comments, declarations and the content
of script/style/code/pre (and similar non-prose elements) are masked. Block elements (p, h1-h6,
li, td, blockquote, ...) become ``paragraph`` role spans so that a heading or list item starts
a paragraph for the sentence rules and the hygiene rules.
"""

from __future__ import annotations

import bisect
import re
from html.parser import HTMLParser

from newslint.document import Span, plain_masks

# Elements whose content is not prose.
_SKIP = frozenset({"script", "style", "code", "pre", "noscript", "template", "svg", "math", "kbd", "samp", "textarea"})
# Elements that start and end a prose block.
_BLOCK = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "td", "th", "blockquote", "div",
    "section", "article", "header", "footer", "aside", "main", "nav", "figcaption", "caption",
    "title", "ul", "ol", "dl", "table", "tr", "figure", "hr", "body", "head", "html",
    "address", "details", "summary", "form", "fieldset", "legend", "option", "label",
})


class _TextCollector(HTMLParser):
    """Records the source ranges of prose text and of prose blocks."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self._starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.prose: list[tuple[int, int]] = []
        self.comments: list[tuple[int, int]] = []
        self.blocks: list[tuple[int, int]] = []
        self.skipped: list[tuple[int, int]] = []
        self._skip_depth = 0
        self._skip_start = 0
        self._block: list[int] = []  # [start, end] of the open block's prose

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._starts[line - 1] + col if line - 1 < len(self._starts) else len(self.text)

    def close_block(self) -> None:
        self._close_block()

    def _close_block(self) -> None:
        if self._block:
            self.blocks.append((self._block[0], self._block[1]))
            self._block = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            if self._skip_depth == 0:
                self._skip_start = self._offset()
            self._skip_depth += 1
        elif tag in _BLOCK:
            self._close_block()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._close_block()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip_depth:
            self._skip_depth -= 1
            if self._skip_depth == 0:
                self.skipped.append((self._skip_start, self._offset()))
        elif tag in _BLOCK:
            self._close_block()

    def handle_data(self, data: str) -> None:
        if self._skip_depth or not data.strip():
            return
        start = self._offset()
        lead = len(data) - len(data.lstrip())
        trail = len(data.rstrip())
        self.prose.append((start, start + len(data)))
        if self._block:
            self._block[1] = start + trail
        else:
            self._block = [start + lead, start + trail]

    def handle_comment(self, data: str) -> None:
        start = self._offset()
        end = self.text.find("-->", start)
        self.comments.append((start, len(self.text) if end < 0 else end + 3))

    def close(self) -> None:
        super().close()
        self._close_block()
        if self._skip_depth:
            self.skipped.append((self._skip_start, len(self.text)))


_TAG_OPEN = re.compile(r"<[A-Za-z/!?]")


def parseable_end(text: str) -> int:
    """Where the part of ``text`` that html.parser can read in linear time ends.

    html.parser rescans the rest of its buffer for every ``<`` that opens a comment or tag it
    cannot close, which is quadratic on a long unclosed tail ("<!--<!--...", "<script <script").
    A comment opened after the last ``-->`` or a tag opened after the last ``>`` can never be
    closed, so the parse stops there and the tail is masked: quieter, never misplaced.
    """
    end = len(text)
    last_close_comment = text.rfind("-->")
    open_comment = text.find("<!--", last_close_comment + 3 if last_close_comment >= 0 else 0)
    if open_comment >= 0:
        end = open_comment
    last_gt = text.rfind(">", 0, end)
    m = _TAG_OPEN.search(text, last_gt + 1 if last_gt >= 0 else 0, end)
    if m:
        end = m.start()
    return end


def html_masks(text: str) -> list[Span]:
    """Masks (and ``paragraph`` role spans) for an HTML document."""
    parser = _TextCollector(text)
    cut = parseable_end(text)
    try:
        parser.feed(text[:cut])
        parser.close()
    except (AssertionError, ValueError):
        # html.parser gives up on some malformed declarations ("<![0"); the text read so far
        # keeps its prose, and everything after is masked below (quieter, never misplaced).
        parser.close_block()
    spans = [Span(s, e, "code") for s, e in parser.skipped]
    if cut < len(text):
        spans.append(Span(cut, len(text), "html"))
    spans += [Span(s, e, "comment") for s, e in parser.comments]
    spans += [Span(s, e, "paragraph") for s, e in parser.blocks]
    # Everything that is not text content (tags, entities, declarations) is markup.
    prose = sorted(parser.prose)
    known = sorted(prose + [(s.start, s.end) for s in spans if s.kind != "paragraph"])
    pos = 0
    for s, e in known + [(len(text), len(text))]:
        if s > pos:
            for m in re.finditer(r"\S+(?:[ \t]+\S+)*", text[pos:s]):
                spans.append(Span(pos + m.start(), pos + m.end(), "html"))
        pos = max(pos, e)
    # URLs and addresses written in the text itself.
    starts = [s for s, _ in prose]
    for span in plain_masks(text):
        i = bisect.bisect_right(starts, span.start) - 1
        if i >= 0 and prose[i][0] <= span.start < prose[i][1]:
            spans.append(span)
    return spans
