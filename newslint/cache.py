"""Results cache, like ruff's: unchanged files are not linted again.

Why: a pre-commit hook or CI job re-checks the same 1,000 articles on every run; reading a
small JSON entry is far cheaper than spelling every word again.

Layout (under the configuration's root folder, or the working folder without one)::

    .newslint_cache/
        .gitignore                 "*": the cache never ends up in a commit
        CACHEDIR.TAG               backup tools skip it
        <version>/<settings key>/<path hash>.entry

The *settings key* hashes everything that can change a file's diagnostics besides its own
text: the newslint version and a fingerprint of its installed source and data files, the
resolved configuration, the selected rules, and the content of every dictionary and
lexicon file the configuration points at. A change to any of them selects a fresh folder,
so stale results are never read. Each entry holds the file's size, mtime and content hash
(SHA-256) and its diagnostics; an entry is used only when the content hash matches.

Entries are lines of tab-separated fields (:func:`entry_text`), not JSON: importing ``json``
cost ~1 ms of every cached start (a fifth of what the cache adds to a run), and a cache file
may come from anywhere (a cloned repository), so it is read as data only, never executed
(no pickle or marshal), and anything malformed, including offsets outside the file, is a miss.

Concurrency: every entry is written to a temporary file in the same folder and moved into
place with ``os.replace`` (atomic on POSIX and Windows), so readers see a whole old entry or
a whole new one and two writers simply race to write the same correct answer. There is no
lock file, so nothing can deadlock. Unreadable or corrupt entries count as misses.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable

from newslint import __version__
from newslint.atomic import write_atomic
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.files import sha256_hex

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from pathlib import Path

    from newslint.config import Config
    from newslint.files import SourceFile
    from newslint.rules.base import Rule

CACHE_DIR_NAME = ".newslint_cache"
# Bump when the entry format changes.
_FORMAT = 2
_GITIGNORE = "# Written by newslint: its results cache is never committed.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by newslint.\n"
)


_ENTRY_HEADER = "newslint-cache-entry 2"
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_ESCAPED = re.compile(r"\\(.?)", re.S)
_NO_FIX = "-"


def _escape(text: str) -> str:
    """A field that holds no tab or line break (splitting on them gets the fields back)."""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return "".join(_ESCAPES.get(c, c) for c in text)
    return text


def _unescape(field: str) -> str:
    """The inverse of :func:`_escape`; KeyError for an escape it never writes."""
    return _ESCAPED.sub(lambda m: _UNESCAPES[m.group(1)], field) if "\\" in field else field


def diagnostic_line(d: Diagnostic) -> str:
    """One diagnostic as one line: code, name, message, start, end, severity, then the fix
    (applicability or ``-``, title, edit count, start/end/replacement per edit), then the
    suggestion count and the suggestions."""
    fields = [_escape(d.code), _escape(d.name), _escape(d.message), str(d.start), str(d.end), d.severity.value]
    if d.fix is None:
        fields.append(_NO_FIX)
    else:
        fields += [str(int(d.fix.applicability)), _escape(d.fix.title), str(len(d.fix.edits))]
        for e in d.fix.edits:
            fields += [str(e.start), str(e.end), _escape(e.replacement)]
    fields.append(str(len(d.suggestions)))
    fields += [_escape(s) for s in d.suggestions]
    return "\t".join(fields)


def _offset(field: str, limit: int) -> int:
    value = int(field)
    if not 0 <= value <= limit:
        raise ValueError(f"offset {value} outside 0..{limit}")
    return value


def diagnostic_from_line(line: str, text_length: int) -> Diagnostic:
    """The Diagnostic :func:`diagnostic_line` wrote; ValueError/KeyError/IndexError when the
    line is malformed or an offset lies outside a text of ``text_length`` code points."""
    f = line.split("\t")
    start, end = _offset(f[3], text_length), _offset(f[4], text_length)
    if end < start:
        raise ValueError("span ends before it starts")
    severity = Severity(f[5])
    fix = None
    i = 6
    if f[i] != _NO_FIX:
        applicability, title, count = Applicability(int(f[i])), _unescape(f[i + 1]), int(f[i + 2])
        i += 3
        edits = []
        for _ in range(count):
            e_start, e_end = _offset(f[i], text_length), _offset(f[i + 1], text_length)
            if e_end < e_start:
                raise ValueError("edit ends before it starts")
            edits.append(Edit(e_start, e_end, _unescape(f[i + 2])))
            i += 3
        fix = Fix(tuple(edits), applicability, title)
    else:
        i += 1
    count = int(f[i])
    suggestions = tuple(_unescape(s) for s in f[i + 1:])
    if count != len(suggestions):
        raise ValueError("wrong number of fields")
    return Diagnostic(code=_unescape(f[0]), name=_unescape(f[1]), message=_unescape(f[2]), start=start, end=end,
                      severity=severity, fix=fix, suggestions=suggestions)


def entry_text(source: "SourceFile", diagnostics: list[Diagnostic]) -> str:
    """A cache entry: a header line, a line of the file's size, mtime, content hash and
    diagnostic count (and its path, for people looking at the folder), one line per diagnostic."""
    # A name with undecodable bytes (lone surrogates) is kept readable, not exact: it is only a label.
    path = os.fsencode(os.path.abspath(source.path)).decode("utf-8", "backslashreplace")
    head = f"{source.size}\t{source.mtime_ns}\t{source.raw_hash}\t{len(diagnostics)}\t{_escape(path)}"
    return "\n".join([_ENTRY_HEADER, head, *map(diagnostic_line, diagnostics)]) + "\n"


def diagnostics_from_entry(text: str, source: "SourceFile") -> list[Diagnostic] | None:
    """The diagnostics of an entry written for ``source``'s exact content, else None (another
    content); ValueError/KeyError/IndexError for a malformed entry."""
    lines = text.split("\n")
    if lines[0] != _ENTRY_HEADER or lines[-1] != "":
        raise ValueError("not a complete cache entry")
    size, _mtime, digest, count = lines[1].split("\t")[:4]
    if digest != source.raw_hash or int(size) != source.size:
        return None
    body = lines[2:-1]
    if int(count) != len(body):
        raise ValueError("wrong number of diagnostics")
    length = len(source.text)
    return [diagnostic_from_line(line, length) for line in body]


# Paths are strings here: pathlib is not imported on the check path (~3.5 ms of start-up).


def _file_digest(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            return sha256_hex(fh.read())
    except OSError:
        return "missing"


def _tree_stats(root: Path | str, rel: str = "") -> list[str]:
    """``relative/path:size:mtime_ns`` of each file under ``root`` (sorted, top-down as os.walk;
    no __pycache__, no .pyc, symlinked folders not followed). os.scandir's entries carry the
    stat, so this costs half of os.walk + os.stat + os.path.relpath (it runs on every start)."""
    parts: list[str] = []
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return parts
    folders = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if entry.name != "__pycache__" and not entry.is_symlink():
                folders.append(entry)
            continue
        if entry.name.endswith((".pyc", ".pyo")):
            continue
        try:
            st = entry.stat()
        except OSError:
            continue
        parts.append(f"{rel}{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    for entry in folders:
        parts += _tree_stats(entry.path, f"{rel}{entry.name}{os.sep}")
    return parts


def _package_folder(name: str) -> list[str]:
    """Where the package ``name`` is imported from: the first sys.path folder holding it, else
    importlib's answer (find_spec alone costs ~1.5 ms at start-up)."""
    for entry in sys.path:
        folder = os.path.join(entry or ".", name)
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            return [folder]
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return []
    return list(spec.submodule_search_locations or []) if spec else []


def _installed_record(folder: str, dist: str, version: str | None = None) -> str | None:
    """``size:mtime`` of the ``RECORD`` of distribution ``dist`` when ``folder`` was installed
    by pip from a wheel (its ``<dist>-<version>.dist-info`` sits beside it), else None (a
    source checkout, an editable install).

    Why this stands for every file of the package: pip writes RECORD anew on each install
    (the same version reinstalled included), and files under site-packages change only by an
    install. One stat instead of ~100 (a millisecond of every cached start).
    """
    parent = os.path.dirname(os.path.abspath(folder))
    if version is not None:
        names = [f"{dist}-{version}.dist-info"]
    else:
        try:
            names = sorted(n for n in os.listdir(parent) if n.startswith(f"{dist}-") and n.endswith(".dist-info"))
        except OSError:
            return None
    for name in names:
        try:
            st = os.stat(os.path.join(parent, name, "RECORD"))
        except OSError:
            continue
        return f"{name}:{st.st_size}:{st.st_mtime_ns}"
    return None


def _package_stamp(folder: str, dist: str, version: str | None = None) -> list[str]:
    """What identifies the installed files of ``folder``: the wheel's RECORD, or in a source
    checkout (where files are edited in place) the size and mtime of every file."""
    record = _installed_record(folder, dist, version)
    return [record] if record is not None else _tree_stats(folder)


def _code_fingerprint() -> str:
    """Newslint's own files (code and built-in word lists) and pyspellchecker's (suggestions
    come from its dictionary): an edited checkout or a new word list (same version number)
    gets a new key.
    """
    parts = _package_stamp(os.path.dirname(os.path.abspath(__file__)), "newslint", __version__)
    for location in _package_folder("spellchecker"):
        parts += ["spellchecker/" + p for p in _package_stamp(location, "pyspellchecker")]
    return sha256_hex("\n".join(parts).encode("utf-8", "surrogatepass"))


def settings_key(config: "Config", rules: Iterable["Rule | str"]) -> str:
    """Hash of everything besides a file's own text that can change its diagnostics (``rules``:
    the selected rules or their codes)."""
    data_files = sorted(set(config.dictionary_files) | ({config.lexicon_file} if config.lexicon_file else set()))
    # repr, not json: the values are TOML data (str, numbers, booleans, dates, lists, tables),
    # whose repr is the same in every run; a table written in another key order only misses.
    material = (
        _FORMAT,
        __version__,
        _code_fingerprint(),
        sys.version_info[:2],
        config.raw,
        config.root_dir,
        sorted(r if isinstance(r, str) else r.code for r in rules),
        [(p, _file_digest(p)) for p in data_files],
    )
    return sha256_hex(repr(material).encode("utf-8", "surrogatepass"))


def cache_root(config: "Config") -> str:
    """``.newslint_cache`` (or ``[cache] dir``) at the configuration's root folder."""
    name = str(config.cache.get("dir") or CACHE_DIR_NAME)
    return os.path.join(config.root_dir, name)


class ResultsCache:
    """Per-file diagnostics keyed by settings; every failure to read or write is a silent miss."""

    def __init__(self, root: Path | str, key: str) -> None:
        self.root = os.fspath(root)
        self.folder = os.path.join(self.root, __version__, key[:32])
        self._ready = False
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_run(cls, config: "Config", rules: Iterable["Rule | str"]) -> "ResultsCache":
        return cls(cache_root(config), settings_key(config, rules))

    @staticmethod
    def _entry_name(path: str) -> str:
        return sha256_hex(os.path.abspath(path).encode("utf-8", "surrogatepass"))[:40] + ".entry"

    def get(self, source: "SourceFile") -> list[Diagnostic] | None:
        """The cached diagnostics for ``source``, or None when absent, stale or unreadable."""
        try:
            with open(os.path.join(self.folder, self._entry_name(source.path)), "rb") as fh:
                text = fh.read().decode("utf-8", "surrogatepass")
            found = diagnostics_from_entry(text, source)
        except (OSError, ValueError, KeyError, IndexError):
            found = None
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, source: "SourceFile", diagnostics: list[Diagnostic]) -> None:
        """Store atomically (temp file + ``os.replace``); a read-only disk just means no cache."""
        data = entry_text(source, diagnostics).encode("utf-8", "surrogatepass")
        try:
            self._prepare()
            write_atomic(os.path.join(self.folder, self._entry_name(source.path)), data)
        except OSError:
            pass

    def _prepare(self) -> None:
        """Create the folders, and the ``.gitignore`` inside the cache root, once per run."""
        if self._ready:
            return
        os.makedirs(self.folder, exist_ok=True)
        for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            target = os.path.join(self.root, name)
            if not os.path.exists(target):
                write_atomic(target, content.encode("utf-8"))
        self._ready = True
