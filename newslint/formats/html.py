"""HTML masks (placeholder until the HTML-aware masker lands: tags are masked)."""

from __future__ import annotations

import re

from newslint.document import Span, plain_masks


def html_masks(text: str) -> list[Span]:
    spans = plain_masks(text)
    for m in re.finditer(r"<(script|style|pre|code)\b.*?</\1\s*>|<[^>]*>", text, re.S | re.I):
        spans.append(Span(m.start(), m.end(), "code" if m.group(1) else "html"))
    return spans
