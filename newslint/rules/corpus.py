"""Cross-article rules (NL5xx): registered like every rule, but their work happens across files.

Design: a corpus rule is an ordinary :class:`Rule` (so ``newslint rules`` lists it, ``newslint
rule NL501`` explains it, ``select``/``ignore``/per-file-ignores and suppression comments apply
to it) whose per-document ``check`` yields nothing: one article alone cannot disagree with
the others. The work is done by ``newslint.corpus`` in two phases, ``collect`` per document
and ``judge`` over all of them, when ``check --corpus`` or ``[corpus] enabled`` is on. The
judge builds its diagnostics through these Rule objects, so codes and names have one source.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Diagnostic, Severity
from newslint.document import Document
from newslint.rules.base import Context, Rule

FAMILY = "corpus"


def _fact_disagreement(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a number, date or weekday that other articles on the same story give differently.

    Why: a newsroom repository often holds several articles on one story. When one says
    "the 79th anniversary of Japan's surrender" and four others say "80 years since Japan
    surrendered", one of them is wrong, and no spell checker can see it.

    How: articles are grouped by story (TF-IDF cosine over names, numbers and dates). In each
    group, numbers are compared only when they quantify the same thing: same kind and unit
    (15% = 15 percent = 15 pct; "80th anniversary of X" = "80 years since X"), same noun
    ("2,000 soldiers"), and clauses that share most of their words and no conflicting names.
    Hedges widen a value ("about 15%", "more than 2,000"), and a stated precision is respected
    ("$102.6bn" agrees with "$103bn"). A finding needs at least two other articles that agree
    with each other and none that agrees with the outlier; when in doubt it stays quiet.

    Example: seeds/001 "the 79th anniversary of Japan's surrender" -> "“79th anniversary”
    disagrees with 4 other articles on this story, which say 80 years (000, 002, 003, 004)".

    Fix: none; which article is right is for an editor to decide. Runs only with
    ``newslint check --corpus`` or ``[corpus] enabled = true``.
    """
    return iter(())


def _name_variant(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    """Finds a name spelled differently from the other articles on the same story.

    Why: one newsroom should write one name one way. "Kim Jong-un" in two articles and
    "Kim Jong Un" in three is an inconsistency readers notice and search engines split.

    How: names of two or more words are compared by their letters (hyphens, spaces and
    capitals may differ: "Kim Jong-un" / "Kim Jong Un"); single names of five or more
    letters are compared letter by letter (one letter changed or two swapped: "Pezeshkian" /
    "Pezeshkyan"), shorter ones only inside a full name ("Robert Fico" / "Robert Fiko"); a
    dictionary word is never reported as the misspelling. The minority spelling is reported when at
    least two other articles share the majority spelling. With a house style
    (``[corpus] house-style = {"Kim Jong Un" = ["Kim Jong-un"]}``), every other form of a
    house name is reported, in any article, whatever the majority. Forms that differ only in
    full stops ("U.S." / "US") are abbreviation style and are not reported.

    Example: seeds/000 "Kim Jong-un" -> "“Kim Jong-un”: 3 other articles on this story write
    “Kim Jong Un” (002, 003, 004)".

    Fix: none; the majority or house form is offered as a suggestion (shown, never applied).
    """
    return iter(())


fact_disagreement = Rule(
    "NL501", "fact-disagreement",
    "A number, date or weekday that other articles on the same story give differently (--corpus).",
    _fact_disagreement, severity=Severity.WARNING, family=FAMILY,
)
name_variant = Rule(
    "NL502", "name-variant",
    "A name spelled differently from the other articles on the same story or the house style (--corpus).",
    _name_variant, severity=Severity.WARNING, family=FAMILY,
)
