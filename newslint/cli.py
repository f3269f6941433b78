"""The command line: parsing and wiring only; the work lives in runner and friends."""

from __future__ import annotations

import sys

import click

from newslint import __version__
from newslint.reporters import FORMATS


def _codes(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [c.strip() for c in value.split(",") if c.strip()]


def _globs(value: str | None) -> list[str] | None:
    """``--exclude a,b`` -> ["a", "b"]; an empty value is an empty list (exclude nothing)."""
    if value is None:
        return None
    return [g.strip() for g in value.split(",") if g.strip()]


class GuardedGroup(click.Group):
    """The command group, with one guard around every command.

    Whatever goes wrong below ends as ONE line on stderr and exit code 2, never a
    traceback: a pre-commit hook or CI log must stay readable. NEWSLINT_DEBUG=1 prints
    the traceback too, for bug reports.
    """

    def main(self, *args, **kwargs):  # type: ignore[override]
        """Usage errors as one line too (click prints usage, a blank line and the error)."""
        kwargs["standalone_mode"] = False
        try:
            rv = super().main(*args, **kwargs)
        except click.exceptions.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare `newslint`: the help is the answer
                click.echo(exc.format_message(), err=True)
                sys.exit(2)
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            _fail(" ".join(exc.format_message().split()) + hint, 2)
        except click.exceptions.ClickException as exc:
            _fail(" ".join(exc.format_message().split()), exc.exit_code)
        except click.exceptions.Abort:
            _fail("interrupted", 130)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            _quiet_broken_pipe()
        except MemoryError:
            _fail("out of memory (try a smaller file or raise the machine's memory limit)", 2)
        except Exception as exc:  # noqa: BLE001 - the guard's whole job
            import os
            import traceback

            if os.environ.get("NEWSLINT_DEBUG"):
                traceback.print_exc()
            text = " ".join(str(exc).split())
            detail = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
            _fail(f"internal error: {detail} (set NEWSLINT_DEBUG=1 for the traceback; please report it)", 2)


def _fail(message: str, code: int) -> None:
    try:
        click.echo(f"newslint: error: {message}", err=True)
    finally:
        sys.exit(code)


def _quiet_broken_pipe() -> None:
    """The reader of our output went away (``newslint check | head``): stop quietly."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.exit(1)


def _safe_streams() -> None:
    """Never fail on writing a character the terminal encoding lacks: escape it instead."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="newslint")
def main() -> None:
    """newslint: a linter for news articles.

    Exit codes: 0 no findings, 1 findings, 2 usage or input error.
    """
    _safe_streams()


@main.command()
@click.argument("paths", nargs=-1, type=str)
@click.option("--format", "format_", type=click.Choice(list(FORMATS)), default="text", show_default=True, help="Output format.")
@click.option("--select", help="Comma-separated rule codes or prefixes to run (replaces the configured selection).")
@click.option("--ignore", help="Comma-separated rule codes or prefixes to skip.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--statistics", is_flag=True, help="Print a table of counts per rule.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary (and nothing when clean).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--stdin-filename", help="Name for text read from '-' (config matching and messages).")
@click.option("--no-cache", is_flag=True, help="Lint every file again; neither read nor write .newslint_cache/.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes for linting; 0 picks by batch size (one process for small batches).")
@click.option("--grammar/--no-grammar", default=None, help="Add LanguageTool's grammar findings (default: [grammar] enabled).")
@click.option("--languagetool-url", metavar="URL", help="LanguageTool server to use (implies --grammar).")
@click.option("--corpus", is_flag=True, help="Also compare the articles with each other (NL5xx: facts and names that disagree).")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place, then report what is left. With '-', print the fixed text.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change; write nothing (exit 1 if anything would change).")
@click.option("--exclude", metavar="GLOBS",
              help="Comma-separated globs of files and folders to skip when walking folders; replaces the configured `exclude` (defaults included).")
@click.option("--extend-exclude", metavar="GLOBS", help="Comma-separated globs to skip, added to `exclude` and `extend-exclude`.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None,
              help="Skip what .gitignore, .ignore and .git/info/exclude ignore (default: `respect-gitignore`, on).")
@click.option("--force-exclude/--no-force-exclude", default=None,
              help="Apply the excludes to files named on the command line too (for pre-commit; default: `force-exclude`, off).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (with --fix/--diff); otherwise count them as available.")
@click.option("--fix-only", is_flag=True, help="Apply fixes like --fix but do not report what is left (exit 0 unless an error).")
def check(paths: tuple[str, ...], format_: str, select: str | None, ignore: str | None, config_file: str | None,
          statistics: bool, quiet: bool, color: str, exit_zero: bool, stdin_filename: str | None,
          no_cache: bool, jobs: int, grammar: bool | None, languagetool_url: str | None, corpus: bool,
          exclude: str | None, extend_exclude: str | None, respect_gitignore: bool | None,
          force_exclude: bool | None, fix: bool, diff: bool, unsafe_fixes: bool, fix_only: bool) -> None:
    """Lint articles: files, directories (recursively) or '-' for stdin.

    Fix modes (see docs/fixing.md): --fix, --diff, --fix-only, --unsafe-fixes.
    """
    from newslint.runner import RunOptions, run_check

    opts = RunOptions(
        paths=list(paths) or ["."],
        format=format_,
        select=_codes(select),
        ignore=_codes(ignore),
        config_file=config_file,
        statistics=statistics,
        quiet=quiet,
        color=color,
        exit_zero=exit_zero,
        stdin_filename=stdin_filename,
        no_cache=no_cache,
        jobs=jobs,
        grammar=True if languagetool_url and grammar is None else grammar,
        languagetool_url=languagetool_url,
        corpus=corpus,
        exclude=_globs(exclude),
        extend_exclude=_globs(extend_exclude),
        respect_gitignore=respect_gitignore,
        force_exclude=force_exclude,
        fix=fix,
        diff=diff,
        unsafe_fixes=unsafe_fixes,
        fix_only=fix_only,
    )
    sys.exit(run_check(opts))


@main.command("rules")
def rules_cmd() -> None:
    """List every rule: code, name, default, fixable, summary."""
    from tabulate import tabulate

    from newslint.registry import all_rules

    rows = [(r.code, r.name, "on" if r.default_enabled else "off", "yes" if r.fixable else "no", r.summary) for r in all_rules()]
    click.echo(tabulate(rows, headers=["code", "name", "default", "fixable", "summary"], tablefmt="simple"))


@main.command("rule")
@click.argument("code")
def rule_cmd(code: str) -> None:
    """Explain one rule, with an example."""
    from newslint.registry import get_rule

    r = get_rule(code)
    if r is None and code.upper().startswith("LT:") and len(code) > 3:
        from newslint.backends import explain_languagetool_code

        click.echo(explain_languagetool_code(code))
        return
    if r is None:
        click.echo(f"newslint: error: unknown rule {code!r} (see 'newslint rules')", err=True)
        sys.exit(2)
    default = "on" if r.default_enabled else "off"
    click.echo(f"{r.code} {r.name}\n\n{r.summary}\n\nDefault: {default}. Fixable: {'yes' if r.fixable else 'no'}. "
               f"Severity: {r.severity.value}.\n\n{r.explanation}")


@main.command("learn")
@click.argument("paths", nargs=-1, type=str)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Lexicon file to write (default: the `lexicon` option).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--min-articles", type=click.IntRange(1), default=2, show_default=True, help="A word must appear in this many articles.")
def learn_cmd(paths: tuple[str, ...], output: str | None, config_file: str | None, min_articles: int) -> None:
    """Write a project lexicon of the names and terms PATHS use consistently (your own section is kept)."""
    from newslint.lexicon.learn import run_learn

    sys.exit(run_learn(list(paths), output, config_file, min_articles))


@main.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the only transport; accepted because editors' clients add it).")
def lsp_cmd(stdio: bool) -> None:
    """Run the language server on stdin/stdout (for editors; see docs/integrations.md)."""
    try:
        from newslint.lsp.server import serve_stdio
    except ImportError as exc:
        click.echo(f"newslint: error: the language server needs pygls ({exc.name} is missing): pip install 'newslint[lsp]'", err=True)
        sys.exit(2)
    sys.exit(serve_stdio())
