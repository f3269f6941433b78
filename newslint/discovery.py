"""Which files ``newslint check DIR`` lints: include globs, exclude globs and ignore files.

Why: editors and CI run ``newslint check .`` at a repository's root, which holds more than
articles (node_modules, virtualenvs, build output). As ruff and ripgrep do, a walked folder
yields only the files that match ``include``, that no ``exclude``/``extend-exclude`` glob
names, and that no ``.gitignore``/``.ignore``/``.git/info/exclude`` ignores.

Paths named on the command line are linted even when excluded (the user asked for them),
unless ``force-exclude`` is on: a pre-commit hook passes every changed file by name.

Start-up: nothing here imports pathspec (gitignore semantics) until a walk meets an ignore
file, so a run on named files never pays for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from newslint.files import InputError
from newslint.records import _set, record

TYPE_CHECKING = False  # typing is not imported at run time (start-up cost)
if TYPE_CHECKING:
    from newslint.config import Config

# Ignore files read in every walked folder. In one folder, a later name wins over an earlier
# one (``.ignore`` over ``.gitignore``, as in ripgrep and ruff); a deeper folder's file wins
# over its parents'.
IGNORE_FILES = (".gitignore", ".ignore")


@record(frozen=True)
class WalkRules:
    """What a walk keeps: the include globs, every exclude glob, and whether ignore files count."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]  # exclude + extend-exclude
    respect_gitignore: bool
    force_exclude: bool
    root: str  # the project root (the configuration file's folder): relative globs start here
    # (not a field) include + "GLOB/*" for each: `include = ["wires"]` takes every file below wires/

    def __init__(self, include: tuple[str, ...], exclude: tuple[str, ...], respect_gitignore: bool = True,
                 force_exclude: bool = False, root: str = ".") -> None:
        _set(self, "include", tuple(include))
        _set(self, "_include_below", self.include + tuple(g.rstrip("/") + "/*" for g in self.include))
        _set(self, "exclude", tuple(g for g in map(_clean_glob, exclude) if g))
        _set(self, "respect_gitignore", respect_gitignore)
        _set(self, "force_exclude", force_exclude)
        _set(self, "root", os.path.abspath(root))

    @classmethod
    def from_config(cls, config: "Config") -> "WalkRules":
        return cls(tuple(config.include), tuple(config.exclude) + tuple(config.extend_exclude),
                   config.respect_gitignore, config.force_exclude, config.root_dir)


def _clean_glob(glob: str) -> str:
    """``./drafts/`` and ``drafts`` are the same pattern."""
    glob = glob.strip().rstrip("/")
    while glob.startswith("./"):
        glob = glob[2:]
    return glob


_MATCHERS: dict[tuple[str, ...], object] = {}


def _hit(globs: tuple[str, ...], name: str, rels: tuple[str, ...]) -> bool:
    """True when a glob matches the entry's name or one of its relative paths (fnmatch rules:
    ``*`` also matches ``/``; case-sensitive). The globs are compiled once into one pattern."""
    if not globs:
        return False
    match = _MATCHERS.get(globs)
    if match is None:
        import re
        from fnmatch import translate  # here: a run on named files without force-exclude never matches

        match = _MATCHERS[globs] = re.compile("|".join(f"(?:{translate(g)})" for g in globs)).match
    return bool(match(name)) or any(match(r) for r in rels)  # type: ignore[operator]


def _relative(path: str, base: str) -> str | None:
    """``path`` relative to ``base`` with ``/`` separators, or None when it is not below it."""
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not path.startswith(prefix):
        return None
    rel = path[len(prefix):]
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def excluded_by_globs(path: str, rules: WalkRules) -> bool:
    """Whether a named ``path`` or a folder above it (up to the project root; for a path outside
    the project, up to the working folder) matches an exclude glob: the ``force-exclude`` check.
    Ignore files are not read here (nor by ruff), so a pre-commit run never imports pathspec."""
    if not rules.exclude:
        return False
    absolute = os.path.abspath(path)
    rel = _relative(absolute, rules.root)
    if rel is None:
        rel = _relative(absolute, os.getcwd())
    if rel is None:  # outside the project and the working folder: only its name counts
        return _hit(rules.exclude, os.path.basename(absolute), ())
    parts = rel.split("/")
    return any(_hit(rules.exclude, parts[i], ("/".join(parts[: i + 1]),)) for i in range(len(parts)))


def stdin_excluded(stdin_filename: str | None, rules: WalkRules) -> bool:
    """Text read from ``-`` is skipped when ``force-exclude`` is on and its ``--stdin-filename``
    is excluded: an editor integration passes every buffer, excluded files included (ruff)."""
    return bool(rules.force_exclude and stdin_filename and excluded_by_globs(stdin_filename, rules))


class _IgnoreLayer:
    """The patterns of one ignore file, which apply below ``base``."""

    __slots__ = ("base", "spec")

    def __init__(self, base: str, spec: object) -> None:
        self.base = base
        self.spec = spec


def _read_layer(base: str, path: str) -> _IgnoreLayer | None:
    """The ignore file at ``path`` compiled (pathspec's gitignore rules), or None when absent."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:  # absent, a folder, unreadable: nothing to ignore
        return None
    if not any(line.strip() and not line.startswith("#") for line in lines):
        return None
    from pathspec import GitIgnoreSpec  # imported on the first ignore file a walk meets

    try:
        spec = GitIgnoreSpec.from_lines(lines)
    except Exception:  # noqa: BLE001 - pathspec raises several types; git skips a pattern it cannot read, so do we
        spec = GitIgnoreSpec.from_lines([line for line in lines if _valid_pattern(GitIgnoreSpec, line)])
    return _IgnoreLayer(base, spec)


def _valid_pattern(spec_class: type, line: str) -> bool:
    try:
        spec_class.from_lines([line])  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - see _read_layer
        return False
    return True


def _folder_layers(folder: str, names: list[str] | None = None) -> list[_IgnoreLayer]:
    """The ignore files of ``folder``; ``names``: its listing when known (no open() for absent files)."""
    layers = []
    for name in IGNORE_FILES:
        if names is not None and name not in names:
            continue
        layer = _read_layer(folder, os.path.join(folder, name))
        if layer is not None:
            layers.append(layer)
    return layers


def repository_root(folder: str) -> str | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (a folder, or a file in a worktree)."""
    here = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _git_info_exclude(repo: str) -> str:
    """Where ``.git/info/exclude`` lives, also for a worktree or submodule (``.git`` is a file
    ``gitdir: PATH``; a worktree's info/ is in the common git folder named by ``commondir``)."""
    dot_git = os.path.join(repo, ".git")
    if os.path.isfile(dot_git):
        try:
            with open(dot_git, encoding="utf-8") as fh:
                first = fh.readline().strip()
        except OSError:
            return os.path.join(dot_git, "info", "exclude")
        if first.startswith("gitdir:"):
            gitdir = os.path.join(repo, first[len("gitdir:"):].strip())
            try:
                with open(os.path.join(gitdir, "commondir"), encoding="utf-8") as fh:
                    gitdir = os.path.join(gitdir, fh.read().strip())
            except OSError:
                pass
            return os.path.join(gitdir, "info", "exclude")
    return os.path.join(dot_git, "info", "exclude")


def _inherited_layers(start: str, rules: WalkRules) -> list[_IgnoreLayer]:
    """The ignore files above a walked folder that apply inside it, outermost first.

    In a git repository: ``.git/info/exclude`` and the ignore files of every folder from the
    repository's root down to ``start``'s parent. Outside one: those from the project root
    (the configuration file's folder) down, when ``start`` is below it. The global
    ``core.excludesFile`` is not read: one machine's setting should not change what CI lints.
    An ignore file that ignores ``start`` itself does not apply: the user named the folder.
    """
    repo = repository_root(start)
    layers: list[_IgnoreLayer] = []
    if repo is not None:
        info = _read_layer(repo, _git_info_exclude(repo))
        layers += [info] if info else []
    top = repo if repo is not None else (rules.root if _relative(start, rules.root) is not None else None)
    rel = _relative(start, top) if top is not None else None
    if top is None or rel is None:
        return layers  # ``start`` is the top: the walk reads its own ignore files
    folder = top
    for part in rel.split("/"):
        layers += _folder_layers(folder)
        folder = os.path.join(folder, part)
    # A named folder is walked even when ignored, as a named file is linted (ruff, ripgrep): the
    # ignore files that ignore it (or a folder above it) do not apply inside it.
    return [layer for layer in layers if not _ignored(start, True, [layer])]


def _ignored(path: str, is_dir: bool, layers: list[_IgnoreLayer]) -> bool:
    """Whether an ignore file ignores ``path`` (absolute). The innermost file with a matching
    pattern decides, and in it the last matching pattern (so ``!keep.md`` includes again)."""
    for layer in reversed(layers):
        rel = _relative(path, layer.base)
        if rel is None:
            continue
        result = layer.spec.check_file(rel + "/" if is_dir else rel)  # type: ignore[attr-defined]
        if result.include is not None:
            return bool(result.include)
    return False


class _Skipped:
    """What a walk left out, for the message when it found nothing."""

    def __init__(self) -> None:
        self.by_exclude = 0
        self.by_ignore_file = 0
        self.by_include = 0


def walk(folder: str, rules: WalkRules, skipped: _Skipped | None = None) -> Iterator[str | OSError]:
    """Files below ``folder`` to lint (sorted, top-down), and the folders that could not be listed.

    Hidden files and folders (``.name``) are skipped, as ever; symlinked folders are not
    followed, so a link loop cannot make the walk endless (a symlinked file is yielded).
    """
    skipped = skipped if skipped is not None else _Skipped()
    start = os.path.abspath(folder)
    layers_of: dict[str, list[_IgnoreLayer]] = {}  # folder to visit -> the ignore files above it
    inherited = _inherited_layers(start, rules) if rules.respect_gitignore else []
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=errors.append, followlinks=False):
        while errors:
            yield errors.pop(0)
        suffix = dirpath[len(folder):].lstrip(os.sep)  # os.walk joins below ``folder`` as given
        abs_dir = os.path.join(start, suffix) if suffix else start
        above = layers_of.pop(abs_dir, inherited)  # what applies here from the folders above
        layers = above + _folder_layers(abs_dir, filenames) if rules.respect_gitignore else above
        keep_dirs = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            full = os.path.join(abs_dir, d)
            if _excluded(full, d, start, rules):
                skipped.by_exclude += 1
            elif layers and _ignored(full, True, layers):
                skipped.by_ignore_file += 1
            else:
                keep_dirs.append(d)
                layers_of[full] = layers
        dirnames[:] = keep_dirs
        for name in sorted(filenames):
            if _keep_file(os.path.join(abs_dir, name), name, start, layers, rules, skipped):
                yield os.path.join(dirpath, name)
    yield from errors


def _keep_file(full: str, name: str, start: str, layers: list[_IgnoreLayer], rules: WalkRules, skipped: _Skipped) -> bool:
    """Whether the file ``full`` (absolute) below the walked folder ``start`` is linted."""
    if name.startswith("."):
        return False
    if not _hit(rules._include_below, name, (_relative(full, start) or name,)):  # type: ignore[attr-defined]
        skipped.by_include += 1
    elif _excluded(full, name, start, rules):
        skipped.by_exclude += 1
    elif layers and _ignored(full, False, layers):
        skipped.by_ignore_file += 1
    else:
        return True
    return False


def folder_files(folder: str, rules: WalkRules) -> list[str]:
    """The files of ``folder`` itself (not its subfolders) that a walk of it would lint, sorted.

    For the cross-article rules, which read the articles beside a checked one: an ignored or
    excluded sibling is not part of the story any more than it is linted.
    """
    start = os.path.abspath(folder)
    layers = _inherited_layers(start, rules) + _folder_layers(start) if rules.respect_gitignore else []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    skipped = _Skipped()
    return [os.path.join(folder, n) if folder != "." else n for n in names
            if _keep_file(os.path.join(start, n), n, start, layers, rules, skipped)]


def _excluded(full: str, name: str, start: str, rules: WalkRules) -> bool:
    """An entry below a walked folder matches an exclude glob: by name, by its path relative to
    the walked folder, or by its path relative to the project root."""
    if not rules.exclude:
        return False
    rels = tuple(r for r in (_relative(full, start), _relative(full, rules.root)) if r is not None)
    return _hit(rules.exclude, name, rels)


def discover(paths: list[str], rules: WalkRules) -> Iterator[str | InputError]:
    """Yield files to lint (named files always, folders walked), or errors.

    A named file or folder is linted even when excluded, unless ``rules.force_exclude``. A
    folder that cannot be listed is an error, not a silent gap; so is a walked folder that
    yields no file, with what was skipped and why.
    """
    seen: set[str] = set()
    for arg in paths:
        if not os.path.lexists(arg):
            yield InputError(arg, "no such file or directory")
            continue
        if rules.force_exclude and excluded_by_globs(arg, rules):
            continue
        if os.path.isdir(arg):
            found = False
            failed = False
            skipped = _Skipped()
            for item in walk(arg, rules, skipped):
                if isinstance(item, OSError):
                    failed = True
                    where = item.filename if isinstance(item.filename, str) else arg
                    yield InputError(where, f"cannot list directory: {item.strerror or item}")
                elif item not in seen:
                    seen.add(item)
                    found = True
                    yield item
            if not found and not failed:
                yield InputError(arg, _nothing_found(rules, skipped))
        elif os.path.isfile(arg) or os.path.islink(arg):
            if arg not in seen:
                seen.add(arg)
                yield arg
        else:
            yield InputError(arg, "not a regular file")


def _nothing_found(rules: WalkRules, skipped: _Skipped) -> str:
    """The one-line message for a walked folder without a file to lint: what was left out, and how
    to lint it anyway."""
    include = ", ".join(rules.include) or "nothing"
    why = [f"{skipped.by_include} not matching include ({include})"] if skipped.by_include else [f"include: {include}"]
    if skipped.by_exclude:
        why.append(f"{skipped.by_exclude} skipped by exclude/extend-exclude")
    if skipped.by_ignore_file:
        why.append(f"{skipped.by_ignore_file} ignored by .gitignore/.ignore (--no-respect-gitignore lints them)")
    return "no files to lint in this directory (" + "; ".join(why) + ")"
