"""Cross-article checks: facts and names that disagree with other articles on the same story.

Two phases, so facts of unchanged files can be cached:

* :func:`collect` (``facts.py``): one document -> plain JSON-able facts. Pure; the cache key
  is :func:`facts_key` (extractor version + format + text hash).
* :func:`judge` (``compare.py``): the facts of all documents -> diagnostics per path.

:func:`apply_corpus_rules` is the runner's single call. Its ``cache`` argument is the hook
for the results cache (``.newslint_cache/``): any object with ``get(key) -> facts | None``
and ``put(key, facts)``; facts round-trip through ``json.dumps``/``json.loads`` unchanged.
"""

from __future__ import annotations

from newslint.corpus.settings import Settings

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from typing import Any

    from newslint.corpus.facts import FactsCache
    from newslint.config import Config
    from newslint.document import Document
    from newslint.runner import FileResult

__all__ = ["FACTS_VERSION", "FactsCache", "Settings", "apply_corpus_rules", "collect", "facts_key", "judge"]

# The extractors load only when used: `check` without --corpus only validates [corpus].
_LAZY = {"collect": "newslint.corpus.facts", "facts_key": "newslint.corpus.facts",
         "FACTS_VERSION": "newslint.corpus.facts", "judge": "newslint.corpus.compare",
         "FactsCache": "newslint.corpus.facts"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def apply_corpus_rules(results: list["FileResult"], config: "Config", cache: "FactsCache | None" = None) -> None:
    """Add the corpus findings to ``results`` in place, honouring selection, per-file ignores
    and suppression comments like every other rule."""
    from newslint.corpus.compare import judge
    from newslint.corpus.facts import collect, facts_key
    from newslint.engine import Linter, dedupe
    from newslint.rules.corpus import FAMILY
    from newslint.suppression import apply_suppressions

    linter = Linter(config)
    if not any(r.family == FAMILY for r in linter.rules):
        return
    settings = Settings.from_config(config)
    docs = [r for r in results if r.doc is not None]
    facts: dict[str, dict[str, Any]] = {}

    def facts_of(doc: "Document") -> dict[str, Any]:
        if cache is None:
            return collect(doc)
        key = facts_key(doc)
        found = cache.get(key)
        if found is None:
            found = collect(doc)
            cache.put(key, found)
        return found

    for r in docs:
        assert r.doc is not None
        facts[r.path] = facts_of(r.doc)
    for doc in context_documents(docs, config, settings.context_files):
        facts.setdefault(doc.path, facts_of(doc))
    by_path = judge(facts, settings)
    for r in docs:
        new = by_path.get(r.path)
        if not new:
            continue
        assert r.doc is not None
        allowed = {rule.code for rule in linter.rules_for(r.path) if rule.family == FAMILY}
        new = apply_suppressions(r.doc, [d for d in new if d.code in allowed])
        merged = r.diagnostics + new
        merged.sort(key=lambda d: d.sort_key)
        r.diagnostics = dedupe(merged)


def context_documents(checked: list["FileResult"], config: "Config", limit: int) -> list["Document"]:
    """The other articles beside the checked ones, read only to compare with them.

    A pre-commit hook passes just the staged article, yet its facts must be compared with the
    rest of the story already in the repository: the articles in the same folders (not
    recursive; chosen as `newslint check` chooses them: ``include``, the excludes and ignore
    files apply) are read, at most ``limit`` of them, and their own
    findings are never reported.
    """
    import os

    from newslint.discovery import WalkRules, folder_files
    from newslint.document import Document
    from newslint.files import InputError, read_source

    if limit <= 0:
        return []
    seen = {os.path.realpath(r.path) for r in checked}
    folders = sorted({os.path.dirname(r.path) or "." for r in checked if os.path.isfile(r.path)})
    rules = WalkRules.from_config(config)  # the same files `newslint check FOLDER` would lint
    out: list[Document] = []
    for folder in folders:
        for path in folder_files(folder, rules):
            if os.path.realpath(path) in seen or not os.path.isfile(path):
                continue
            seen.add(os.path.realpath(path))
            try:
                source = read_source(path, config.max_file_size)
            except InputError:
                continue  # a sibling we cannot read is simply not compared
            out.append(Document.from_text(source.text, path))
            if len(out) >= limit:
                return out
    return out
