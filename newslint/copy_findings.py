"""NL402's findings for a big text linted in pieces, built in bulk in the parent.

Why: a scraped dump repeats whole articles, so a big text can have tens of thousands of
copied paragraphs (27,600 in the 10 MB benchmark file), and their findings are built in the
parent after the forked workers end, on the run's critical path. ``duplicates.paragraph_copy``
builds each one through general helpers (``units.removal_edit`` reading the whole text's
``_Prose`` view, the line index's methods, ``Rule.diagnostic``): ~11 us a finding. Here the
same findings come from the line starts and the text directly, ~3 us each.

The straightforward builder stays the reference: a copy whose removal would read a masked
span (a URL on its lines or the blank lines around them), an HTML text, or a copy at the end
of the prose is built by ``paragraph_copy`` itself. tests/test_copy_findings.py checks that
both give equal findings on crafted texts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from newslint.piece_facts import WholeView


def paragraph_copies(view: "WholeView", pairs: list[tuple[int, int]], spans: dict[int, tuple[int, int]],
                     inexact: set[int]) -> list[Diagnostic]:
    """NL402's finding for each (copy, first occurrence) paragraph pair, in ``pairs``' order.

    ``spans``: paragraph index -> (start, end) in the whole text; ``inexact``: the copies not
    found equal to their first occurrence by a plain comparison (whitespace and quote style
    differ: the message says so when they do).
    """
    from newslint.rules.duplicates import _blocks, duplicated_paragraph, paragraph_copy

    text = view.text
    starts = view.lines.starts
    masks = view.prose.masks
    mask_starts = [s for s, _ in masks]
    mask_ends = [e for _, e in masks]  # increasing too: the masks are merged, disjoint
    prose_end = view.prose_end
    plain = view.format != "html"  # HTML needs the one-element-a-line test: paragraph_copy's
    code, name, severity = duplicated_paragraph.code, duplicated_paragraph.name, duplicated_paragraph.severity
    safe = Applicability.SAFE
    blocks = _blocks(pairs)
    block_lines: dict[tuple[int, int], str] = {}  # (first, last copy) -> the message's block part
    out: list[Diagnostic] = []
    for copy, orig in pairs:
        ps, pe = spans[copy]
        edit = _plain_removal(text, starts, ps, pe, prose_end, mask_starts, mask_ends) if plain else None
        b0, b1 = blocks[copy]
        if edit is None:
            out.append(paragraph_copy(view, (ps, pe), spans[orig], spans[b0][0], spans[b1][0], b1 - b0 + 1,  # type: ignore[arg-type]
                                      None if copy in inexact else True))
            continue
        o0, o1 = spans[orig]
        line = bisect_right(starts, o0)
        if copy in inexact and text[ps:pe].strip() != text[o0:o1].strip():
            msg = f"Paragraph repeats line {line} (whitespace or quote style aside)"
        else:
            msg = f"Paragraph repeats line {line}"
        if b1 > b0:
            part = block_lines.get((b0, b1))
            if part is None:
                part = block_lines[b0, b1] = (f"; block of {b1 - b0 + 1} repeated paragraphs, lines "
                                              f"{bisect_right(starts, spans[b0][0])}-{bisect_right(starts, spans[b1][0])}")
            msg += part
        fix = None
        if edit[0] >= 0:
            removal = _new(Edit, {"start": edit[0], "end": edit[1], "replacement": ""})
            fix = _new(Fix, {"edits": (removal,), "applicability": safe, "title": f"Remove the copy of line {line}"})
        out.append(_new(Diagnostic, {"code": code, "name": name, "message": msg, "start": ps, "end": pe,
                                     "severity": severity, "fix": fix, "suggestions": ()}))
    return out


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


def _plain_removal(text: str, starts: list[int], ps: int, pe: int, prose_end: int,
                   mask_starts: list[int], mask_ends: list[int]) -> tuple[int, int] | None:
    """``units.removal_edit``'s span for ``[ps, pe)`` read from the text itself (``_NO_EDIT``:
    no edit), or None when that needs the prose (a mask on what it reads) or the end case."""
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
        return None  # the copy ends the prose: removal_edit also takes the line breaks before it
    lo = starts[first - 2] if first > 1 else ls  # what is read: the line before ...
    if text[ls:ps].strip() or text[pe:le].strip():
        span = _NO_EDIT
        hi = le
    elif first == 1 or not text[lo:ls].strip():
        n = last + 1  # ... and the blank lines after, up to the next line with text
        while n <= count and not text[starts[n - 1]:starts[n] if n < count else total].strip():
            n += 1
        span = (ls, starts[n - 1])
        hi = starts[n] if n < count else total
    else:
        span = (ls, starts[last])
        hi = le
    k = bisect_left(mask_starts, hi)
    if k and mask_ends[k - 1] > lo:
        return None  # a mask inside: the prose differs from the text there
    return span
