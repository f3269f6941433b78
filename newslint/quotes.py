"""Find quotations in a paragraph: what someone said must never be changed silently."""

from __future__ import annotations

import bisect
import re

_OPEN_SINGLE = re.compile(r"(?:(?<=^)|(?<=[\s(\[“\"—–-]))['‘](?=\w)")
_CLOSE_SINGLE = re.compile(r"(?<=[\w.,!?])['’](?=[\s.,;:!?)\]”\"—–-]|$)")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Spans (including the marks) of quotations in ``text``.

    Curly and straight double quotes pair up in order; a quotation left open runs
    to the end of the paragraph (news style continues a quote into the next
    paragraph without a closing mark). Single quotes count only when an opening
    mark (after space or start, before a letter) meets a closing one, so that
    apostrophes in "Russia's" or "leaders'" are not taken for quotations.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for m in re.finditer(r"[“”\"]", text):
        ch = m.group()
        if start is None:
            if ch != "”":
                start = m.start()
        elif ch != "“":
            spans.append((start, m.end()))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    double_starts = [a for a, _ in spans]  # sorted and disjoint: bisect instead of a scan per mark
    double = list(spans)
    pos = 0
    while True:
        o = _OPEN_SINGLE.search(text, pos)
        if not o:
            break
        c = _CLOSE_SINGLE.search(text, o.end())
        if not c:
            break
        i = bisect.bisect_right(double_starts, o.start())
        if not (i and o.start() < double[i - 1][1]):
            spans.append((o.start(), c.end()))
        pos = c.end()
    spans.sort()
    return spans
