"""Results cache, like ruff's: unchanged files are not linted again.

Why: a pre-commit hook or CI job re-checks the same 1,000 articles on every run; reading a
small JSON entry is far cheaper than spelling every word again.

Layout (under the configuration's root folder, or the working folder without one)::

    .newslint_cache/
        .gitignore                 "*": the cache never ends up in a commit
        CACHEDIR.TAG               backup tools skip it
        <version>/<settings key>/<path hash>.json

The *settings key* hashes everything that can change a file's diagnostics besides its own
text: the newslint version and a fingerprint of its installed source and data files, the
resolved configuration, the selected rules, and the content of every dictionary and
lexicon file the configuration points at. A change to any of them selects a fresh folder,
so stale results are never read. Each entry holds the file's size, mtime and content hash
(SHA-256) and its diagnostics; an entry is used only when the content hash matches.

Concurrency: every entry is written to a temporary file in the same folder and moved into
place with ``os.replace`` (atomic on POSIX and Windows), so readers see a whole old entry or
a whole new one and two writers simply race to write the same correct answer. There is no
lock file, so nothing can deadlock. Unreadable or corrupt entries count as misses.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable

from newslint import __version__
from newslint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from newslint.files import sha256_hex

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from newslint.config import Config
    from newslint.files import SourceFile
    from newslint.rules.base import Rule

CACHE_DIR_NAME = ".newslint_cache"
# Bump when the entry format changes.
_FORMAT = 1
_GITIGNORE = "# Written by newslint: its results cache is never committed.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by newslint.\n"
)


def diagnostic_to_dict(d: Diagnostic) -> dict[str, Any]:
    """A JSON-ready form that :func:`diagnostic_from_dict` turns back into an equal Diagnostic."""
    out: dict[str, Any] = {
        "code": d.code, "name": d.name, "message": d.message, "start": d.start, "end": d.end,
        "severity": d.severity.value, "suggestions": list(d.suggestions),
    }
    if d.fix is not None:
        out["fix"] = {
            "applicability": int(d.fix.applicability),
            "title": d.fix.title,
            "edits": [[e.start, e.end, e.replacement] for e in d.fix.edits],
        }
    return out


def diagnostic_from_dict(data: dict[str, Any]) -> Diagnostic:
    fix = None
    if data.get("fix"):
        f = data["fix"]
        fix = Fix(tuple(Edit(s, e, r) for s, e, r in f["edits"]), Applicability(f["applicability"]), f["title"])
    return Diagnostic(
        code=data["code"], name=data["name"], message=data["message"], start=data["start"], end=data["end"],
        severity=Severity(data["severity"]), fix=fix, suggestions=tuple(data.get("suggestions", ())),
    )


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


def _code_fingerprint() -> str:
    """Size and mtime of newslint's own files (code and built-in word lists) and of pyspellchecker's.

    An edited checkout or a new word list (same version number) gets a new key. Stat calls
    only (about 100 files), so it costs about a millisecond.
    """
    parts = _tree_stats(os.path.dirname(os.path.realpath(__file__)))
    for location in _package_folder("spellchecker"):  # suggestions come from its dictionary
        parts += ["spellchecker/" + p for p in _tree_stats(location)]
    return sha256_hex("\n".join(parts).encode())


def settings_key(config: "Config", rules: Iterable["Rule | str"]) -> str:
    """Hash of everything besides a file's own text that can change its diagnostics (``rules``:
    the selected rules or their codes)."""
    data_files = sorted(set(config.dictionary_files) | ({config.lexicon_file} if config.lexicon_file else set()))
    material = {
        "format": _FORMAT,
        "version": __version__,
        "code": _code_fingerprint(),
        "python": sys.version_info[:2],
        "config": config.raw,
        "root": config.root_dir,
        "rules": sorted(r if isinstance(r, str) else r.code for r in rules),
        "data": {p: _file_digest(p) for p in data_files},
    }
    blob = json.dumps(material, sort_keys=True, default=str, ensure_ascii=True)
    return sha256_hex(blob.encode())


def cache_root(config: "Config") -> str:
    """``.newslint_cache`` (or ``[cache] dir``) at the configuration's root folder."""
    name = str(config.cache.get("dir") or CACHE_DIR_NAME)
    return os.path.join(config.root_dir, name)


def _temp_file(folder: str) -> tuple[int, str]:
    """A new, exclusively created temporary file in ``folder`` (tempfile costs ~5 ms to import)."""
    while True:
        path = os.path.join(folder, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644), path
        except FileExistsError:
            continue


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
        return sha256_hex(os.path.abspath(path).encode("utf-8", "surrogatepass"))[:40] + ".json"

    def get(self, source: "SourceFile") -> list[Diagnostic] | None:
        """The cached diagnostics for ``source``, or None when absent, stale or unreadable."""
        try:
            with open(os.path.join(self.folder, self._entry_name(source.path)), "rb") as fh:
                entry = json.loads(fh.read())
            if entry.get("hash") != source.raw_hash or entry.get("size") != source.size:
                self.misses += 1
                return None
            found = [diagnostic_from_dict(d) for d in entry["diagnostics"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, source: "SourceFile", diagnostics: list[Diagnostic]) -> None:
        """Store atomically (temp file + ``os.replace``); a read-only disk just means no cache."""
        entry = {
            # A name with undecodable bytes (lone surrogates) cannot be written as UTF-8 JSON.
            "path": os.fsencode(os.path.abspath(source.path)).decode("utf-8", "backslashreplace"),
            "size": source.size,
            "mtime_ns": source.mtime_ns,
            "hash": source.raw_hash,
            "diagnostics": [diagnostic_to_dict(d) for d in diagnostics],
        }
        try:
            self._prepare()
            fd, tmp = _temp_file(self.folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(entry, fh, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, os.path.join(self.folder, self._entry_name(source.path)))
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
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
                fd, tmp = _temp_file(self.root)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(content)
                os.replace(tmp, target)
        self._ready = True
