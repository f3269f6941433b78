#!/usr/bin/env python3
"""Cost of choosing the files of ``newslint check FOLDER``: one cold discovery per fresh process.

Why CPU time: the machine is often shared, and wall-clock time is noisy then. Each run starts a
new interpreter and measures ``time.process_time()`` around loading the configuration and listing
the files, with every import this needs (pathspec included when an ignore file is met). The
median is printed for each checkout, so an old checkout (``git worktree add /tmp/old main``) can
be compared with this one. A checkout from before newslint.discovery is measured through its
``newslint.files.discover``.

``--whole`` also measures the whole run, ``newslint check --no-cache -q --exit-zero --jobs 1 FOLDER``
(the CPU of the child process: discovery plus linting what it found).

``--gitignore-cost`` times whole runs of this checkout with and without ``--no-respect-gitignore``
(alternating): the price of reading ignore files, mostly importing pathspec, on FOLDER.

Usage: python bench/discovery_speed.py FOLDER [--checkout DIR ...] [--runs N] [--python PY] [--whole]
       [--gitignore-cost]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_PROBE = r'''
import sys, time
t0 = time.process_time()
sys.path.insert(0, sys.argv[1])
from newslint.config import load_config
cfg = load_config(start=sys.argv[2])
try:
    from newslint.discovery import WalkRules, discover
    found = list(discover([sys.argv[2]], WalkRules.from_config(cfg)))
except ImportError:  # a checkout from before newslint.discovery
    from newslint.files import discover
    found = list(discover([sys.argv[2]], cfg.include, cfg.exclude))
ms = (time.process_time() - t0) * 1000
print(sum(isinstance(f, str) for f in found), ms, "pathspec" in sys.modules)
'''


def measure(python: str, checkout: str, folder: str, runs: int) -> tuple[int, list[float], bool]:
    """(files found, CPU ms of each run, whether pathspec was imported) over ``runs`` fresh processes."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed newslint has its bytecode
    subprocess.run([python, "-m", "compileall", "-q", os.path.join(checkout, "newslint")], env=env,
                   capture_output=True, check=False)
    times, files, imported = [], 0, False
    for _ in range(runs):
        out = subprocess.run([python, "-c", _PROBE, checkout, folder], env=env, capture_output=True,
                             text=True, check=True).stdout.split()
        files, imported = int(out[0]), out[2] == "True"
        times.append(float(out[1]))
    return files, times, imported


def whole_run(python: str, checkout: str, folder: str, runs: int, *flags: str) -> list[float]:
    """CPU seconds of each ``newslint check`` run over ``folder`` (one process, no cache)."""
    env = dict(os.environ, PYTHONPATH=checkout)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([python, "-m", "newslint", "check", "--no-cache", "-q", "--exit-zero", "--jobs", "1", *flags, folder],
                       cwd=os.path.dirname(os.path.abspath(folder)), env=env, capture_output=True, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--checkout", action="append", help="newslint checkout to measure (repeatable; default: this one)")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--whole", action="store_true", help="also time whole `newslint check FOLDER` runs")
    ap.add_argument("--gitignore-cost", action="store_true",
                    help="time whole runs of this checkout with and without --no-respect-gitignore")
    args = ap.parse_args()
    if not os.path.isdir(args.folder):
        print(f"discovery_speed: {args.folder}: not a folder", file=sys.stderr)
        return 2
    checkouts = [os.path.abspath(c) for c in args.checkout] if args.checkout else [str(REPO)]
    # Interleaved rounds, so a burst of load on the machine hits every checkout alike.
    results: dict[str, list[tuple[int, list[float], bool]]] = {c: [] for c in checkouts}
    for _ in range(3):
        for c in checkouts:
            results[c].append(measure(args.python, c, args.folder, max(1, args.runs // 3)))
    for c, rows in results.items():
        files, _, imported = rows[-1]
        times = [ms for _, run, _ in rows for ms in run]
        print(f"{c}: {files} files, CPU per cold discovery: median {statistics.median(times):.1f} ms, "
              f"min {min(times):.1f} ms (n={len(times)}), pathspec imported: {imported}")
    if args.whole:
        runs = max(1, args.runs // 3)
        whole: dict[str, list[float]] = {c: [] for c in checkouts}
        for _ in range(runs):
            for c in checkouts:
                whole[c] += whole_run(args.python, c, args.folder, 1)
        for c, times in whole.items():
            print(f"{c}: whole `newslint check` CPU median {statistics.median(times):.2f} s (n={len(times)})")
    if args.gitignore_cost:
        pair: dict[str, list[float]] = {"respect-gitignore": [], "--no-respect-gitignore": []}
        for _ in range(args.runs):
            pair["respect-gitignore"] += whole_run(args.python, str(REPO), args.folder, 1)
            pair["--no-respect-gitignore"] += whole_run(args.python, str(REPO), args.folder, 1, "--no-respect-gitignore")
        for name, times in pair.items():
            print(f"{name}: whole `newslint check` CPU median {statistics.median(times) * 1000:.0f} ms (n={len(times)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
