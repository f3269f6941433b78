"""What a rule is: stable code, descriptive name, metadata, and a check function."""

from __future__ import annotations

from functools import cached_property
from collections.abc import Callable, Iterable

from newslint.diagnostics import Diagnostic, Fix, Severity
from newslint.records import _set, record

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from typing import Any

    from newslint.config import Config
    from newslint.document import Document
    from newslint.lexicon import Lexicon


@record()
class Context:
    """What a rule may consult besides the document: the resolved configuration and lexicons."""

    config: "Config"

    def __init__(self, config: "Config") -> None:
        self.config = config

    @cached_property
    def lexicon(self) -> "Lexicon":
        from newslint.lexicon import load_lexicon

        return load_lexicon(self.config)

    def options(self, rule: "Rule") -> dict[str, Any]:
        """Rule options from ``[rules.CODE]`` or ``[rules.name]`` in the configuration."""
        rules = self.config.rules
        merged: dict[str, Any] = {}
        merged.update(rules.get(rule.name, {}))
        merged.update(rules.get(rule.code, {}))
        return merged


CheckFn = Callable[["Document", Context], Iterable[Diagnostic]]


@record(frozen=True, compare=("code", "name", "summary", "default_enabled", "fixable", "severity", "family"))
class Rule:
    """Metadata plus the function that finds problems.

    The explanation is the check function's docstring, written in four parts:
    what it finds, why it matters, an example, and how safe its fix is.
    """

    code: str
    name: str
    summary: str
    check: CheckFn  # not compared
    default_enabled: bool
    fixable: bool
    severity: Severity
    family: str

    def __init__(self, code: str, name: str, summary: str, check: CheckFn, default_enabled: bool = True,
                 fixable: bool = False, severity: Severity = Severity.WARNING, family: str = "native") -> None:
        _set(self, "code", code)
        _set(self, "name", name)
        _set(self, "summary", summary)
        _set(self, "check", check)
        _set(self, "default_enabled", default_enabled)
        _set(self, "fixable", fixable)
        _set(self, "severity", severity)
        _set(self, "family", family)

    @property
    def explanation(self) -> str:
        import inspect

        return inspect.cleandoc(self.check.__doc__ or self.summary)

    def diagnostic(
        self,
        start: int,
        end: int,
        message: str,
        fix: Fix | None = None,
        suggestions: Iterable[str] = (),
        severity: Severity | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code,
            name=self.name,
            message=message,
            start=start,
            end=end,
            severity=severity or self.severity,
            fix=fix,
            suggestions=tuple(suggestions),
        )


def rule(
    code: str,
    name: str,
    summary: str,
    *,
    default_enabled: bool = True,
    fixable: bool = False,
    severity: Severity = Severity.WARNING,
) -> Callable[[CheckFn], Rule]:
    """Decorator turning a check function into a registered-ready :class:`Rule`."""

    def wrap(fn: CheckFn) -> Rule:
        return Rule(code, name, summary, fn, default_enabled, fixable, severity)

    return wrap
