#!/usr/bin/env python3
"""How long ``newslint check --corpus`` takes on 1,000 articles (median of several runs).

The articles are built in a temporary folder from ../shared/corpus/clean: each of the 200
articles is written five times, each copy keeping the first line and a random 75% of the
other paragraphs (fixed seed), so the folder holds 200 stories of five related articles, the
shape the grouping has to handle. The whole CLI runs in a subprocess, as a user would run it,
with and without ``--corpus``; the difference is the cost of the corpus rules. The in-process
split between ``collect`` and ``judge`` is printed too.

Usage: python bench/corpus_speed.py [--corpus ../shared/corpus] [--articles 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build(corpus: Path, out: Path, count: int) -> int:
    rng = random.Random(7)
    sources = sorted((corpus / "clean").glob("*.txt"))
    written = 0
    copy = 0
    while written < count:
        for src in sources:
            if written >= count:
                break
            lines = src.read_text(encoding="utf-8").splitlines()
            kept = [line for i, line in enumerate(lines) if i == 0 or rng.random() < 0.75]
            (out / f"{src.stem}__{copy}.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")
            written += 1
        copy += 1
    return written


def timed_cli(folder: Path, corpus: bool) -> tuple[float, int]:
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    args = [sys.executable, "-m", "newslint", "check", "--format", "json", "--exit-zero", str(folder)]
    if corpus:
        args.insert(4, "--corpus")
    t0 = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, env=env, cwd=REPO)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"newslint failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
    import json

    found = sum(1 for d in json.loads(proc.stdout)["diagnostics"] if d["code"].startswith("NL5"))
    return elapsed, found


def phases(folder: Path) -> tuple[float, float]:
    sys.path.insert(0, str(REPO))
    from newslint.corpus import Settings, collect, judge
    from newslint.document import Document

    docs = [Document.from_text(p.read_text(encoding="utf-8"), str(p)) for p in sorted(folder.glob("*.txt"))]
    t0 = time.perf_counter()
    facts = {d.path: collect(d) for d in docs}
    t1 = time.perf_counter()
    judge(facts, Settings())
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("NEWSLINT_CORPUS") or str(REPO.parent / "shared" / "corpus"),
                    help="the shared corpus folder (default: $NEWSLINT_CORPUS or ../shared/corpus)")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / "clean").is_dir():
        print(f"corpus_speed: skipped, {corpus / 'clean'} not found (pass --corpus DIR)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = build(corpus, folder, args.articles)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"{n} articles, {words:,} words, {os.cpu_count()} CPUs, load average {load:.1f} at start")
        plain = [timed_cli(folder, False)[0] for _ in range(args.runs)]
        with_corpus = []
        found = 0
        for _ in range(args.runs):
            t, found = timed_cli(folder, True)
            with_corpus.append(t)
        collect_s, judge_s = phases(folder)
        print(f"check (native rules only): median {statistics.median(plain):.2f} s over {args.runs} runs")
        print(f"check --corpus:            median {statistics.median(with_corpus):.2f} s over {args.runs} runs "
              f"({found} NL5xx findings)")
        print(f"in process: collect {collect_s:.2f} s, judge {judge_s:.2f} s")
        verdict = "under" if statistics.median(with_corpus) < 60 else "OVER"
        print(f"target: 1,000 articles in under 60 s -> {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
