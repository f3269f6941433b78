"""The quality benchmark's injector and matching rule (no peers needed: they are not test dependencies)."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO, SEEDS

sys.path.insert(0, str(REPO / "bench" / "quality"))
sys.path.insert(0, str(REPO / "bench"))

import inject  # noqa: E402
from inject import KINDS, apply, inject_article  # noqa: E402

# A small stand-in word list: the injector only asks "is this a dictionary word?".
WORDS = set("""the a and of to in on for with that this was were said has have had its their from by at as
is are be been not but president leaders talks talk military parade history friend state media described
partnership agreements supplies trial starting meeting comes prepares host both leader relationship
unprecedented hours before stages biggest called during praised while boost allow entry year visa free
will gas new two""".split())


def is_word(w: str) -> bool:
    return w.lower() in WORDS


@pytest.fixture(scope="module")
def articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("00[234]_*.txt"))]


def test_same_seed_same_errors(articles: list[str]) -> None:
    for text in articles:
        assert inject_article(text, 7, is_word)[:2] == inject_article(text, 7, is_word)[:2]
    assert inject_article(articles[0], 7, is_word)[0] != inject_article(articles[0], 8, is_word)[0]


def test_answer_key_points_at_the_planted_text(articles: list[str]) -> None:
    kinds_seen: set[str] = set()
    for text in articles:
        for seed in range(12):
            dirty, key, edits = inject_article(text, seed, is_word)
            assert 1 <= len(key) <= 8
            assert dirty != text
            for k in key:
                assert k.kind in KINDS
                kinds_seen.add(k.kind)
                assert dirty[k.start:k.end] == k.wrong
                lines = dirty.split("\n")
                assert lines[k.line - 1][k.column - 1:].startswith(k.wrong.split("\n")[0])
            spans = sorted((e.start, e.end) for e in edits)
            assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "edits overlap"
            assert apply(text, edits)[0] == dirty
            assert apply(text, [])[0] == text
    assert len(kinds_seen) >= 9


def test_each_kind_plants_what_it_says(articles: list[str]) -> None:
    import random

    text = articles[0]
    for kind in KINDS:
        edit = getattr(inject.Injector(text, random.Random(3), is_word), kind)()
        if edit is None:
            continue
        wrong = edit.replacement[edit.a:edit.b]
        right = text[edit.start:edit.end]
        if kind == "proper_noun_case":
            assert wrong == right.lower() and right[0].isupper()
        elif kind == "missing_space_after_comma":
            assert wrong == right.replace(", ", ",")
        elif kind == "double_space":
            assert (right, wrong) == (" ", "  ")
        elif kind == "repeated_word":
            assert wrong == f"{right} {right}"
        elif kind == "duplicated_paragraph":
            assert edit.replacement == "\n" + text[text.rfind("\n", 0, edit.start) + 1:edit.start]
        elif kind == "spelling":
            assert wrong != right and not is_word(wrong)


def test_protected_spans_are_left_alone(articles: list[str]) -> None:
    text = articles[1]
    protected = [(0, len(text) // 2)]
    for seed in range(10):
        _, _, edits = inject_article(text, seed, is_word, protected)
        assert all(e.start >= len(text) // 2 for e in edits)


def test_matching_rule() -> None:
    from run import matches

    word = inject.Injected("spelling", "", 10, 15, 1, 11, 1, 16, "wrnog", "wrong", 0)
    assert matches((12, 13), word)
    assert matches((15, 15), word) is False  # touching the end is not overlapping
    assert matches((9, 10), word) is False
    assert matches((14, 14), word)  # an empty finding counts as its next character
    line = inject.Injected("duplicated_paragraph", "", 100, 200, 3, 1, 3, 101, "x" * 100, "", 0)
    assert matches((100, 200), line) and matches((90, 101), line)
    assert not matches((150, 155), line)  # a spelling finding inside the copy is not the copy


def test_fix_scores_count_safe_and_unsafe_restores_per_kind(articles: list[str]) -> None:
    """A sure boilerplate phrase is restored by --fix; one with free text only by --unsafe-fixes."""
    import run

    arts, keys, edits = [], {}, {}
    for i, text in enumerate(articles):
        name = f"seed{i}.txt"
        arts.append(run.Article(name, text, []))
        _, keys[name], edits[name] = inject_article(text, 3, is_word)
    start = articles[0].index("\n") + 1
    for name, line in (("sure.txt", "Sign up for our daily newsletter\n"),
                       ("judged.txt", "Sign up for our newsletter to get the best of the week\n")):
        arts.append(run.Article(name, articles[0], []))
        keys[name] = [inject.Injected("boilerplate_line", "", start, start + len(line) - 1, 2, 1, 2, len(line) - 1,
                                      line[:-1], "", 0)]
        edits[name] = [inject.Edit("boilerplate_line", start, start, line, 0, len(line) - 1)]
    out = run.fix_scores(arts, edits, keys)
    base = run.fix_scores(arts[:-2], edits, keys)["per_kind"].get("boilerplate_line", {})
    planted = sum(len(k) for k in keys.values())
    assert out["planted"] == planted == sum(v["planted"] for v in out["per_kind"].values())
    bp = out["per_kind"]["boilerplate_line"]
    assert bp["planted"] == base.get("planted", 0) + 2
    assert bp["restored"] == base.get("restored", 0) + 1
    assert bp["restored_with_unsafe_fixes"] == base.get("restored_with_unsafe_fixes", 0) + 2
    assert out["restored"] == sum(v["restored"] for v in out["per_kind"].values())
    assert out["unsafe_restored"] >= out["restored"]
