"""The optional native scans (``newslint._native``, built from native/ when cargo is there).

Why a switch: the Rust code only speeds up scans whose pure-Python version stays the
reference; without the compiled module, or with ``NEWSLINT_NO_NATIVE=1`` (to bypass a
suspect build, or to test both paths), the Python code runs and the findings are the same.
See docs/native.md.
"""

from __future__ import annotations

import os
import re

# The native/src/lib.rs API_VERSION this Python code calls; a build with another is stale.
API_VERSION = 6

_UNSET = object()
_module: object = _UNSET


def module():  # type: ignore[no-untyped-def]
    """``newslint._native``, or None when it is not built, stale, or switched off (decided once)."""
    global _module
    if _module is _UNSET:
        _module = None
        if not os.environ.get("NEWSLINT_NO_NATIVE"):
            try:
                from newslint import _native
            except ImportError:
                pass
            else:
                if getattr(_native, "API_VERSION", None) == API_VERSION:
                    _module = _native
    return _module


def same_ignoring_case(pair: str) -> bool:
    """True when the two characters of ``pair`` match each other as a re.I back-reference.

    The regex engine's own comparison (simple case folding, not ``str.lower()``), asked only for
    differing non-ASCII letters (rare), so the pattern is compiled on first use (``re`` caches it).
    """
    return re.fullmatch(r"(?s)(.)\1", pair, re.I) is not None
