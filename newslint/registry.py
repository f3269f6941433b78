"""The one explicit list of rules, checked at import, and selection by code prefix."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newslint.rules.base import Rule

if TYPE_CHECKING:
    from newslint.config import Config

# Modules that define rules, in the order their rules are listed.
RULE_MODULES = (
    "newslint.rules.sentence_start",
    "newslint.rules.spacing",
    "newslint.rules.repetition",
    "newslint.rules.spelling",
    "newslint.rules.proper_nouns",
    "newslint.rules.duplicates",
    "newslint.rules.boilerplate",
    "newslint.rules.balance",
    "newslint.rules.stories",
    "newslint.rules.corpus",
)

_CODE = re.compile(r"^NL\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# LanguageTool findings are coded LT:<RULE_ID>; they are selected with "LT" or "LT:ID".
BACKEND_PREFIXES = ("LT",)


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every native rule, validated: unique codes and names of the expected shape."""
    import importlib

    rules: list[Rule] = []
    for module_name in RULE_MODULES:
        module = importlib.import_module(module_name)
        rules.extend(v for v in vars(module).values() if isinstance(v, Rule))
    seen_codes: set[str] = set()
    seen_names: set[str] = set()
    for r in rules:
        if not _CODE.match(r.code) or not _NAME.match(r.name):
            raise ValueError(f"bad rule code or name: {r.code} {r.name}")
        if r.code in seen_codes or r.name in seen_names:
            raise ValueError(f"duplicate rule: {r.code} {r.name}")
        seen_codes.add(r.code)
        seen_names.add(r.name)
    return tuple(sorted(rules, key=lambda r: r.code))


def get_rule(code_or_name: str) -> Rule | None:
    key = code_or_name.strip()
    for r in all_rules():
        if r.code == key.upper() or r.name == key.lower():
            return r
    return None


def is_known_selector(selector: str) -> bool:
    """A code prefix of some rule, a rule name, ALL, or a LanguageTool selector."""
    sel = selector.strip()
    if sel.upper() == "ALL" or sel.upper().startswith(BACKEND_PREFIXES):
        return True
    return any(r.code.startswith(sel.upper()) or r.name == sel.lower() for r in all_rules())


def _match_length(selector: str, code: str, name: str) -> int:
    sel = selector.strip()
    if sel.upper() == "ALL":
        return 0
    if sel.lower() == name:
        return len(code) + 1
    return len(sel) if code.startswith(sel.upper()) else -1


def is_selected(code: str, name: str, default_enabled: bool, select: list[str], ignore: list[str]) -> bool:
    """Longest matching prefix wins; ties go to ignore. Default-off rules need their full code."""
    best_sel = max((_match_length(s, code, name) for s in select), default=-1)
    best_ign = max((_match_length(s, code, name) for s in ignore), default=-1)
    if best_sel < 0 or best_ign >= best_sel:
        return False
    return default_enabled or best_sel >= len(code)


def select_rules(config: "Config", extra_ignore: list[str] | None = None) -> list[Rule]:
    select = config.select + config.extend_select
    ignore = config.ignore + (extra_ignore or [])
    return [r for r in all_rules() if is_selected(r.code, r.name, r.default_enabled, select, ignore)]
