"""Shipped regex data uses only syntax Python 3.10 can compile (pyproject: requires-python >= 3.10).

Why: possessive quantifiers (``*+``) and atomic groups (``(?>...)``) exist from Python 3.11
only. One of them in NL404's pattern data made every file an "internal error" on 3.10 while
CI (3.11) stayed green. Code may still use them behind a ``sys.version_info`` guard (as
newslint.rules.repetition does); data files have no such guard, so they are checked here.
"""

from __future__ import annotations

import re
import sys

import pytest

pytestmark = pytest.mark.skipif(sys.version_info < (3, 11), reason="reads the 3.11 parser's opcodes")


def _newer_syntax(pattern: str) -> list[str]:
    """The 3.11-only constructs in ``pattern``'s parse tree."""
    from re import _constants as c, _parser as parser  # type: ignore[attr-defined]

    newer = {c.ATOMIC_GROUP, c.POSSESSIVE_REPEAT, c.POSSESSIVE_REPEAT_ONE}
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, (list, tuple)) or type(node).__name__ == "SubPattern":
            items = list(node)  # type: ignore[call-overload]
            if len(items) == 2 and items[0] in newer:
                found.append(str(items[0]))
            for item in items:
                walk(item)

    walk(parser.parse(pattern, re.I))
    return found


def _data_patterns() -> list[str]:
    from newslint.data.boilerplate_patterns import PATTERNS

    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            for v in node.values():
                walk(v)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v)

    walk(PATTERNS)
    return out


def test_the_detector_sees_possessive_and_atomic_syntax():
    assert _newer_syntax(r"(visa|amex)([ ,]+(visa|amex))*+")
    assert _newer_syntax(r"a++b")
    assert _newer_syntax(r"(?>ab|a)c")
    assert not _newer_syntax(r"(visa|amex)([ ,]+(visa|amex))*")


def test_boilerplate_patterns_compile_on_python_310():
    patterns = _data_patterns()
    assert len(patterns) > 50  # the walk reached the pattern lists
    bad = {p: _newer_syntax(p) for p in patterns if _newer_syntax(p)}
    assert not bad, f"3.11-only regex syntax in newslint/data/boilerplate.toml: {bad}"
