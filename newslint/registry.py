"""The one explicit list of rules, checked at import, and selection by code prefix.

Selection and selector checks read newslint/rule_table.py (codes, names, default state and
module of every rule, generated from the rule modules and checked against them by a test),
so a run imports only the modules of the rules it runs, and only when it lints a file.
"""

from __future__ import annotations

from functools import lru_cache

from newslint.rule_table import RULES as RULE_TABLE

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.rules.base import Rule

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

# LanguageTool findings are coded LT:<RULE_ID>; they are selected with "LT" or "LT:ID".
BACKEND_PREFIXES = ("LT",)


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every native rule, validated: unique codes and names of the expected shape."""
    import importlib
    import re

    from newslint.rules.base import Rule

    code_shape = re.compile(r"^NL\d{3}$")
    name_shape = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    rules: list[Rule] = []
    for module_name in RULE_MODULES:
        module = importlib.import_module(module_name)
        rules.extend(v for v in vars(module).values() if isinstance(v, Rule))
    seen_codes: set[str] = set()
    seen_names: set[str] = set()
    for r in rules:
        if not code_shape.match(r.code) or not name_shape.match(r.name):
            raise ValueError(f"bad rule code or name: {r.code} {r.name}")
        if r.code in seen_codes or r.name in seen_names:
            raise ValueError(f"duplicate rule: {r.code} {r.name}")
        seen_codes.add(r.code)
        seen_names.add(r.name)
    return tuple(sorted(rules, key=lambda r: r.code))


def _table() -> tuple[tuple[str, str, bool, str], ...]:
    """RULE_TABLE, plus the rules of any module added to RULE_MODULES at run time (imported now)."""
    known = {row[3] for row in RULE_TABLE}
    extra = [m for m in RULE_MODULES if m not in known]
    if not extra:
        return RULE_TABLE
    import importlib

    from newslint.rules.base import Rule

    rows = list(RULE_TABLE)
    for module_name in extra:
        module = importlib.import_module(module_name)
        rows += [(v.code, v.name, v.default_enabled, module_name) for v in vars(module).values() if isinstance(v, Rule)]
    return tuple(sorted(rows, key=lambda row: row[0]))


def rules_by_code(codes: list[str]) -> list[Rule]:
    """The Rule objects of ``codes`` (in that order), importing only the modules that define them."""
    import importlib

    from newslint.rules.base import Rule

    modules = {code: module for code, _, _, module in _table()}
    found: dict[str, Rule] = {}
    for module_name in dict.fromkeys(modules[c] for c in codes):
        module = importlib.import_module(module_name)
        found.update((v.code, v) for v in vars(module).values() if isinstance(v, Rule))
    return [found[c] for c in codes]


def get_rule(code_or_name: str) -> Rule | None:
    key = code_or_name.strip()
    for code, name, _, _ in _table():
        if code == key.upper() or name == key.lower():
            return rules_by_code([code])[0]
    return None


def is_known_selector(selector: str) -> bool:
    """A code prefix of some rule, a rule name, ALL, or a LanguageTool selector."""
    sel = selector.strip()
    if sel.upper() == "ALL" or sel.upper().startswith(BACKEND_PREFIXES):
        return True
    upper, lower = sel.upper(), sel.lower()
    return any(code.startswith(upper) or name == lower for code, name, _, _ in _table())


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


def selected_codes(config: "Config", extra_ignore: list[str] | None = None) -> list[str]:
    """Codes of the rules ``config`` selects, in code order, without importing any rule."""
    select = config.select + config.extend_select
    ignore = config.ignore + (extra_ignore or [])
    return [code for code, name, default_enabled, _ in _table() if is_selected(code, name, default_enabled, select, ignore)]


def select_rules(config: "Config", extra_ignore: list[str] | None = None) -> list[Rule]:
    return rules_by_code(selected_codes(config, extra_ignore))
