"""Which characters a regular expression's match can start with, read from its parsed form.

Why: NL404 fully matches every line of an article against one alternation of ~45 patterns;
on a big text (a 1.75M-character piece has ~5,000 lines) that is ~3 µs a line, as the engine
tries each alternative in turn. A line can only match the alternatives whose first character
fits its own, so the lines are matched against the alternation of just those (a few), which
gives the same answer (alternatives that cannot match never decide which one matches first).

The analysis is conservative: anything it does not know (a back-reference, a pattern that can
match the empty string, an unparsable pattern) counts as "may start with any character".
"""

from __future__ import annotations

import re

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}
# Zero-width items: they consume nothing, so the next item decides the first character.
_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})


def _parse(source: str, flags: int):  # type: ignore[no-untyped-def]
    try:
        from re import _parser as parser  # type: ignore[attr-defined]  # Python >= 3.11
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]
    return parser.parse(source, flags)


def _name(op: object) -> str:
    return getattr(op, "name", str(op))


def _char_class(items) -> str | None:  # type: ignore[no-untyped-def]
    """A ``[...]`` source equal to a parsed IN item (None: not understood)."""
    parts = []
    for op, av in items:
        name = _name(op)
        if name == "NEGATE":
            parts.insert(0, "^")
        elif name == "LITERAL":
            parts.append(re.escape(chr(av)))
        elif name == "RANGE":
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif name == "CATEGORY" and _name(av) in _CATEGORIES:
            parts.append(_CATEGORIES[_name(av)])
        else:
            return None
    return "[" + "".join(parts) + "]" if parts and parts != ["^"] else None


def _first(items) -> tuple[list[str] | None, bool]:  # type: ignore[no-untyped-def]
    """(one-character sources the sequence ``items`` can start with (None: any), can it match empty)."""
    found: list[str] = []
    for op, av in items:
        name = _name(op)
        if name in _ZERO_WIDTH:
            continue
        if name == "LITERAL":
            found.append(re.escape(chr(av)))
            return found, False
        if name == "NOT_LITERAL":
            found.append(f"[^{re.escape(chr(av))}]")
            return found, False
        if name == "IN":
            cls = _char_class(av)
            if cls is None:
                return None, False
            found.append(cls)
            return found, False
        if name == "SUBPATTERN":
            sub, empty = _first(av[-1])
        elif name == "ATOMIC_GROUP":
            sub, empty = _first(av)
        elif name == "BRANCH":
            sub, empty = [], False
            for alt in av[1]:
                f, e = _first(alt)
                if f is None:
                    return None, False
                sub += f
                empty = empty or e
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            sub, empty = _first(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False
        if sub is None:
            return None, False
        found += sub
        if not empty:
            return found, False
    return found, True


def first_chars(source: str, flags: int = 0) -> re.Pattern[str] | None:
    """A pattern that fully matches each character a match of ``source`` (compiled with
    ``flags``) can start with, ignoring case; None when that may be any character."""
    try:
        found, empty = _first(_parse(source, flags))
        if found is None or empty or not found:
            return None
        return re.compile("(?:" + "|".join(found) + ")", re.I)
    except Exception:  # an analysis failure only costs speed
        return None


def ascii_candidates(sources: list[str], flags: int = 0) -> list[tuple[int, ...]]:
    """For each ASCII character, the indices of ``sources`` whose match may start with it."""
    firsts = [first_chars(s, flags) for s in sources]
    return [tuple(k for k, f in enumerate(firsts) if f is None or f.fullmatch(chr(x))) for x in range(128)]
