"""The start-up shortcuts of the word list give exactly the answers of the plain reading."""

from __future__ import annotations

import random

from newslint import lexicon


def _plain() -> tuple[list[str], int]:
    """The word file read the obvious way: every non-comment line, and the first part's size
    from the '# parts:' line."""
    lines = (lexicon.DATA / "words.lst").read_text(encoding="utf-8").split("\n")
    common = next(int(l.split()[2].split(":")[0]) for l in lines if l.startswith("# parts: "))
    return [l for l in lines if l and not l.startswith("#")], common


def test_header_offset_marks_the_end_of_the_common_words() -> None:
    words, common = _plain()
    text, start, split = lexicon._word_text()
    assert text[start:split].split("\n")[:-1] == words[:common]
    assert lexicon._word_lines() == (words, common)


def _probes(words: list[str]) -> list[str]:
    rnd = random.Random(7)
    probes = words[::97] + [w + "q" for w in words[::89]] + [w[:-1] for w in words[::83]]
    probes += ["", "a", "zzzzz", "Paris", "a\nb", "\n", "é", "aa\naah", "\ud800", "café", "caf\u00e9s", 3]  # type: ignore[list-item]
    probes += ["".join(rnd.choice("aeiourstné'-") for _ in range(rnd.randint(1, 7))) for _ in range(2000)]
    return probes


def test_bucket_index_and_bisection_equal_set_membership() -> None:
    words, common = _plain()
    full, lower = set(words), set(words[:common])
    data, parts, index = lexicon._word_file()
    assert index is not None, "the shipped words.idx must fit words.lst"
    tables = [
        (lexicon.SortedWords(data, *parts, index=index), full),
        (lexicon.SortedWords(data, parts[0], index=index[:1]), lower),
        (lexicon.SortedWords(data, *parts), full),  # bisection, the fallback without an index
        (lexicon.SortedWords(data, parts[0]), lower),
    ]
    for w in _probes(words):
        for table, expected in tables:
            assert (w in table) == (w in expected), w
    for table, expected in tables:
        assert len(table) == len(expected)


def test_every_word_is_found_through_the_index() -> None:
    words, _ = _plain()
    data, parts, index = lexicon._word_file()
    table = lexicon.SortedWords(data, *parts, index=index)
    table._lookups = -10 ** 9  # stay on the indexed search, never switch to the set
    assert all(w in table for w in words)


def test_switch_to_a_set_after_many_lookups_keeps_answers() -> None:
    words, _ = _plain()
    full = set(words)
    data, parts, index = lexicon._word_file()
    table = lexicon.SortedWords(data, *parts, index=index)
    probes = words[::5] + [w + "x" for w in words[::7]]
    assert len(probes) > 20_000
    assert [w in table for w in probes] == [w in full for w in probes]


def test_token_table_equals_the_reference_scan() -> None:
    """The inlined table loop gives exactly the words, starts and flags of ``_scan``."""
    from pathlib import Path

    from newslint.document import Document
    from newslint.lexicon.tokens import TokenTable, _scan

    rnd = random.Random(3)
    pieces = ["Word", "word", "U.S.", "79th", "£4.8bn", "#tag", "@who", "a_b", "x/y", "don't", "co-op",
              "e.g.", "end.", "Next", "é", "’s", ".", ",", "\n\n", " ", "  ", "3.5", "www.x.com", "a.b", "-", "_"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 80))) for _ in range(300)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt"))]
    # Edges of the bulk build: a word at the very start or end, a final lone period, "a.b".
    texts += ["a", "a.", "a.b", ".a", "a..b", "Word.Word.", "x_y z", "é.", " a ", "a\n", "a.\n", "U.S."]
    for i, text in enumerate(texts):
        doc = Document.from_text(text, f"t{i}.md" if i % 3 == 0 else f"t{i}.txt")
        table = TokenTable(doc)
        got = [(table.vocab[w], s, f) for w, s, f in zip(table.ids, table.starts, table.flags)]
        assert got == list(_scan(doc)), text


def test_where_lists_every_use_in_order() -> None:
    from newslint.document import Document
    from newslint.lexicon.tokens import TokenTable

    table = TokenTable(Document.from_text("Ann met Bob. Ann left; Bob and Ann stayed, Cy too.\n", "a.txt"))
    ann, bob = table.index["Ann"], table.index["Bob"]
    for ids in ({ann}, {ann, bob}, set()):
        expected = [(i, table.token(i)) for i, w in enumerate(table.ids) if w in ids]
        assert list(table.where(ids)) == expected
