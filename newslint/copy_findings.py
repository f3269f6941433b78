"""NL402 over a big text linted in pieces: the copies, found and built as the pieces arrive.

Why: a scraped dump repeats whole articles, so a big text can have tens of thousands of
copied paragraphs (27,600 in the 10 MB benchmark file), and their findings are built in the
parent, on the run's critical path. Two things keep that short:

- Bulk building. ``duplicates.paragraph_copy`` builds each finding through general helpers
  (``units.removal_edit`` reading the whole text's ``_Prose`` view, the line index's methods,
  ``Rule.diagnostic``): ~11 us a finding. Here the same findings come from the line starts and
  the text directly, ~4 us each.
- Building while the workers still run. Pieces arrive in order, so a copy's first occurrence
  is known when its piece arrives; its finding can be built once its run of consecutive
  copies is closed (the message names the whole run) and the lines its removal reads (the
  blank lines after it may reach into the next piece) have arrived.

The straightforward builder stays the reference: a copy whose removal depends on a mask (a
URL on the copy's lines, on the line before it, or on the next line with text after it), an
HTML text, or a copy at the end of the prose is built by ``paragraph_copy`` itself, after the
last piece.
tests/test_copy_findings.py checks that both give equal findings on crafted texts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix
from newslint.piece_facts import _FirstSeen, add_masks

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.piece_facts import PieceFacts, WholeView


class ParagraphCopies:
    """The copied paragraphs of a big text, fed piece by piece, in order (:meth:`add`), and
    NL402's finding for each (``build``), in :attr:`found` as early as they can be built."""

    def __init__(self, doc: "Document", build: bool) -> None:
        from newslint.rules.duplicates import duplicated_paragraph, paragraph_copy

        self._rule, self._paragraph_copy = duplicated_paragraph, paragraph_copy  # imported once, not per copy
        self._doc = doc
        self._build_findings = build
        self._first = _FirstSeen(doc.text)
        self.spans: dict[int, tuple[int, int]] = {}  # paragraph index (whole text) -> its span
        self.pairs: list[tuple[int, int]] = []  # (copy, first occurrence), in text order
        self.copies: set[int] = set()  # the copies' paragraph indices
        self.found: list[Diagnostic] = []
        self._paragraphs = 0  # paragraphs in the pieces added so far
        self._open = 0  # pairs[_open:] are not built yet (the last run may go on in the next piece)
        self._deferred: list[tuple[int, int, int, int]] = []  # (copy, orig, run's first, last copy)
        self._block_parts: dict[tuple[int, int], str] = {}
        # What the pieces added so far tell: their non-prose spans (merged: starts and ends both
        # increasing), the end of their prose, and where the text they cover ends.
        self._mask_starts: list[int] = []
        self._mask_ends: list[int] = []
        self._prose_end = 0
        self._known = 0

    def add(self, f: "PieceFacts", end: int | None = None) -> None:
        """The next piece's facts; ``end``: where the piece ends in the text (None: build
        nothing yet, :meth:`finish` will)."""
        base = self._paragraphs
        spans, pairs, copies, first = self.spans, self.pairs, self.copies, self._first.first
        for i, ps, pe, h in f.dup:
            g = base + i
            spans[g] = (ps, pe)
            o = first(h, ps, pe, g)
            if o != g:
                pairs.append((g, o))
                copies.add(g)
        self._paragraphs += f.npar
        add_masks(self._mask_starts, self._mask_ends, f.masks)
        self._prose_end = max(self._prose_end, f.prose_end)
        if end is None or not self._build_findings:
            return
        self._known = end
        # The last run may continue in the next piece: build up to its first copy.
        k = len(pairs)
        while k - 1 > self._open and _continues(pairs[k - 2], pairs[k - 1]):
            k -= 1
        if k - 1 > self._open:
            self._build(self._open, k - 1, None)
            self._open = k - 1

    def finish(self, view: "WholeView") -> list[Diagnostic]:
        """Every finding, once every piece is added (``view``: the whole text's)."""
        if self._build_findings:
            self._known = len(view.text)
            self._build(self._open, len(self.pairs), view)
            self._open = len(self.pairs)
            deferred, self._deferred = self._deferred, []
            for copy, orig, b0, b1 in deferred:
                self._one(copy, orig, b0, b1, view)
        return self.found

    def _build(self, i: int, j: int, view: "WholeView | None") -> None:
        """The findings of pairs[i:j], whole runs of consecutive copies."""
        pairs = self.pairs
        while i < j:
            k = i
            while k + 1 < j and _continues(pairs[k], pairs[k + 1]):
                k += 1
            b0, b1 = pairs[i][0], pairs[k][0]
            for n in range(i, k + 1):
                self._one(pairs[n][0], pairs[n][1], b0, b1, view)
            i = k + 1

    def _one(self, copy: int, orig: int, b0: int, b1: int, view: "WholeView | None") -> None:
        """NL402's finding for ``copy``; deferred while ``view`` is None and the text it needs is
        not all known; ``paragraph_copy``'s when the text alone does not tell the removal."""
        spans, text = self.spans, self._doc.text
        ps, pe = spans[copy]
        span = None
        if self._doc.format != "html":  # HTML needs the one-element-a-line test: paragraph_copy's
            span = _plain_removal(text, self._doc.lines.starts, ps, pe, self._prose_end, self._known,
                                  self._mask_starts, self._mask_ends)
        if span is None:
            if view is None:
                self._deferred.append((copy, orig, b0, b1))
            else:
                exact = None if copy in self._first.inexact else True
                self.found.append(self._paragraph_copy(view, (ps, pe), spans[orig], spans[b0][0], spans[b1][0],  # type: ignore[arg-type]
                                                       b1 - b0 + 1, exact))
            return
        starts = self._doc.lines.starts
        o0, o1 = spans[orig]
        line = bisect_right(starts, o0)
        if copy in self._first.inexact and text[ps:pe].strip() != text[o0:o1].strip():
            msg = f"Paragraph repeats line {line} (whitespace or quote style aside)"
        else:
            msg = f"Paragraph repeats line {line}"
        if b1 > b0:
            part = self._block_parts.get((b0, b1))
            if part is None:
                part = self._block_parts[b0, b1] = (
                    f"; block of {b1 - b0 + 1} repeated paragraphs, lines "
                    f"{bisect_right(starts, spans[b0][0])}-{bisect_right(starts, spans[b1][0])}")
            msg += part
        fix = None
        if span[0] >= 0:
            removal = _new(Edit, {"start": span[0], "end": span[1], "replacement": ""})
            fix = _new(Fix, {"edits": (removal,), "applicability": Applicability.SAFE,
                             "title": f"Remove the copy of line {line}"})
        rule = self._rule
        self.found.append(_new(Diagnostic, {"code": rule.code, "name": rule.name, "message": msg, "start": ps,
                                            "end": pe, "severity": rule.severity, "fix": fix, "suggestions": ()}))


def _continues(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Pair ``b`` continues ``a``'s run: the next paragraph copies the next one (duplicates._blocks)."""
    return b[0] == a[0] + 1 and b[1] == a[1] + 1


_object_new = object.__new__
_set = object.__setattr__


def _new(cls: type, fields: dict) -> object:  # type: ignore[type-arg]
    """An instance of the record class ``cls`` (Diagnostic, Fix, Edit) with ``fields``, all of
    them, in order: what its ``__init__`` makes, in half the time (one assignment of the
    instance's dict instead of one frozen-record assignment per field; 27,600 findings times
    three records). tests/test_copy_findings.py compares it with the constructors."""
    obj = _object_new(cls)
    _set(obj, "__dict__", fields)
    return obj


# ``_plain_removal``'s answer when the lines hold something else: no edit (as removal_edit's None).
_NO_EDIT = (-1, -1)


def _plain_removal(text: str, starts: list[int], ps: int, pe: int, prose_end: int, known: int,
                   mask_starts: list[int], mask_ends: list[int]) -> tuple[int, int] | None:
    """``units.removal_edit``'s span for ``[ps, pe)`` read from the text itself (``_NO_EDIT``:
    no edit); None when the prose must tell (a mask where the text is not blank), when that is
    past ``known`` (the next piece's masks are not in yet), or at the end of the prose (then
    removal_edit also takes the line breaks before the copy).

    removal_edit asks only whether parts of the prose are blank. The prose is the text with
    masked characters blanked, so a part blank in the text is blank in the prose; a part with
    text is not blank in the prose either unless a mask covers it.
    """
    total = len(text)
    count = len(starts)
    first = bisect_right(starts, ps)
    last = bisect_right(starts, pe - 1 if pe > ps else ps)
    ls = starts[first - 1]
    le = starts[last] if last < count else total
    line_start = starts[last - 1]
    while le > line_start and text[le - 1] in "\r\n":
        le -= 1
    if le >= prose_end:
        return None

    def masked(a: int, b: int) -> bool:  # a mask meets [a, b)
        k = bisect_left(mask_starts, b)
        return k > 0 and mask_ends[k - 1] > a

    if text[ls:ps].strip() or text[pe:le].strip():  # other text on the copy's lines
        return None if masked(ls, ps) or masked(pe, le) else _NO_EDIT
    lo = starts[first - 2] if first > 1 else ls
    if first > 1 and text[lo:ls].strip():  # the line before has text
        return None if masked(lo, ls) else (ls, starts[last])
    n = last + 1  # the blank lines after, up to the next line with text
    while n <= count and not text[starts[n - 1]:starts[n] if n < count else total].strip():
        n += 1
    line = text[starts[n - 1]:starts[n] if n < count else total]
    q = starts[n - 1] + len(line) - len(line.lstrip())  # that line's first character
    if q >= known or masked(q, q + 1):
        return None
    return ls, starts[n - 1]
