"""Cross-article rules (NL501 fact-disagreement, NL502 name-variant) on small hand-written stories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli

from newslint.corpus import Settings, apply_corpus_rules, collect, facts_key, judge
from newslint.corpus.grouping import neighbours
from newslint.document import Document

# One invented story told four ways. Each placeholder is a fact a test may change in one article.
STORY = [
    "Officials in Norvania said on {weekday} that the Kestrel Dam on the Varna River is finished. "
    "The reservoir will hold {amount} of water, according to engineer Mara {name}.\n"
    "{workers} workers from Tessaly Construction built the dam, which cost {money}. "
    "The dam was opened on {date} to mark the {ordinal} anniversary of the Varna flood.\n"
    "Water prices in Norvania will rise by {pct} next year, the Varna energy ministry said.\n",

    "The Kestrel Dam across the Varna River in Norvania is complete, officials announced on {weekday}. "
    "Engineer Mara {name} said the reservoir will hold {amount} of water.\n"
    "Tessaly Construction used {workers} workers to build the dam, which cost {money}. "
    "It was opened on {date}, marking {years} years since the Varna flood.\n"
    "The Varna energy ministry said water prices in Norvania will rise by {pct} next year.\n",

    "Norvania has finished the Kestrel Dam on the Varna River, officials said on {weekday}. "
    "Its reservoir will hold {amount} of water, said Mara {name}, the chief engineer.\n"
    "Built by {workers} workers from Tessaly Construction, the dam cost {money}. "
    "The dam was opened on {date} to mark {years} years since the Varna flood.\n"
    "Water prices in Norvania will rise by {pct} next year, the Varna energy ministry said.\n",

    "Officials in Norvania said on {weekday} the Kestrel Dam on the Varna River was ready. "
    "Mara {name}, the engineer, said the reservoir will hold {amount} of water.\n"
    "The dam cost {money} and {workers} workers from Tessaly Construction built it. "
    "It was opened on {date} to mark the {ordinal} anniversary of the Varna flood.\n"
    "Water prices in Norvania will rise by {pct} next year, the Varna energy ministry said.\n",
]
FACTS = {
    "weekday": "Tuesday", "amount": "106 billion cubic meters", "name": "Pezeshkian", "workers": "2,000",
    "money": "$4.5bn", "date": "September 15", "ordinal": "50th", "years": "50", "pct": "15%",
}

UNRELATED = (
    "Rovers beat Albion 3-1 at Marsh Park on Saturday, with Tom Quill scoring twice.\n"
    "Ticket prices at Marsh Park will rise by 25% next year, the club said.\n"
)


def story(changes: dict[int, dict[str, str]] | None = None) -> dict[str, str]:
    """The four articles; ``changes`` maps an article index to the facts it states differently."""
    out = {}
    for i, template in enumerate(STORY):
        facts = dict(FACTS)
        facts.update((changes or {}).get(i, {}))
        out[f"{i:03d}_dam.txt"] = template.format(**facts)
    return out


def findings(articles: dict[str, str], **settings: object) -> dict[str, list[tuple[str, str, str]]]:
    """path -> [(code, flagged text, message)] from the real collect and judge phases."""
    docs = {path: Document.from_text(text, path) for path, text in articles.items()}
    facts = {path: collect(doc) for path, doc in docs.items()}
    found = judge(facts, Settings(**settings))  # type: ignore[arg-type]
    return {p: [(d.code, docs[p].text[d.start:d.end], d.message) for d in ds] for p, ds in found.items() if ds}


def test_story_as_written_is_consistent():
    assert findings(story()) == {}


def test_articles_of_one_story_are_neighbours_and_unrelated_ones_are_not():
    articles = story()
    articles["900_football.txt"] = UNRELATED
    facts = {p: collect(Document.from_text(t, p)) for p, t in articles.items()}
    nbrs = neighbours({p: f["terms"] for p, f in facts.items()}, Settings().similarity)
    assert set(nbrs["000_dam.txt"]) == {"001_dam.txt", "002_dam.txt", "003_dam.txt"}
    assert nbrs["900_football.txt"] == {}


@pytest.mark.parametrize("field,wrong,flagged", [
    ("pct", "25%", "25"),
    ("amount", "160 billion cubic meters", "160"),
    ("money", "$6bn", "$6bn"),
    ("workers", "3,000", "3,000"),
    ("date", "September 16", "September 16"),
    ("weekday", "Wednesday", "Wednesday"),
])
def test_one_article_disagreeing_is_reported_there_only(field, wrong, flagged):
    got = findings(story({3: {field: wrong}}))
    assert list(got) == ["003_dam.txt"]
    [(code, text, message)] = got["003_dam.txt"]
    assert (code, text) == ("NL501", flagged)
    assert "3 other articles on this story" in message and "(000, 001, 002)" in message


def test_anniversary_and_years_since_are_the_same_fact():
    got = findings(story({0: {"ordinal": "49th"}}))
    [(code, text, message)] = got["000_dam.txt"]
    assert (code, text) == ("NL501", "49th")
    assert "49th anniversary" in message and "say 50 years" in message
    assert list(got) == ["000_dam.txt"]


@pytest.mark.parametrize("changes", [
    {1: {"pct": "15 percent"}, 2: {"pct": "15 per cent"}, 3: {"pct": "15 pct"}},
    {1: {"pct": "about 15 percent"}, 3: {"pct": "roughly 16%"}},
    {3: {"workers": "more than 1,500"}},
    {3: {"workers": "about 2,100"}},
    {2: {"money": "4.5 billion dollars"}, 3: {"money": "$4.52bn"}},
    {3: {"money": "$5bn"}},  # a rounder figure: 4.5bn is within its precision
    {3: {"amount": "106 billion cubic metres"}},
    {3: {"date": "15 September"}},
])
def test_equal_or_compatible_wording_is_not_a_disagreement(changes):
    assert findings(story(changes)) == {}


def test_numbers_about_different_things_are_not_compared():
    articles = story()
    # Same noun ("workers"), different thing: injured, not employed.
    articles["003_dam.txt"] += "Police said 300 workers were injured in a protest at the Norvania parliament.\n"
    # A percentage about something else in the same story.
    articles["002_dam.txt"] += "Electricity exports from Norvania will rise by 40% once the turbines run.\n"
    assert findings(articles) == {}


def test_two_articles_that_disagree_are_not_enough_to_pick_a_side():
    articles = dict(list(story({1: {"pct": "25%"}}).items())[:2])
    assert findings(articles) == {}


def test_a_split_story_is_not_reported():
    # Two say 15%, two say 25%: no majority, no finding.
    assert findings(story({2: {"pct": "25%"}, 3: {"pct": "25%"}})) == {}


def test_unrelated_story_with_a_similar_sentence_is_not_compared():
    articles = story()
    articles["900_football.txt"] = UNRELATED
    assert findings(articles) == {}


def test_minority_name_spelling_is_reported():
    got = findings(story({1: {"name": "Pezeshkyan"}}))
    assert list(got) == ["001_dam.txt"]
    [(code, text, message)] = got["001_dam.txt"]
    assert (code, text) == ("NL502", "Pezeshkyan")
    assert "write “Pezeshkian” (000, 002, 003)" in message


def test_hyphen_and_space_variants_of_a_name_are_reported():
    articles = story()
    for i, path in enumerate(sorted(articles)):
        form = "Kim Jong-un" if i == 0 else "Kim Jong Un"
        articles[path] += f"The opening was watched by {form} of North Korea.\n"
    got = findings(articles)
    assert list(got) == ["000_dam.txt"]
    assert [(c, t) for c, t, _ in got["000_dam.txt"]] == [("NL502", "Kim Jong-un")]


def test_tied_spellings_and_abbreviation_dots_are_not_reported():
    articles = story({0: {"name": "Pezeshkyan"}, 1: {"name": "Pezeshkyan"}})
    for i, path in enumerate(sorted(articles)):
        articles[path] += ("The U.S. Export Bank" if i == 0 else "The US Export Bank") + " lent money.\n"
    assert findings(articles) == {}


def test_house_style_reports_every_other_form_even_in_the_majority():
    articles = story({1: {"name": "Pezeshkyan"}})
    got = findings(articles, house_style={"Mara Pezeshkyan": ["Mara Pezeshkian"]})
    assert sorted(got) == ["000_dam.txt", "002_dam.txt", "003_dam.txt"]
    for items in got.values():
        assert [(c, t) for c, t, _ in items] == [("NL502", "Mara Pezeshkian")]
        assert "house style writes “Mara Pezeshkyan”" in items[0][2]


def test_facts_are_json_data_keyed_by_content():
    doc = Document.from_text(story()["000_dam.txt"], "a.txt")
    facts = collect(doc)
    assert json.loads(json.dumps(facts)) == facts
    assert facts_key(doc) == facts_key(Document.from_text(doc.text, "elsewhere/b.txt"))
    assert facts_key(doc) != facts_key(Document.from_text(doc.text + "x", "a.txt"))


class _DictCache:
    def __init__(self) -> None:
        self.data: dict[str, str] = {}
        self.puts = 0

    def get(self, key):
        return json.loads(self.data[key]) if key in self.data else None

    def put(self, key, facts):
        self.puts += 1
        self.data[key] = json.dumps(facts)


def _results(articles: dict[str, str]):
    from newslint.runner import FileResult

    return [FileResult(p, [], Document.from_text(t, p)) for p, t in articles.items()]


def test_cached_facts_give_the_same_findings():
    from conftest import make_config

    config = make_config()
    cache = _DictCache()
    articles = story({3: {"pct": "25%"}})
    first = _results(articles)
    apply_corpus_rules(first, config, cache)
    assert cache.puts == 4
    second = _results(articles)
    apply_corpus_rules(second, config, cache)
    assert cache.puts == 4  # every file came from the cache
    assert [[d.message for d in r.diagnostics] for r in first] == [[d.message for d in r.diagnostics] for r in second]
    assert [d.code for d in second[3].diagnostics] == ["NL501"]


def test_suppression_comment_and_ignore_apply_to_corpus_findings():
    from conftest import make_config

    articles = story({3: {"pct": "25%"}})
    path = "003_dam.txt"
    lines = articles[path].split("\n")
    lines.insert(2, "<!-- newslint-disable-next-line NL501 -->")
    articles[path] = "\n".join(lines)
    results = _results(articles)
    apply_corpus_rules(results, make_config())
    assert all(not r.diagnostics for r in results)
    results = _results(story({3: {"pct": "25%"}}))
    apply_corpus_rules(results, make_config(ignore=["NL5"]))
    assert all(not r.diagnostics for r in results)


# --- the seeds, through the real CLI -----------------------------------------------------------

# What --corpus reports on seeds/, and why:
# * 001 line 2 "79th" (the planted fact, seeds/001_expected.jsonl): 000, 002, 003 and 004 say 80 years.
# * "Kim Jong-un" in 000 and 001 against "Kim Jong Un" in 002, 003 and 004: a genuine house-style
#   inconsistency in one repository, reported in the minority (2 articles against 3). 001's
#   "Keywords:" line also has "Kim Jong-un", but that line is a Title Case list, which name
#   collection skips (it cannot tell names from capitalised keywords there).
SEED_CORPUS_FINDINGS = [
    ("000_053bc18271291494.txt", 9, 182, "NL502", "Kim Jong-un"),
    ("001_fe9a5e8dd519dcf3.txt", 2, 275, "NL501", "79th"),
    ("001_fe9a5e8dd519dcf3.txt", 3, 167, "NL502", "Kim Jong-un"),
]


def _corpus_json(*args: str, cwd: Path | None = None) -> list[tuple[str, int, int, str, str]]:
    proc = run_cli("check", "--format", "json", *args, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    return sorted((Path(d["path"]).name, d["line"], d["column"], d["code"], d["text"])
                  for d in data["diagnostics"] if d["code"].startswith("NL5"))


def test_seeds_corpus_reports_the_79th_and_the_name_variant_only():
    assert _corpus_json("--corpus", str(SEEDS)) == SEED_CORPUS_FINDINGS


def test_seed_79th_matches_the_expected_file():
    expected = [json.loads(line) for line in (SEEDS / "001_expected.jsonl").read_text().splitlines()]
    fact = next(e for e in expected if e["kind"] == "fact")
    assert ("001_fe9a5e8dd519dcf3.txt", fact["line"], fact["col"], "NL501", fact["text"]) in SEED_CORPUS_FINDINGS


def test_name_variant_suggests_the_majority_form():
    proc = run_cli("check", "--corpus", "--format", "json", "--select", "NL502", str(SEEDS))
    found = json.loads(proc.stdout)["diagnostics"]
    assert [d["suggestions"] for d in found] == [["Kim Jong Un"], ["Kim Jong Un"]]
    assert all(d["fix"] is None for d in found)


def test_seed_message_names_the_other_articles():
    proc = run_cli("check", "--corpus", "--select", "NL501", str(SEEDS))
    assert proc.returncode == 1
    assert ("NL501 “79th anniversary” disagrees with 4 other articles on this story, which say 80 years "
            "(000, 002, 003, 004)") in proc.stdout


def test_corpus_rules_do_not_run_without_the_switch():
    assert _corpus_json(str(SEEDS)) == []


def test_config_switch_and_house_style(tmp_path):
    for p in SEEDS.glob("*.txt"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "newslint.toml").write_text(
        '[corpus]\nenabled = true\nhouse-style = { "Kim Jong-un" = ["Kim Jong Un"] }\n', encoding="utf-8")
    got = _corpus_json(".", cwd=tmp_path)
    names = sorted({name for name, _, _, code, _ in got if code == "NL502"})
    assert names == ["002_dc758316177b424d.txt", "003_d90b7e7ce7b6e016.txt", "004_0de3942d49ced44d.txt"]
    assert ("001_fe9a5e8dd519dcf3.txt", 2, 275, "NL501", "79th") in got


@pytest.mark.parametrize("setting", ['similarity = 2', 'house-style = ["Kim"]', 'min-agreeing = 0', 'colour = 1'])
def test_bad_corpus_config_is_a_one_line_error(tmp_path, setting):
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    (tmp_path / "newslint.toml").write_text(f"[corpus]\n{setting}\n", encoding="utf-8")
    proc = run_cli("check", "--corpus", ".", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("newslint: error: ") and "newslint.toml: [corpus] " in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


# --- robustness --------------------------------------------------------------------------------

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

_PIECES = st.sampled_from(["15%", "$4.5bn", "2,000", "79th", "anniversary", "of", "years", "since", "about", "Kim",
                           "Jong-un", "September", "15", ",", ".", "\n", "Tuesday", "workers", "1-0", "U.S.", "3pc",
                           "more", "than", "£", "m", "-", "year-old", "57", "May", "—", "(", ")", "Pezeshkian"])


@hsettings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=40), st.text(max_size=40))
def test_collect_never_crashes_and_spans_are_inside_the_text(pieces, noise):
    text = " ".join(pieces) + noise
    facts = collect(Document.from_text(text, "x.txt"))
    for f in facts["numbers"] + facts["names"]["multi"] + facts["names"]["single"]:
        assert 0 <= f["start"] < f["end"] <= len(text)
    assert json.loads(json.dumps(facts)) == facts


def test_real_clean_corpus_is_quiet():
    clean = _clean_dir()
    if clean is None:
        pytest.skip("clean corpus not found (set NEWSLINT_CORPUS or place it at ../shared/corpus)")
    docs = {str(p): Document.from_text(p.read_text(encoding="utf-8"), str(p)) for p in sorted(clean.glob("*.txt"))}
    found = judge({p: collect(d) for p, d in docs.items()}, Settings())
    assert {p: [d.message for d in ds] for p, ds in found.items() if ds} == {}


def test_house_style_single_word_is_reported_in_a_lone_article():
    got = findings({"only.txt": "Officials in Kiev said the talks in Kyiv went well for Ukraine.\n"},
                   house_style={"Kyiv": ["Kiev"]})
    assert [(c, t) for c, t, _ in got["only.txt"]] == [("NL502", "Kiev")]


def test_rules_are_listed_and_explained():
    proc = run_cli("rules")
    assert "NL501" in proc.stdout and "fact-disagreement" in proc.stdout and "name-variant" in proc.stdout
    proc = run_cli("rule", "NL501")
    assert proc.returncode == 0 and "79th anniversary" in proc.stdout


def test_short_surname_is_compared_inside_a_full_name_only():
    articles = story()
    for i, path in enumerate(sorted(articles)):
        surname = "Fiko" if i == 2 else "Fico"
        region = "East Germany" if i == 1 else "West Germany"
        articles[path] += f"Prime Minister Robert {surname} visited, as did a delegation from {region}.\n"
    got = findings(articles)
    assert list(got) == ["002_dam.txt"]
    [(code, text, message)] = got["002_dam.txt"]
    assert (code, text) == ("NL502", "Robert Fiko") and "“Robert Fico” (000, 001, 003)" in message


def _clean_dir() -> Path | None:
    """NEWSLINT_CORPUS/clean, or ../shared/corpus/clean next to the checkout (or its worktree folder)."""
    import os

    repo = Path(__file__).resolve().parents[1]
    roots = [Path(os.environ["NEWSLINT_CORPUS"])] if os.environ.get("NEWSLINT_CORPUS") else []
    roots += [repo.parent / "shared" / "corpus", repo.parent.parent / "shared" / "corpus"]
    return next((r / "clean" for r in roots if (r / "clean").is_dir()), None)


def test_blocking_finds_every_pair_over_the_threshold():
    """Scoring only pairs that share a rare term must not lose a pair that all-pairs scoring keeps."""
    from newslint.corpus.grouping import similarities

    clean = _clean_dir()
    paths = sorted(clean.glob("*.txt")) if clean else []
    texts = {str(p): p.read_text(encoding="utf-8") for p in paths}
    texts.update({str(p): p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")})
    terms = {p: collect(Document.from_text(t, p))["terms"] for p, t in texts.items()}
    threshold = Settings().similarity
    brute = {pair for pair, sim in similarities(terms).items() if sim >= threshold}
    blocked = {tuple(sorted((a, b))) for a, others in neighbours(terms, threshold).items() for b in others}
    assert blocked == brute
    assert len(brute) >= 10  # the seeds alone make 10 pairs


@hsettings(max_examples=50, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=30), min_size=1, max_size=6))
def test_judge_never_crashes_and_reports_inside_the_texts(docs):
    texts = {f"{i:03d}.txt": " ".join(pieces) for i, pieces in enumerate(docs)}
    facts = {p: collect(Document.from_text(t, p)) for p, t in texts.items()}
    for path, diags in judge(facts, Settings()).items():
        for d in diags:
            assert 0 <= d.start < d.end <= len(texts[path])


def test_numbers_for_different_periods_are_not_compared():
    base = ("Profits at Norvania Steel rose by {pct} in the {period} quarter, the Varna company said on Monday, "
            "as demand from Tessaly Construction grew.\n")
    articles = {f"{i:03d}_steel.txt": base.format(pct="25%", period="second") for i in range(3)}
    articles["003_steel.txt"] = base.format(pct="15%", period="third")
    assert findings(articles) == {}
    articles["003_steel.txt"] = base.format(pct="15%", period="second")
    assert [c for c, _, _ in findings(articles)["003_steel.txt"]] == ["NL501"]


def test_markdown_code_is_not_read_for_facts():
    articles = {p.replace(".txt", ".md"): t for p, t in story().items()}
    wrong = "Water prices in Norvania will rise by 25% next year, the Varna energy ministry said."
    articles["003_dam.md"] += f"\n```\n{wrong}\n```\n"
    assert findings(articles) == {}
    articles["003_dam.md"] = story({3: {"pct": "25%"}})["003_dam.txt"]
    assert [c for c, _, _ in findings(articles)["003_dam.md"]] == ["NL501"]


def test_many_versions_of_one_story_are_still_grouped():
    """With 30 versions of one story every term is common, so rare-term blocking alone finds nothing."""
    import random

    rng = random.Random(3)
    lines = (SEEDS / "002_dc758316177b424d.txt").read_text(encoding="utf-8").splitlines()
    terms = {}
    for i in range(30):
        kept = [line for n, line in enumerate(lines) if n == 0 or rng.random() < 0.8]
        terms[f"{i:03d}.txt"] = collect(Document.from_text("\n".join(kept), f"{i:03d}.txt"))["terms"]
    nbrs = neighbours(terms, Settings().similarity)
    assert all(len(others) >= 20 for others in nbrs.values())
