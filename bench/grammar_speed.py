"""Speed of grammar checks: LanguageTool alone vs ``newslint check --grammar`` (first and cached run).

Against a warm LanguageTool server (``--url``, else $NEWSLINT_LT_URL, else one started with
scripts/languagetool start and stopped afterwards), on the seeds and on articles read from the
shared corpus by path (never copied into the repository). For each article and mode, the median
over ``--repeats`` runs is taken; the table shows the median time per article, words per second
over all articles (sum of per-article medians), and the ratio to LanguageTool alone.

    python bench/grammar_speed.py [--corpus ../shared/corpus] [--limit 50] [--repeats 3]

Modes:
  lt-alone       language-tool-python's LanguageTool(remote_server=URL).check(article), same
                 language, disabled rules and disabled categories as newslint sends
  newslint-first the newslint pipeline per article (read, native rules, LanguageTool) with an
                 empty paragraph cache
  newslint-cached the same with the cache the first run filled (nothing is sent)
  cli-first / cli-cached  one `python -m newslint check --grammar` process over all articles
                 (includes interpreter start-up), time divided by the number of articles
  *-native-only  the same without grammar checks: what the native rules (and, for the CLI,
                 start-up and lexicon loading) cost on their own, for reading the rows above
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

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def articles(corpus: Path, limit: int) -> list[Path]:
    paths = sorted((REPO / "seeds").glob("*.txt"))
    clean = corpus / "clean"
    if clean.is_dir():
        paths += sorted(clean.glob("*.txt"))[:limit]
    else:
        print(f"grammar_speed: no corpus at {clean}; measuring the seeds only", file=sys.stderr)
    return paths


def server_url(explicit: str | None) -> tuple[str, bool]:
    url = explicit or os.environ.get("NEWSLINT_LT_URL")
    if url:
        return url, False
    out = subprocess.run([str(REPO / "scripts" / "languagetool"), "start"], check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1], True


def median_times(fn, texts: list[str], repeats: int, before_repeat=None) -> list[float]:
    per_article: list[list[float]] = [[] for _ in texts]
    for _ in range(repeats):
        state = before_repeat() if before_repeat else None
        for i, text in enumerate(texts):
            t0 = time.perf_counter()
            fn(text, i, state)
            per_article[i].append(time.perf_counter() - t0)
    return [statistics.median(ts) for ts in per_article]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--limit", type=int, default=50, help="corpus articles to use (plus the seeds)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--url", help="LanguageTool server (default: $NEWSLINT_LT_URL or start one)")
    args = ap.parse_args()

    import language_tool_python
    from tabulate import tabulate

    from newslint.backends.languagetool import GrammarSession
    from newslint.backends.lt_settings import load_settings
    from newslint.config import Config, load_defaults
    from newslint.document import Document
    from newslint.engine import Linter

    paths = articles(args.corpus, args.limit)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)
    url, started = server_url(args.url)
    work = Path(tempfile.mkdtemp(prefix="newslint-bench-"))
    try:
        def config(cache_dir: Path) -> Config:
            data = load_defaults()
            data["grammar"] = {**data.get("grammar", {}), "enabled": True, "url": url, "cache-dir": str(cache_dir)}
            return Config.from_dict(data)

        settings = load_settings(config(work / "unused"))
        tool = language_tool_python.LanguageTool(settings.language, remote_server=url)
        tool.disabled_rules = {r for r in settings.disabled_rules if "*" not in r}
        tool.disabled_categories = set(settings.disabled_categories)
        for text in texts:  # warm the server (JIT) on every article once
            tool.check(text)

        caches: list[Path] = []

        def session_for(cache: Path):
            cfg = config(cache)
            return GrammarSession(cfg, load_settings(cfg)), Linter(cfg)

        def run_newslint(text: str, i: int, state) -> None:
            session, linter = state
            doc = Document.from_text(text, str(paths[i]))
            pending = session.submit(doc)  # as the runner does: LanguageTool works while native rules run
            native = linter.lint(doc)
            session.check(doc, native, linter.context, [r.code for r in linter.rules], pending)
            assert session.failure is None, session.failure

        def cli(cache: Path, grammar: bool = True) -> float:
            cfg_file = work / f"cli-{cache.name}-{grammar}.toml"
            cfg_file.write_text(f'[grammar]\nenabled = {str(grammar).lower()}\nurl = "{url}"\ncache-dir = "{cache}"\n', encoding="utf-8")
            env = {**os.environ, "PYTHONPATH": str(REPO)}
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "newslint", "check", "-q", "--config", str(cfg_file),
                                   *map(str, paths)], capture_output=True, text=True, env=env)
            elapsed = time.perf_counter() - t0
            if proc.returncode not in (0, 1):
                raise SystemExit(f"newslint failed: {proc.stderr.strip()}")
            return elapsed / len(paths)

        # The modes take turns within each repeat, so server warm-up or drift favours none of them.
        cli_first: list[float] = []
        cli_cached: list[float] = []
        def run_native(text: str, i: int, linter) -> None:
            linter.lint(Document.from_text(text, str(paths[i])))

        cli_native: list[float] = []
        runs: dict[str, list[list[float]]] = {"lt": [], "first": [], "cached": [], "native": []}
        for r in range(args.repeats):
            runs["lt"].append(median_times(lambda text, i, _: tool.check(text), texts, 1))
            cache = work / f"cache-{r}"
            caches.append(cache)
            runs["first"].append(median_times(run_newslint, texts, 1, lambda: session_for(cache)))
            runs["cached"].append(median_times(run_newslint, texts, 1, lambda: session_for(cache)))
            runs["native"].append(median_times(run_native, texts, 1, lambda: Linter(config(cache))))
            cli_cache = work / f"cli-cache-{r}"
            cli_first.append(cli(cli_cache))
            cli_cached.append(cli(cli_cache))
            cli_native.append(cli(cli_cache, grammar=False))
        lt_alone, first, cached, native = (
            [statistics.median(rep[i] for rep in runs[k]) for i in range(len(texts))] for k in ("lt", "first", "cached", "native"))

    finally:
        shutil.rmtree(work, ignore_errors=True)
        if started:
            subprocess.run([str(REPO / "scripts" / "languagetool"), "stop"], check=False)

    base = sum(lt_alone)
    rows = []
    for name, per in [("lt-alone", lt_alone), ("newslint-first", first), ("newslint-cached", cached),
                      ("newslint-native-only", native)]:
        total = sum(per)
        rows.append((name, f"{statistics.median(per) * 1000:.1f}", f"{words / total:,.0f}", f"{total / base:.3f}x", f"{base / total:.1f}x"))
    for name, per_article in [("cli-first", cli_first), ("cli-cached", cli_cached), ("cli-native-only", cli_native)]:
        total = statistics.median(per_article) * len(texts)
        rows.append((name, f"{statistics.median(per_article) * 1000:.1f}", f"{words / total:,.0f}", f"{total / base:.3f}x", f"{base / total:.1f}x"))
    seeds = sum(1 for p in paths if p.parent == REPO / "seeds")
    print(f"{len(texts)} articles ({seeds} seeds), "
          f"{words:,} words, median of {args.repeats} repeats, server {url}, LanguageTool language {settings.language}")
    print(tabulate(rows, headers=["mode", "ms/article (median)", "words/s", "time vs LT alone", "speed-up vs LT alone"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
