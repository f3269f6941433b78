"""The lexicon package: shipped data with sources, case-aware lookups, one load per process."""

from __future__ import annotations

import gzip

import pytest

from newslint.lexicon import DATA, load_lexicon
from tests.conftest import make_config


@pytest.mark.parametrize("path", sorted(p for p in DATA.iterdir() if p.suffix in (".txt", ".tsv", ".gz", ".lst")))
def test_every_data_file_names_its_source_and_licence(path):
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    head = raw.decode("utf-8").splitlines()[:4]
    assert any(line.startswith("# source:") for line in head), path.name
    assert any(line.startswith("# licence:") for line in head), path.name


def test_case_aware_lookup():
    lex = load_lexicon(make_config())
    assert lex.proper_form("russia") == "Russia"
    assert lex.proper_form("korean") == "Korean"
    assert lex.proper_form("gazprom") == "Gazprom"
    assert lex.proper_form("nato") == "NATO"
    assert lex.proper_phrase(["north", "korean"]) == "North Korean"
    for name in ("Russia", "Korean", "Gazprom", "NATO", "Monday", "September", "Kyiv", "Arabic", "Buddhist"):
        assert lex.is_known(name), name
    assert lex.is_common_lowercase("china") and lex.is_common_lowercase("turkey")
    assert not lex.is_common_lowercase("russia")
    for word in ("colour", "color", "organisation", "defence", "programme", "bn", "pct", "mln", "dlrs", "Ltd", "Inc"):
        assert lex.is_known(word), word


def test_dialect_pairs_cover_the_usual_suspects():
    index = load_lexicon(make_config()).dialect_index
    for gb, us in [("colour", "color"), ("organisation", "organization"), ("defence", "defense"),
                   ("programme", "program"), ("centre", "center"), ("criticised", "criticized"),
                   ("armoured", "armored"), ("travelled", "traveled")]:
        assert index[gb][0] == "en-GB" and index[gb][1].american == us
        assert index[us][0] == "en-US"


def test_loaded_once_per_configuration(tmp_path):
    cfg = make_config()
    assert load_lexicon(cfg) is load_lexicon(make_config())
    words = tmp_path / "w.txt"
    words.write_text("Zorblax\n", encoding="utf-8")
    other = load_lexicon(make_config(dictionaries=[str(words)]))
    assert other is not load_lexicon(cfg) and other.is_known("Zorblax")


def test_missing_dictionary_file_is_a_clean_error(tmp_path):
    from tests.conftest import run_cli

    (tmp_path / "newslint.toml").write_text('dictionaries = ["nope.txt"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some text here.\n", encoding="utf-8")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "nope.txt" in proc.stderr and "Traceback" not in proc.stderr
