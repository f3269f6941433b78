"""The fix loop (apply non-overlapping fixes at an allowed applicability, re-lint, repeat) and
the fix modes of ``newslint check`` built on it: --fix, --diff, --fix-only, and stdin for editors.

Writing files is newslint.writer's job; this module decides what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, TextIO

from newslint.diagnostics import Applicability, Diagnostic, Edit

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.files import SourceFile
    from newslint.runner import FileResult, RunOptions

# Re-lint at most this many times; a loop that has not settled by then is reported.
MAX_ROUNDS = 10


@dataclass
class FixOutcome:
    """The fixed text, how many fixes went in, and what is left."""

    text: str
    applied: int
    remaining: list[Diagnostic] = field(default_factory=list)
    converged: bool = True


def select_edits(diagnostics: list[Diagnostic], minimum: Applicability) -> tuple[list[Edit], int]:
    """Edits of the fixes at ``minimum`` or better, sorted, skipping any that overlap an earlier one.

    Returns the edits and the number of fixes they come from.
    """
    fixes = [d.fix for d in diagnostics if d.fix is not None and d.fix.applicability >= minimum]
    fixes.sort(key=lambda f: (f.start, f.end))
    chosen: list[Edit] = []
    taken_until = -1
    count = 0
    for fix in fixes:
        edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
        if fix.start < taken_until or (fix.start == taken_until and chosen and chosen[-1].start == chosen[-1].end == fix.start):
            continue  # overlaps (or inserts at the same point as) an earlier fix
        chosen.extend(edits)
        taken_until = max(taken_until, fix.end)
        count += 1
    return chosen, count


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits; every character outside them is kept."""
    parts: list[str] = []
    pos = 0
    for e in edits:
        parts.append(text[pos:e.start])
        parts.append(e.replacement)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def fix_text(text: str, lint: Callable[[str], list[Diagnostic]], minimum: Applicability = Applicability.SAFE,
             max_rounds: int = MAX_ROUNDS) -> FixOutcome:
    """Fix ``text`` until nothing at ``minimum`` is left to fix, at most ``max_rounds`` times."""
    applied = 0
    diagnostics = lint(text)
    for _ in range(max_rounds):
        edits, count = select_edits(diagnostics, minimum)
        if not edits:
            return FixOutcome(text, applied, diagnostics, True)
        new_text = apply_edits(text, edits)
        if new_text == text:
            return FixOutcome(text, applied, diagnostics, True)
        text = new_text
        applied += count
        diagnostics = lint(text)
    edits, _ = select_edits(diagnostics, minimum)
    return FixOutcome(text, applied, diagnostics, converged=not edits)


# --- Orchestration: what `newslint check --fix / --diff / --fix-only` does -------------------------

def fix_source(source: "SourceFile", linter: "Linter", minimum: Applicability,
               initial: list[Diagnostic] | None = None) -> FixOutcome:
    """Run the fix loop on one decoded file with the run's real linter.

    ``initial`` (the diagnostics already found for the unchanged text) saves one lint.
    """
    from newslint.chunking import lint_text

    known = {source.text: initial} if initial is not None else {}

    def lint(text: str) -> list[Diagnostic]:
        cached = known.pop(text, None)
        if cached is not None:
            return cached
        return lint_text(linter, text, source.path)  # a big text in pieces, as the first pass

    return fix_text(source.text, lint, minimum)


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at "\\n" only (what diff and patch call a line)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def render_diff(path: str, old: str, new: str) -> str:
    """A unified diff (git style a/ b/ paths) that ``patch -p1`` or ``git apply`` accepts.

    Line endings are kept inside the lines, so a CRLF file shows and patches as CRLF; a missing
    final newline is marked the way diff marks it.
    """
    import difflib
    import os

    out: list[str] = []
    name = os.path.normpath(path).replace(os.sep, "/").lstrip("/")
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _minimum(opts: "RunOptions") -> Applicability:
    return Applicability.UNSAFE if opts.unsafe_fixes else Applicability.SAFE


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _fix_exit(results: list["FileResult"], opts: "RunOptions", changed: bool) -> int:
    from newslint.runner import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS

    if any(r.error for r in results):
        return EXIT_ERROR
    if opts.diff:
        return EXIT_FINDINGS if changed else EXIT_CLEAN
    if opts.fix_only or opts.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(r.diagnostics for r in results) else EXIT_CLEAN


def _warn_unsettled(r: "FileResult", err: TextIO) -> None:
    if not r.converged:
        print(f"newslint: warning: {r.path}: fixes did not settle after {MAX_ROUNDS} rounds; "
              "the text after the last round is used and what is left is reported", file=err)


def _fix_stdin(opts: "RunOptions", config: "Config", out: TextIO, err: TextIO) -> int:
    """Editors: read '-', write the whole fixed text (same encoding) to stdout, findings to stderr."""
    import hashlib
    import sys

    from newslint.document import Document
    from newslint.engine import Linter
    from newslint.files import InputError, SourceFile, decode
    from newslint.reporters import get_reporter
    from newslint.runner import EXIT_ERROR, FileResult
    from newslint.writer import encode_like

    name = opts.stdin_filename or "<stdin>"
    data = sys.stdin.buffer.read()
    from newslint.discovery import WalkRules, stdin_excluded

    if stdin_excluded(opts.stdin_filename, WalkRules.from_config(config)):
        # --force-exclude and an excluded name: no findings, and with --fix the text goes back as it came
        if opts.diff:
            return 0
        if hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(data)
            out.buffer.flush()
        else:  # an in-memory text stream (tests)
            out.write(data.decode("utf-8", "surrogateescape"))
        return 0
    try:
        text, encoding = decode(data, name)
    except InputError as exc:
        print(f"newslint: error: {exc}", file=err)
        return EXIT_ERROR  # nothing on stdout: the editor keeps its text
    source = SourceFile(name, text, encoding, hashlib.sha256(data).hexdigest(), len(data), 0)
    linter = Linter(config)
    outcome = fix_source(source, linter, _minimum(opts))
    result = FileResult(name, outcome.remaining, Document.from_text(outcome.text, name), source,
                        fixed=outcome.applied, converged=outcome.converged)
    changed = outcome.text != text
    if opts.diff:
        out.write(render_diff(name, text, outcome.text))
    else:
        fixed_bytes = encode_like(outcome.text, encoding, data) if changed else data
        if hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(fixed_bytes)
            out.buffer.flush()
        else:  # an in-memory text stream (tests)
            out.write(outcome.text)
    _warn_unsettled(result, err)
    grammar_ok = True
    if opts.fix_only or opts.diff:
        result.diagnostics = []
        if not opts.quiet:
            print(_fix_line([result], opts), file=err)
    else:
        grammar_ok = _grammar_findings([result], opts, config, linter, err)
        get_reporter(opts.format)([result], err, opts)
    return _fix_exit([result], opts, changed) if grammar_ok else EXIT_ERROR


def _fix_line(results: list["FileResult"], opts: "RunOptions") -> str:
    """The one-line summary of --diff and --fix-only (--fix uses the reporter's summary)."""
    fixed = sum(r.fixed for r in results)
    files = sum(1 for r in results if r.fixed)
    verb = "Would fix" if opts.diff else "Fixed"
    line = f"{verb} {_plural(fixed, 'problem')} in {_plural(files, 'file')}." if fixed else "No fixes to apply."
    unsettled = sum(1 for r in results if not r.converged)
    if unsettled:
        line += f" {_plural(unsettled, 'file')} did not settle after {MAX_ROUNDS} rounds."
    errors = sum(1 for r in results if r.error)
    if errors:
        line += f" {_plural(errors, 'path')} could not be checked or written (see errors above)."
    return line


def _grammar_findings(results: list["FileResult"], opts: "RunOptions", config: "Config", linter: "Linter",
                      err: TextIO) -> bool:
    """Add LanguageTool's findings on the fixed text when grammar checks are on (its fixes are
    unsafe or display-only, so --fix never applies them). False, with one error line, on a failure."""
    from newslint.backends import open_grammar

    grammar = open_grammar(config, getattr(opts, "grammar", None), getattr(opts, "languagetool_url", None))
    if grammar is None:
        return True
    try:
        for r in results:
            if r.doc is None:
                continue
            codes = [rule.code for rule in linter.rules_for(r.doc.path)]
            extra = grammar.check(r.doc, r.diagnostics, linter.context, codes)
            if extra:
                r.diagnostics = sorted(r.diagnostics + extra, key=lambda d: d.sort_key)
    finally:
        grammar.close()
    if grammar.failure:
        print(f"newslint: error: {grammar.failure}", file=err)
        return False
    return True


def tree_root(path: str, args: list[str]) -> str:
    """The checked tree ``path`` was found in: the folder argument that holds it, or, for a
    file argument, the file's folder. A fix never writes outside it (see newslint.writer)."""
    import os

    for arg in args:
        if os.path.isdir(arg):
            if path.startswith(os.path.join(arg, "")):
                return arg
        elif path == arg:
            return os.path.dirname(arg) or "."
    return os.path.dirname(path) or "."


def run_fixes(opts: "RunOptions", out: TextIO, err: TextIO) -> int:
    """Everything ``check --fix``, ``--diff`` and ``--fix-only`` do; returns the exit code.

    Per file: the fix loop on the text as read; then either a diff (nothing written) or an
    atomic write (newslint.writer), which refuses when the file changed since it was read.
    A file reached twice (a link and its target) is re-read, not fixed from a stale copy.
    """
    from newslint.config import ConfigError
    from newslint.runner import EXIT_ERROR, load_run_config

    try:
        config = load_run_config(opts)
        if "-" in opts.paths:
            if len(opts.paths) > 1:
                print("newslint: error: '-' (stdin) cannot be fixed together with files: the fixed text goes to stdout",
                      file=err)
                return EXIT_ERROR
            return _fix_stdin(opts, config, out, err)
        return _fix_files(opts, config, out, err)
    except ConfigError as exc:  # e.g. a dictionary file named in the config, read when first needed
        print(f"newslint: error: {exc}", file=err)
        return EXIT_ERROR


def _fix_files(opts: "RunOptions", config: "Config", out: TextIO, err: TextIO) -> int:
    """Fix every file of the run; one failure never stops the others."""
    import os

    from newslint.document import Document
    from newslint.engine import Linter
    from newslint.files import InputError, read_source
    from newslint.reporters import get_reporter
    from newslint.runner import EXIT_ERROR, _corpus_enabled, lint_paths
    from newslint.writer import WriteError, write_fixed

    linter = Linter(config)  # for the fix rounds; lint_paths makes its own for the first pass
    minimum = _minimum(opts)
    results = lint_paths(opts, config)
    seen: set[str] = set()
    changed = False
    for r in results:
        if r.source is None:
            continue  # unreadable or undecodable: never written
        source, initial = r.source, r.diagnostics
        real = os.path.realpath(source.path)
        if real in seen:
            try:
                source, initial = read_source(source.path, config.max_file_size), None
            except InputError as exc:
                r.error = exc.message
                continue
        seen.add(real)
        outcome = fix_source(source, linter, minimum, initial)
        r.source, r.converged = source, outcome.converged
        if outcome.text == source.text:
            r.diagnostics = outcome.remaining
            if initial is None:  # re-read: the document of this run is the new one
                r.doc = Document.from_text(source.text, source.path)
            continue
        if opts.diff:
            out.write(render_diff(source.path, source.text, outcome.text))
            r.fixed, changed = outcome.applied, True
            continue
        try:
            write_fixed(source, outcome.text, tree_root(r.path, opts.paths))
        except WriteError as exc:
            r.error = exc.message  # the file is as it was; its findings stay as found
            continue
        r.fixed, changed = outcome.applied, True
        r.diagnostics, r.doc = outcome.remaining, Document.from_text(outcome.text, source.path)
    for r in results:
        if r.error:
            print(f"newslint: error: {r.path}: {r.error}", file=err)
        _warn_unsettled(r, err)
    grammar_ok = True
    if opts.diff or opts.fix_only:
        for r in results:
            r.diagnostics = []  # not reported in these modes
    else:  # what is left includes LanguageTool's and the cross-article findings, on the fixed text
        grammar_ok = _grammar_findings(results, opts, config, linter, err)
        if _corpus_enabled(opts, config):
            from newslint.corpus import apply_corpus_rules

            apply_corpus_rules(results, config)
    if opts.diff or (opts.fix_only and opts.format == "text"):
        if not opts.quiet or any(r.error for r in results):
            print(_fix_line(results, opts), file=err if opts.diff else out)
    else:
        get_reporter(opts.format)(results, out, opts)
    return _fix_exit(results, opts, changed) if grammar_ok else EXIT_ERROR
