"""Optional checkers that run outside Python (LanguageTool), behind the same diagnostics."""

from __future__ import annotations

import os


TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from newslint.backends.languagetool import GrammarSession
    from newslint.config import Config


def open_grammar(config: "Config", force: bool | None = None, url: str | None = None) -> "GrammarSession | None":
    """Validate ``[grammar]`` and return a session when grammar checks are on.

    ``force`` is the --grammar/--no-grammar flag (None: the config decides), ``url`` the
    --languagetool-url option (it wins over the configuration). The heavy
    modules are imported only when grammar checks actually run (pre-commit start-up cost).
    Raises ConfigError for a bad ``[grammar]`` table.
    """
    if force is None and not url and not os.environ.get("NEWSLINT_LT_URL"):
        from newslint.config import load_defaults

        shipped = load_defaults()["grammar"]
        if config.grammar == shipped and not shipped.get("enabled"):
            return None  # the shipped table is valid (a test checks it) and off: nothing to import
    from newslint.backends.lt_settings import grammar_enabled, load_settings

    if not (grammar_enabled(config, url) if force is None else force):
        return None  # the table is valid (grammar_enabled checks it), and no paths are resolved
    settings = load_settings(config, url)
    from newslint.backends.languagetool import GrammarSession

    return GrammarSession(config, settings)


def explain_languagetool_code(code: str) -> str:
    """What ``newslint rule LT:<ID>`` prints: LanguageTool rules live in the server, not here."""
    rule_id = code.split(":", 1)[1].upper()
    return (
        f"LT:{rule_id} (LanguageTool rule {rule_id})\n\n"
        "A finding of LanguageTool's rule of this ID, added by `newslint check --grammar`. The message\n"
        "shown with each finding is LanguageTool's, followed by its category.\n\n"
        "Fix safety: a single LanguageTool replacement is an unsafe fix, several are display-only;\n"
        "LanguageTool fixes are never safe.\n"
        f"Switch it off with [grammar] disabled-rules = [\"{rule_id}\"] or ignore = [\"LT:{rule_id}\"].\n"
        f"LanguageTool's description: https://community.languagetool.org/rule/list?lang=en&search={rule_id}\n"
        "See docs/grammar.md."
    )
