"""Time two newslint checkouts on one input, alternating runs, and print each one's median.

Why: on a shared machine the load changes from minute to minute; alternating the two
checkouts run by run puts the same load on both, so their ratio is fair.

    python bench/speed/ab.py OLD_CHECKOUT NEW_CHECKOUT FILE [--rounds 15] [--jobs N] [--report]

Besides wall time it prints each checkout's median CPU seconds (user + system of the run and
its worker processes): on a loaded machine CPU time varies far less than wall time.
``--report`` prints every finding (to /dev/null) instead of ``-q``, so the reporter's
per-finding work is in the time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

VENV_PYTHON = Path.home() / ".cache" / "newslint-bench" / "venv" / "bin" / "python"


def newslint_python() -> str:
    """The bench venv's Python (bench/install_peers.sh), as bench/speed/run.py uses; else this one."""
    return str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("file", type=Path)
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--jobs", type=int, help="passed to newslint check --jobs (default: its own)")
    ap.add_argument("--report", action="store_true", help="print the findings (to /dev/null) instead of -q")
    args = ap.parse_args()
    py = newslint_python()
    repos = [args.a.resolve(), args.b.resolve()]
    for repo in repos:  # compiled bytecode, as pip install leaves it
        subprocess.run([py, "-m", "compileall", "-q", str(repo / "newslint")], check=True, stdout=subprocess.DEVNULL)
    import resource

    times: dict[Path, list[float]] = {r: [] for r in repos}
    cpu: dict[Path, list[float]] = {r: [] for r in repos}
    for i in range(args.rounds):
        for repo in repos if i % 2 == 0 else repos[::-1]:
            env = dict(os.environ, PYTHONPATH=str(repo))
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            cmd = [py, "-m", "newslint", "check", "--exit-zero", "--no-cache", str(args.file.resolve())]
            if not args.report:
                cmd.insert(5, "-q")
            if args.jobs is not None:
                cmd[5:5] = ["--jobs", str(args.jobs)]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            subprocess.run(cmd, cwd=repo, env=env, stdout=subprocess.DEVNULL, check=True)
            times[repo].append(time.perf_counter() - t)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[repo].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    base = statistics.median(times[repos[0]])
    for repo in repos:
        med = statistics.median(times[repo])
        print(f"{repo}: median {med * 1000:.0f} ms over {args.rounds} runs ({med / base:.2f}x the first); "
              f"CPU median {statistics.median(cpu[repo]):.2f} s ({statistics.median(cpu[repo]) / statistics.median(cpu[repos[0]]):.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
