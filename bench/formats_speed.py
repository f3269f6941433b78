"""Lint time of Markdown and HTML against plain text of similar size (medians, ratios).

Builds large documents by repeating the test fixtures (tests/fixtures/formats.md, .html) and
seed 003 (plain text), then prints the median of N runs of the default rules, in seconds and
in microseconds per kilobyte. Usage: PYTHONPATH=. python bench/formats_speed.py [--runs N] [--copies N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newslint.config import Config, load_defaults  # noqa: E402
from newslint.document import Document  # noqa: E402
from newslint.engine import Linter  # noqa: E402


def _median_seconds(text: str, path: str, runs: int) -> float:
    linter = Linter(Config.from_dict(load_defaults()))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        linter.lint(Document.from_text(text, path))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--copies", type=int, default=400)
    args = ap.parse_args()
    md = (REPO / "tests/fixtures/formats.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    html_body = (REPO / "tests/fixtures/formats.html").read_text(encoding="utf-8").split("<body>")[1].split("</body>")[0]
    plain = next((REPO / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")
    docs = {
        "text": (plain * max(1, args.copies // 8), "bench.txt"),
        "markdown": (md * args.copies, "bench.md"),
        "html": ("<html><body>" + html_body * args.copies + "</body></html>", "bench.html"),
    }
    base = None
    for name, (text, path) in docs.items():
        secs = _median_seconds(text, path, args.runs)
        per_kb = secs / (len(text) / 1000) * 1e6
        base = base or per_kb
        print(f"{name:9} {len(text) / 1000:8.0f} kB  median {secs:6.2f} s  {per_kb:7.0f} us/kB  ratio {per_kb / base:4.1f}")


if __name__ == "__main__":
    main()
