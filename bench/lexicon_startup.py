#!/usr/bin/env python3
"""Cold start of one article with the lexicon rules, as whole processes (medians of N runs).

Compares ``python -c pass`` (the interpreter alone), ``newslint check`` with only the spacing
rules (no lexicon loaded), and the full default rule set (dictionary, lexicons, all rules), so
the lexicon's own share is visible even on a busy machine. Also times the in-process loads.

Usage: python bench/lexicon_startup.py [ARTICLE] [-n RUNS]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def wall(cmd: list[str], runs: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("article", nargs="?", default=str(next((REPO / "seeds").glob("002_*.txt"))))
    ap.add_argument("-n", "--runs", type=int, default=11)
    args = ap.parse_args()
    py = sys.executable
    cmds = {"base": [py, "-c", "pass"],
            "spacing": [py, "-m", "newslint", "check", "--select", "NL3", args.article],
            "full": [py, "-m", "newslint", "check", args.article]}
    samples: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(args.runs):  # interleaved, so load on a shared machine hits all three alike
        for key, cmd in cmds.items():
            samples[key].append(wall(cmd, 1))
    base, spacing, full = (statistics.median(samples[k]) for k in ("base", "spacing", "full"))
    print(f"article: {args.article} ({args.runs} runs, medians)")
    print(f"python -c pass                 {base:.3f} s")
    print(f"newslint check --select NL3    {spacing:.3f} s  (no lexicon)")
    print(f"newslint check (all rules)     {full:.3f} s  (lexicon share {full - spacing:+.3f} s)")
    sys.path.insert(0, str(REPO))
    from newslint import lexicon

    t = time.perf_counter()
    lexicon._dictionary()
    t1 = time.perf_counter()
    lexicon._builtin_names()
    lexicon._dialect_pairs()
    t2 = time.perf_counter()
    lex = lexicon.Lexicon()
    lex.candidates("othre")
    t3 = time.perf_counter()
    print(f"in-process: dictionary {t1 - t:.3f} s, name lexicons + dialect pairs {t2 - t1:.3f} s, "
          f"first suggestion (pyspellchecker's frequencies, newslint.lexicon.frequencies) {t3 - t2:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
