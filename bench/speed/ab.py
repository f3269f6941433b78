"""Time two newslint checkouts on one input, alternating runs, and print each one's median.

Why: on a shared machine the load changes from minute to minute; alternating the two
checkouts run by run puts the same load on both, so their ratio is fair.

    python bench/speed/ab.py OLD_CHECKOUT NEW_CHECKOUT FILE [--rounds 15]
        [--states no-cache,first,miss,warm] [--jobs N] [--report]

States (the cold-start cases of bench/speed/run.py): ``no-cache`` (``--no-cache``, the
default), ``first`` (no ``.newslint_cache`` folder yet), ``miss`` (the folder is there, the
file's entry is not: the usual pre-commit case) and ``warm`` (the entry is there). Each
checkout lints its own copy of FILE in its own temporary folder, so their caches never meet.

Besides wall time it prints each checkout's median CPU seconds (user + system of the run and
its worker processes): on a loaded machine CPU time varies far less than wall time.
``--jobs`` is passed to ``newslint check``; ``--report`` prints every finding (to /dev/null)
instead of ``-q``, so the reporter's per-finding work is in the time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VENV_PYTHON = Path.home() / ".cache" / "newslint-bench" / "venv" / "bin" / "python"
STATES = ("no-cache", "first", "miss", "warm")


def newslint_python() -> str:
    """The bench venv's Python (bench/install_peers.sh), as bench/speed/run.py uses; else this one."""
    return str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable


def prepare(state: str, folder: Path) -> None:
    """Put ``folder``'s results cache into ``state`` before a run."""
    cache = folder / ".newslint_cache"
    if state == "first":
        shutil.rmtree(cache, ignore_errors=True)
    elif state == "miss":
        for entry in cache.glob("*/*/*"):
            if entry.is_file():
                entry.unlink()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("file", type=Path)
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--states", default="no-cache", help=f"comma-separated, of: {', '.join(STATES)}")
    ap.add_argument("--jobs", type=int, help="passed to newslint check --jobs (default: its own)")
    ap.add_argument("--report", action="store_true", help="print the findings (to /dev/null) instead of -q")
    args = ap.parse_args()
    states = [s for s in args.states.split(",") if s]
    if any(s not in STATES for s in states):
        ap.error(f"--states: choose from {', '.join(STATES)}")
    py = newslint_python()
    repos = [args.a.resolve(), args.b.resolve()]
    for repo in repos:  # compiled bytecode, as pip install leaves it
        subprocess.run([py, "-m", "compileall", "-q", str(repo / "newslint")], check=True, stdout=subprocess.DEVNULL)
    work = Path(tempfile.mkdtemp(prefix="newslint-ab-"))
    targets = {}
    for n, repo in enumerate(repos):
        folder = work / f"checkout{n}"
        folder.mkdir()
        targets[repo] = folder / args.file.name
        shutil.copyfile(args.file, targets[repo])
    import resource

    times: dict[tuple[str, Path], list[float]] = {(s, r): [] for s in states for r in repos}
    cpu: dict[tuple[str, Path], list[float]] = {(s, r): [] for s in states for r in repos}
    try:
        for i in range(args.rounds):
            for state in states:
                for repo in repos if i % 2 == 0 else repos[::-1]:
                    env = dict(os.environ, PYTHONPATH=str(repo))
                    env.pop("PYTHONDONTWRITEBYTECODE", None)
                    target = targets[repo]
                    cmd = [py, "-m", "newslint", "check", "--exit-zero", *([] if args.report else ["-q"]),
                           *([] if args.jobs is None else ["--jobs", str(args.jobs)]), str(target)]
                    if state == "no-cache":
                        cmd.insert(-1, "--no-cache")
                    elif state == "warm" and not (target.parent / ".newslint_cache").exists():
                        subprocess.run(cmd, cwd=target.parent, env=env, stdout=subprocess.DEVNULL, check=True)
                    prepare(state, target.parent)
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    t = time.perf_counter()
                    subprocess.run(cmd, cwd=target.parent, env=env, stdout=subprocess.DEVNULL, check=True)
                    times[state, repo].append(time.perf_counter() - t)
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu[state, repo].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for state in states:
        base = statistics.median(times[state, repos[0]])
        for repo in repos:
            med = statistics.median(times[state, repo])
            c, c0 = statistics.median(cpu[state, repo]), statistics.median(cpu[state, repos[0]])
            print(f"{state:8} {repo}: median {med * 1000:.1f} ms over {args.rounds} runs ({med / base:.2f}x the first); "
                  f"CPU median {c:.2f} s ({c / c0:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
