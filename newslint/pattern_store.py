"""Compiled regular expressions kept between runs, as Python keeps bytecode in ``__pycache__``.

Why: ``re`` parses and compiles patterns in pure Python, and newslint's ~50 patterns cost a
fifth of a one-article run (~50 M of ~260 M instructions, ~9 ms), paid again by every
pre-commit hook start. What ``re`` builds (the regex engine's code) depends only on the
pattern, its flags and the interpreter, so the command-line process (``newslint.entry``)
stores it once and, in later runs, lets ``re``'s own pattern cache answer a miss from the
store before ``re`` compiles: every ``re.compile`` / ``re.search(pattern, ...)`` anywhere gets
its pattern without compiling, no call site knows about this module, and only patterns a run
asks for are built. A program that imports newslint as a library is not touched.

Why it cannot change a result:

* The store belongs to one interpreter: its header holds ``sys.version``, the regex engine's
  MAGIC and code size, and newslint's version, so another Python never reads it.
* An entry is written only after the pattern rebuilt from it compared equal to the one
  ``re.compile`` built in the same process (Pattern equality compares the pattern, flags and
  the engine code), with the same groups. If ``re``'s internals ever change shape, entries
  fail that check and are compiled as usual: slower, never different.
* The file sits beside newslint's bytecode (the same trust as the ``.pyc`` files Python runs
  from there; a repository clone brings none), is replaced atomically, and is written only
  when Python itself may write bytecode (``sys.dont_write_bytecode``, ``PYTHONDONTWRITEBYTECODE``).
  A missing, unreadable, truncated or foreign file is ignored, and the engine validates the
  code of every pattern it is given (code it refuses means: compile as usual).

How ``re`` is reached (private, so checked): its module-level pattern cache ``re._cache`` is a
dict that ``re._compile`` reads with ``_cache[key]`` (Python 3.10, 3.11) or takes from with
``_cache.pop(key, None)`` (3.12+, behind a second small cache). :class:`_StoredPatterns` is
that dict with ``__missing__`` and ``pop`` answering from the store; without a dict there,
nothing is installed.
"""

from __future__ import annotations

import os
import sys

# Bump when the file's layout changes.
_FORMAT = "newslint-patterns-2"
# At most this many patterns are kept (re's own cache holds 512); a store that would grow past
# it keeps only the patterns this run used.
MAX_ENTRIES = 200
# Patterns seen in one run only, remembered (not stored) until a second run compiles them too.
# Why: NL404 joins the few line patterns an article can match into one pattern, so most
# articles compile a pattern of their own; rebuilding each for the store would cost what
# compiling it cost, for a pattern no other run asks for. The very first store takes everything.
MAX_CANDIDATES = 64
# Flags whose compiled form depends on more than the pattern (DEBUG prints while compiling).
_UNSTORED_FLAGS = 128  # re.DEBUG

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# The store as read: (pattern, flags) -> the marshalled arguments after the pattern for
# _sre.compile, or None for a pattern whose compiled form could not be rebuilt exactly (it is
# compiled as usual and never tried again).
_entries: dict[tuple[str, int], bytes | None] = {}
_used: set[tuple[str, int]] = set()  # entries this run built
_candidates: list[tuple[str, int]] = []  # patterns an earlier run compiled, not stored yet
_found = [False]  # a store was read


def _engine() -> tuple:
    import _sre

    from newslint import __version__

    return (sys.version, _sre.MAGIC, _sre.CODESIZE, sys.maxunicode, __version__)


def store_path() -> str | None:
    """``newslint/__pycache__/patterns.<tag>.marshal`` (under ``sys.pycache_prefix`` when set,
    as Python places bytecode); None for an interpreter without a bytecode tag."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    package = os.path.dirname(os.path.abspath(__file__))
    if sys.pycache_prefix:
        folder = os.path.join(sys.pycache_prefix, os.path.splitdrive(package)[1].lstrip(os.sep))
    else:
        folder = os.path.join(package, "__pycache__")
    return os.path.join(folder, f"patterns.{tag}.marshal")


def _build(key: object) -> Any:
    """The stored pattern for re's cache ``key`` ``(str, pattern, flags)``, or None."""
    if type(key) is not tuple or len(key) != 3 or key[0] is not str:
        return None
    entry = (key[1], key[2])
    blob = _entries.get(entry)  # type: ignore[call-overload]
    if blob is None:
        return None
    import marshal

    import _sre

    try:
        compiled = _sre.compile(key[1], *marshal.loads(blob))
    except Exception:  # noqa: BLE001 - wrong types, code the engine refuses: compile as usual
        _entries[entry] = None  # type: ignore[index]
        return None
    _used.add(entry)  # type: ignore[arg-type]
    return compiled


class _StoredPatterns(dict):
    """``re``'s pattern cache, answering a miss from the store before ``re`` compiles."""

    __slots__ = ()

    def __missing__(self, key: object) -> Any:  # Python 3.10, 3.11: ``_cache[key]``
        compiled = _build(key)
        if compiled is None:
            raise KeyError(key)
        self[key] = compiled
        return compiled

    def pop(self, key: object, *default: Any) -> Any:  # Python 3.12+: ``_cache.pop(key, None)``
        try:
            return dict.pop(self, key)
        except KeyError:
            compiled = _build(key)
            if compiled is not None:
                return compiled  # re puts it back at the end itself
            if default:
                return default[0]
            raise


def _read(path: str) -> bool:
    """Load the store file into the module state; False when it is absent or not ours."""
    import marshal

    try:
        with open(path, "rb") as fh:
            fmt, engine, entries, candidates = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if fmt != _FORMAT or engine != _engine() or type(entries) is not dict or type(candidates) is not list:
        return False
    _entries.clear()
    for key, blob in entries.items():
        if (type(key) is tuple and len(key) == 2 and type(key[0]) is str and type(key[1]) is int
                and (blob is None or type(blob) is bytes)):
            _entries[key] = blob
    _candidates[:] = [c for c in candidates[-MAX_CANDIDATES:]
                      if type(c) is tuple and len(c) == 2 and type(c[0]) is str and type(c[1]) is int]
    _found[0] = True
    return True


def install(path: str | None = None) -> int:
    """Let ``re`` take stored patterns instead of compiling them; returns how many are stored."""
    import re

    cache = getattr(re, "_cache", None)
    path = path or store_path()
    if type(cache) is not dict or path is None or not _read(path):
        return 0
    re._cache = _StoredPatterns(cache)  # type: ignore[attr-defined]
    return sum(blob is not None for blob in _entries.values())


def _compiled_form(pattern: str, flags: int) -> tuple | None:
    """The _sre.compile arguments ``re.compile(pattern, flags)`` used, or None when they cannot
    be rebuilt exactly (checked against the real compiled pattern)."""
    import re

    import _sre

    try:
        if sys.version_info >= (3, 11):
            from re import _compiler as compiler, _parser as parser
        else:  # pragma: no cover - Python 3.10
            import sre_compile as compiler
            import sre_parse as parser
        parsed = parser.parse(pattern, flags)
        code = [int(c) for c in compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        args = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        rebuilt = _sre.compile(pattern, *args)
        real = re.compile(pattern, flags)
    except Exception:  # noqa: BLE001 - whatever re's internals do, the answer is "do not store"
        return None
    if rebuilt != real or rebuilt.groups != real.groups or rebuilt.groupindex != real.groupindex:
        return None
    return args


def save(path: str | None = None, cache: dict | None = None) -> int:
    """Add the patterns this process compiled (``re``'s cache, or ``cache``) that the store
    lacks and an earlier run compiled too (all of them for a first store); returns how many
    were added. Written only where Python may write bytecode."""
    if path is None and sys.dont_write_bytecode:
        return 0
    if cache is None:
        import re

        cache = getattr(re, "_cache", None)
    path = path or store_path()
    if not isinstance(cache, dict) or path is None:
        return 0
    current = [(k[1], k[2]) for k in list(cache)
               if type(k) is tuple and len(k) == 3 and k[0] is str and type(k[2]) is int
               and not k[2] & _UNSTORED_FLAGS]
    new = [k for k in current if k not in _entries]
    if not new:
        return 0
    import marshal

    promote = [k for k in new if k in _candidates or not _found[0]]
    entries = dict(_entries)
    if len(entries) + len(promote) > MAX_ENTRIES:
        entries = {k: _entries[k] for k in _used}
    added = 0
    for key in promote[:MAX_ENTRIES - len(entries)]:
        args = _compiled_form(*key)
        entries[key] = None if args is None else marshal.dumps(args)
        added += args is not None
    candidates = [k for k in _candidates if k not in entries] + [k for k in new if k not in entries]
    candidates = list(dict.fromkeys(candidates))[-MAX_CANDIDATES:]
    try:
        _write_atomic(path, marshal.dumps((_FORMAT, _engine(), entries, candidates)))
    except (OSError, ValueError):
        return 0
    _entries.clear()
    _entries.update(entries)
    _candidates[:] = candidates
    _found[0] = True
    return added


def _write_atomic(path: str, data: bytes) -> None:
    """A reader sees the old or the new store (newslint/atomic.py)."""
    from newslint.atomic import write_atomic

    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_atomic(path, data)
