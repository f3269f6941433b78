"""Run the selected rules over a document and filter what they found."""

from __future__ import annotations

from collections.abc import Iterable

from newslint.registry import is_selected, select_rules, selected_codes
from newslint.rules.base import Context

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.diagnostics import Diagnostic
    from newslint.document import Document
    from newslint.rules.base import Rule


class Linter:
    """Holds the rule selection and context for one configuration; lints many documents.

    ``codes`` is known at once (newslint/rule_table.py); the rule modules are imported when
    ``rules`` is first used, so a run answered from the results cache never imports them.
    """

    def __init__(self, config: "Config", rules: "Iterable[Rule] | None" = None) -> None:
        self.config = config
        self._rules = list(rules) if rules is not None else None
        self.codes = [r.code for r in self._rules] if self._rules is not None else selected_codes(config)
        self.context = Context(config)

    @property
    def rules(self) -> "list[Rule]":
        if self._rules is None:
            self._rules = select_rules(self.config)  # the rules of ``codes``
        return self._rules

    @rules.setter
    def rules(self, rules: "Iterable[Rule]") -> None:
        self._rules = list(rules)
        self.codes = [r.code for r in self._rules]

    def rules_for(self, path: str) -> list[Rule]:
        ignored = self.config.ignored_for(path) if self.config.per_file_ignores else []
        if not ignored:
            return self.rules
        return [r for r in self.rules if not is_selected(r.code, r.name, True, ignored, [])]

    def lint(self, doc: "Document") -> "list[Diagnostic]":
        """All diagnostics for ``doc``, suppressions applied, sorted by position."""
        from newslint.suppression import apply_suppressions

        found: list[Diagnostic] = []
        for rule in self.rules_for(doc.path):
            found.extend(rule.check(doc, self.context))
        found = apply_suppressions(doc, found)
        found.sort(key=lambda d: d.sort_key)
        return dedupe(found)


def dedupe(diagnostics: "list[Diagnostic]") -> "list[Diagnostic]":
    """Drop exact repeats (same code and span), keeping the first."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for d in diagnostics:
        key = (d.code, d.start, d.end)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
