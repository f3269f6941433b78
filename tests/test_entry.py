"""The fast entry path parses `check` exactly as the click command does, and hands the rest to click."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from conftest import REPO, SEEDS, run_cli
from newslint import records, runner
from newslint.entry import parse_check

SAME = [
    ["check"],
    ["check", "seeds"],
    ["check", "a.txt", "b.md", "-"],
    ["check", "--format", "json", "x"],
    ["check", "--format=json", "x", "--quiet"],
    ["check", "-q", "--statistics", "--exit-zero", "--no-cache", "x"],
    ["check", "--select", "NL3,NL401 , ", "--ignore=NL305", "x"],
    ["check", "--select", "", "x"],
    ["check", "--color", "never", "--color=always", "x"],
    ["check", "--config", "newslint.toml", "x"],
    ["check", "--stdin-filename", "story.md", "-"],
    ["check", "--jobs", "2", "x", "-j", "3"],
    ["check", "--jobs=0", "x"],
    ["check", "--jobs", "007", "x"],
    ["check", "x", "--format", "text", "y"],
    ["check", "--corpus", "x"],
    ["check", "--grammar", "x"],
    ["check", "--grammar", "--no-grammar", "x"],
    ["check", "--languagetool-url", "http://127.0.0.1:8081", "x"],
    ["check", "--languagetool-url=http://127.0.0.1:8081", "--no-grammar", "x"],
    ["check", "--format", "sarif", "x"],
    ["check", "--format=json-lines", "x"],
    ["check", "--fix", "x"],
    ["check", "--diff", "--unsafe-fixes", "x"],
    ["check", "--fix-only", "-"],
    ["check", "--exclude", "a,b", "x"],
    ["check", "--exclude=", "x"],
    ["check", "--extend-exclude", " drafts , archive/*", "x"],
    ["check", "--no-respect-gitignore", "--force-exclude", "x"],
    ["check", "--respect-gitignore", "--no-force-exclude", "x"],
    ["check", "--force-exclude", "--no-force-exclude", "--stdin-filename", "a.md", "-"],
]

FALLBACK = [
    [],
    ["--version"],
    ["rules"],
    ["rule", "NL301"],
    ["check", "--help"],
    ["check", "-h"],
    ["check", "--", "-odd-name.txt"],
    ["check", "--format", "xml", "x"],
    ["check", "--format"],
    ["check", "--jobs", "-1", "x"],
    ["check", "--jobs", "two", "x"],
    ["check", "-j2", "x"],
    ["check", "-qj", "2", "x"],
    ["check", "--quiet=1", "x"],
    ["check", "--unknown", "x"],
    ["check", "--select", "-x", "y"],
    ["check", "--config", ".", "x"],
    ["check", ""],
    ["check", "--exclude"],
    ["check", "--extend-exclude", "-x", "y"],
    ["check", "--no-exclude", "x"],
]


def _click_options(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> dict:
    """The RunOptions that the click `check` command builds for ``argv`` (run_check replaced by a recorder)."""
    from newslint.cli import main

    seen: list[runner.RunOptions] = []
    monkeypatch.setattr(runner, "run_check", lambda opts: seen.append(opts) or 0)
    with pytest.raises(SystemExit) as exc:
        main.main(args=argv, prog_name="newslint", standalone_mode=True)
    assert exc.value.code == 0
    return {k: v for k, v in records.asdict(seen[0]).items() if k != "extra"}


@pytest.mark.parametrize("argv", SAME, ids=lambda a: " ".join(a) or "(none)")
def test_fast_path_builds_the_options_click_builds(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_check(argv) == _click_options(argv, monkeypatch)


@pytest.mark.parametrize("argv", FALLBACK, ids=lambda a: " ".join(a) or "(none)")
def test_everything_else_goes_to_click(argv: list[str]) -> None:
    assert parse_check(argv) is None


def test_every_run_option_is_covered(monkeypatch: pytest.MonkeyPatch) -> None:
    fields = set(records.fields(runner.RunOptions)) - {"extra"}
    assert set(parse_check(["check"])) == fields


def test_help_and_errors_still_come_from_click() -> None:
    help_ = run_cli("check", "--help")
    assert help_.returncode == 0 and "--no-cache" in help_.stdout and "--jobs" in help_.stdout
    bad = run_cli("check", "--format", "xml", str(SEEDS))
    assert bad.returncode == 2 and "Invalid value for '--format'" in bad.stderr
    unknown = run_cli("check", "--frobnicate", str(SEEDS))
    assert unknown.returncode == 2 and "No such option" in unknown.stderr
    assert run_cli("--version").stdout.startswith("newslint, version")
    assert "NL301" in run_cli("rules").stdout
    assert run_cli("rule", "NL301").returncode == 0


def test_fast_and_click_paths_give_the_same_output(tmp_path) -> None:
    fast = run_cli("check", "--no-cache", "--format", "json", str(SEEDS))
    slow = run_cli("check", "--no-cache", "--format", "json", "--", str(SEEDS))  # "--" forces click
    assert fast.returncode == slow.returncode == 1
    assert fast.stdout == slow.stdout
    text_fast = run_cli("check", "--no-cache", "--statistics", str(SEEDS))
    text_slow = run_cli("check", "--no-cache", "--statistics", "--", str(SEEDS))
    assert text_fast.stdout == text_slow.stdout and "count" in text_fast.stdout


def test_fast_path_does_not_import_click() -> None:
    code = ("import sys; sys.argv=['newslint','check','--no-cache','-q','--exit-zero',%r]\n"
            "from newslint import entry\n"
            "try:\n    entry.main()\nexcept SystemExit:\n    pass\n"
            "print('click' in sys.modules)") % str(next(SEEDS.glob("002_*.txt")))
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_stdin_through_fast_path() -> None:
    r = run_cli("check", "--no-cache", "--stdin-filename", "story.txt", "-", input="Hello,world.\n")
    assert r.returncode == 1 and "story.txt:1:6: NL301" in r.stdout


def test_broken_pipe_is_quiet() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "check", "--no-cache", str(SEEDS)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err


def test_click_group_is_still_extensible() -> None:
    from newslint.cli import main

    assert isinstance(main, click.Group) and {"check", "rules", "rule"} <= set(main.commands)


_RUN = """
import atexit, sys, threading
atexit.register(lambda: print("ATEXIT", flush=True))
if sys.argv[1] == "thread":
    threading.Thread(target=lambda: __import__("time").sleep(60), daemon=True).start()
sys.argv = ["newslint", *sys.argv[2:]]
from newslint.entry import run
run()
"""


def test_program_ends_at_once_after_a_check_with_nothing_left_running(tmp_path: Path) -> None:
    """entry.run (console script, python -m newslint) skips the interpreter's teardown after a
    finished check run, with the output and exit code of a normal exit; not while another
    thread runs, nor for other commands."""
    article = str(next(SEEDS.glob("001_*.txt")))

    def go(mode: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", _RUN, mode, *args], cwd=tmp_path, capture_output=True,
                              text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)

    quick = go("plain", "check", "--no-cache", article)
    threaded = go("thread", "check", "--no-cache", article)
    assert quick.returncode == threaded.returncode == 1
    assert "ATEXIT" not in quick.stdout and threaded.stdout.endswith("ATEXIT\n")
    assert quick.stdout == threaded.stdout[: -len("ATEXIT\n")] and "NL" in quick.stdout
    to_file = tmp_path / "out.txt"
    with open(to_file, "w") as fh:  # a file is block-buffered: everything must still arrive
        done = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", article], cwd=tmp_path,
                              stdout=fh, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert done.returncode == 1 and to_file.read_text() == quick.stdout
    assert go("plain", "check", "--no-cache", "--exit-zero", article).returncode == 0
    bad = go("plain", "check", "--no-cache", str(tmp_path / "missing.txt"))
    assert bad.returncode == 2 and "missing.txt" in bad.stderr
    other = go("plain", "rule", "NL101")
    assert other.returncode == 0 and other.stdout.endswith("ATEXIT\n")


def test_program_ends_at_once_after_a_big_file_linted_by_forked_workers(tmp_path: Path) -> None:
    """A big file's pieces are linted by forked workers (--jobs 2); once they have ended the
    run still skips the teardown, with the same output as a normal exit."""
    from newslint.chunking import CHUNK_CHARS

    article = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text(article * (CHUNK_CHARS // len(article) + 2), encoding="utf-8")

    def go(mode: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", _RUN, mode, "check", "--no-cache", "--jobs", "2", str(big)],
                              cwd=tmp_path, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)

    quick, threaded = go("plain"), go("thread")
    assert quick.returncode == threaded.returncode == 1, quick.stderr
    assert "ATEXIT" not in quick.stdout and threaded.stdout.endswith("ATEXIT\n")
    assert quick.stdout == threaded.stdout[: -len("ATEXIT\n")] and "NL402" in quick.stdout
