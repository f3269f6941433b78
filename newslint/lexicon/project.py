"""The project lexicon file: reading it, and writing it without losing the user's own section."""

from __future__ import annotations

from pathlib import Path

OWN_MARK = "# === your words: newslint learn never rewrites this section ==="
LEARNED_MARK = "# === learned: rewritten by each `newslint learn` run (word, count, kind) ==="
HEADER = """# newslint project lexicon. Review it and commit it; `check` reads it through the `lexicon`
# option. One word per line (case-sensitive: "Druzhba" allows "Druzhba"). In your section a line
# "!Word" stops `learn` from listing Word again."""


def parse(text: str) -> tuple[list[str], dict[str, tuple[int, str]]]:
    """(own section lines, learned word -> (count, kind))."""
    own: list[str] = []
    learned: dict[str, tuple[int, str]] = {}
    section = "own"
    for raw in text.splitlines():
        line = raw.strip()
        if line == LEARNED_MARK:
            section = "learned"
            continue
        if line == OWN_MARK:
            section = "own"
            continue
        if section == "own":
            if raw.strip() and not raw.startswith("#") or raw.startswith("#") and raw not in HEADER.splitlines():
                own.append(raw.rstrip())
            continue
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        count = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else 1
        learned[fields[0]] = (count, fields[2] if len(fields) > 2 else "")
    return own, learned


def read_project_lexicon(path: Path) -> dict[str, int]:
    """Every word the file allows, with its learned count (0 for the user's own words)."""
    own, learned = parse(path.read_text(encoding="utf-8"))
    rejected = {w[1:].strip() for w in own if w.startswith("!")}
    words = {w: c for w, (c, _) in learned.items() if w not in rejected}
    for line in own:
        w = line.strip()
        if w and not w.startswith(("#", "!")):
            words.setdefault(w.split()[0], 0)
    return words


def render(own: list[str], learned: list[tuple[str, int, str]]) -> str:
    body = "\n".join(own).strip("\n")
    rows = "\n".join(f"{w}\t{c}\t{k}" for w, c, k in learned)
    return f"{HEADER}\n\n{OWN_MARK}\n{body}\n\n{LEARNED_MARK}\n{rows}\n"
