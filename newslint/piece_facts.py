"""Whole-text findings for a big text linted in pieces: what each piece reports, and the judge.

Why: a text over CHUNK_CHARS is linted piece by piece (newslint.chunking) so memory stays
bounded by the piece, but some rules look across the whole article: a paragraph or sentence
repeated anywhere (NL402, NL403), boilerplate lines repeated, an appeal running to the end,
a closing run of menu lines (NL404), the stories of a multi-story file and their numbers
(NL408), and every one of them names line numbers of the whole text. Those rules are judged
in two phases, like the corpus rules: :func:`collect` runs in each piece's worker and returns
compact facts (fingerprints and offsets, not text), and :func:`judge` combines every piece's
facts in the parent and builds the findings with the rules' own message and fix code, so
they equal the findings of the whole text linted as one document.

What the parent keeps per piece: a fingerprint and two offsets per paragraph and per long
sentence, per line segment its offsets, pattern reason and weak flag, and the piece's non-prose
spans. The only text kept: the key of each short unpunctuated line (menu-like lines of at most
12 words) and the prose of a line that has a masked part (a URL), for NL404's message.
"""

from __future__ import annotations

import bisect
from zlib import crc32

from newslint.diagnostics import Diagnostic
from newslint.document import NON_PROSE, Document
from newslint.rules.units import Segment

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from newslint.document import LineIndex
    from newslint.rules.base import Context

# The rules judged over the whole text from the pieces' facts (not run on the pieces).
JUDGED = frozenset({"NL103", "NL402", "NL403", "NL404", "NL408"})


def _fingerprint(key: str) -> int:
    """A fingerprint of a normalized unit: equal units, equal fingerprints.

    Its length in code points times 2**32 plus the CRC-32 of its UTF-8: the same in every
    process and computed the same way by the native scan (newslint._native's Piece.units), so
    both paths' facts compare equal (tests/test_native.py). Two units with one fingerprint are
    compared by their text before they count as copies (:class:`_FirstSeen`), so a collision
    never makes a false duplicate. (A 128-bit digest of each unit, tried first, was slower to
    make and to send back from the workers.)
    """
    return len(key) << 32 | crc32(key.encode("utf-8", "surrogatepass"))


class _FirstSeen:
    """The first occurrence of each unit, found by fingerprint and confirmed by its text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._first: dict[int, tuple[int, int, int]] = {}  # fingerprint -> (start, end, ident)
        self._other: dict[str, tuple[int, int, int]] = {}  # normalized text -> first, after a collision
        # Idents not found equal to their first by the plain comparison (any other copy is an exact one).
        self.inexact: set[int] = set()

    def first(self, h: int, start: int, end: int, ident: int) -> int:
        """The ident of the first unit equal to ``text[start:end]`` (whitespace and quote style
        aside, as the rules' keys); ``ident`` itself when this unit is the first."""
        o = self._first.setdefault(h, (start, end, ident))
        if o[2] == ident:
            return ident
        text = self._text
        if text[start:end].strip() == text[o[0]:o[1]].strip():
            return o[2]  # the usual case: an exact copy
        from newslint.rules.units import normalize

        self.inexact.add(ident)
        key = normalize(text[start:end])
        if key == normalize(text[o[0]:o[1]]):
            return o[2]
        # Another unit with the same fingerprint: its first occurrence is kept by its text.
        return self._other.setdefault(key, (start, end, ident))[2]


class PieceFacts:
    """What one piece tells the parent, offsets already in the whole text."""

    __slots__ = ("npar", "masks", "prose_end", "dup", "sent", "datelines", "last_para", "last_headline",
                 "seg_start", "seg_end", "seg_reason", "seg_weak", "seg_key", "seg_sure", "seg_shown", "first_opener", "dialect")

    def __init__(self) -> None:
        self.npar = 0
        self.masks: list[tuple[int, int]] = []  # non-prose spans (what Document.prose blanks)
        self.prose_end = 0  # whole-text offset after the piece's last prose character (0: none)
        self.dup: list[tuple[int, int, int, int]] = []  # (paragraph, start, end, fingerprint) NL402 candidates
        # (paragraph, start, end, [(sentence start, end, fingerprint)]) NL403 candidates
        self.sent: list[tuple[int, int, int, list[tuple[int, int, int]]]] = []
        # (paragraph, dateline start, end, span of the paragraph before if it is a headline
        # (None: it is not; "previous": it is the previous piece's last paragraph), own span)
        self.datelines: list[tuple[int, int, int, object, tuple[int, int]]] = []
        self.last_para: tuple[int, int] | None = None
        self.last_headline = False
        self.seg_start: list[int] = []
        self.seg_end: list[int] = []
        self.seg_reason: list[str | None] = []
        self.seg_weak: list[bool] = []
        self.seg_key: list[str | None] = []
        self.seg_sure: set[int] = set()  # piece-local segment indices that are ``sure`` phrases
        self.seg_shown: dict[int, str] = {}  # segment text where it differs from the raw text
        self.first_opener = -1  # piece-local index of the first appeal opener (-1: none)
        self.dialect: list[tuple[int, str, bool]] = []  # NL103: (start, word, inside a quotation)

    def __getstate__(self) -> tuple:
        return tuple(getattr(self, k) for k in self.__slots__)

    def __setstate__(self, state: tuple) -> None:
        for k, v in zip(self.__slots__, state):
            setattr(self, k, v)


def collect(doc: Document, a: int, codes: frozenset[str], ctx: "Context") -> PieceFacts:
    """The facts of piece ``doc`` (which starts at ``a`` in the whole text) for the judged ``codes``."""
    f = PieceFacts()
    paras = doc.paragraphs
    text = doc.text
    f.npar = len(paras)
    masks = sorted((s.start, min(s.end, len(text))) for s in doc.masks if s.kind in NON_PROSE)
    f.masks = [(a + s, a + e) for s, e in masks]
    f.prose_end = a + doc.prose_end if doc.prose_end else 0
    piece = _native_piece(doc, masks) if codes else None
    if "NL402" in codes or "NL403" in codes:
        starts = None
        if "NL403" in codes:
            from newslint.lexicon.tokens import sentence_start_list

            starts = sorted(sentence_start_list(doc))
        if piece is not None:
            f.dup, sent = piece.units(starts, a)
            if starts is not None:
                f.sent = sent
        else:
            _python_units(f, doc, a, starts)
    if ("NL403" in codes or "NL408" in codes) and paras:
        from newslint.rules.stories import is_headline

        for i, s, e in _datelines(doc, piece):
            before: object = None
            if i == 0:
                before = "previous"
            elif is_headline(doc, paras[i - 1]):
                before = (a + paras[i - 1][0], a + paras[i - 1][1])
            f.datelines.append((i, a + s, a + e, before, (a + paras[i][0], a + paras[i][1])))
        f.last_para = (a + paras[-1][0], a + paras[-1][1])
        f.last_headline = is_headline(doc, paras[-1])
    if "NL404" in codes:
        _collect_segments(f, doc, a, boilerplate_extra(ctx), piece)
    if "NL103" in codes:
        from newslint.lexicon.tokens import token_table
        from newslint.rules.spelling import _dialect_uses

        uses = [(tok.start, word) for tok, word, _, _ in _dialect_uses(token_table(doc), ctx.lexicon)]
        if piece is not None:
            quoted = piece.in_quotes([(s, s + len(word)) for s, word in uses])
        else:
            quoted = [doc.in_quote(s, s + len(word)) for s, word in uses]
        f.dialect = [(a + s, word, q) for (s, word), q in zip(uses, quoted)]
    return f


def _native_piece(doc: Document, masks: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    """The piece loaded by the native scan (``newslint._native.Piece``), or None: not built,
    switched off (NEWSLINT_NO_NATIVE=1), or a text it cannot read (lone surrogates)."""
    from newslint import native

    nat = native.module()
    return None if nat is None else nat.Piece.load(doc.text, masks, doc.paragraphs)


def _python_units(f: PieceFacts, doc: Document, a: int, starts: list[int] | None) -> None:
    """``f.dup`` and (with sentence ``starts``) ``f.sent``: the reference of ``Piece.units``."""
    from newslint.rules.duplicates import paragraph_key, sentence_keys

    for i, (ps, pe) in enumerate(doc.paragraphs):
        key = paragraph_key(doc, ps, pe)
        if key is not None:
            f.dup.append((i, a + ps, a + pe, _fingerprint(key)))
        if starts is not None:
            keys = [(a + s, a + e, _fingerprint(key)) for s, e, key in sentence_keys(doc, starts, ps, pe)]
            if keys:
                f.sent.append((i, a + ps, a + pe, keys))


def _datelines(doc: Document, piece) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    """``stories.datelines(doc)``; natively, the dateline pattern is tried only where the scan
    found a paragraph that may open with one (an ASCII capital, then a dash on its line)."""
    from newslint.rules.stories import _dateline, datelines

    if piece is None:
        return datelines(doc)
    prose, paras = doc.prose, doc.paragraphs
    out = []
    for i, j in piece.dateline_candidates():
        m = _dateline().match(prose, j, paras[i][1])
        if m:
            out.append((i, m.start(), m.end("dl")))
    return out


def boilerplate_extra(ctx: "Context") -> tuple[str, ...]:
    """The configured ``[hygiene] boilerplate-patterns`` (as the NL404 rule reads them)."""
    return tuple(ctx.config.hygiene.get("boilerplate-patterns", []) or ())


def _collect_segments(f: PieceFacts, doc: Document, a: int, extra: tuple[str, ...], piece) -> None:  # type: ignore[no-untyped-def]
    """NL404's facts: each line segment's offsets, pattern reason, weak flag, repeat key, and
    the first appeal opener (segments cut natively when ``piece`` is loaded, else by
    ``units.segments``; the patterns are matched in Python either way)."""
    from newslint.rules.boilerplate import builtin_patterns, line_reasons, opener_matcher, repeat_key, _matcher

    if piece is not None:
        from newslint.rules.units import normalize

        starts, ends, short, shown = piece.segments(0)
        prose = doc.prose
        texts = [prose[s:e] for s, e in zip(starts, ends)]
        keys: list[str | None] = [None] * len(texts)
        for i in short:  # boilerplate.repeat_key
            keys[i] = normalize(texts[i]).lower()
        f.seg_shown = {i: texts[i] for i in shown}
    else:
        from newslint.rules.units import segments

        segs = segments(doc)
        starts, ends, texts = [seg.start for seg in segs], [seg.end for seg in segs], [seg.text for seg in segs]
        keys = [repeat_key(seg) for seg in segs]
        text = doc.text
        f.seg_shown = {i: seg.text for i, seg in enumerate(segs) if text[seg.start:seg.end] != seg.text}
    reasons, weak = line_reasons(texts, extra)
    sure = _matcher(tuple(("sure", p) for p in builtin_patterns().sure))
    f.seg_start = [a + s for s in starts]
    f.seg_end = [a + e for e in ends]
    f.seg_key = keys
    # Only a segment with a pattern hit can be a sure phrase (each is also a pattern: tests/test_fix_policy.py).
    f.seg_sure = {i for i, r in enumerate(reasons) if r and sure.reason(texts[i]) is not None}
    f.seg_reason = reasons
    f.seg_weak = weak
    # Only the first opener matters (the whole-text rule stops there); the text's first
    # segment never opens an appeal.
    f.first_opener = opener_matcher().first_hit(texts, 1 if a == 0 else 0)


def add_masks(starts: list[int], ends: list[int], spans: list[tuple[int, int]]) -> None:
    """Add a piece's sorted non-prose ``spans`` to the union of the pieces before it, kept as
    ``starts`` and ``ends`` (sorted, disjoint): overlapping or touching spans merge, as
    Document.prose blanks them."""
    for s, e in spans:
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)


class _Prose:
    """``Document.prose`` of the whole text, one slice at a time: the text with the
    pieces' non-prose spans blanked (line breaks kept), without a copy of the whole text."""

    def __init__(self, text: str, masks: list[tuple[int, int]]) -> None:
        self._text = text
        self._starts = [s for s, _ in masks]
        self.masks = masks  # sorted, disjoint
        # Where each gap between masks ends (the next mask's start; the text's end after the
        # last): a slice inside one gap is the text itself, found with one bisect.
        self._gap_ends = self._starts[1:] + [len(text)]

    def __getitem__(self, sl: slice) -> str:
        a, b = sl.start, sl.stop
        out = self._text[a:b]
        if not self.masks or a >= b:
            return out
        k = bisect.bisect_right(self._starts, a) - 1
        if k < 0:
            if b <= self._starts[0]:
                return out
            k = 0
        elif self.masks[k][1] <= a and b <= self._gap_ends[k]:
            return out  # the usual case: no mask in the slice
        import re

        parts, pos = [], a
        while k < len(self.masks) and self.masks[k][0] < b:
            s, e = self.masks[k]
            k += 1
            s, e = max(s, pos), min(e, b)
            if s >= e:
                continue
            parts.append(self._text[pos:s])
            parts.append(re.sub(r"[^\r\n]+", lambda m: " " * len(m.group()), self._text[s:e]))
            pos = e
        if not parts:
            return out
        parts.append(self._text[pos:b])
        return "".join(parts)


class WholeView:
    """What the rules' finding builders read of a document (text, lines, prose, prose_end,
    format), for a whole big text whose Document is never built."""

    def __init__(self, doc: Document, facts: list[PieceFacts]) -> None:
        self.text = doc.text
        self.format = doc.format
        self.lines: LineIndex = doc.lines
        starts: list[int] = []
        ends: list[int] = []
        for f in facts:
            add_masks(starts, ends, f.masks)
        self.prose = _Prose(doc.text, list(zip(starts, ends)))
        self.prose_end = max((f.prose_end for f in facts), default=0)


class _Segments:
    """The whole text's line segments, built only for the ones a finding names (each once:
    boilerplate.findings reads a run's first and last segment several times)."""

    def __init__(self, view: WholeView, starts: list[int], ends: list[int], shown: dict[int, str]) -> None:
        self._view, self._starts, self._ends, self._shown = view, starts, ends, shown
        self._built: dict[int, Segment] = {}

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i: int) -> Segment:
        seg = self._built.get(i)
        if seg is None:
            s, e = self._starts[i], self._ends[i]
            text = self._shown.get(i)
            seg = self._built[i] = Segment(s, e, self._view.text[s:e] if text is None else text, self._view.lines.line_of(s))
        return seg


def judge(doc: Document, facts: list[PieceFacts], codes: frozenset[str], ctx: "Context") -> list[Diagnostic]:
    """The judged rules' findings over the whole text, from every piece's facts (in order)."""
    judging = Judge(doc, codes, ctx)
    for f in facts:
        judging.add(f)
    return judging.finish()


class Judge:
    """:func:`judge`, fed one piece's facts at a time, in order, as the workers send them.

    Why: the parent waits for the workers anyway; the copied paragraphs (NL402, most of a
    scraped dump's findings) are found and their findings built as each piece arrives
    (newslint.copy_findings), so less is left for after the last worker. The other judged
    rules need every piece (majorities, the text's end, the stories) and run in :meth:`finish`.
    """

    def __init__(self, doc: Document, codes: frozenset[str], ctx: "Context") -> None:
        from newslint.copy_findings import ParagraphCopies

        self._doc, self._codes, self._ctx = doc, codes, ctx
        self._facts: list[PieceFacts] = []
        self._copies = None
        if "NL402" in codes or "NL403" in codes:
            self._copies = ParagraphCopies(doc, build="NL402" in codes)

    def add(self, f: PieceFacts, end: int | None = None) -> None:
        """The next piece's facts (``end``: where the piece ends; None: judge at :meth:`finish`)."""
        self._facts.append(f)
        if self._copies is not None:
            self._copies.add(f, end)

    def finish(self) -> list[Diagnostic]:
        codes, facts = self._codes, self._facts
        view = WholeView(self._doc, facts)
        offsets, n = [], 0
        for f in facts:
            offsets.append(n)
            n += f.npar
        out: list[Diagnostic] = []
        copies: set[int] = set()
        if self._copies is not None:
            if "NL402" in codes:
                out.extend(self._copies.finish(view))
            copies = self._copies.copies
        if "NL403" in codes or "NL408" in codes:
            cuts = _stories(view, facts, offsets, out if "NL408" in codes else None)
            if "NL403" in codes:
                _sentence_copies(view, facts, offsets, copies, cuts, out)
        if "NL404" in codes:
            _boilerplate(view, facts, out)
        if "NL103" in codes:
            _dialect(facts, self._ctx, out)
        return out


def _dialect(facts: list[PieceFacts], ctx: "Context", out: list[Diagnostic]) -> None:
    from newslint.rules.spelling import dialect_findings

    index = ctx.lexicon.dialect_index
    uses: list[tuple[int, str, str, object]] = []
    quoted: set[int] = set()
    for f in facts:
        for start, word, in_quote in f.dialect:
            which, pair = index[word.lower()]
            uses.append((start, word, which, pair))
            if in_quote:
                quoted.add(start)
    if uses:
        out.extend(dialect_findings(ctx, uses, lambda s, e: s in quoted))


def _stories(view: WholeView, facts: list[PieceFacts], offsets: list[int], out: list[Diagnostic] | None) -> list[int]:
    """Where later stories start (offsets); NL408's findings into ``out``. As stories.story_starts."""
    from newslint.rules.stories import _LEAD_PARAGRAPHS, story_start

    starts: list[tuple[int, tuple[int, int], int, int]] = []  # (paragraph, its span, dateline start, end)
    for k, (f, off) in enumerate(zip(facts, offsets)):
        for i, s, e, before, own in f.datelines:
            g = off + i
            if g < _LEAD_PARAGRAPHS:
                continue
            if before == "previous":  # the paragraph before is the last one of an earlier piece
                prev = next((p for p in reversed(facts[:k]) if p.last_para is not None), None)
                before = prev.last_para if prev is not None and prev.last_headline else None
            first, span = (g - 1, before) if before is not None else (g, own)
            if not starts or first > starts[-1][0] + _LEAD_PARAGRAPHS:
                starts.append((first, span, s, e))  # type: ignore[arg-type]
    if out is not None:
        for n, (_, span, s, e) in enumerate(starts, start=2):
            out.append(story_start(view, n, span, s, e))  # type: ignore[arg-type]
    return [span[0] for _, span, _, _ in starts]


def _sentence_copies(view: WholeView, facts: list[PieceFacts], offsets: list[int], copies: set[int],
                     cuts: list[int], out: list[Diagnostic]) -> None:
    from newslint.rules.duplicates import sentence_copy

    story = 0  # stories before the current paragraph's start
    seen = _FirstSeen(view.text)
    for f, off in zip(facts, offsets):
        for i, ps, pe, keys in f.sent:
            if off + i in copies:
                continue
            while story < len(cuts) and cuts[story] <= ps:
                story += 1
                seen = _FirstSeen(view.text)
            for s, e, h in keys:
                o = seen.first(h, s, e, s)
                if o != s:
                    out.append(sentence_copy(view.text, view.lines.line_of(o), s, e, ps, pe))


def _boilerplate(view: WholeView, facts: list[PieceFacts], out: list[Diagnostic]) -> None:
    from newslint.rules.boilerplate import findings, judge as judge_segments

    starts: list[int] = []
    ends: list[int] = []
    reasons: list[str | None] = []
    weak: list[bool] = []
    keys: list[str | None] = []
    sure: set[int] = set()
    shown: dict[int, str] = {}
    opener = -1
    for f in facts:
        base = len(starts)
        if opener < 0 and f.first_opener >= 0:
            opener = base + f.first_opener
        starts.extend(f.seg_start)
        ends.extend(f.seg_end)
        reasons.extend(f.seg_reason)
        weak.extend(f.seg_weak)
        keys.extend(f.seg_key)
        sure.update(base + i for i in f.seg_sure)
        shown.update((base + i, t) for i, t in f.seg_shown.items())
    judge_segments(reasons, weak, lambda i: i == opener, keys.__getitem__, view.format)
    out.extend(findings(view, _Segments(view, starts, ends, shown), reasons, sure.__contains__))
