"""Find every regular expression in the newslint package and time it on hostile strings.

Used by tests/test_regex_audit.py and bench/pathological.py. Method (docs/reliability.md):
1. Collect patterns: every compiled ``re.Pattern`` at module level of every newslint module
   (covers patterns built with f-strings), plus every string literal passed to a ``re``
   function anywhere in the source (inline patterns), found with ``ast``.
2. For each pattern, build hostile strings from a fixed list of units (letters, blanks,
   dots, ``<``, ``<!--``, ``@``, quotes, line breaks...) plus the literal fragments of the
   pattern itself ("newslint-disable", "https://", "<script"...): the unit repeated, with a
   letter in front and an unmatched character behind (the classic trigger of backtracking).
3. Time ``finditer`` over each string at size n and 4n (best of a few runs). A linear
   pattern takes about 4 times as long; a quadratic one 16 times. A pattern is reported
   when the ratio is over the limit and the time at 2n is large enough not to be noise.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import time
from dataclasses import dataclass
from pathlib import Path

import newslint

RE_FUNCS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}

UNITS = [
    "a", "A", "1", "_", " ", "\t", "\n", "\r", "\r\n", ".", ",", "-", "'", "’", "\"", "“", "`", "<", ">", "@", "#",
    "!", "?", ":", ";", "/", "a.", "a-", "a ", "a.B", "a.Bc", "<!--", "-->", "```", "<a", "a@", ".a", "  x",
    "\U0001F600", "e\u0301", "\u200b", "\x00",
]


@dataclass
class Finding:
    where: str
    pattern: str
    sample: str
    small: float
    large: float

    @property
    def ratio(self) -> float:
        return self.large / max(self.small, 1e-9)


def _literal_fragments(pattern: str) -> list[str]:
    return sorted(set(re.findall(r"[A-Za-z<!@#`/:.\-]{2,16}", pattern.replace("\\", " "))))


try:  # the parser behind ``re``; renamed in 3.11
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]


def _sample_match(items, groups: dict[int, str]) -> str:
    """A short string the parsed pattern matches (first branch, minimal repeats, at least one)."""
    out = []
    c = _sre_parse
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("a" if chr(arg) != "a" else "b")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            out.append(_sample_class(arg))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = arg
            out.append(_sample_match(sub, groups) * low)
        elif name == "SUBPATTERN":
            group, sub = arg[0], arg[-1]
            text = _sample_match(sub, groups)
            if group:
                groups[group] = text
            out.append(text)
        elif name == "BRANCH":
            out.append(_sample_match(arg[1][0], groups))
        elif name == "GROUPREF":
            out.append(groups.get(arg, ""))
        elif name == "ATOMIC_GROUP":
            out.append(_sample_match(arg, groups))
        # AT, ASSERT, ASSERT_NOT, GROUPREF_EXISTS: zero-width or rare; nothing to add
    del c
    return "".join(out)


def _sample_class(members) -> str:
    negated = any(str(op) == "NEGATE" for op, _ in members)
    if negated:
        excluded = set()
        for op, arg in members:
            if str(op) == "LITERAL":
                excluded.add(chr(arg))
        for candidate in "aA1 .x":
            if candidate not in excluded:
                return candidate
        return "z"
    for op, arg in members:
        name = str(op)
        if name == "LITERAL":
            return chr(arg)
        if name == "RANGE":
            return chr(arg[0])
        if name == "CATEGORY":
            cat = str(arg)
            if "DIGIT" in cat and "NOT" not in cat:
                return "1"
            if "SPACE" in cat and "NOT" not in cat:
                return " "
            return "a"
    return "a"


def near_misses(pattern: str, flags: int = 0) -> list[str]:
    """A sample match of ``pattern`` and the same without its last character (a near miss).

    Repeating a near miss is the classic trigger of backtracking: each copy starts a match
    attempt that runs on and fails late.
    """
    try:
        sample = _sample_match(_sre_parse.parse(pattern, flags), {})
    except Exception:
        return []
    return [u for u in {sample, sample[:-1], sample[:-1] + " "} if u]


# The core modules this audit covers in CI (fast); NEWSLINT_AUDIT_ALL=1 audits the whole package.
CORE = ("newslint.document", "newslint.quotes", "newslint.suppression", "newslint.registry", "newslint.config",
        "newslint.rules.spacing", "newslint.rules.repetition", "newslint.rules.sentence_start")


def _module_of(where: str) -> str:
    if ":" in where:  # a source path with a line number
        return where.split(":")[0].removesuffix(".py").replace("/", ".")
    return where.rsplit(".", 1)[0]


def package_patterns(modules: tuple[str, ...] | None = None) -> list[tuple[str, re.Pattern[str]]]:
    """(where, compiled pattern) for every regex in the newslint package (or in ``modules``)."""
    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    root = Path(newslint.__file__).parent
    for info in pkgutil.walk_packages([str(root)], "newslint."):
        try:
            module = importlib.import_module(info.name)
        except Exception:  # an optional backend whose dependency is missing
            continue
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[(value.pattern, value.flags)] = (f"{info.name}.{name}", value)
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in RE_FUNCS and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                flags = 0
                if len(node.args) > 1 or node.keywords:
                    flag_src = ast.unparse(node.args[-1] if len(node.args) > 1 else node.keywords[-1].value)
                    try:
                        flags = int(eval(flag_src, {"re": re}))  # noqa: S307 - our own source, re flags only
                    except Exception:
                        flags = 0
                pattern = node.args[0].value
                where = f"{path.relative_to(root.parent)}:{node.lineno}"
                try:
                    found.setdefault((pattern, flags), (where, re.compile(pattern, flags)))
                except (re.error, ValueError):
                    continue
    items = sorted(found.values(), key=lambda item: item[0])
    if modules is not None:
        items = [(w, p) for w, p in items if _module_of(w) in modules]
    return items


def hostile_strings(pattern: str, n: int) -> list[tuple[str, str]]:
    """(label, text) pairs of about ``n`` characters built to make a backtracking regex work hard."""
    out = []
    for unit in UNITS + _literal_fragments(pattern) + near_misses(pattern):
        k = max(1, n // len(unit))
        body = unit * k
        out.append((f"{unit!r}*k", body))
        out.append((f"'a'+{unit!r}*k+'!'", "a" + body + "!\x00"))
        out.append((f"({unit!r}+' ')*k", (unit + " ") * max(1, n // (len(unit) + 1))))
    return out


def _best_time(pattern: re.Pattern[str], text: str, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        for _m in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - t0)
    return best


def audit(patterns: list[tuple[str, re.Pattern[str]]], n: int = 2000, factor: int = 4, max_ratio: float = 8.0,
          min_seconds: float = 0.02, first_only: bool = False) -> list[Finding]:
    """Patterns whose time grows faster than linearly on some hostile string.

    Sizes ``n`` and ``factor * n``: a linear pattern takes ``factor`` times longer, a quadratic
    one ``factor ** 2`` times; ``max_ratio`` sits between (4 vs 16 by default, wide apart so a
    loaded machine does not blur them). With ``first_only`` each pattern stops at its first finding (to prove a bad pattern bad fast).
    """
    findings = []
    for where, pattern in patterns:
        if first_only and findings and findings[-1].where == where:
            continue
        pairs = zip(hostile_strings(pattern.pattern, n), hostile_strings(pattern.pattern, factor * n))
        for (label, small_text), (_, large_text) in pairs:
            small = _best_time(pattern, small_text, runs=1)
            large = _best_time(pattern, large_text, runs=1)
            if large < min_seconds:
                continue
            small, large = _best_time(pattern, small_text), _best_time(pattern, large_text)  # confirm
            if large >= min_seconds and large / max(small, 1e-9) > max_ratio:
                findings.append(Finding(where, pattern.pattern, label, small, large))
                if first_only:
                    break
    return findings
