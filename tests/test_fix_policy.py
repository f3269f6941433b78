"""When a fix is safe: the policy of docs/fixing.md, one sure case and each doubtful case per rule.

Every case runs the real linter (default rules and lexicons) and, where the text changes,
``fix_text`` with safe fixes only, so a policy that breaks makes a test fail.
"""

from __future__ import annotations

import pytest

from conftest import lint
from newslint.diagnostics import Applicability
from newslint.fixes import fix_text

SAFE, UNSAFE, DISPLAY = Applicability.SAFE, Applicability.UNSAFE, Applicability.DISPLAY_ONLY


def applicability(text: str, code: str) -> list[Applicability]:
    return [d.fix.applicability for d in lint(text) if d.code == code and d.fix]


def fixed(text: str) -> str:
    return fix_text(text, lambda t: lint(t)).text


# -- quotations: transcription slips are the reporter's ----------------------------------------

SPEECH = 'The minister spoke on Tuesday. "We have {} with our partners," she said.\n'


def test_typo_in_quoted_speech_is_a_safe_fix() -> None:
    text = SPEECH.format("agreed a new deal othre")
    assert applicability(text, "NL101") == [SAFE]
    assert fixed(text) == SPEECH.format("agreed a new deal other")


@pytest.mark.parametrize("text", [
    # a short quotation is a term being mentioned, not speech: its spelling may be the point
    'Fans call the new stadium "othre place" already.\n',
    # the speaker's own elision, transcribed on purpose
    'The fan said: "There was nothin\' we could do about it."\n',
    # reproduced as found, on purpose
    'The letter said: "We will work with othre [sic] partners."\n',
])
def test_quoted_word_that_may_be_deliberate_is_not_fixed(text: str) -> None:
    assert applicability(text, "NL101") == [UNSAFE]
    assert fixed(text) == text


def test_sic_makes_a_typo_fix_unsafe_outside_quotations_too() -> None:
    text = "The sign promised othre [sic] bargains.\n"
    assert applicability(text, "NL101") == [UNSAFE]
    assert applicability("The sign promised othre bargains.\n", "NL101") == [SAFE]


def test_another_form_of_the_same_stem_is_not_a_sure_typo() -> None:
    # "trailblazed" is "trailblaze" + d; its correction "trailblazer" is the same stem + r:
    # more likely a word the dictionary lacks than a slip, in quotation or not.
    quoted = 'She said: "The ground that she trailblazed can now be followed by anyone."\n'
    assert applicability(quoted, "NL101") == [UNSAFE]
    assert fixed(quoted) == quoted
    prose = "The ground that she trailblazed can now be followed by anyone.\n"
    assert applicability(prose, "NL101") == [UNSAFE]


# -- the article's own words: a second plausible correction makes a typo fix unsure ---------------

GAMERS = "Nintendo courts older {a} with new games. Most {b} buy two games a year. Such {c} spend more.\n"


def test_a_typo_fix_is_unsafe_when_the_article_uses_another_candidate() -> None:
    # "gamrs": "games" is 80 times more frequent in general, but this article writes "gamers"
    # too: both corrections are plausible here, so neither is applied without a look.
    text = GAMERS.format(a="gamers", b="gamers", c="gamrs")
    assert applicability(text, "NL101") == [UNSAFE]
    assert fixed(text) == text
    # The same slip in an article that never writes "gamers": the general ranking decides.
    alone = "Nintendo sells new games. Such gamrs spend more.\n"
    assert applicability(alone, "NL101") == [SAFE]
    assert fixed(alone) == "Nintendo sells new games. Such games spend more.\n"


def test_a_typo_fix_is_unsafe_when_the_article_uses_only_another_candidate() -> None:
    # "cank": "can" is 80 times more frequent than "bank", but this article is about a bank.
    text = "The bank raised rates on Tuesday. The central cank said more bank loans were due.\n"
    assert applicability(text, "NL101") == [UNSAFE]
    assert fixed(text) == text
    assert applicability("Rates rose on Tuesday. The central cank said more was due.\n", "NL101") == [SAFE]


def test_a_candidate_the_article_uses_far_less_than_the_best_does_not_count() -> None:
    from newslint.rules.spelling import article_agrees

    cands = [("the", 76_000_000), ("ten", 200_000), ("tea", 30_000)]
    assert article_agrees(cands, {"the": 40, "ten": 2})  # 20 times as often: still sure
    assert not article_agrees(cands, {"the": 39, "ten": 2})
    assert not article_agrees(cands, {"tea": 1})  # the best unused, a rival used once
    assert article_agrees(cands, {"coffee": 5})  # rivals the article never uses tell nothing


def test_repeated_word_in_quoted_speech_is_a_safe_fix() -> None:
    text = SPEECH.format("agreed the the deal")
    assert applicability(text, "NL401") == [SAFE]
    assert fixed(text) == SPEECH.format("agreed the deal")


@pytest.mark.parametrize("text", [
    # speakers double intensifiers on purpose
    'The coach said: "It was really really tough for all of us."\n',
    # a stranded preposition before a phrase that starts with it: grammatical speech
    'Moya said: "This is the moment I have been waiting for for years."\n',
    # a short quotation: a chant or slogan being mentioned
    'The crowd chanted "out out" as he left.\n',
])
def test_quoted_doubling_that_may_be_what_was_said_is_not_fixed(text: str) -> None:
    assert applicability(text, "NL401") == [UNSAFE]
    assert fixed(text) == text


def test_lowercased_name_in_quoted_speech_is_a_safe_fix() -> None:
    text = 'The envoy said: "We will keep trading with russia this year."\n'
    assert applicability(text, "NL202") == [SAFE]
    assert fixed(text) == 'The envoy said: "We will keep trading with Russia this year."\n'


@pytest.mark.parametrize("text", [
    # no capital anywhere in the quotation: maybe a post or message reproduced as written
    'He posted: "we will keep trading with russia this year"\n',
    # a short quotation (a slogan, a name being mentioned)
    'Fans held signs reading "russia out" at the match.\n',
])
def test_lowercased_name_in_a_quotation_that_may_be_verbatim_is_not_fixed(text: str) -> None:
    assert applicability(text, "NL202") == [UNSAFE]
    assert fixed(text) == text


def test_sentence_start_in_quoted_speech_is_a_safe_fix() -> None:
    text = 'He said: "It is over. the end came quickly."\n'
    assert applicability(text, "NL201") == [SAFE]
    assert fixed(text) == 'He said: "It is over. The end came quickly."\n'
    verbatim = 'He posted: "it is over. the end came quickly."\n'
    assert applicability(verbatim, "NL201") == [UNSAFE]
    assert fixed(verbatim) == verbatim


def test_dialect_change_in_a_quotation_stays_unsafe() -> None:
    # The speaker's word, not a slip: "colour" is right in British English.
    found = [d for d in lint('She said: "The colour of the flag matters to us."\n', dialect="en-US")
             if d.code == "NL103"]
    assert [d.fix.applicability for d in found] == [UNSAFE]


def test_sic_makes_a_repeated_word_fix_unsafe() -> None:
    assert applicability("The notice said the the [sic] office was shut.\n", "NL401") == [UNSAFE]
    assert applicability("The notice said the the office was shut.\n", "NL401") == [SAFE]


# -- boilerplate lines (NL404): only a sure phrase that fills its line is removed ---------------

ARTICLE = ["The two leaders met in Beijing on Tuesday ahead of a large military parade.",
           "Officials said the talks covered energy, trade and security cooperation.",
           "Analysts expect further agreements to be signed later this week."]


@pytest.mark.parametrize("sep, end", [("\n", "\n"), ("\n\n", "\n"), ("\r\n", "\r\n"), ("\n", "")])
@pytest.mark.parametrize("where", [0, 1, 3])
def test_a_sure_boilerplate_line_is_removed_with_its_line_break_and_nothing_else(sep: str, end: str, where: int) -> None:
    lines = list(ARTICLE)
    clean = sep.join(lines) + end
    lines.insert(where, "Advertisement")
    dirty = sep.join(lines) + end
    assert applicability(dirty, "NL404") == [SAFE]
    assert fixed(dirty) == clean


@pytest.mark.parametrize("line", ["Share this article", "Skip to main content", "Sign up for our daily newsletter",
                                  "Related Topics", "Image caption", "All rights reserved.", "Read more:",
                                  "Click here to subscribe", "Follow us on Twitter"])
def test_sure_phrases_are_safe_fixes(line: str) -> None:
    dirty = "\n".join(ARTICLE[:2] + [line] + ARTICLE[2:]) + "\n"
    assert applicability(dirty, "NL404") == [SAFE], line
    assert fixed(dirty) == "\n".join(ARTICLE) + "\n"


@pytest.mark.parametrize("line", [
    # a caption label followed by its text: the caption may be content
    "Image caption The minister arrives in Beijing",
    # free text after a prompt: the pattern matches a shape, not a fixed phrase
    "Sign up for our newsletter to get the best of the week",
    # a real sentence that a free-text pattern matches
    "By clicking accept, users agreed to terms that let the firm sell their data.",
    "We use cookies to improve your experience.",
])
def test_boilerplate_matched_with_free_text_is_an_unsafe_fix(line: str) -> None:
    dirty = "\n".join(ARTICLE[:2] + [line] + ARTICLE[2:]) + "\n"
    assert applicability(dirty, "NL404") == [UNSAFE], line
    assert fixed(dirty) == dirty


def test_structural_boilerplate_is_an_unsafe_fix() -> None:
    # A closing run of short lines (a link list) is a guess, even when it holds a sure heading.
    links = ["Related Links", "Putin visits China", "Xi hosts parade", "Gas deal signed"]
    dirty = "\n".join(ARTICLE + links) + "\n"
    assert applicability(dirty, "NL404") == [UNSAFE]
    assert fixed(dirty) == dirty


def test_a_configured_pattern_is_an_unsafe_fix() -> None:
    dirty = "\n".join(ARTICLE[:2] + ["Advertisement"] + ARTICLE[2:]) + "\n"
    found = [d for d in lint(dirty.replace("Advertisement", "Sponsored by Acme"),
                             hygiene={"boilerplate-patterns": ["Sponsored by Acme"]}) if d.code == "NL404"]
    assert [d.fix.applicability for d in found] == [UNSAFE]


def test_sure_patterns_are_fixed_phrases_within_the_line_patterns() -> None:
    import re

    from newslint.rules.boilerplate import builtin_patterns

    pats = builtin_patterns()
    assert pats.sure
    for source in pats.sure:
        bare = re.sub(r"\[[^\]\\w]*\]\*?", "", source)  # punctuation classes such as [.:…>»]*
        bare = bare.replace("\\.", "")
        assert not re.search(r"\.|\\[wWsSdD]|\[\^|\{|\+", bare), f"free text in sure pattern {source!r}"
        # a sure phrase is a kind of boilerplate line first: check one sample of each
    strong = [re.compile(p, re.I) for _, p in pats.lines]
    for sample in ["Advertisement", "Story continues below advertisement", "Skip to main content",
                   "Continue reading the main story", "Read more:", "Related Topics", "More on this story",
                   "Most Read", "Image caption", "Share this article", "Share on Facebook", "Follow us on Twitter",
                   "Sign up for our daily newsletter", "Click here to subscribe to our newsletter",
                   "Subscribe now for unlimited access", "Cookie settings", "Accept all cookies",
                   "All rights reserved.", "Back to top"]:
        assert any(re.fullmatch(p, sample, re.I) for p in pats.sure), sample
        assert any(p.fullmatch(sample) for p in strong), sample


# -- misspelled names (NL102): safe only when the article itself settles the spelling ----------

def names(text: str) -> list[tuple[str, str, Applicability]]:
    return [(text[d.start:d.end], d.suggestions[0], d.fix.applicability) for d in lint(text) if d.code == "NL102"]


SOUNESS = "Graeme Souness spoke on Friday. Souness said the club would act. {}\n"


def test_a_name_written_twice_and_misspelled_once_is_a_safe_fix() -> None:
    text = SOUNESS.format("The striker will stay, said Sounes.")
    assert names(text) == [("Sounes", "Souness", SAFE)]
    assert fixed(text) == SOUNESS.format("The striker will stay, said Souness.")


def test_the_headline_counts_as_one_of_the_two_uses() -> None:
    text = "Souness eyes a summer move\nThe manager said Souness would act. The striker will stay, said Sounes.\n"
    assert names(text) == [("Sounes", "Souness", SAFE)]


@pytest.mark.parametrize("text, why", [
    ("Souness spoke. Sounes and Sounes said so. Souness, Souness and Souness agreed.\n", "the variant twice"),
    ("Ms Xiao Li met Mr Xiao Chen. Mr Xiao Chen met Xioa Li.\n", "a 4-letter name"),
    ("Mike Prettejohn spoke. Prettejohn said so. Later Bill Prettejhon left.\n", "another forename: another person"),
    ("Prettejohn spoke. Prettejohn said so. Later Prettejhon Smithers left.\n", "a different surname after it"),
])
def test_a_name_variant_with_any_doubt_is_an_unsafe_fix(text: str, why: str) -> None:
    found = names(text)
    assert found and {a for _, _, a in found} == {UNSAFE}, why
    assert fixed(text) == text, why


def test_two_names_one_edit_away_make_the_correction_unsafe() -> None:
    text = "Larsen met Larson. Larsen and Larson spoke. Larsen, Larson and Larsin agreed.\n"
    assert [(w, a) for w, _, a in names(text)] == [("Larsin", UNSAFE)]
    assert fixed(text) == text


def test_a_name_seen_only_once_in_the_article_is_not_safe(tmp_path) -> None:
    lex = tmp_path / "lex.txt"
    lex.write_text("# === learned: rewritten by each `newslint learn` run (word, count, kind) ===\n"
                   "Lukashenko\t40\tname\n", encoding="utf-8")
    text = "Belarus leader Alexander Lukashneko spoke on Tuesday.\n"
    found = [d for d in lint(text, lexicon=str(lex)) if d.code == "NL102"]
    assert [d.fix.applicability for d in found] == [UNSAFE]  # the project lexicon is not this article


@pytest.mark.parametrize("variant, expected", [
    ("Mike Prettejhon", SAFE),       # the same forename as the article's full name
    ("Prettejhon", SAFE),            # the surname alone
    ("Mr Prettejhon", SAFE),         # a title is not a forename
])
def test_a_full_name_that_agrees_with_the_article_is_a_safe_fix(variant: str, expected: Applicability) -> None:
    text = f"Mike Prettejohn spoke. Prettejohn said so. Later {variant} left.\n"
    assert [a for _, _, a in names(text)] == [expected]
    assert fixed(text) == text.replace("Prettejhon", "Prettejohn")


def test_a_full_name_introduced_once_with_the_variant_is_a_safe_fix() -> None:
    # "Tupac Sakur" is the only full name; the article then says plain "Shakur" twice.
    text = "The rapper Tupac Sakur was killed in 1996. Shakur had just left a fight. Shakur was 25.\n"
    assert names(text) == [("Sakur", "Shakur", SAFE)]


def test_a_misspelled_name_in_quoted_speech_follows_the_same_policy() -> None:
    text = 'Souness spoke. Souness said so. The chairman said: "I am sure Sounes will stay with us."\n'
    assert names(text) == [("Sounes", "Souness", SAFE)]
    short = 'Souness spoke. Souness said so. Fans sang "Sounes out" all night.\n'
    assert names(short) == [("Sounes", "Souness", DISPLAY)]
    sic = "Souness spoke. Souness said so. The banner read Sounes [sic] in red.\n"
    assert names(sic) == [("Sounes", "Souness", UNSAFE)]


@pytest.mark.parametrize("text", [
    # a compound adjective before the name is no forename
    "The Yugoslavian-born Bogdanovic won. Bogdanovic lost. Bates picked Alex Bogdanoivc today.\n",
    # a common word that starts a sentence is no forename either
    "London Gatwick grew. London Gatwick said so. At Gatwjck, queues formed.\n",
])
def test_words_before_a_name_that_are_not_forenames_do_not_count(text: str) -> None:
    assert [a for _, _, a in names(text)] == [SAFE]


# -- lowercased place names: a compass word before a city has two readings ---------------------

def test_compass_word_before_a_city_is_an_unsafe_fix() -> None:
    # "east london": the city of East London, or the east of London (house style "east London")?
    text = "Officials in east london met on Monday.\n"
    assert applicability(text, "NL202") == [UNSAFE]
    assert fixed(text) == text
    # A country or a demonym names one thing: "north korean" is North Korean.
    sure = "Officials met north korean envoys in south africa on Monday.\n"
    assert applicability(sure, "NL202") == [SAFE, SAFE]
    assert fixed(sure) == "Officials met North Korean envoys in South Africa on Monday.\n"


# -- the same policy through the command line ----------------------------------------------------

def test_fix_on_the_command_line_applies_the_sure_fixes_and_leaves_the_doubtful(tmp_path) -> None:
    from conftest import run_cli

    article = tmp_path / "story.txt"
    article.write_text(
        "Souness eyes a summer move\n"
        "Graeme Souness said on Friday the club would act.\n"
        "Advertisement\n"
        '"We have agreed the the deal with othre partners," said Sounes.\n'
        '"We waited for for years," he added.\n', encoding="utf-8")
    proc = run_cli("check", "--fix", str(article))
    assert article.read_text(encoding="utf-8") == (
        "Souness eyes a summer move\n"
        "Graeme Souness said on Friday the club would act.\n"
        '"We have agreed the deal with other partners," said Souness.\n'
        '"We waited for for years," he added.\n')
    assert proc.returncode == 1
    assert "NL401" in proc.stdout and "Fixed 4 problems in 1 file; 1 left." in proc.stdout


@pytest.mark.parametrize("text", [
    'He said: "I, I just do not know what happened to us."\n',
    'She said: "We - we have to go back there at once."\n',
])
def test_a_stutter_marked_in_a_quotation_is_left_alone(text: str) -> None:
    # A reporter marks a spoken false start with a comma or a dash: that is not a slip.
    assert applicability(text, "NL401") == []
    assert fixed(text) == text
