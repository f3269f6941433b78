"""Build the speed benchmark's inputs outside the repository (from the corpus, or the seeds).

Why a builder: the corpus may not be copied into the repository, and the sizes we need
(one article, a 10 MB file, 1,000 small articles) are made from it at run time.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def source_articles(corpus: Path | None) -> tuple[list[str], str]:
    """Texts of the clean corpus articles, or of the seeds when the corpus is absent."""
    clean = corpus / "clean" if corpus else None
    if clean and clean.is_dir():
        files = sorted(clean.glob("*.txt"))
        return [f.read_text(encoding="utf-8") for f in files], f"{len(files)} articles of {clean}"
    print(f"note: corpus not found at {clean}: building inputs from the seeds", file=sys.stderr)
    files = [f for f in sorted((REPO / "seeds").glob("*.txt")) if not f.name.startswith("001")]
    return [f.read_text(encoding="utf-8") for f in files], "the seed articles (corpus absent)"


def build(work: Path, corpus: Path | None, big_mb: float = 10, small_count: int = 1000) -> dict[str, Path]:
    """one.txt (seed 002), big.txt (``big_mb`` MB of articles), small/ (``small_count`` articles)."""
    texts, origin = source_articles(corpus)
    work.mkdir(parents=True, exist_ok=True)
    one = work / "one" / "article.txt"
    one.parent.mkdir(exist_ok=True)
    one.write_text(next((REPO / "seeds").glob("002_*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    big = work / "big" / "big.txt"
    big.parent.mkdir(exist_ok=True)
    target = int(big_mb * 1024 * 1024)
    parts: list[str] = []
    size = 0
    i = 0
    while size < target:
        t = texts[i % len(texts)]
        t = t if t.endswith("\n") else t + "\n"
        parts.append(t)
        size += len(t.encode("utf-8"))
        i += 1
    big.write_text("".join(parts), encoding="utf-8")
    small = work / "small"
    small.mkdir(exist_ok=True)
    for n in range(small_count):
        (small / f"article_{n:04}.txt").write_text(texts[n % len(texts)], encoding="utf-8")
    return {"one": one, "big": big, "small": small, "origin": Path(origin)}
