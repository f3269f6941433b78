"""pyspellchecker's frequencies through newslint's derived file: the same numbers, never stale ones."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from spellchecker import SpellChecker

from newslint.lexicon import frequencies as fq


@pytest.fixture(scope="module")
def speller() -> SpellChecker:
    return SpellChecker(distance=1)


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def _key() -> str:
    folder = fq.spellchecker_folder()
    assert folder is not None
    key = fq.source_key(folder)
    assert key is not None
    return key


def _fresh_table(key: str) -> fq.Frequencies:
    """Build (writing the derived file into the test's cache folder), then read that file back."""
    fq.build(fq.spellchecker_folder(), key)
    table = fq.read_table(fq.table_path(key), key)
    assert table is not None, "the derived file was not written or not accepted"
    return table


def test_every_word_has_pyspellchecker_count(cache_home, speller):
    key = _key()
    table = _fresh_table(key)
    expected = speller.word_frequency.dictionary
    # Every word through the bisection itself (the memo would switch to a dict after 20,000).
    wrong = [w for w, c in expected.items() if table._search(w) != c]
    assert not wrong, wrong[:10]
    # And the whole table at once, as a long text reads it: equal dicts, nothing more or less.
    assert table._all_counts() == dict(expected)
    assert table.letters == "".join(sorted(speller.word_frequency.letters))
    assert table.longest == speller.word_frequency.longest_word_length


def test_frequency_and_membership_match_pyspellchecker(cache_home, speller):
    table = _fresh_table(_key())
    words = ["the", "Other", "OCHRE", "gamers", "games", "othre", "gamrs", "", "a", "zzzzzzzz", "aardvark's",
             "colour", "two words", "line\nbreak", "\udcff", "café", "a's", "zyzzyva", "zzz"]
    rng = random.Random(9)
    words += rng.sample(sorted(speller.word_frequency.dictionary), 300)
    words += [w + "q" for w in words[-50:]] + [w[:-1] for w in words[-50:] if w]
    for w in words:
        assert table.frequency(w) == int(speller.word_frequency[w] or 0), w
        assert (w in table) == (w in speller.word_frequency), w


def test_edits_match_pyspellchecker(cache_home, speller):
    table = _fresh_table(_key())
    rng = random.Random(3)
    words = rng.sample(sorted(speller.word_frequency.dictionary), 200)
    words += ["othre", "Gamrs", "12", "1.5e3", "nan", "Infinity", ".", "-", "x", "a" * 60, "a" * 48, "a" * 49, "naïve"]
    for w in words:
        assert table.edits1(w) == speller.edit_distance_1(w), w


def test_lexicon_candidates_rank_as_before(speller):
    """Lexicon.candidates: the known words among pyspellchecker's edits, ranked by its counts."""
    from newslint.lexicon import Lexicon

    lex = Lexicon(user_words=frozenset(), project_counts={})
    for typo in ("othre", "gamrs", "paiment", "rval", "goverment"):
        edits = speller.edit_distance_1(typo)
        expected = sorted(((w, int(speller.word_frequency[w])) for w in lex.words.known_among(edits)
                           if w != typo and len(w) > 1), key=lambda x: (-x[1], x[0]))
        assert lex.candidates(typo) == expected


def test_derived_file_is_reused_not_rebuilt(cache_home, monkeypatch):
    key = _key()
    _fresh_table(key)

    def no_build(*_a):  # a second run must read the file, not build pyspellchecker's dictionary
        raise AssertionError("rebuilt although the derived file is current")

    monkeypatch.setattr(fq, "build", no_build)
    fq.frequencies.cache_clear()
    try:
        assert fq.frequencies().frequency("other") > 1_000_000
    finally:
        fq.frequencies.cache_clear()
    assert [p.name for p in (cache_home / "newslint" / "spellchecker").iterdir()] == [os.path.basename(fq.table_path(key))]


def _damage(path: str, how: str) -> None:
    data = bytearray(Path(path).read_bytes())
    if how == "digit":  # one count's digit changed: same length, so only the checksum can tell
        at = data.index(b"\nother ") + len(b"\nother ")
        data[at] = ord("1") if data[at] != ord("1") else ord("2")
    elif how == "truncated":
        del data[len(data) // 2 :]
    elif how == "header":
        data[:3] = b"xyz"
    elif how == "letters":  # one letter of the edit alphabet changed: wrong candidates, same length
        at = data.index(b"\nletters ") + len(b"\nletters ") + 5
        data[at] = ord("0")
    Path(path).write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["digit", "truncated", "header", "letters"])
def test_damaged_file_is_never_believed(cache_home, speller, how):
    key = _key()
    _fresh_table(key)
    path = fq.table_path(key)
    _damage(path, how)
    assert fq.read_table(path, key) is None
    fq.frequencies.cache_clear()
    try:
        assert fq.frequencies().frequency("other") == speller.word_frequency["other"]
    finally:
        fq.frequencies.cache_clear()
    assert fq.read_table(path, key) is not None  # rebuilt whole


def test_file_for_another_pyspellchecker_is_not_used(cache_home, speller):
    key = _key()
    path = fq.table_path(key)
    # A derived file of a different pyspellchecker (other key in its header) at this path, whole
    # and well-formed, with a wrong number: it must be ignored.
    fq.write_table(path, key + " other-version", {"other": 7}, "ehort", 5)
    assert fq.read_table(path, key) is None
    assert fq.read_table(path, key + " other-version").frequency("other") == 7
    fq.frequencies.cache_clear()
    try:
        assert fq.frequencies().frequency("other") == speller.word_frequency["other"]
    finally:
        fq.frequencies.cache_clear()


def test_source_key_follows_pyspellchecker_files(tmp_path):
    """A changed data file or code file of pyspellchecker gives another key (so another file)."""
    import gzip

    pkg = tmp_path / "spellchecker"
    (pkg / "resources").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "spellchecker.py").write_text("# v1\n")
    (pkg / "resources" / "en.json.gz").write_bytes(gzip.compress(b'{"other": 5}'))
    first = fq.source_key(str(pkg))
    (pkg / "resources" / "en.json.gz").write_bytes(gzip.compress(b'{"other": 6}'))  # same size, other data
    second = fq.source_key(str(pkg))
    (pkg / "spellchecker.py").write_text("# v2\n")
    third = fq.source_key(str(pkg))
    assert len({first, second, third}) == 3
    assert fq.table_path(first) != fq.table_path(second)


def test_unwritable_cache_still_gives_pyspellchecker_numbers(tmp_path, monkeypatch, speller):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # makedirs under a file fails
    table = fq.build(fq.spellchecker_folder(), _key())
    assert table.frequency("other") == speller.word_frequency["other"]
    assert table.edits1("othre") == speller.edit_distance_1("othre")
    assert not any(p.name.startswith(".tmp-") for p in tmp_path.iterdir())


def test_no_home_folder_means_no_cache_file_in_the_working_folder(tmp_path, monkeypatch, speller):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")  # not absolute: never used
    monkeypatch.chdir(tmp_path)
    assert fq.cache_folder() is None and fq.table_path(_key()) is None
    table = fq.build(fq.spellchecker_folder(), _key())
    assert table.frequency("other") == speller.word_frequency["other"]
    assert list(tmp_path.iterdir()) == []


def test_no_temporary_files_left(cache_home):
    _fresh_table(_key())
    assert not [p for p in (cache_home / "newslint" / "spellchecker").iterdir() if p.name.startswith(".tmp-")]


@pytest.mark.parametrize("counts", [{"a b": 1}, {"a\nb": 1}, {"": 1}, {"x": 1, "": 2}])
def test_words_that_cannot_stand_on_a_line_are_refused(tmp_path, counts):
    with pytest.raises(ValueError):
        fq.write_table(str(tmp_path / "t.freq"), "k", counts, "ab", 3)
    assert list(tmp_path.iterdir()) == []


def test_after_many_distinct_words_the_table_becomes_a_dict_with_the_same_numbers(cache_home, speller, monkeypatch):
    table = _fresh_table(_key())
    monkeypatch.setattr(fq, "_DICT_AFTER", 50)
    words = sorted(speller.word_frequency.dictionary)[::997] + ["othre", "gamrs", "Other"]
    assert [table.frequency(w) for w in words] == [int(speller.word_frequency[w] or 0) for w in words]
    assert table._counts is not None  # switched on the way
    assert [table.frequency(w) for w in words] == [int(speller.word_frequency[w] or 0) for w in words]
