"""The program's entry point: a fast path for plain ``newslint check`` runs, click for the rest.

Why: a pre-commit hook starts newslint once per commit, and importing click costs about as much
as linting an article (~40 ms of a ~100 ms run). ``newslint check`` with only the options below
is parsed here, into exactly the RunOptions that the click command builds (a test compares them
for many command lines); anything else (other commands, --help, an option this parser does not
know, a bad value, "--") goes to click, so messages and behaviour stay click's.
"""

from __future__ import annotations

import os
import sys

# Options of `check` handled here: flag options, and options taking one value (with the
# values they accept, or None for any string).
_FLAGS = {"--statistics": "statistics", "-q": "quiet", "--quiet": "quiet", "--exit-zero": "exit_zero",
          "--no-cache": "no_cache", "--corpus": "corpus", "--grammar": "grammar",
          "--fix": "fix", "--diff": "diff", "--unsafe-fixes": "unsafe_fixes", "--fix-only": "fix_only",
          "--respect-gitignore": "respect_gitignore", "--force-exclude": "force_exclude"}
# Flags that set a field to False (the --no- half of a click on/off option).
_OFF_FLAGS = {"--no-grammar": "grammar", "--no-respect-gitignore": "respect_gitignore", "--no-force-exclude": "force_exclude"}
_VALUED: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "--format": ("format", None),  # checked against newslint.reporters.FORMATS below
    "--select": ("select", None),
    "--ignore": ("ignore", None),
    "--config": ("config_file", None),
    "--color": ("color", ("auto", "always", "never")),
    "--stdin-filename": ("stdin_filename", None),
    "--jobs": ("jobs", None),
    "-j": ("jobs", None),
    "--languagetool-url": ("languagetool_url", None),
    "--exclude": ("exclude", None),
    "--extend-exclude": ("extend_exclude", None),
}


def _formats() -> dict:
    from newslint.reporters import FORMATS

    return FORMATS


def _codes(value: str | None) -> list[str] | None:
    """The same splitting as cli._codes."""
    if not value:
        return None
    return [c.strip() for c in value.split(",") if c.strip()]


def _globs(value: str | None) -> list[str] | None:
    """The same splitting as cli._globs (an empty value: an empty list)."""
    if value is None:
        return None
    return [g.strip() for g in value.split(",") if g.strip()]


def parse_check(argv: list[str]) -> dict | None:
    """RunOptions fields for ``check ARGS`` or None when click should handle the command line."""
    if not argv or argv[0] != "check" or any(k.startswith("_NEWSLINT") for k in os.environ):
        return None  # (``_NEWSLINT_COMPLETE``: click's shell completion)
    values: dict = {}
    paths: list[str] = []
    args = argv[1:]
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
        elif arg in _FLAGS:
            values[_FLAGS[arg]] = True
        elif arg in _OFF_FLAGS:
            values[_OFF_FLAGS[arg]] = False
        else:
            name, eq, value = arg.partition("=")
            if name not in _VALUED or (name == "-j" and eq):
                return None  # unknown option, --help, "--", combined short flags...
            if not eq:
                i += 1
                if i >= len(args) or (args[i].startswith("-") and args[i] != "-"):
                    return None  # a missing value, or one click might read as an option: click decides
                value = args[i]
            field, choices = _VALUED[name]
            if choices is not None and value not in choices:
                return None
            if field == "format" and value not in _formats():
                return None
            if field == "config_file" and (not value or os.path.isdir(value)):
                return None  # click.Path(dir_okay=False) rejects these with its own message
            if field == "jobs":
                if not value.isdigit() or not value.isascii():
                    return None
                values[field] = int(value)
            else:
                values[field] = value
        i += 1
    if any(not p for p in paths) or (paths and paths[0] == "--"):
        return None
    return {
        "paths": paths or ["."],
        "format": values.get("format", "text"),
        "select": _codes(values.get("select")),
        "ignore": _codes(values.get("ignore")),
        "config_file": values.get("config_file"),
        "statistics": values.get("statistics", False),
        "quiet": values.get("quiet", False),
        "color": values.get("color", "auto"),
        "exit_zero": values.get("exit_zero", False),
        "stdin_filename": values.get("stdin_filename"),
        "no_cache": values.get("no_cache", False),
        "jobs": values.get("jobs", 0),
        "corpus": values.get("corpus", False),
        # As the click command: a LanguageTool URL implies --grammar unless --no-grammar is given.
        "grammar": True if values.get("languagetool_url") and values.get("grammar") is None else values.get("grammar"),
        "languagetool_url": values.get("languagetool_url"),
        "fix": values.get("fix", False),
        "diff": values.get("diff", False),
        "unsafe_fixes": values.get("unsafe_fixes", False),
        "fix_only": values.get("fix_only", False),
        "exclude": _globs(values.get("exclude")),
        "extend_exclude": _globs(values.get("extend_exclude")),
        "respect_gitignore": values.get("respect_gitignore"),
        "force_exclude": values.get("force_exclude"),
    }


def _safe_streams() -> None:
    """Never fail on writing a character the terminal encoding lacks: escape it (as cli does)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _fail(message: str, code: int) -> None:
    """One line on stderr and exit ``code`` (cli's guard without importing click)."""
    print(f"newslint: error: {message}", file=sys.stderr)
    sys.exit(code)


def main() -> None:
    """``newslint`` for a caller that goes on afterwards (tests, embedding): exits by raising
    SystemExit, with the garbage collector on. The program itself starts :func:`run`."""
    import gc

    _check_done[0] = False
    # Start-up allocates tens of thousands of long-lived objects (modules, tables, compiled
    # patterns); the cyclic collector kept re-scanning them (~2.5 ms of a one-article run).
    # The runner switches it back on before linting a batch (see runner.collect_garbage_for).
    gc.disable()
    from newslint import pattern_store

    # Compiled regular expressions from earlier runs (a fifth of a one-article run's work).
    try:
        pattern_store.install()
    except Exception:  # noqa: BLE001 - an optimisation only: without it, re compiles as always
        pass
    fields = parse_check(sys.argv[1:])
    if fields is None:
        gc.enable()  # other commands may run long (the language server)
        from newslint.cli import main as click_main

        try:
            click_main()
        finally:
            _save_patterns(pattern_store)
        return
    from newslint.runner import RunOptions, run_check

    _safe_streams()
    try:
        code = run_check(RunOptions(**fields))
    except (KeyboardInterrupt, EOFError):
        print("\nAborted!", file=sys.stderr)  # what click prints
        sys.exit(1)
    except BrokenPipeError:
        # Like click: the reader went away (``newslint check | head``); leave quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except MemoryError:
        _fail("out of memory (try a smaller file or raise the machine's memory limit)", 2)
    except Exception as exc:  # noqa: BLE001 - the same one-line guard as the click commands
        if os.environ.get("NEWSLINT_DEBUG"):
            import traceback

            traceback.print_exc()
        text = " ".join(str(exc).split())
        detail = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
        _fail(f"internal error: {detail} (set NEWSLINT_DEBUG=1 for the traceback; please report it)", 2)
    finally:
        gc.enable()  # for a caller that goes on after main() (tests, embedding)
    _store_patterns_after_output(pattern_store)
    _check_done[0] = True
    sys.exit(code)


# A `check` run reached its end (output written, caches saved): see run().
_check_done = [False]


def run() -> None:
    """The program: console script and ``python -m newslint``.

    After a ``check`` run has written its output and its caches, the process ends at once
    (``os._exit``), as mypy does: the interpreter's own shutdown, which frees every object and
    module one by one, was a tenth of a one-article run (~23 M of ~215 M instructions) for
    memory the OS takes back anyway. Only a run with nothing left to finish: no worker
    processes were involved and no other thread runs; anything else exits as usual.
    """
    try:
        main()
    except SystemExit as done:
        if _check_done[0] and type(done.code) is int and _nothing_left_running():
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except (OSError, ValueError):
                raise done from None  # the usual exit reports what it can
            os._exit(done.code)
        raise


def _nothing_left_running() -> bool:
    """No other thread, and no worker process still alive (a big file's pieces are linted by
    forked workers, all ended by the time the report is out: then exiting at once saves the
    teardown of its findings, tens of ms for a 10 MB file)."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() != 1:
        return False
    multiprocessing = sys.modules.get("multiprocessing")
    return multiprocessing is None or not multiprocessing.active_children()


def _store_patterns_after_output(pattern_store) -> None:  # type: ignore[no-untyped-def]
    """Store new compiled patterns once the results are out (a reader of the pipe has them)."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        return  # the reader went away: exit as before, storing nothing
    _save_patterns(pattern_store)


def _save_patterns(pattern_store) -> None:  # type: ignore[no-untyped-def]
    """The store only saves time: whatever goes wrong there never changes the run's outcome."""
    try:
        pattern_store.save()
    except Exception:  # noqa: BLE001
        if os.environ.get("NEWSLINT_DEBUG"):
            import traceback

            traceback.print_exc()
