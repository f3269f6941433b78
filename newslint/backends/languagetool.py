"""LanguageTool findings as newslint diagnostics (codes ``LT:<RULE_ID>``).

One :class:`GrammarSession` per run: it finds or starts a server lazily (a fully cached run
starts nothing when the jar folder tells the version), sends only prose paragraphs that are not
in the cache (batched per document to keep LanguageTool's per-request cost down), maps
LanguageTool's UTF-16 offsets back to code points, and drops what a native rule already says.
It never raises into the runner: a failure is kept in ``failure`` and reported once.
"""

from __future__ import annotations

import bisect
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from newslint.backends.lt_cache import ParagraphCache, paragraph_key
from newslint.backends.lt_client import LTClient, LTServerError, LTStats
from newslint.backends.lt_server import (
    GrammarUnavailable,
    ServerHandle,
    find_jar_dir,
    jar_version,
    no_server_message,
    start_from_jars,
    start_managed,
)
from newslint.backends.lt_settings import GrammarSettings
from newslint.diagnostics import Applicability, Diagnostic, Fix, Edit, Severity, replace_fix

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from newslint.config import Config
    from newslint.document import Document

PREFIX = "LT:"
_SEPARATOR = "\n\n"  # LanguageTool treats a blank line as a paragraph break
_MAX_SUGGESTIONS = 5
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# LanguageTool rules that say what a native family already says; a match overlapping a native
# finding of that family is dropped ("keep the native one").
_SAME_REASON: dict[str, tuple[str, ...]] = {
    "UPPERCASE_SENTENCE_START": ("NL2",),
    "COMMA_PARENTHESIS_WHITESPACE": ("NL3",),
    "SENTENCE_WHITESPACE": ("NL3",),
    "WHITESPACE_RULE": ("NL3",),
    "DOUBLE_PUNCTUATION": ("NL3",),
    "ENGLISH_WORD_REPEAT_RULE": ("NL4",),
}
_SPELLING_FAMILIES = ("NL1", "NL2")  # spelling, names and their capitalization
_NATIVE_SPELLING_RULE = "NL101"
_QUIET_CATEGORIES = {"STYLE", "TYPOGRAPHY", "REDUNDANCY", "PLAIN_ENGLISH", "WIKIPEDIA", "SEMANTICS"}


def is_spelling(match: dict[str, Any]) -> bool:
    return match["rule"].startswith("MORFOLOGIK_RULE") or match["cat"] == "TYPOS"


def _compact(m: dict[str, Any], start: int, end: int) -> dict[str, Any]:
    """The part of a LanguageTool match newslint keeps (and caches), offsets paragraph-relative."""
    rule = m.get("rule") or {}
    category = rule.get("category") or {}
    reps = [r.get("value", "") for r in m.get("replacements") or [] if isinstance(r, dict)]
    return {
        "o": start,
        "l": end - start,
        "rule": str(rule.get("id", "UNKNOWN")),
        "cat": str(category.get("id", "")),
        "catname": str(category.get("name", "")),
        "msg": str(m.get("message", "")),
        "rep": [r for r in reps if isinstance(r, str)][:_MAX_SUGGESTIONS],
    }


def split_matches(batch: str, starts: list[int], lengths: list[int], answer: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """LanguageTool's matches on ``batch`` (paragraphs joined by a blank line), per paragraph.

    Offsets arrive in UTF-16 code units and leave as code points relative to their paragraph.
    """
    from newslint.backends.utf16 import utf16_to_codepoints

    to_cp = utf16_to_codepoints(batch)
    out: list[list[dict[str, Any]]] = [[] for _ in starts]
    for m in answer["matches"]:
        cs = to_cp(m["offset"])
        ce = to_cp(m["offset"] + max(0, m["length"]))
        i = bisect.bisect_right(starts, cs) - 1
        if i < 0 or cs > starts[i] + lengths[i]:
            continue  # on the separator: not in any paragraph
        ce = min(ce, starts[i] + lengths[i])
        out[i].append(_compact(m, cs - starts[i], ce - starts[i]))
    return out


class KnownWords:
    """Words newslint accepts (lexicons, dictionaries, project lexicon), asked defensively.

    ``ctx.lexicon`` belongs to the lexicon work; whichever lookup it offers is used, and the
    configured word files are read directly so LanguageTool stays quiet on them either way.
    """

    def __init__(self, config: "Config", lexicon: Any) -> None:
        self._lexicon = lexicon
        self._words: set[str] = set()
        for path in [*config.dictionaries, *( [config.lexicon_path] if config.lexicon_path else [])]:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError:
                continue
            for line in text.splitlines():
                word = line.split("#", 1)[0].strip()
                if word:
                    self._words.add(word)

    def __contains__(self, word: str) -> bool:
        if word in self._words:
            return True
        lex = self._lexicon
        if lex is None:
            return False
        for name in ("knows", "is_known", "contains", "known"):
            fn = getattr(lex, name, None)
            if callable(fn):
                try:
                    return bool(fn(word))
                except Exception:
                    return False
        try:
            return word in lex
        except Exception:
            return False


def _lexicon_of(context: Any) -> Any:
    try:
        return context.lexicon
    except Exception:  # not built yet on this branch, or failed to load: LT decides alone
        return None


@dataclass
class _Server:
    client: LTClient
    handle: ServerHandle | None


class GrammarSession:
    """LanguageTool for one run: server, cache, statistics, and the first failure."""

    def __init__(self, config: "Config", settings: GrammarSettings) -> None:
        self.config = config
        self.settings = settings
        self.stats = LTStats()
        self.cache = ParagraphCache(settings.cache_dir if settings.cache else None)
        self.failure: str | None = None
        self._server: _Server | None = None
        self._jar_dir: Path | None = None
        self._version: str | None = None
        self._known: KnownWords | None = None
        self._executor: "ThreadPoolExecutor | None" = None

    # -- server ---------------------------------------------------------------------------
    def _plan(self) -> None:
        """Decide where the server comes from and learn the version (cheaply when possible)."""
        s = self.settings
        if s.url:
            client = LTClient(s.url, s.timeout, self.stats)
            try:
                self._version = client.version(s.language)
            except LTServerError as exc:
                raise GrammarUnavailable(f"cannot use the LanguageTool server from {s.url_source} ({s.url}): {exc}; "
                                         "fix: start it (scripts/languagetool start) or correct the URL") from None
            self._server = _Server(client, None)
            return
        jar_dir = find_jar_dir(s)
        if jar_dir is not None:
            self._jar_dir = jar_dir
            self._version = jar_version(jar_dir)
            if self._version is None:
                self._start()
            return
        self._start()

    def _start(self) -> _Server:
        if self._server is not None:
            return self._server
        s = self.settings
        handle = start_from_jars(s, self._jar_dir) if self._jar_dir is not None else start_managed(s)
        if handle is None:
            raise GrammarUnavailable(no_server_message(s))
        client = LTClient(handle.url, s.timeout, self.stats)
        self._server = _Server(client, handle)
        if self._version is None:
            try:
                self._version = client.version(s.language)
            except LTServerError as exc:
                raise GrammarUnavailable(f"{handle.description} does not answer: {exc}") from None
        return self._server

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        if self._server is not None and self._server.handle is not None:
            self._server.handle.close()

    # -- checking -------------------------------------------------------------------------
    def submit(self, doc: "Document") -> "Future[list[tuple[int, list[dict[str, Any]]]]] | None":
        """Start asking LanguageTool about ``doc`` in the background.

        Why: the server works in its own process, so the native rules can run meanwhile and a
        first run costs about as much as LanguageTool alone. One worker keeps requests in order.
        Pass the result to :meth:`check` as ``pending``.
        """
        if self.failure is not None:
            return None
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lt")
        return self._executor.submit(self._fetch, doc)

    def _fetch(self, doc: "Document") -> list[tuple[int, list[dict[str, Any]]]]:
        if self._version is None:
            self._plan()
        return self._matches(doc)

    def check(self, doc: "Document", native: list[Diagnostic], context: Any = None,
              native_codes: Iterable[str] = (), pending: "Future | None" = None) -> list[Diagnostic]:
        """LanguageTool's diagnostics for ``doc`` not already said by ``native``; [] after a failure.

        Every request inside has a timeout, so waiting on ``pending`` cannot hang.
        """
        if self.failure is not None:
            return []
        try:
            per_paragraph = pending.result() if pending is not None else self._fetch(doc)
        except GrammarUnavailable as exc:
            self.failure = str(exc)
            return []
        if self._known is None:
            self._known = KnownWords(self.config, _lexicon_of(context) if context is not None else None)
        return self._diagnostics(doc, per_paragraph, native, set(native_codes))

    def _matches(self, doc: "Document") -> list[tuple[int, list[dict[str, Any]]]]:
        assert self._version is not None
        params = self.settings.request_params()
        found: list[tuple[int, list[dict[str, Any]]]] = []
        todo: list[tuple[int, str, str]] = []
        for start, end in doc.paragraphs:
            text = doc.prose[start:end]
            if not text.strip():
                continue
            key = paragraph_key(text, self._version, params)
            cached = self.cache.get(key)
            if cached is not None:
                self.stats.cached_paragraphs += 1
                found.append((start, cached))
            else:
                todo.append((start, text, key))
        for batch in self._batches(todo):
            found.extend(self._send(doc, batch, params))
        return found

    def _batches(self, todo: list[tuple[int, str, str]]) -> Iterable[list[tuple[int, str, str]]]:
        batch: list[tuple[int, str, str]] = []
        size = 0
        for item in todo:
            if batch and size + len(item[1]) > self.settings.max_request_chars:
                yield batch
                batch, size = [], 0
            batch.append(item)
            size += len(item[1]) + len(_SEPARATOR)
        if batch:
            yield batch

    def _send(self, doc: "Document", batch: list[tuple[int, str, str]], params: dict[str, str]) -> list[tuple[int, list[dict[str, Any]]]]:
        server = self._start()
        starts, lengths, parts = [], [], []
        pos = 0
        for _, text, _ in batch:
            starts.append(pos)
            lengths.append(len(text))
            parts.append(text)
            pos += len(text) + len(_SEPARATOR)
        # Lone surrogates (undecodable bytes) cannot be sent as UTF-8; U+FFFD keeps both offset systems.
        text = _LONE_SURROGATE.sub("\ufffd", _SEPARATOR.join(parts))
        try:
            answer = server.client.check(text, params)
        except LTServerError as exc:
            where = server.handle.description if server.handle else f"the LanguageTool server from {self.settings.url_source}"
            died = server.handle is not None and server.handle.exited()
            raise GrammarUnavailable(
                f"{where} {'died' if died else 'failed'} while checking {doc.path}: {exc}; grammar findings from this "
                "file on are missing; fix: check the server (scripts/languagetool status) or raise [grammar] timeout") from None
        self.stats.check_requests += 1
        self.stats.paragraphs_sent += len(batch)
        self.stats.chars_sent += len(text)
        out = []
        for (start, _, key), matches in zip(batch, split_matches(text, starts, lengths, answer)):
            self.cache.put(key, matches)
            out.append((start, matches))
        return out

    # -- filtering ------------------------------------------------------------------------
    def _diagnostics(self, doc: "Document", per_paragraph: list[tuple[int, list[dict[str, Any]]]],
                     native: list[Diagnostic], native_codes: set[str]) -> list[Diagnostic]:
        from newslint.registry import is_selected
        from newslint.suppression import apply_suppressions

        cfg = self.config
        select = ["LT", *cfg.select, *cfg.extend_select]
        ignore = [*cfg.ignore, *(cfg.ignored_for(doc.path) if cfg.per_file_ignores else [])]
        native_spelling = _NATIVE_SPELLING_RULE in native_codes
        patterns = self.settings.disabled_patterns
        out: list[Diagnostic] = []
        for para_start, matches in per_paragraph:
            for m in matches:
                start, end = para_start + m["o"], para_start + m["o"] + m["l"]
                code = PREFIX + m["rule"]
                if doc.is_masked(start, max(end, start + 1)):
                    continue
                if not is_selected(code, m["cat"].lower(), True, select, ignore):
                    continue
                if patterns and any(fnmatch.fnmatchcase(m["rule"], p) for p in patterns):
                    continue
                if is_spelling(m):
                    if native_spelling or (self._known is not None and doc.text[start:end] in self._known):
                        continue
                    families = _SPELLING_FAMILIES
                elif m["cat"] == "CASING":
                    families = ("NL2",)  # capitalization: sentence starts, proper nouns, demonyms
                else:
                    families = _SAME_REASON.get(m["rule"], ())
                if families and _overlaps_native(start, end, native, families):
                    continue
                out.append(self._diagnostic(code, m, start, end))
        return apply_suppressions(doc, out)

    @staticmethod
    def _diagnostic(code: str, m: dict[str, Any], start: int, end: int) -> Diagnostic:
        reps = m["rep"]
        name = re.sub(r"[^a-z0-9]+", "-", (m["cat"] or "languagetool").lower()).strip("-") or "languagetool"
        fix: Fix | None = None
        if len(reps) == 1:
            fix = replace_fix(start, end, reps[0], Applicability.UNSAFE, f"Replace with {reps[0]!r} (LanguageTool)")
        elif reps:
            fix = Fix((Edit(start, end, reps[0]),), Applicability.DISPLAY_ONLY, f"Replace with one of: {', '.join(reps)}")
        category = m["catname"] or m["cat"]
        message = f"{m['msg']} [{category}]" if category else m["msg"]
        severity = Severity.INFO if m["cat"] in _QUIET_CATEGORIES else Severity.WARNING
        return Diagnostic(code=code, name=name, message=message, start=start, end=end, severity=severity,
                          fix=fix, suggestions=tuple(reps))


def _overlaps_native(start: int, end: int, native: list[Diagnostic], families: tuple[str, ...]) -> bool:
    end = max(end, start + 1)
    for d in native:
        if d.code.startswith(families) and d.start < end and start < max(d.end, d.start + 1):
            return True
    return False


__all__ = ["GrammarSession", "GrammarUnavailable", "split_matches", "PREFIX"]
