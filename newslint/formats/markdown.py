"""Markdown masks (placeholder until the Markdown-aware masker lands: plain masks plus code)."""

from __future__ import annotations

import re

from newslint.document import Span, plain_masks


def markdown_masks(text: str) -> list[Span]:
    spans = plain_masks(text)
    for m in re.finditer(r"^```.*?^```[^\n]*$|`[^`\n]+`", text, re.S | re.M):
        spans.append(Span(m.start(), m.end(), "code"))
    return spans
