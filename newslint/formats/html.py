"""HTML masks (placeholder until the HTML-aware masker lands: tags are masked)."""

from __future__ import annotations

import re

from newslint.document import Span, plain_masks

_RAW_OPEN = re.compile(r"<(script|style|pre|code)\b", re.I)
# ``[^<>]`` rather than ``[^>]``: a tag cannot contain "<", and with ``[^>]*`` a text of
# many "<" and no ">" was rescanned to its end from every "<" (quadratic).
_TAG = re.compile(r"<[^<>]*>")


def _raw_spans(text: str) -> list[tuple[int, int]]:
    """``<script>...</script>`` (and style, pre, code) spans, each closed by its own end tag.

    Once an element has no closing tag after some point, later openings of the same
    element cannot close either, so they are not searched again (a lazy ``.*?</\\1>``
    regex rescanned to the end from each unclosed opening: quadratic).
    """
    spans: list[tuple[int, int]] = []
    unclosed: set[str] = set()
    pos = 0
    while True:
        m = _RAW_OPEN.search(text, pos)
        if not m:
            return spans
        name = m.group(1).lower()
        close = None if name in unclosed else re.compile(rf"</{name}\s*>", re.I).search(text, m.end())
        if close is None:
            unclosed.add(name)
            pos = m.end()
            continue
        spans.append((m.start(), close.end()))
        pos = close.end()


def html_masks(text: str) -> list[Span]:
    spans = plain_masks(text)
    raw = _raw_spans(text)
    spans.extend(Span(s, e, "code") for s, e in raw)
    pos = 0
    for rs, re_ in [*raw, (len(text), len(text))]:
        spans.extend(Span(m.start(), m.end(), "html") for m in _TAG.finditer(text, pos, rs))
        pos = re_
    return spans
