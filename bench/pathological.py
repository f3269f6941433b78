#!/usr/bin/env python3
"""Pathological inputs: wall time and peak memory (RSS) of ``newslint check`` on each.

Usage (from the repository root):

    python bench/pathological.py                 # full sizes (100 MB file, 10 MB line, 100,000 files...)
    python bench/pathological.py --scale 0.1     # everything ten times smaller
    python bench/pathological.py --only big_file --compare-chunking

Each case is built in a temporary folder from the seed articles (seeds/) or synthetic text,
then linted by a fresh ``python -m newslint check -q`` process; time is wall-clock, memory
is the child's peak RSS from ``os.wait4``. ``--compare-chunking`` runs the big-file cases
again with chunked linting switched off, to show what it saves. Nothing is asserted:
tests/test_scaling.py holds the (ratio) checks; this script reports figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hostile import HOSTILE, PARAGRAPH  # noqa: E402  (the shapes the scaling tests use)

REPO = Path(__file__).resolve().parent.parent


def seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt")))


def sized(text: str, n: int) -> str:
    return (text * (n // len(text) + 1))[:n]


def build_big_file(folder: Path, scale: float) -> list[str]:
    size = int(100_000_000 * scale)
    path = folder / "big.txt"
    path.write_text(sized(seed_text(), size), encoding="utf-8")
    return [str(path)]


def build_50mb_file(folder: Path, scale: float) -> list[str]:
    path = folder / "fifty.txt"
    path.write_text(sized(seed_text(), int(50_000_000 * scale)), encoding="utf-8")
    return [str(path)]


def build_long_line(folder: Path, scale: float) -> list[str]:
    one_line = " ".join(seed_text().split())
    path = folder / "line.txt"
    path.write_text(sized(one_line + " ", int(10_000_000 * scale)), encoding="utf-8")
    return [str(path)]


def build_many_files(folder: Path, scale: float) -> list[str]:
    seed = seed_text()[:1500]
    d = folder / "many"
    for i in range(int(100_000 * scale)):
        sub = d / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True)
        (sub / f"{i:06d}.txt").write_text(seed, encoding="utf-8")
    return [str(d)]


def build_nested_markdown(folder: Path, scale: float) -> list[str]:
    depth = int(10_000 * scale) or 1
    lines = []
    for i in range(depth):
        lines.append(">" * i + " " + "  " * (i % 50) + "- *item* `code` [link](http://x.y) **the the** now.The")
    lines.append("[" * depth + "x" + "]" * depth + "(" * depth + ")" * depth)
    lines.append("*" * depth + "_" * depth + "`" * depth)
    path = folder / "nested.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(path)]


def build_repeated_paragraphs(folder: Path, scale: float) -> list[str]:
    path = folder / "repeated.txt"
    path.write_text((PARAGRAPH + "\n\n") * int(50_000 * scale), encoding="utf-8")
    return [str(path)]


# One-line shapes from the scaling tests' table, plus two that only matter at benchmark sizes.
HOSTILE_LINES = {
    **{name: HOSTILE[name] for name in ("long_blank_run", "dotted_run", "hyphen_run", "unclosed_comments",
                                        "unclosed_directives", "glued_sentences", "many_lt", "unclosed_script")},
    "at_signs": lambda n: "a@" * (n // 2),
    "quotes": lambda n: "\"'" * (n // 2),
}


def build_regex_hostile(folder: Path, scale: float) -> list[str]:
    n = int(1_000_000 * scale)
    paths = []
    for name, make in HOSTILE_LINES.items():
        for ext in ("txt", "md", "html"):
            path = folder / f"{name}.{ext}"
            path.write_text(make(n) + "\n", encoding="utf-8")
            paths.append(str(path))
    return paths


CASES: dict[str, tuple[str, Callable[[Path, float], list[str]]]] = {
    "big_file": ("one 100 MB file (seed articles repeated)", build_big_file),
    "file_50mb": ("one 50 MB file", build_50mb_file),
    "long_line": ("a single 10 MB line", build_long_line),
    "many_files": ("100,000 small files (1.5 KB each)", build_many_files),
    "nested_markdown": ("10,000 levels of nested quotes/lists, brackets, emphasis", build_nested_markdown),
    "repeated_paragraphs": ("50,000 repeated paragraphs with errors", build_repeated_paragraphs),
    "regex_hostile": ("10 regex-hostile 1 MB lines x 3 formats", build_regex_hostile),
}
CHUNKED_CASES = ("big_file", "file_50mb")


def run(paths: list[str], chunking: bool = True) -> tuple[float, float, int, str]:
    """(seconds, peak RSS MB, exit code, last stderr line) of one ``newslint check -q`` process."""
    code = "import sys\n"
    if not chunking:
        code += "import newslint.chunking as c; c.CHUNK_CHARS = 10**15\n"
    code += "from newslint.cli import main; main(['check', '-q', '--exit-zero', *sys.argv[1:]])\n"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *paths], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    last = err.strip().splitlines()[-1] if err.strip() else ""
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this (default 1)")
    parser.add_argument("--only", action="append", choices=sorted(CASES), help="run only these cases")
    parser.add_argument("--compare-chunking", action="store_true", help="also run the big files without chunking")
    args = parser.parse_args()
    names = args.only or list(CASES)
    print(f"python {sys.version.split()[0]}, scale {args.scale}")
    print(f"{'case':22} {'input':>10} {'seconds':>8} {'peak MB':>8} {'exit':>4}  note")
    for name in names:
        what, build = CASES[name]
        folder = Path(tempfile.mkdtemp(prefix=f"newslint-{name}-"))
        try:
            paths = build(folder, args.scale)
            size = sum(p.stat().st_size for path in paths for p in ([Path(path)] if Path(path).is_file() else Path(path).rglob("*")) if p.is_file())
            runs = [("", True)] + ([("no chunking", False)] if args.compare_chunking and name in CHUNKED_CASES else [])
            for label, chunking in runs:
                seconds, peak, code, last = run(paths, chunking)
                note = "; ".join(x for x in (what, label, last[:100]) if x)
                print(f"{name:22} {size / 1e6:8.1f}MB {seconds:8.1f} {peak:8.0f} {code:>4}  {note}", flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
