"""The ``[corpus]`` table, validated; kept apart so ``check`` can validate it without loading the rules."""

from __future__ import annotations

from collections.abc import Mapping

from newslint.records import _set, record

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from newslint.config import Config

# Cosine similarity at which two articles count as the same story (see grouping.py).
DEFAULT_SIMILARITY = 0.3


@record(frozen=True)
class Settings:
    """The ``[corpus]`` table, validated."""

    enabled: bool
    similarity: float
    min_agreeing: int
    house_style: Mapping[str, tuple[str, ...]]
    context_files: int

    def __init__(self, enabled: bool = False, similarity: float = DEFAULT_SIMILARITY, min_agreeing: int = 2,
                 house_style: Mapping[str, tuple[str, ...]] | None = None, context_files: int = 200) -> None:
        _set(self, "enabled", enabled)
        _set(self, "similarity", similarity)
        _set(self, "min_agreeing", min_agreeing)
        _set(self, "house_style", {} if house_style is None else house_style)
        _set(self, "context_files", context_files)

    @classmethod
    def from_config(cls, config: "Config") -> "Settings":
        from newslint.config import ConfigError

        where = f"{config.source_file}: " if config.source_file else ""  # a string: no pathlib at start-up

        def fail(message: str) -> ConfigError:
            return ConfigError(f"{where}[corpus] {message}")

        table = config.corpus
        known = {"enabled", "similarity", "min-agreeing", "house-style", "context-files"}
        for key in table:
            if key not in known:
                raise fail(f"unknown option {key!r} (known: {', '.join(sorted(known))})")
        enabled = table.get("enabled", False)
        if not isinstance(enabled, bool):
            raise fail("enabled must be true or false")
        sim = table.get("similarity", DEFAULT_SIMILARITY)
        if isinstance(sim, bool) or not isinstance(sim, (int, float)) or not 0 < sim <= 1:
            raise fail(f"similarity must be a number in (0, 1], not {sim!r}")
        agree = table.get("min-agreeing", 2)
        if isinstance(agree, bool) or not isinstance(agree, int) or agree < 1:
            raise fail(f"min-agreeing must be a whole number >= 1, not {agree!r}")
        house = table.get("house-style", {})
        if not isinstance(house, dict) or not all(
                isinstance(k, str) and isinstance(v, list) and all(isinstance(x, str) for x in v) for k, v in house.items()):
            raise fail('house-style must map a name to a list of other spellings, e.g. {"Kim Jong Un" = ["Kim Jong-un"]}')
        context = table.get("context-files", 200)
        if isinstance(context, bool) or not isinstance(context, int) or context < 0:
            raise fail(f"context-files must be a whole number >= 0, not {context!r}")
        return cls(enabled, float(sim), agree, {k: tuple(v) for k, v in house.items()}, context)
