"""Offsets (code points, as every newslint Diagnostic uses) <-> LSP positions.

LSP columns count code units of the negotiated encoding: UTF-16 by default (an emoji is two
units), UTF-8 or UTF-32 when client and server agree on them. The conversion happens only here,
on the text snapshot that was linted, so a position never drifts onto a newer version.
"""

from __future__ import annotations

from lsprotocol import types

from newslint.document import LineIndex


def _units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class PositionMap:
    """Converts between code-point offsets in ``text`` and LSP positions in ``encoding``."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self.lines = LineIndex(text)

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line, column = self.lines.position(offset)
        start = self.lines.starts[line - 1]
        return types.Position(line=line - 1, character=_units(self.text[start:start + column - 1], self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The offset of ``position``, clamped into the document (clients send stale positions)."""
        if position.line < 0:
            return 0
        if position.line >= self.lines.count:
            return len(self.text)
        start, end = self.lines.line_span(position.line + 1)
        if self.encoding == types.PositionEncodingKind.Utf32:
            return min(start + max(position.character, 0), end)
        units = 0
        for i in range(start, end):
            if units >= position.character:
                return i
            units += _units(self.text[i], self.encoding)
        return end
