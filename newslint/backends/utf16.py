"""Convert LanguageTool's UTF-16 offsets to Python code-point offsets.

LanguageTool is Java: its JSON API counts UTF-16 code units, so every character outside the
Basic Multilingual Plane (emoji, some CJK) counts twice there and once in Python.
"""

from __future__ import annotations

from typing import Callable


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def utf16_to_codepoints(text: str) -> Callable[[int], int]:
    """A function mapping a UTF-16 offset in ``text`` to the code-point offset.

    An offset that falls between the two halves of a surrogate pair is rounded up to the
    end of that character (LanguageTool never does this, but a broken server might).
    """
    if text.isascii() or all(ord(ch) <= 0xFFFF for ch in text):
        size = len(text)
        return lambda u: max(0, min(u, size))
    table: list[int] = []
    for i, ch in enumerate(text):
        table.append(i)
        if ord(ch) > 0xFFFF:
            table.append(i + 1)  # the low surrogate: rounds up to the next character
    table.append(len(text))
    last = len(table) - 1
    return lambda u: table[max(0, min(u, last))]
