"""Markdown masks: only the prose of a Markdown file is checked, at its original offsets.

markdown-it-py finds the blocks (with their line ranges) and the inline structure; this module
maps both back onto the original text. The parser strips container prefixes ("> ", list
indentation) from each line, so a block's inline ``content`` is located line by line in the
source, and its inline children (text, code spans, links, emphasis...) are then walked with a
cursor. Whatever is not positively identified as prose is masked: a mapping failure can only
make newslint quieter, never point a finding at the wrong place.

Mask kinds produced: ``front-matter``, ``code`` (also Hugo shortcodes and Liquid tags), ``html``, ``comment``, ``url`` (link and image
destinations, autolinks, reference definitions), ``markup`` (``#``, bullets, ``>``, emphasis
markers, brackets, table pipes) and ``paragraph`` (a role span, not blanked: one prose block,
used by ``Document.paragraphs``).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newslint.document import LineIndex, Span, plain_masks

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n(.*?)^(?:\1|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
# Front matter keys whose values are prose (checked like a headline or standfirst).
_PROSE_KEYS = ("title", "description", "subtitle", "summary")
_PROSE_VALUE = re.compile(
    r"^[ \t]*(?:" + "|".join(_PROSE_KEYS) + r")[ \t]*[:=][ \t]*(?P<q>[\"']?)(?P<v>[^\r\n]*?)(?P=q)[ \t]*$",
    re.M | re.I,
)
# Hugo shortcodes and Jekyll/Liquid tags: template code inside the prose.
_TEMPLATE = re.compile(r"\{\{[<%].*?[%>]\}\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_REF_DEF = re.compile(r"^[ \t>]*\[[^\]]+\]:")


@lru_cache(maxsize=1)
def _parser() -> "MarkdownIt":
    """CommonMark plus GFM tables and strikethrough; raw HTML allowed (it is masked)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


class _Masker:
    """Collects masks and prose blocks for one Markdown text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineIndex(text)
        self.spans: list[Span] = []
        self.prose: list[tuple[int, int]] = []  # source ranges positively known to be prose

    def mask(self, start: int, end: int, kind: str) -> None:
        if end > start:
            self.spans.append(Span(start, end, kind))

    def mask_lines(self, first: int, last: int, kind: str) -> None:
        """Mask 0-based lines ``first`` .. ``last - 1`` entirely."""
        last = min(last, self.lines.count)
        if last <= first:
            return
        start = self.lines.starts[first]
        end = self.lines.line_span(last)[1]
        self.mask(start, end, kind)

    # -- front matter -------------------------------------------------------------------------

    def front_matter(self) -> int:
        """Mask front matter except prose values; return its end offset (0 if none)."""
        m = _FRONT_MATTER.match(self.text)
        if not m:
            return 0
        body_start, end = m.start(2), m.end()
        cursor = m.start()
        for v in _PROSE_VALUE.finditer(self.text, body_start, m.end(2)):
            vs, ve = v.span("v")
            if ve <= vs:
                continue
            self.mask(cursor, vs, "front-matter")
            self.prose.append((vs, ve))
            self.spans.append(Span(vs, ve, "paragraph"))
            cursor = ve
        self.mask(cursor, end, "front-matter")
        return end

    # -- blocks -------------------------------------------------------------------------------

    def run(self) -> list[Span]:
        fm_end = self.front_matter()
        source = self.text
        if fm_end:
            # Blank the front matter (newlines kept) so the parser's line numbers still match.
            source = re.sub(r"[^\r\n]", " ", self.text[:fm_end]) + self.text[fm_end:]
        tokens = _parser().parse(source)
        covered: set[int] = set()
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type in ("fence", "code_block") and tok.map:
                self.mask_lines(tok.map[0], tok.map[1], "code")
                covered.update(range(*tok.map))
            elif tok.type == "html_block" and tok.map:
                kind = "comment" if tok.content.lstrip().startswith("<!--") else "html"
                self.mask_lines(tok.map[0], tok.map[1], kind)
                covered.update(range(*tok.map))
            elif tok.type == "hr" and tok.map:
                covered.update(range(*tok.map))
            elif tok.type == "table_open" and tok.map:
                covered.update(range(*tok.map))
            elif tok.type == "inline" and tok.map:
                parent = tokens[i - 1].type if i else ""
                if parent in ("th_open", "td_open"):
                    self.table_cells(tokens, i)
                    while i + 1 < len(tokens) and tokens[i + 1].type != "tr_close":
                        i += 1
                else:
                    self.inline_block(tok, heading=parent == "heading_open")
                covered.update(range(*tok.map))
            i += 1
        # Lines no block token claims: reference definitions, or container-only lines ("> ").
        first_line = self.lines.line_of(fm_end) - 1 if fm_end else 0
        if fm_end and fm_end == len(self.text):
            first_line = self.lines.count
        for n in range(first_line, self.lines.count):
            if n in covered:
                continue
            s, e = self.lines.line_span(n + 1)
            if _REF_DEF.match(self.text, s, e) or (n - 1 >= 0 and _REF_DEF.match(self.lines.line_text(n))):
                self.mask(s, e, "url")
        self.mask_rest(fm_end)
        templates = [Span(m.start(), m.end(), "code") for m in _TEMPLATE.finditer(self.text, fm_end)]
        return self.spans + templates + plain_masks(self.text)

    def mask_rest(self, start: int) -> None:
        """Everything after the front matter that is neither prose nor masked becomes markup."""
        known = sorted(self.prose + [(s.start, s.end) for s in self.spans if s.kind != "paragraph"])
        pos = start
        for s, e in known + [(len(self.text), len(self.text))]:
            if s > pos:
                for m in re.finditer(r"[^\s]+(?:[ \t]+[^\s]+)*", self.text[pos:s]):
                    self.mask(pos + m.start(), pos + m.end(), "markup")
            pos = max(pos, e)

    # -- inline content -----------------------------------------------------------------------

    def content_map(self, content: str, first_line: int) -> list[int] | None:
        """Source offset of every character of ``content`` (plus its end), or None if lost."""
        offsets: list[int] = []
        for k, part in enumerate(content.split("\n")):
            n = first_line + k + 1
            if n > self.lines.count:
                return None
            ls, le = self.lines.line_span(n)
            line = self.text[ls:le]
            col = self._locate(line, part)
            if col < 0:
                return None
            offsets.extend(range(ls + col, ls + col + len(part)))
            offsets.append(ls + col + len(part))  # the "\n" (or the end)
        return offsets

    @staticmethod
    def _locate(line: str, part: str) -> int:
        """Column where ``part`` (a line with its container prefix removed) sits in ``line``."""
        if not part:
            return len(line.rstrip())
        if line.endswith(part):
            return len(line) - len(part)
        stripped = line.rstrip(" \t")
        if stripped.endswith(part.rstrip(" \t")):
            return len(stripped) - len(part.rstrip(" \t"))
        return line.find(part)  # headings: closing "#"s follow the content

    def inline_block(self, tok: Any, heading: bool = False) -> None:
        offsets = self.content_map(tok.content, tok.map[0])
        if offsets is None:
            return  # unmapped: left masked as markup by mask_rest
        self.spans.append(Span(offsets[0], offsets[len(tok.content)], "paragraph"))
        walker = _InlineWalker(self, tok.content, offsets)
        walker.walk(tok.children or [])
        walker.finish()

    def table_cells(self, tokens: list[Any], i: int) -> None:
        """Cells of one table row: each cell's text is found left to right in the row's line."""
        row_line = tokens[i].map[0] + 1
        ls, le = self.lines.line_span(row_line)
        cursor = ls
        j = i
        while j < len(tokens) and tokens[j].type != "tr_close":
            tok = tokens[j]
            if tok.type == "inline":
                content = tok.content
                pos = self.text.find(content, cursor, le) if content else -1
                if pos >= 0:
                    # Cells are prose but not paragraphs: "yes" or "n/a" in a cell starts no sentence.
                    offsets = list(range(pos, pos + len(content) + 1))
                    walker = _InlineWalker(self, content, offsets)
                    walker.walk(tok.children or [])
                    walker.finish()
                    cursor = pos + len(content)
            j += 1


class _InlineWalker:
    """Walks inline children over their raw ``content`` with a cursor, recording masks."""

    def __init__(self, masker: _Masker, content: str, offsets: list[int]) -> None:
        self.m = masker
        self.s = content
        self.off = offsets
        self.cur = 0
        self.lost = False
        self.prose_from = 0
        self.in_autolink = False

    def _mask(self, a: int, b: int, kind: str) -> None:
        """Mask content range [a, b) (mapped to source; may span lines)."""
        self._flush(a)
        if b > a:
            start = self.off[a]
            for k in range(a, b):
                if self.s[k] == "\n" or k == b - 1:
                    end = self.off[k] + (0 if self.s[k] == "\n" else 1)
                    self.m.mask(start, end, kind)
                    start = self.off[k + 1] if k + 1 < len(self.off) else end
        self.prose_from = b

    def _flush(self, upto: int) -> None:
        """Record content [prose_from, upto) as prose, line by line."""
        a = self.prose_from
        while a < upto:
            nl = self.s.find("\n", a, upto)
            b = upto if nl < 0 else nl
            if b > a:
                self.m.prose.append((self.off[a], self.off[b - 1] + 1))
            a = b + 1
        self.prose_from = max(self.prose_from, upto)

    def finish(self) -> None:
        if not self.lost:
            self._flush(len(self.s))

    def _expect(self, markup: str) -> bool:
        if markup and self.s.startswith(markup, self.cur):
            return True
        self.lost = True
        return False

    def _match_text(self, text: str) -> bool:
        """Advance over ``text`` as written in the source (escapes and entities allowed)."""
        s, i = self.s, self.cur
        for ch in text:
            e = _ENTITY.match(s, i) if s.startswith("&", i) else None
            if s.startswith("\\", i) and i + 1 < len(s) and s[i + 1] == ch and ch in _ASCII_PUNCT:
                self._mask(i, i + 1, "markup")  # the backslash; the escaped mark stays prose
                i += 2
            elif e and html.unescape(e.group()) == ch:
                self._mask(i, e.end(), "html")  # an entity is not a word ("&amp;" is no "amp")
                i = e.end()
            elif i < len(s) and (s[i] == ch or (ch == "\ufffd" and s[i] == "\x00")):
                i += 1
            else:
                self.lost = True
                return False
        self.cur = i
        return True

    def _destination(self) -> int:
        """End of a link destination starting at the cursor: "(url "title")", "[ref]" or nothing."""
        s, i = self.s, self.cur
        if s.startswith("(", i):
            depth, j, quote = 0, i, ""
            while j < len(s):
                c = s[j]
                if c == "\\":
                    j += 2
                    continue
                if quote:
                    if c == quote:
                        quote = ""
                elif c in "\"'" and j > i + 1 and s[j - 1].isspace():
                    quote = c
                elif c == "<":
                    close = s.find(">", j)
                    j = close if close > 0 else j
                elif c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        return j + 1
                j += 1
            return i
        if s.startswith("[", i):
            close = s.find("]", i)
            return close + 1 if close > 0 else i
        return i

    def walk(self, children: list[Any]) -> None:
        for t in children:
            if self.lost:
                return
            typ = t.type
            if self.in_autolink:
                self.in_autolink = typ != "link_close"
                continue
            if typ in ("text", "text_special"):
                self._match_text(t.content)
            elif typ in ("softbreak", "hardbreak"):
                j = self.cur
                while j < len(self.s) and self.s[j] in " \t\\":
                    j += 1
                if j < len(self.s) and self.s[j] == "\n":
                    self._flush(self.cur)
                    self.cur = self.prose_from = j + 1
                else:
                    self.lost = True
            elif typ == "code_inline":
                if self._expect(t.markup):
                    close = self.s.find(t.markup, self.cur + len(t.markup))
                    while close >= 0 and self.s.startswith("`", close + len(t.markup)):
                        close = self.s.find(t.markup, close + len(t.markup) + 1)
                    if close < 0:
                        self.lost = True
                        return
                    end = close + len(t.markup)
                    self._mask(self.cur, end, "code")
                    self.cur = end
            elif typ == "html_inline":
                if self._expect(t.content):
                    end = self.cur + len(t.content)
                    self._mask(self.cur, end, "comment" if t.content.startswith("<!--") else "html")
                    self.cur = end
            elif typ in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
                if self._expect(t.markup):
                    end = self.cur + len(t.markup)
                    self._mask(self.cur, end, "markup")
                    self.cur = end
            elif typ == "link_open" and t.markup == "autolink":
                end = self.s.find(">", self.cur)
                if not self._expect("<") or end < 0:
                    return
                self._mask(self.cur, end + 1, "url")
                self.cur = end + 1
                self.in_autolink = True
            elif typ == "link_open":
                if self._expect("["):
                    self._mask(self.cur, self.cur + 1, "markup")
                    self.cur += 1
            elif typ == "link_close":
                self._close_bracket()
            elif typ == "image":
                if self._expect("!["):
                    self._mask(self.cur, self.cur + 2, "markup")
                    self.cur += 2
                    self.walk(t.children or [])
                    if not self.lost:
                        self._close_bracket()
            else:
                self.lost = True

    def _close_bracket(self) -> None:
        if not self._expect("]"):
            return
        self._mask(self.cur, self.cur + 1, "markup")
        self.cur += 1
        end = self._destination()
        if end > self.cur:
            self._mask(self.cur, end, "url")
            self.cur = end


def markdown_masks(text: str) -> list[Span]:
    """Masks (and ``paragraph`` role spans) for a Markdown document."""
    return _Masker(text).run()
