"""The spelling dictionary's file format (newslint.lexicon.wordlist): written by the build script,
read back with the same words, and never trusted when its index does not fit."""

from __future__ import annotations

import pytest

from newslint import lexicon
from newslint.lexicon import SortedWords
from newslint.lexicon.wordlist import INDEX_FILE, WORDS_FILE, read_word_file, write_word_file

HEADER = "# newslint lexicon: test\n# source: test\n# licence: MIT\n"


def _shipped_parts() -> tuple[str, list[list[str]]]:
    data, parts, _ = read_word_file(lexicon.DATA)
    head = data[: parts[0][0]].decode("utf-8")
    header = "".join(line + "\n" for line in head.split("\n")[:-1] if not line.startswith("# parts:"))
    return header, [data[lo:hi].decode("utf-8").split("\n")[:-1] for lo, hi in parts]


def test_shipped_files_are_exactly_what_the_writer_produces(tmp_path) -> None:
    """scripts/build_lexicons.py writes through write_word_file; so must the shipped files have been."""
    header, parts = _shipped_parts()
    assert len(parts) == 2 and all(parts) and all(p == sorted(p) for p in parts)
    write_word_file(tmp_path, header, parts)
    for name in (WORDS_FILE, INDEX_FILE):
        assert (tmp_path / name).read_bytes() == (lexicon.DATA / name).read_bytes(), name


def test_build_script_uses_the_writer() -> None:
    from pathlib import Path

    script = (Path(__file__).resolve().parent.parent / "scripts" / "build_lexicons.py").read_text(encoding="utf-8")
    assert "write_word_file(OUT," in script and "words.txt.gz" not in script


def test_round_trip_with_unicode_apostrophes_and_short_words(tmp_path) -> None:
    common = ["a", "ab", "abc", "abcd", "abd", "café", "don't", "zz"]
    rest = ["fico", "russia", "é", "éa"]
    write_word_file(tmp_path, HEADER, [rest[::-1], common[::-1]][::-1])  # the writer sorts each part
    data, parts, index = read_word_file(tmp_path)
    assert [data[lo:hi].decode("utf-8").split("\n")[:-1] for lo, hi in parts] == [sorted(common), sorted(rest)]
    assert index is not None
    both = SortedWords(data, *parts, index=index)
    first = SortedWords(data, parts[0], index=index[:1])
    for word in common + rest + ["", "abce", "ab\nabc", "caf", "cafés", "b", "russi", "z", "zzz", "\ud800", "éa\né"]:
        assert (word in both) == (word in common + rest), word
        assert (word in first) == (word in common), word


def test_a_stale_index_is_ignored_and_answers_stay_right(tmp_path) -> None:
    write_word_file(tmp_path, HEADER, [["apple", "apricot", "banana"], ["cherry"]])
    good_index = (tmp_path / INDEX_FILE).read_bytes()
    write_word_file(tmp_path, HEADER, [["aardvark", "apple", "apricot", "banana", "berry"], ["cherry", "date"]])
    (tmp_path / INDEX_FILE).write_bytes(good_index)
    data, parts, index = read_word_file(tmp_path)
    assert index is None
    table = SortedWords(data, *parts, index=index)
    assert all(w in table for w in ("aardvark", "apple", "banana", "berry", "cherry", "date"))
    assert "apples" not in table
    (tmp_path / INDEX_FILE).unlink()
    assert read_word_file(tmp_path)[2] is None


def test_words_with_spaces_or_line_breaks_are_refused(tmp_path) -> None:
    for bad in (["a b"], ["a\nb"], [""]):
        with pytest.raises(ValueError):
            write_word_file(tmp_path, HEADER, [bad])


def test_a_damaged_word_file_is_an_error_not_wrong_answers(tmp_path) -> None:
    write_word_file(tmp_path, HEADER, [["apple", "banana"], ["cherry"]])
    path = tmp_path / WORDS_FILE
    path.write_text(path.read_text(encoding="utf-8") + "date\n", encoding="utf-8")
    with pytest.raises(ValueError, match="damaged word list"):
        read_word_file(tmp_path)


def test_a_read_word_file_answers_as_the_mapped_one(tmp_path, monkeypatch) -> None:
    """Where mmap is unavailable (or on Windows) the file is read: same parts, index, answers."""
    from newslint.lexicon import wordlist

    write_word_file(tmp_path, HEADER, [["apple", "apricot", "banana"], ["cherry", "é"]])
    mapped = read_word_file(tmp_path)
    monkeypatch.setattr(wordlist.os, "name", "nt")
    read = read_word_file(tmp_path)
    assert isinstance(read[0], bytes) and read[0] == mapped[0][:]
    assert read[1:] == mapped[1:]
    for word in ("apple", "banana", "cherry", "é", "apples", "", "b"):
        assert (word in SortedWords(read[0], *read[1], index=read[2])) == (word in SortedWords(mapped[0], *mapped[1], index=mapped[2]))
