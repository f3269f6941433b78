"""The check command's work: discover, read, lint, report, choose the exit code.

The CLI only parses options into :class:`RunOptions` and calls :func:`run_check`.
"""

from __future__ import annotations

import os
import sys

from newslint.config import Config, ConfigError, load_config
from newslint.diagnostics import Diagnostic
from newslint.document import Document, ReportDocument
from newslint.discovery import WalkRules, discover, stdin_excluded
from newslint.files import InputError, SourceFile, decode, display_path, read_source, sha256_hex
from newslint.records import record

TYPE_CHECKING = False  # typing is not imported at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from typing import TextIO
    from newslint.cache import ResultsCache
    from newslint.engine import Linter
    from newslint.backends.languagetool import GrammarSession

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@record()
class RunOptions:
    """The check command's options (a plain record: see newslint.records for why not a dataclass)."""

    paths: list[str]
    format: str
    select: list[str] | None
    ignore: list[str] | None
    config_file: str | None
    statistics: bool
    quiet: bool
    color: str
    exit_zero: bool
    fix: bool  # apply safe fixes in place, then report what is left
    diff: bool  # print what --fix would change; write nothing
    unsafe_fixes: bool  # also apply (or count as available) unsafe fixes
    fix_only: bool  # fix without reporting what is left
    stdin_filename: str | None
    no_cache: bool
    jobs: int  # 0: decide by batch size (newslint.parallel.auto_jobs)
    grammar: bool | None  # --grammar / --no-grammar; None: [grammar] enabled decides
    languagetool_url: str | None
    corpus: bool  # also run the cross-article rules (NL5xx) over all the files
    exclude: list[str] | None  # --exclude: replaces the configured `exclude`
    extend_exclude: list[str] | None  # --extend-exclude: added to the configured `extend-exclude`
    respect_gitignore: bool | None  # --respect-gitignore / --no-respect-gitignore; None: config
    force_exclude: bool | None  # --force-exclude / --no-force-exclude; None: config
    extra: dict

    def __init__(
        self,
        paths: list[str],
        format: str = "text",
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        config_file: str | None = None,
        statistics: bool = False,
        quiet: bool = False,
        color: str = "auto",
        exit_zero: bool = False,
        fix: bool = False,
        diff: bool = False,
        unsafe_fixes: bool = False,
        fix_only: bool = False,
        stdin_filename: str | None = None,
        no_cache: bool = False,
        jobs: int = 0,
        grammar: bool | None = None,
        languagetool_url: str | None = None,
        corpus: bool = False,
        exclude: list[str] | None = None,
        extend_exclude: list[str] | None = None,
        respect_gitignore: bool | None = None,
        force_exclude: bool | None = None,
        extra: dict | None = None,
    ) -> None:
        self.paths = paths
        self.format = format
        self.select = select
        self.ignore = ignore
        self.config_file = config_file
        self.statistics = statistics
        self.quiet = quiet
        self.color = color
        self.exit_zero = exit_zero
        self.fix = fix
        self.diff = diff
        self.unsafe_fixes = unsafe_fixes
        self.fix_only = fix_only
        self.stdin_filename = stdin_filename
        self.no_cache = no_cache
        self.jobs = jobs
        self.grammar = grammar
        self.languagetool_url = languagetool_url
        self.corpus = corpus
        self.exclude = exclude
        self.extend_exclude = extend_exclude
        self.respect_gitignore = respect_gitignore
        self.force_exclude = force_exclude
        self.extra = {} if extra is None else extra

    @property
    def fixing(self) -> bool:
        """Any fix mode (--fix, --diff, --fix-only): the work goes to newslint.fixes.run_fixes."""
        return self.fix or self.diff or self.fix_only


@record()
class FileResult:
    path: str
    diagnostics: list[Diagnostic]
    doc: Document | None
    source: SourceFile | None
    fixed: int  # fixes applied (with --diff: that would be)
    converged: bool  # False when the fix loop did not settle
    error: str | None
    cached: bool  # diagnostics came from the results cache

    def __init__(self, path: str, diagnostics: list[Diagnostic] | None = None, doc: Document | None = None,
                 source: SourceFile | None = None, fixed: int = 0, converged: bool = True, error: str | None = None,
                 cached: bool = False) -> None:
        self.path = path
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.doc = doc
        self.source = source
        self.fixed = fixed
        self.converged = converged
        self.error = error
        self.cached = cached


def _overrides(opts: RunOptions) -> dict:
    over: dict = {}
    if opts.select:
        over["select"] = opts.select
    if opts.ignore:
        over["ignore"] = opts.ignore
    return over


def load_run_config(opts: RunOptions) -> Config:
    # Strings, not Paths: pathlib is not imported on the check path (see newslint.config).
    start = opts.stdin_filename or (opts.paths[0] if opts.paths and opts.paths[0] != "-" else ".")
    if not os.path.exists(start):
        start = "."
    config = load_config(explicit=opts.config_file or None, start=start, overrides=_overrides(opts))
    # File discovery flags (newslint.discovery) override the configuration, as ruff's do.
    if opts.exclude is not None:
        config.exclude = list(opts.exclude)
    if opts.extend_exclude:
        config.extend_exclude = config.extend_exclude + list(opts.extend_exclude)
    if opts.respect_gitignore is not None:
        config.respect_gitignore = opts.respect_gitignore
    if opts.force_exclude is not None:
        config.force_exclude = opts.force_exclude
    return config


def _read_stdin(name: str) -> SourceFile:
    data = sys.stdin.buffer.read()
    text, encoding = decode(data, name)
    return SourceFile(name, text, encoding, sha256_hex(data), len(data), 0)


# A run over more than this much text (or more than one file) collects cyclic garbage as usual.
_GC_FREE_BYTES = 1 << 20


def collect_garbage_for(files: int, size: int) -> None:
    """Switch the cyclic garbage collector back on (entry.main turns it off for start-up) unless
    the run is one small file, whose few cycles are freed when the process exits."""
    import gc

    if files > 1 or size > _GC_FREE_BYTES:
        # A young-generation threshold of 50,000 objects instead of 700: linting allocates
        # millions of short-lived objects (tokens, spans, findings) and few cycles, so the
        # default collected ~0.17 s of a 10 MB run for nothing (bench/speed, whole-process,
        # 2.03 -> 1.86 s); the memory it delays freeing is a few MB at most.
        gc.set_threshold(50_000, *gc.get_threshold()[1:])
        gc.enable()


def lint_paths(opts: RunOptions, config: Config, grammar: "GrammarSession | None" = None) -> list[FileResult]:
    """Lint every path; unreadable ones become results with an error. ``grammar`` adds LanguageTool.

    Files whose native results are in the cache (newslint.cache) are not linted again; the
    rest are linted in this process or in ``opts.jobs`` workers (newslint.parallel), in order.
    LanguageTool findings are not stored there (the grammar backend caches per paragraph).
    """
    from newslint.engine import Linter
    from newslint.parallel import lint_sources

    linter = Linter(config)
    cache = _open_cache(opts, config, linter)
    results: list[FileResult] = []
    pending: list[tuple[int, SourceFile]] = []
    targets: list[str | InputError] = []
    rules = WalkRules.from_config(config)
    for arg in opts.paths:
        if arg == "-":
            if not stdin_excluded(opts.stdin_filename, rules):
                targets.append("-")
        else:
            targets.extend(discover([arg], rules))
    for target in targets:
        if isinstance(target, InputError):
            results.append(FileResult(target.path, error=target.message))
            continue
        try:
            if target == "-":
                name = opts.stdin_filename or "<stdin>"
                source = _read_stdin(name)
            else:
                source = read_source(target, config.max_file_size)
        except InputError as exc:
            results.append(FileResult(exc.path, error=exc.message))
            continue
        cached = cache.get(source) if cache is not None and target != "-" else None
        if cached is not None:
            # Masks only if grammar checks or corpus rules read the document (ReportDocument).
            doc = Document.from_text(source.text, source.path) if grammar is not None else ReportDocument(source.text, source.path)
            results.append(FileResult(source.path, cached, doc, source, cached=True))
        else:
            results.append(FileResult(source.path, source=source))
            pending.append((len(results) - 1, source))
    collect_garbage_for(len(targets), sum(s.size for _, s in pending))
    # With LanguageTool, each file is sent to the server before its native rules run, so the
    # two overlap (one process); without it, lint_sources may use workers.
    # Big texts go through lint_source (chunked); if a rule crashes in the batch, every file
    # is redone one by one under lint_source's guard, so only the failing file is an error.
    from newslint.chunking import is_large

    batch = [(i, s) for i, s in pending if not is_large(s.text)] if grammar is None else []
    try:
        linted = lint_sources(linter, [s for _, s in batch], opts.jobs) if batch else []
    except ConfigError:
        raise
    except Exception:  # noqa: BLE001 - redone file by file below
        batch, linted = [], []
    done = {index: pair for (index, _), pair in zip(batch, linted)}
    for index, source in pending:
        ticket = None
        if index in done:
            doc, diagnostics = done[index]
        elif grammar is not None:
            doc = Document.from_text(source.text, source.path)
            ticket = grammar.submit(doc)
            diagnostics = linter.lint(doc)
        else:
            guarded = lint_source(linter, source, opts.jobs)
            if guarded.error is not None or guarded.doc is None:
                results[index] = guarded
                continue
            doc, diagnostics = guarded.doc, guarded.diagnostics
        results[index] = FileResult(source.path, diagnostics, doc, source)
        if cache is not None and source.mtime_ns:  # stdin has no mtime and is never cached
            cache.put(source, diagnostics)
        if grammar is not None:
            _add_grammar(results, index, grammar, linter, ticket)
    if grammar is not None:
        for index, r in enumerate(results):
            if r.cached:
                _add_grammar(results, index, grammar, linter, grammar.submit(r.doc))
    return results


def _add_grammar(results: list[FileResult], index: int, grammar: "GrammarSession", linter: "Linter", ticket: object) -> None:
    """Add LanguageTool's findings to ``results[index]`` (native findings, cached or fresh, stay)."""
    r = results[index]
    assert r.doc is not None
    extra = grammar.check(r.doc, r.diagnostics, linter.context, [x.code for x in linter.rules_for(r.doc.path)], ticket)
    if extra:
        results[index] = FileResult(r.path, sorted(r.diagnostics + extra, key=lambda d: d.sort_key), r.doc, r.source, cached=r.cached)


def _open_cache(opts: RunOptions, config: Config, linter: "Linter") -> "ResultsCache | None":
    """The results cache for this run, or None with --no-cache or ``[cache] enabled = false``."""
    if opts.no_cache or not config.cache.get("enabled", True):
        return None
    from newslint.cache import ResultsCache

    return ResultsCache.for_run(config, linter.codes)


def lint_source(linter: "Linter", source: SourceFile, jobs: int = 0) -> FileResult:
    """Lint one decoded file; a bug in a rule fails this file only, with a one-line error.

    The other files of the run are still linted and reported (and the exit code is 2),
    so one bad input never hides the findings in the rest.
    """
    from newslint.chunking import is_large, lint_large, reporting_document

    try:
        if is_large(source.text):  # pieces; the whole-text Document only serves line/column
            doc = reporting_document(source.text, source.path)
        else:
            doc = Document.from_text(source.text, source.path)
        return FileResult(source.path, lint_large(linter, doc, jobs=jobs), doc, source)
    except ConfigError:
        raise  # a configuration problem found late (a dictionary file): the whole run stops
    except (MemoryError, RecursionError) as exc:
        return FileResult(source.path, error=f"too large or too deeply nested to lint ({type(exc).__name__})")
    except Exception as exc:  # noqa: BLE001 - reported per file; NEWSLINT_DEBUG=1 shows the traceback
        _debug_traceback()
        return FileResult(source.path, error=f"internal error while linting: {one_line(exc)} (please report it)")


def one_line(exc: BaseException) -> str:
    """``Type: message`` squeezed onto one line."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _debug_traceback() -> None:
    import os
    import traceback

    if os.environ.get("NEWSLINT_DEBUG"):
        traceback.print_exc()


def _corpus_enabled(opts: RunOptions, config: Config) -> bool:
    """``--corpus`` or ``[corpus] enabled``; the corpus package validates its table."""
    if not opts.corpus and not config.corpus:
        return False
    from newslint.config import load_defaults

    shipped = load_defaults()["corpus"]
    if config.corpus == shipped and not shipped.get("enabled"):
        return opts.corpus  # the shipped table is valid (a test checks it) and off: no import
    from newslint.corpus.settings import Settings

    return Settings.from_config(config).enabled or opts.corpus


def exit_code(results: list[FileResult], exit_zero: bool) -> int:
    if any(r.error for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(r.diagnostics for r in results) else EXIT_CLEAN


def run_check(opts: RunOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Everything ``newslint check`` does; returns the exit code."""
    from newslint.backends import open_grammar
    from newslint.reporters import get_reporter

    out = out or sys.stdout
    err = err or sys.stderr
    if opts.fixing:
        import gc

        gc.enable()  # (entry.main turned it off for start-up) fixing may loop over many files
        from newslint.fixes import run_fixes

        return run_fixes(opts, out, err)
    try:
        config = load_run_config(opts)
        use_corpus = _corpus_enabled(opts, config)
        grammar = open_grammar(config, opts.grammar, opts.languagetool_url)
    except ConfigError as exc:
        print(f"newslint: error: {exc}", file=err)
        return EXIT_ERROR
    try:
        results = lint_paths(opts, config, grammar)
    except ConfigError as exc:  # e.g. a dictionary file named in the config, read when first needed
        print(f"newslint: error: {exc}", file=err)
        return EXIT_ERROR
    finally:
        if grammar is not None:
            grammar.close()
    if use_corpus:
        from newslint.corpus import apply_corpus_rules

        apply_corpus_rules(results, config)
    for r in results:
        if r.error:
            print(f"newslint: error: {display_path(r.path)}: {r.error}", file=err)
    reporter = get_reporter(opts.format)
    reporter(results, out, opts)
    if grammar is not None and grammar.failure:
        # Native findings are printed above; the missing grammar checks make the run an error.
        print(f"newslint: error: {grammar.failure}", file=err)
        return EXIT_ERROR
    return exit_code(results, opts.exit_zero)
