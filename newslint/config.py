"""Configuration: defaults from ``config/newslint.toml``, user files found upward, merging, validation.

Start-up matters (pre-commit runs us per commit): the defaults come from their Python-literal
copy (newslint/default_settings.py, kept equal to the TOML file by a test), so the TOML parser
(~10 ms to import) is loaded only when a user configuration file is read.
"""

from __future__ import annotations

import os
import sys

from newslint.records import record

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

CONFIG_NAMES = ("newslint.toml", ".newslint.toml")
# Paths are plain strings on the check path: pathlib (with urllib.parse and ipaddress, which it
# imports) costs ~3.5 ms of start-up. Config still hands out Path objects, made on first use.


def _toml():  # type: ignore[no-untyped-def]
    """tomllib (tomli before Python 3.11), imported when a configuration file is read."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


def __getattr__(name: str) -> Any:
    # ``from newslint.config import tomllib``: the parser the loader uses, loaded on demand.
    if name == "tomllib":
        return _toml()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Top-level keys and the types they take; tables are validated by their owners.
_SCHEMA: dict[str, type | tuple[type, ...]] = {
    "select": list,
    "extend-select": list,
    "ignore": list,
    "per-file-ignores": dict,
    "include": list,
    "exclude": list,
    "extend-exclude": list,
    "respect-gitignore": bool,
    "force-exclude": bool,
    "dialect": str,
    "dictionaries": list,
    "lexicon": str,
    "max-file-size-mb": (int, float),
    "rules": dict,
    "grammar": dict,
    "corpus": dict,
    "hygiene": dict,
    "cache": dict,
}
_DIALECTS = ("en-US", "en-GB", "auto")


class ConfigError(Exception):
    """A configuration problem, with the file, line and key when known."""


def _locate(path: Path | None, key: str) -> str:
    """``file:line`` of the first line mentioning ``key``, for error messages."""
    if path is None:
        return "<config>"
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        for n, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            bare = key.split(".")[-1]
            if stripped.startswith((bare, f'"{bare}"', f"[{key}", f"[tool.newslint.{key}")):
                return f"{path}:{n}"
    except OSError:
        pass
    return str(path)


def _read_toml(path: Path) -> dict[str, Any]:
    tomllib = _toml()
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid UTF-8 (byte offset {exc.start}); TOML files must be UTF-8") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a directory, not a configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror}") from None


def load_defaults() -> dict[str, Any]:
    """The parsed ``config/newslint.toml`` (a fresh copy; see newslint/default_settings.py)."""
    from newslint.default_settings import defaults

    return defaults()


def _user_table(path: Path) -> dict[str, Any] | None:
    """The newslint settings in ``path``, or None for a pyproject.toml without them."""
    pyproject = os.path.basename(path) == "pyproject.toml"
    if pyproject and not _may_have_newslint_table(path):
        return None
    data = _read_toml(path)
    if pyproject:
        return data.get("tool", {}).get("newslint")
    return data


def _may_have_newslint_table(path: Path) -> bool:
    """False when ``path`` cannot hold ``[tool.newslint]``: the word is absent, even escaped.

    Why: most projects' pyproject.toml is about other tools; not parsing it keeps the TOML
    parser out of start-up. A key spelled with escapes (\\u) is parsed to be sure.
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return True  # _read_toml reports it
    return b"newslint" in data or b"\\u" in data or b"\\U" in data


def find_config(start: Path | str) -> Path | None:
    """The nearest newslint.toml, .newslint.toml or pyproject.toml with [tool.newslint]."""
    here = os.path.realpath(start if os.path.isdir(start) else (os.path.dirname(start) or "."))
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(here, name)
            if os.path.isfile(candidate):
                return _path(candidate)
        pyproject = os.path.join(here, "pyproject.toml")
        if os.path.isfile(pyproject) and _user_table(pyproject) is not None:
            return _path(pyproject)
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _path(value: Path | str) -> Path:
    from pathlib import Path

    return value if isinstance(value, Path) else Path(value)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and key != "per-file-ignores":
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _validate(data: dict[str, Any], path: Path | None) -> None:
    for key, value in data.items():
        if key not in _SCHEMA:
            known = ", ".join(sorted(_SCHEMA))
            raise ConfigError(f"{_locate(path, key)}: unknown option {key!r} (known: {known})")
        expected = _SCHEMA[key]
        if not isinstance(value, expected) or isinstance(value, bool) and expected != bool:
            names = " or ".join(t.__name__ for t in (expected if isinstance(expected, tuple) else (expected,)))
            raise ConfigError(f"{_locate(path, key)}: option {key!r} must be a {names}, not {type(value).__name__}")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{_locate(path, key)}: option {key!r} must be a list of strings")
    if "dialect" in data and data["dialect"] not in _DIALECTS:
        raise ConfigError(f"{_locate(path, 'dialect')}: dialect must be one of {', '.join(_DIALECTS)}, not {data['dialect']!r}")
    for glob, codes in data.get("per-file-ignores", {}).items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise ConfigError(f"{_locate(path, 'per-file-ignores')}: per-file-ignores[{glob!r}] must be a list of rule codes")
    for code, options in data.get("rules", {}).items():
        if not isinstance(options, dict):
            raise ConfigError(f"{_locate(path, 'rules')}: [rules.{code}] must be a table")
    size = data.get("max-file-size-mb")
    if size is not None and not (0 < size < 1e6):  # also rejects nan and inf
        raise ConfigError(f"{_locate(path, 'max-file-size-mb')}: option 'max-file-size-mb' must be a number of megabytes above 0, not {size!r}")
    _validate_patterns(data.get("hygiene", {}), path)
    _validate_tables(data, path)


def _type_name(value: Any) -> str:
    return {str: "string", int: "integer", float: "number", bool: "true/false", list: "list", dict: "table"}.get(
        type(value), type(value).__name__)


def _same_shape(default: Any, value: Any) -> bool:
    """Whether ``value`` has the type of the documented default (ints and floats mix; bools do not)."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, list):
        if not isinstance(value, list):
            return False
        kinds = {type(v) for v in default}
        return not kinds or all(type(v) in kinds or (kinds <= {int, float} and isinstance(v, (int, float))) for v in value)
    return isinstance(value, type(default))


def _validate_tables(data: dict[str, Any], path: Path | None) -> None:
    """Keys inside the [rules.CODE] tables the defaults document must be known and well typed.

    A typo ("alowed") or a wrong type (``allowed = 5``) would otherwise be ignored silently
    or crash the rule that reads it; the defaults file is the list of every option.
    """
    from newslint.registry import get_rule

    defaults = load_defaults()
    # Only [rules.*]: the other tables ([corpus], [grammar], [hygiene]...) are validated by
    # the packages that own them, with their own messages.
    tables: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    default_rules = defaults.get("rules", {})
    for key, options in data.get("rules", {}).items():
        r = get_rule(key)
        documented = default_rules.get(r.code if r else key) or (default_rules.get(r.name) if r else None)
        if isinstance(documented, dict) and isinstance(options, dict):
            tables.append((f"rules.{key}", options, documented))
    for table, options, documented in tables:
        for key, value in options.items():
            if key not in documented:
                known = ", ".join(sorted(documented)) or "none"
                raise ConfigError(f"{_locate(path, key)}: unknown option {key!r} in [{table}] (known: {known})")
            if not _same_shape(documented[key], value):
                raise ConfigError(
                    f"{_locate(path, key)}: option {key!r} in [{table}] must be a {_type_name(documented[key])}"
                    + (f" of {_type_name(documented[key][0])}s" if isinstance(documented[key], list) and documented[key] else "")
                    + f", not {_type_name(value)}"
                )


def _validate_patterns(hygiene: dict[str, Any], path: Path | None) -> None:
    """[hygiene] boilerplate-patterns: a list of valid regular expressions."""
    patterns = hygiene.get("boilerplate-patterns", [])
    where = _locate(path, "boilerplate-patterns")
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError(f"{where}: hygiene.boilerplate-patterns must be a list of strings")
    import re

    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise ConfigError(f"{where}: hygiene.boilerplate-patterns: invalid regular expression {p!r}: {exc}") from None


def _check_codes(cfg: "Config") -> None:
    """Unknown rule codes in select/ignore are mistakes worth stopping for."""
    from newslint.registry import is_known_selector

    for key in ("select", "extend-select", "ignore"):
        for code in getattr(cfg, key.replace("-", "_")):
            if not is_known_selector(code):
                raise ConfigError(f"{_locate(cfg.source, key)}: unknown rule code {code!r} in {key!r}")
    for codes in cfg.per_file_ignores.values():
        for code in codes:
            if not is_known_selector(code):
                raise ConfigError(f"{_locate(cfg.source, 'per-file-ignores')}: unknown rule code {code!r} in 'per-file-ignores'")
    for code in cfg.rules:
        if not is_known_selector(code):
            raise ConfigError(f"{_locate(cfg.source, 'rules')}: unknown rule {code!r} in [rules]")


@record()
class Config:
    """The resolved configuration for one run (one configuration file)."""

    select: list[str]
    extend_select: list[str]
    ignore: list[str]
    per_file_ignores: dict[str, list[str]]
    include: list[str]
    exclude: list[str]
    dialect: str
    dictionaries: list[Path]
    lexicon_path: Path | None
    max_file_size: int
    rules: dict[str, dict[str, Any]]
    grammar: dict[str, Any]
    corpus: dict[str, Any]
    hygiene: dict[str, Any]
    cache: dict[str, Any]
    source: Path | None
    root: Path
    raw: dict[str, Any]
    extend_exclude: list[str]
    respect_gitignore: bool
    force_exclude: bool

    def __init__(self, select: list[str], extend_select: list[str], ignore: list[str],
                 per_file_ignores: dict[str, list[str]], include: list[str], exclude: list[str], dialect: str,
                 dictionaries: list[Path], lexicon_path: Path | None, max_file_size: int,
                 rules: dict[str, dict[str, Any]], grammar: dict[str, Any], corpus: dict[str, Any],
                 hygiene: dict[str, Any], cache: dict[str, Any], source: Path | None = None,
                 root: Path | None = None, raw: dict[str, Any] | None = None,
                 extend_exclude: list[str] | None = None, respect_gitignore: bool = True,
                 force_exclude: bool = False) -> None:
        self.select = select
        self.extend_select = extend_select
        self.ignore = ignore
        self.per_file_ignores = per_file_ignores
        self.include = include
        self.exclude = exclude
        self.dialect = dialect
        self._dictionaries = dictionaries  # Path or str each: see the properties below
        self._lexicon_path = lexicon_path
        self.max_file_size = max_file_size
        self.rules = rules
        self.grammar = grammar
        self.corpus = corpus
        self.hygiene = hygiene
        self.cache = cache
        self._source = source
        self._root = os.getcwd() if root is None else root
        self.raw = {} if raw is None else raw
        # File discovery (newslint.discovery): exclude globs added to `exclude`, ignore files, and
        # whether files named on the command line are excluded too.
        self.extend_exclude = [] if extend_exclude is None else extend_exclude
        self.respect_gitignore = respect_gitignore
        self.force_exclude = force_exclude

    # Path-valued settings are kept as given (str or Path) and handed out as Path objects;
    # the *_file / root_dir strings serve the check path without importing pathlib.
    @property
    def source(self) -> Path | None:
        return None if self._source is None else _path(self._source)

    @source.setter
    def source(self, value: Path | str | None) -> None:
        self._source = value

    @property
    def root(self) -> Path:
        return _path(self._root)

    @root.setter
    def root(self, value: Path | str) -> None:
        self._root = value

    @property
    def dictionaries(self) -> list[Path]:
        return [_path(p) for p in self._dictionaries]

    @dictionaries.setter
    def dictionaries(self, value: list[Path]) -> None:
        self._dictionaries = value

    @property
    def lexicon_path(self) -> Path | None:
        return None if self._lexicon_path is None else _path(self._lexicon_path)

    @lexicon_path.setter
    def lexicon_path(self, value: Path | str | None) -> None:
        self._lexicon_path = value

    @property
    def source_file(self) -> str | None:
        return None if self._source is None else os.fspath(self._source)

    @property
    def root_dir(self) -> str:
        return os.fspath(self._root)

    @property
    def dictionary_files(self) -> list[str]:
        return [os.fspath(p) for p in self._dictionaries]

    @property
    def lexicon_file(self) -> str | None:
        return None if self._lexicon_path is None else os.fspath(self._lexicon_path)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: Path | str | None = None) -> "Config":
        lexicon = data.get("lexicon") or ""
        if source is None and not data.get("dictionaries") and not os.path.isabs(lexicon) and "/" not in lexicon:
            # No configuration file: the root is the working folder, and the default lexicon
            # name joins it as pathlib would (strings: no pathlib at start-up).
            root: Path | str = os.getcwd()
            lexicon_path: Path | str | None = os.path.join(root, lexicon) if lexicon else None
            dictionaries: list = []
        else:
            from pathlib import Path

            root = Path(source).parent.resolve() if source else Path.cwd()
            lexicon_path = (root / lexicon) if lexicon else None
            dictionaries = [root / p for p in data.get("dictionaries", [])]
        return cls(
            select=list(data.get("select", ["NL"])),
            extend_select=list(data.get("extend-select", [])),
            ignore=list(data.get("ignore", [])),
            per_file_ignores={k: list(v) for k, v in data.get("per-file-ignores", {}).items()},
            include=list(data.get("include", [])),
            exclude=list(data.get("exclude", [])),
            dialect=data.get("dialect", "auto"),
            dictionaries=dictionaries,
            lexicon_path=lexicon_path,
            max_file_size=int(float(data.get("max-file-size-mb", 200)) * 1024 * 1024),
            rules=dict(data.get("rules", {})),
            grammar=dict(data.get("grammar", {})),
            corpus=dict(data.get("corpus", {})),
            hygiene=dict(data.get("hygiene", {})),
            cache=dict(data.get("cache", {})),
            source=source,
            root=root,
            raw=data,
            extend_exclude=list(data.get("extend-exclude", [])),
            respect_gitignore=bool(data.get("respect-gitignore", True)),
            force_exclude=bool(data.get("force-exclude", False)),
        )

    def ignored_for(self, path: str) -> list[str]:
        """Codes ignored for ``path`` by per-file-ignores."""
        from pathlib import Path

        out: list[str] = []
        try:
            rel = Path(path).resolve().relative_to(self.root).as_posix()
        except (ValueError, OSError):
            rel = Path(path).as_posix()
        import fnmatch

        for glob, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(Path(path).name, glob):
                out.extend(codes)
        return out


def load_config(explicit: Path | str | None = None, start: Path | str | None = None,
                overrides: dict[str, Any] | None = None) -> Config:
    """Defaults, then the user's file (explicit or found from ``start`` upward), then CLI overrides."""
    data = load_defaults()
    source: Path | str | None = None
    if explicit is not None:
        if not os.path.isfile(explicit):
            raise ConfigError(f"{explicit}: configuration file not found")
        source = explicit
    elif start is not None:
        source = find_config(start)
    if source is not None:
        user = _user_table(source) or {}
        _validate(user, source)
        data = _merge(data, user)
    if overrides:
        from newslint.registry import is_known_selector

        for key, codes in overrides.items():
            for code in codes if isinstance(codes, list) and key in ("select", "ignore", "extend-select") else []:
                if not is_known_selector(code):
                    raise ConfigError(f"--{key}: unknown rule code {code!r} (see 'newslint rules')")
        data = _merge(data, overrides)
    cfg = Config.from_dict(data, source)
    _check_codes(cfg)
    return cfg
