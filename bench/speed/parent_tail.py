"""The parent's serial tail on a big file: its wall and CPU time after the last piece arrives.

    python bench/speed/parent_tail.py CHECKOUT [CHECKOUT ...] --file BIG.txt [--rounds 7]
        [--jobs 2] [--format text|json]

A big file is linted in pieces by forked workers (newslint/chunking.py); what the parent does
after the last worker's piece has arrived (judging the whole-text rules, sorting, the report)
adds straight to the run's wall time. Each run is the real ``newslint check --no-cache`` in a
fresh process (stdout to /dev/null), with ``chunking._lint_pieces`` wrapped to note the time
when the last piece has arrived in the parent (before the parent works on it). Checkouts are run alternately, round by round, so a shared
machine's load falls on all of them alike; medians are printed.

Printed per checkout: the tail's wall and CPU seconds, and the whole ``main()`` (start-up after
the imports of this script to the report's end) as the parent sees it: its wall and its own CPU.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

_TRACER = r"""
import os, sys, time
sys.argv = ["newslint"] + sys.argv[1:]
import newslint.chunking as chunking
from newslint import entry
real, mark = chunking._lint_pieces, {}
def traced(*a, **k):
    for item in real(*a, **k):  # noted as each piece arrives, before the parent works on it
        mark["w"], mark["c"] = time.perf_counter(), time.process_time()
        yield item
chunking._lint_pieces = traced
t0 = time.perf_counter()
try:
    entry.main()
except SystemExit:
    pass
sys.stdout.flush()
w, c = time.perf_counter(), time.process_time()
sys.stderr.write(f"TAIL {w - mark['w']:.4f} {c - mark['c']:.4f} {w - t0:.4f} {c:.4f}\n")
"""


def run_once(checkout: Path, big: Path, jobs: int, fmt: str) -> tuple[float, float, float, float]:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, "-c", _TRACER, "check", "--no-cache", "--format", fmt, "--jobs", str(jobs), str(big)]
    done = subprocess.run(cmd, cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"^TAIL (\S+) (\S+) (\S+) (\S+)$", done.stderr, re.M)
    if not m:
        raise SystemExit(f"{checkout}: no timing line (is {big} big enough to be linted in pieces?)\n{done.stderr[-2000:]}")
    return tuple(float(x) for x in m.groups())  # type: ignore[return-value]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkouts", type=Path, nargs="+")
    ap.add_argument("--file", type=Path, required=True, help="a file over 2,000,000 characters")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2, help="forked workers (default 2, the benchmark machine's cores)")
    ap.add_argument("--format", default="text", choices=["text", "json"])
    args = ap.parse_args()
    checkouts = [c.resolve() for c in args.checkouts]
    for c in checkouts:  # compiled bytecode, as pip install leaves it
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(c / "newslint")], check=True, stdout=subprocess.DEVNULL)
    runs: dict[Path, list[tuple[float, float, float, float]]] = {c: [] for c in checkouts}
    for i in range(args.rounds):
        for c in checkouts if i % 2 == 0 else checkouts[::-1]:
            runs[c].append(run_once(c, args.file.resolve(), args.jobs, args.format))
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (CPUs: {os.cpu_count()})")
    for c in checkouts:
        med = [statistics.median(r[k] for r in runs[c]) for k in range(4)]
        print(f"{c}: after the last piece {med[0]:.3f} s wall, {med[1]:.3f} s CPU; main() {med[2]:.3f} s wall, "
              f"parent CPU {med[3]:.3f} s (medians of {args.rounds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
