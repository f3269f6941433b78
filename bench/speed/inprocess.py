"""In-process throughput: MB/s of prose that newslint's rules lint on one core, and time per rule.

    python bench/speed/inprocess.py --corpus ../shared/corpus [--mb 10] [--repeat 3] [--profile]

Builds the big text like bench/speed/run.py, then times Document.from_text + Linter.lint
(median of ``--repeat`` runs) and each selected rule on its own, so hot spots show up.
``--profile`` prints the top of a cProfile run as well.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path[:0] = [str(REPO), str(HERE)]

from inputs import build  # noqa: E402


def measure(text: str, repeat: int) -> dict:
    from newslint.config import load_config
    from newslint.document import Document
    from newslint.engine import Linter

    linter = Linter(load_config(start=Path(tempfile.gettempdir())))
    mb = len(text.encode("utf-8")) / 1e6
    totals, counts = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = Document.from_text(text, "big.txt")
        counts = len(linter.lint(doc))
        totals.append(time.perf_counter() - t0)
    per_rule = {}
    t0 = time.perf_counter()
    doc = Document.from_text(text, "big.txt")
    per_rule["(Document.from_text: masks)"] = time.perf_counter() - t0
    for view in ("prose", "lines", "paragraphs"):
        t0 = time.perf_counter()
        getattr(doc, view)
        per_rule[f"(Document.{view})"] = time.perf_counter() - t0
    for rule in linter.rules:
        t0 = time.perf_counter()
        n = sum(1 for _ in rule.check(doc, linter.context))
        per_rule[f"{rule.code} {rule.name} ({n})"] = time.perf_counter() - t0
    med = statistics.median(totals)
    return {
        "megabytes": round(mb, 2),
        "seconds_median": round(med, 3),
        "seconds_all": [round(t, 3) for t in totals],
        "mb_per_s": round(mb / med, 2),
        "diagnostics": counts,
        "per_rule_seconds": {k: round(v, 3) for k, v in sorted(per_rule.items(), key=lambda kv: -kv[1])},
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    p.add_argument("--mb", type=float, default=10)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--profile", action="store_true")
    p.add_argument("--json", type=Path, help="write the result here")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newslint-inproc-"))
    paths = build(work, args.corpus, big_mb=args.mb, small_count=0)
    text = paths["big"].read_text(encoding="utf-8")
    result = measure(text, args.repeat)
    result["command"] = "python bench/speed/inprocess.py " + " ".join(argv if argv is not None else sys.argv[1:])
    print(json.dumps(result, indent=2))
    if args.profile:
        import cProfile
        import pstats

        from newslint.config import load_config
        from newslint.document import Document
        from newslint.engine import Linter

        linter = Linter(load_config(start=work))
        prof = cProfile.Profile()
        prof.enable()
        linter.lint(Document.from_text(text, "big.txt"))
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
