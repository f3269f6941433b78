"""The ``[grammar]`` table: defaults, validation and the LanguageTool language for a dialect."""

from __future__ import annotations

import os

from newslint.config import ConfigError
from newslint.records import _set, record

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from newslint.config import Config

ENV_URL = "NEWSLINT_LT_URL"
ENV_HOME = "NEWSLINT_LT_HOME"

# key -> (type, default). Types are checked; lists must hold strings.
_KEYS: dict[str, tuple[type | tuple[type, ...], Any]] = {
    "enabled": (bool, False),
    "url": (str, ""),
    "jar-dir": (str, ""),
    "java": (str, "java"),
    "java-heap": (str, "512m"),
    "allow-download": (bool, False),
    "language": (str, ""),
    "enabled-rules": (list, []),
    "disabled-rules": (list, []),
    "enabled-categories": (list, []),
    "disabled-categories": (list, []),
    "picky": (bool, False),
    "timeout": ((int, float), 60),
    "start-timeout": ((int, float), 90),
    "cache": (bool, True),
    "cache-dir": (str, ""),
    "max-request-chars": (int, 20000),
}
_LANGUAGES = ("en-US", "en-GB", "en-AU", "en-CA", "en-NZ", "en-ZA", "en")

# In "auto" mode newslint accepts both US and British spelling, so LanguageTool checks
# en-US grammar with its US-only spell checker switched off (the native spelling rule decides).
_AUTO_EXTRA_DISABLED = ("MORFOLOGIK_RULE_EN_US",)


def default_lt_home() -> Path:
    """Where scripts/languagetool keeps its jars; newslint looks there when no jar-dir is set."""
    from pathlib import Path

    if os.environ.get(ENV_HOME):
        return Path(os.environ[ENV_HOME])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "newslint" / "languagetool"


@record(frozen=True)
class GrammarSettings:
    enabled: bool
    url: str
    url_source: str
    jar_dir: Path | None
    java: str
    java_heap: str
    allow_download: bool
    language: str
    enabled_rules: tuple[str, ...]
    disabled_rules: tuple[str, ...]
    enabled_categories: tuple[str, ...]
    disabled_categories: tuple[str, ...]
    picky: bool
    timeout: float
    start_timeout: float
    cache: bool
    cache_dir: Path
    max_request_chars: int

    def __init__(
        self,
        enabled: bool = False,
        url: str = "",
        url_source: str = "",
        jar_dir: Path | None = None,
        java: str = "java",
        java_heap: str = "512m",
        allow_download: bool = False,
        language: str = "en-US",
        enabled_rules: tuple[str, ...] = (),
        disabled_rules: tuple[str, ...] = (),
        enabled_categories: tuple[str, ...] = (),
        disabled_categories: tuple[str, ...] = (),
        picky: bool = False,
        timeout: float = 60.0,
        start_timeout: float = 90.0,
        cache: bool = True,
        cache_dir: Path | None = None,
        max_request_chars: int = 20000,
    ) -> None:
        _set(self, "enabled", enabled)
        _set(self, "url", url)
        _set(self, "url_source", url_source)
        _set(self, "jar_dir", jar_dir)
        _set(self, "java", java)
        _set(self, "java_heap", java_heap)
        _set(self, "allow_download", allow_download)
        _set(self, "language", language)
        _set(self, "enabled_rules", enabled_rules)
        _set(self, "disabled_rules", disabled_rules)
        _set(self, "enabled_categories", enabled_categories)
        _set(self, "disabled_categories", disabled_categories)
        _set(self, "picky", picky)
        _set(self, "timeout", timeout)
        _set(self, "start_timeout", start_timeout)
        _set(self, "cache", cache)
        if cache_dir is None:
            from pathlib import Path

            cache_dir = Path(".newslint_cache") / "languagetool"
        _set(self, "cache_dir", cache_dir)
        _set(self, "max_request_chars", max_request_chars)

    @property
    def disabled_patterns(self) -> tuple[str, ...]:
        """``disabled-rules`` entries with ``*`` (``EN_COMPOUNDS_*``): LanguageTool only takes exact
        IDs, so these are applied by newslint to the answer (and are not part of the cache key)."""
        return tuple(r for r in self.disabled_rules if "*" in r)

    def request_params(self) -> dict[str, str]:
        """The check parameters that change LanguageTool's answer (also part of the cache key)."""
        params = {"language": self.language}
        if self.enabled_rules:
            params["enabledRules"] = ",".join(self.enabled_rules)
        exact = [r for r in self.disabled_rules if "*" not in r]
        if exact:
            params["disabledRules"] = ",".join(exact)
        if self.enabled_categories:
            params["enabledCategories"] = ",".join(self.enabled_categories)
        if self.disabled_categories:
            params["disabledCategories"] = ",".join(self.disabled_categories)
        if self.picky:
            params["level"] = "picky"
        return params


def _where(config: "Config", key: str) -> str:
    return f"{config.source or '<config>'}: [grammar] {key}"


def grammar_enabled(config: "Config", cli_url: str | None = None) -> bool:
    """Validate ``config.grammar`` (ConfigError as load_settings) and say whether it switches grammar on.

    Why apart from load_settings: every ``check`` validates the table, and resolving the paths
    needs pathlib, which a run without grammar checks does not otherwise import.
    """
    return bool(_checked(config, cli_url)[0]("enabled"))


def _checked(config: "Config", cli_url: str | None):  # type: ignore[no-untyped-def]
    """(option getter, language, url, url source, disabled rules) of a valid ``[grammar]`` table."""
    table = config.grammar
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{_where(config, key)}: unknown option (known: {', '.join(sorted(_KEYS))})")
        expected = _KEYS[key][0]
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise ConfigError(f"{_where(config, key)}: wrong type {type(value).__name__}")
        if isinstance(value, list) and not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{_where(config, key)}: must be a list of non-empty strings")
    get = lambda key: table.get(key, _KEYS[key][1])  # noqa: E731
    for key in ("timeout", "start-timeout", "max-request-chars"):
        if get(key) <= 0:
            raise ConfigError(f"{_where(config, key)}: must be greater than 0")
    language = get("language") or {"en-GB": "en-GB"}.get(config.dialect, "en-US")
    if language not in _LANGUAGES:
        raise ConfigError(f"{_where(config, 'language')}: must be one of {', '.join(_LANGUAGES)}, not {language!r}")
    url, source = get("url"), "[grammar] url"
    if cli_url:
        url, source = cli_url, "--languagetool-url"
    elif not url and os.environ.get(ENV_URL):
        url, source = os.environ[ENV_URL], f"${ENV_URL}"
    if url and not url.startswith(("http://", "https://")):
        raise ConfigError(f"{source if source != '[grammar] url' else _where(config, 'url')}: must start with http:// or https://, not {url!r}")
    disabled = list(get("disabled-rules"))
    if config.dialect == "auto" and not get("language"):
        disabled += [r for r in _AUTO_EXTRA_DISABLED if r not in disabled and r not in get("enabled-rules")]
    return get, language, url, source, disabled


def load_settings(config: "Config", cli_url: str | None = None) -> GrammarSettings:
    """Validate ``config.grammar`` and resolve paths, language and the server URL.

    URL order: ``cli_url`` (--languagetool-url), ``[grammar] url``, ``$NEWSLINT_LT_URL``.
    """
    from pathlib import Path

    get, language, url, source, disabled = _checked(config, cli_url)
    jar_dir = Path(get("jar-dir")).expanduser() if get("jar-dir") else None
    if jar_dir is not None and not jar_dir.is_absolute():
        jar_dir = config.root / jar_dir
    if get("cache-dir"):
        cache_dir = Path(get("cache-dir")).expanduser()
        if not cache_dir.is_absolute():
            cache_dir = config.root / cache_dir
    elif config.source is not None:
        cache_dir = config.root / ".newslint_cache" / "languagetool"
    else:
        cache_dir = default_lt_home().parent / "cache" / "languagetool"
    return GrammarSettings(
        enabled=get("enabled"),
        url=url.rstrip("/"),
        url_source=source if url else "",
        jar_dir=jar_dir,
        java=get("java"),
        java_heap=get("java-heap"),
        allow_download=get("allow-download"),
        language=language,
        enabled_rules=tuple(get("enabled-rules")),
        disabled_rules=tuple(disabled),
        enabled_categories=tuple(get("enabled-categories")),
        disabled_categories=tuple(get("disabled-categories")),
        picky=get("picky"),
        timeout=float(get("timeout")),
        start_timeout=float(get("start-timeout")),
        cache=get("cache"),
        cache_dir=cache_dir,
        max_request_chars=get("max-request-chars"),
    )
