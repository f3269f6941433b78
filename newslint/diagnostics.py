"""Diagnostic, Fix and Edit: what every rule produces and every reporter consumes.

Offsets are code-point offsets into the original text, half-open ``[start, end)``.
Line and column are computed by reporters from the document's line index, so a
diagnostic never has to be searched for again.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    """How bad a finding is; ``error`` and ``warning`` both make the exit code 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Applicability(enum.IntEnum):
    """How sure a fix is. Ordered: a mode that allows UNSAFE also allows SAFE."""

    DISPLAY_ONLY = 0
    UNSAFE = 1
    SAFE = 2

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """A set of edits that together repair one diagnostic."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    title: str

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


@dataclass(frozen=True)
class Diagnostic:
    """One finding of one rule at one span of one document."""

    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity = Severity.WARNING
    fix: Fix | None = None
    suggestions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.code)


def replace_fix(start: int, end: int, replacement: str, applicability: Applicability, title: str | None = None) -> Fix:
    """The common case: one edit that replaces one span."""
    return Fix((Edit(start, end, replacement),), applicability, title or f"Replace with {replacement!r}")
