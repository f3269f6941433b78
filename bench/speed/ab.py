"""Time two newslint checkouts on one input, alternating runs, and print each one's median.

Why: on a shared machine the load changes from minute to minute; alternating the two
checkouts run by run puts the same load on both, so their ratio is fair.

    python bench/speed/ab.py OLD_CHECKOUT NEW_CHECKOUT FILE [--rounds 15]
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
    args = ap.parse_args()
    py = newslint_python()
    repos = [args.a.resolve(), args.b.resolve()]
    for repo in repos:  # compiled bytecode, as pip install leaves it
        subprocess.run([py, "-m", "compileall", "-q", str(repo / "newslint")], check=True, stdout=subprocess.DEVNULL)
    times: dict[Path, list[float]] = {r: [] for r in repos}
    for i in range(args.rounds):
        for repo in repos if i % 2 == 0 else repos[::-1]:
            env = dict(os.environ, PYTHONPATH=str(repo))
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            cmd = [py, "-m", "newslint", "check", "--exit-zero", "-q", "--no-cache", str(args.file.resolve())]
            t = time.perf_counter()
            subprocess.run(cmd, cwd=repo, env=env, stdout=subprocess.DEVNULL, check=True)
            times[repo].append(time.perf_counter() - t)
    base = statistics.median(times[repos[0]])
    for repo in repos:
        med = statistics.median(times[repo])
        print(f"{repo}: median {med * 1000:.0f} ms over {args.rounds} runs ({med / base:.2f}x the first)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
