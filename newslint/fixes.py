"""The fix loop: apply non-overlapping fixes at an allowed applicability, re-lint, repeat."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from newslint.diagnostics import Applicability, Diagnostic, Edit

# Re-lint at most this many times; a loop that has not settled by then is reported.
MAX_ROUNDS = 10


@dataclass
class FixOutcome:
    """The fixed text, how many fixes went in, and what is left."""

    text: str
    applied: int
    remaining: list[Diagnostic] = field(default_factory=list)
    converged: bool = True


def select_edits(diagnostics: list[Diagnostic], minimum: Applicability) -> tuple[list[Edit], int]:
    """Edits of the fixes at ``minimum`` or better, sorted, skipping any that overlap an earlier one.

    Returns the edits and the number of fixes they come from.
    """
    fixes = [d.fix for d in diagnostics if d.fix is not None and d.fix.applicability >= minimum]
    fixes.sort(key=lambda f: (f.start, f.end))
    chosen: list[Edit] = []
    taken_until = -1
    count = 0
    for fix in fixes:
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if fix.start < taken_until or (fix.start == taken_until and chosen and chosen[-1].start == chosen[-1].end == fix.start):
            continue  # overlaps (or inserts at the same point as) an earlier fix
        chosen.extend(edits)
        taken_until = max(taken_until, fix.end)
        count += 1
    return chosen, count


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits; every character outside them is kept."""
    parts: list[str] = []
    pos = 0
    for e in edits:
        parts.append(text[pos:e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_text(text: str, lint: Callable[[str], list[Diagnostic]], minimum: Applicability = Applicability.SAFE,
             max_rounds: int = MAX_ROUNDS) -> FixOutcome:
    """Fix ``text`` until nothing at ``minimum`` is left to fix, at most ``max_rounds`` times."""
    applied = 0
    diagnostics = lint(text)
    for _ in range(max_rounds):
        edits, count = select_edits(diagnostics, minimum)
        if not edits:
            return FixOutcome(text, applied, diagnostics, True)
        new_text = apply_edits(text, edits)
        if new_text == text:
            return FixOutcome(text, applied, diagnostics, True)
        text = new_text
        applied += count
        diagnostics = lint(text)
    edits, _ = select_edits(diagnostics, minimum)
    return FixOutcome(text, applied, diagnostics, converged=not edits)
