"""`newslint learn`: find the names and terms a newsroom's archive uses consistently.

Why: no built-in lexicon knows every local politician, company or house abbreviation; the
archive does. What it writes is a plain, reviewable file; the user's own section survives
every re-run, and "!Word" there keeps a learned word out for good.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from newslint.document import Document
from newslint.lexicon import Lexicon
from newslint.lexicon.project import parse, render
from newslint.lexicon.tokens import tokens


@dataclass
class LearnStats:
    uses: Counter[str] = field(default_factory=Counter)
    articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    lowercase_uses: Counter[str] = field(default_factory=Counter)
    kind: dict[str, str] = field(default_factory=dict)
    files: int = 0


def collect(doc: Document, lex: Lexicon, stats: LearnStats) -> None:
    """Count one article's candidate words: mid-sentence names, acronyms, unknown lowercase words."""
    stats.files += 1
    for tok in tokens(doc):
        word = tok.base
        for part in word.split("-"):
            if len(part) < 2 or not part.isalpha():
                continue
            if part.islower():
                stats.lowercase_uses[part] += 1
                if lex.is_known(part) or lex.proper_form(part):
                    continue
                kind = "term"
            elif part.isupper():
                kind = "acronym"
            elif part[0].isupper() and not tok.sentence_start and not tok.headline:
                kind = "name" if part[1:].islower() else "brand"
            else:
                continue
            if kind != "term" and lex.is_name(part):
                continue  # the built-in lexicon knows it already
            stats.uses[part] += 1
            stats.articles[part].add(doc.path)
            stats.kind[part] = kind


def select(stats: LearnStats, lex: Lexicon, min_articles: int, rejected: set[str]) -> list[tuple[str, int, str]]:
    """Words used consistently: in ``min_articles`` articles, and a name never written in lowercase."""
    out = []
    for word, count in stats.uses.items():
        if word in rejected or len(stats.articles[word]) < min_articles:
            continue
        kind = stats.kind[word]
        lower = word.lower()
        if kind in ("name", "acronym", "brand"):
            if lex.is_common_lowercase(lower) or stats.lowercase_uses[lower] > 0:
                continue  # "Bank", "House": capitalized only inside longer names
        out.append((word, count, kind))
    out.sort(key=lambda r: (-r[1], r[0]))
    return out


def learn(paths: list[Path], lex: Lexicon, target: Path, min_articles: int = 2, max_size: int = 200 * 1024 * 1024) -> tuple[int, int]:
    """Scan ``paths`` (already discovered files) and write ``target``; returns (files, words)."""
    from newslint.files import read_source

    own: list[str] = []
    if target.is_file():
        own, _ = parse(target.read_text(encoding="utf-8"))
    rejected = {line.strip()[1:].strip() for line in own if line.strip().startswith("!")}
    own_words = {line.strip() for line in own if line.strip() and not line.strip().startswith(("#", "!"))}
    stats = LearnStats()
    for path in paths:
        if path.resolve() == target.resolve():
            continue  # the lexicon file itself is not an article
        src = read_source(str(path), max_size)
        collect(Document.from_text(src.text, str(path)), lex, stats)
    rows = [r for r in select(stats, lex, min_articles, rejected) if r[0] not in own_words]
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(render(own, rows), encoding="utf-8")
    tmp.replace(target)
    return stats.files, len(rows)


def run_learn(paths: list[str], output: str | None, config_file: str | None, min_articles: int) -> int:
    """The learn command's work: config, discovery, errors as one-line messages; exit code."""
    import sys

    from newslint.config import ConfigError, load_config
    from newslint.discovery import WalkRules, discover
    from newslint.files import InputError
    from newslint import records
    from newslint.lexicon import load_lexicon

    try:
        start = Path(paths[0]) if paths and Path(paths[0]).exists() else Path(".")
        config = load_config(explicit=Path(config_file) if config_file else None, start=start)
        target = Path(output) if output else config.lexicon_path
        if target is None:
            raise ConfigError("no lexicon file: set `lexicon` in the configuration or pass --output")
        # Learn against the built-ins and user dictionaries only, never the file being rewritten.
        lex = load_lexicon(records.replace(config, lexicon_path=None))
        files: list[Path] = []
        for item in discover(paths or ["."], WalkRules.from_config(config)):
            if isinstance(item, InputError):
                print(f"newslint: error: {item}", file=sys.stderr)
                return 2
            files.append(Path(item))
        n_files, n_words = learn(files, lex, target, min_articles, config.max_file_size)
    except (ConfigError, InputError, OSError) as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return 2
    print(f"newslint: learned {n_words} words from {n_files} files into {target}")
    return 0
