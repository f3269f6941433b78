"""NL404 boilerplate: pattern list (data + config), appeals, trailing link lists, repeated lines."""

from __future__ import annotations

import pytest

from conftest import lint, run_cli
from newslint.diagnostics import Applicability
from newslint.document import Document
from newslint.fixes import fix_text
from newslint.rules.boilerplate import builtin_patterns

BODY = [
    "The two leaders met in Beijing on Tuesday ahead of a large military parade.",
    "Officials said the talks covered energy, trade and security cooperation.",
    "Analysts expect further agreements to be signed later this week in Moscow.",
]


def _found(text: str, path: str = "a.txt", **cfg):
    doc = Document.from_text(text, path)
    out = []
    for d in lint(text, path=path, select=["NL404"], **cfg):
        out.append((doc.lines.line_of(d.start), doc.lines.line_of(d.end - 1), d))
    return out


SURE_LINES = ["Read more", "Related Links", "Advertisement", "Skip to main content", "Story continues below",
              "Sign up for our free weekly newsletter", "Share this article", "Share on Facebook",
              "Continue reading the main story"]
JUDGED_LINES = ["Subscribe Free To Our Daily Newsletters |", "We use cookies to improve your experience.",
                "Payment methods", "Visa | Mastercard | PayPal", "Support The Moscow Times!", "Not ready to support today?"]


@pytest.mark.parametrize("line", SURE_LINES + JUDGED_LINES)
def test_known_boilerplate_line_after_the_article_is_reported(line):
    text = "\n".join(BODY + [line]) + "\n"
    found = _found(text)
    assert [(a, b) for a, b, _ in found] == [(4, 4)], line
    fix = found[0][2].fix
    # A fixed phrase of the `sure` list is furniture and nothing else (tests/test_fix_policy.py).
    expected = Applicability.SAFE if line in SURE_LINES else Applicability.UNSAFE
    assert fix is not None and fix.applicability is expected


@pytest.mark.parametrize("line", [
    "Officials told residents to read more about the plan before voting.",
    "The company said it would share more details with regulators on Monday.",
    "Advertisement spending fell 4% in the quarter, the report said.",
    "Once the parade ends, the leaders will hold talks.",
    "Monthly figures showed exports rising for a third month.",
])
def test_sentences_that_mention_boilerplate_words_are_not_reported(line):
    assert _found("\n".join(BODY[:1] + [line] + BODY[1:]) + "\n") == []


def test_weak_words_count_only_beside_boilerplate():
    form = "\n".join(BODY + ["Make a monthly contribution today", "Once", "Monthly", "Continue"]) + "\n"
    assert [(a, b) for a, b, _ in _found(form)] == [(4, 7)]
    # A Markdown list of plain words inside the article is not a donation form.
    md = "# Options\n\n" + BODY[0] + "\n\n- Once\n- Monthly\n\n" + BODY[1] + "\n"
    assert _found(md, path="a.md") == []


def test_appeal_runs_to_the_end_when_it_contains_a_pattern_hit():
    appeal = ["A Message from The Daily Example:", "Dear readers,",
              "We are facing unprecedented challenges and our journalists are at risk.",
              "Your support, no matter how small, makes a world of difference to our work.",
              "Remind me later."]
    text = "\n\n".join(BODY + appeal) + "\n"
    assert [(a, b) for a, b, _ in _found(text)] == [(7, 15)]
    # A real letter to readers without any boilerplate after it is an article.
    letter = "\n\n".join(["Dear readers,"] + BODY) + "\n"
    assert _found(letter) == []


def test_trailing_run_of_short_unpunctuated_lines_is_reported():
    text = "\n".join(BODY + ["Related Links", "Learn about missiles at Example", "Learn about rockets at Example"]) + "\n"
    assert [(a, b) for a, b, _ in _found(text)] == [(4, 6)]
    # Two short closing lines (a credit and a dateline tag) are not a link list.
    credit = "\n".join(BODY + ["Reporting by Jane Doe", "Editing by John Roe"]) + "\n"
    assert _found(credit) == []


def test_repeated_short_line_is_reported_but_a_repeated_headline_is_not():
    text = "\n".join(BODY[:2] + ["Click to enlarge image", BODY[2], "Click to enlarge image",
                                 "The parade is due to start at ten in the morning on Wednesday."]) + "\n"
    assert [(a, b) for a, b, _ in _found(text)] == [(3, 3), (5, 5)]
    md = "---\ntitle: Leaders meet in Beijing\n---\n\n# Leaders meet in Beijing\n\n" + "\n\n".join(BODY) + "\n"
    assert _found(md, path="a.md") == []


def test_configured_patterns_extend_the_list():
    text = "\n".join(BODY + ["Listen to this article"]) + "\n"
    assert _found(text) == []
    found = _found(text, hygiene={"boilerplate-patterns": ["listen to this article"]})
    assert [(a, b) for a, b, _ in found] == [(4, 4)] and "configured pattern" in found[0][2].message


def test_bad_configured_pattern_is_a_clear_error(tmp_path):
    (tmp_path / "newslint.toml").write_text('[hygiene]\nboilerplate-patterns = ["(oops"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Fine text.\n", encoding="utf-8")
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert "boilerplate-patterns" in proc.stderr and "Traceback" not in proc.stderr


def test_fix_removes_the_lines_and_keeps_the_article():
    text = "\n\n".join(BODY + ["Sign up for our newsletter", "Read more"]) + "\n"
    out = fix_text(text, lambda t: lint(t, select=["NL404"]), minimum=Applicability.UNSAFE)
    assert out.text == "\n\n".join(BODY) + "\n"
    # Both lines are sure phrases: the default (safe) fix mode removes them too.
    assert fix_text(text, lambda t: lint(t, select=["NL404"])).text == out.text
    # One line with free text makes the whole finding a judgement: the safe mode leaves it alone.
    judged = "\n\n".join(BODY + ["Sign up for our newsletter to get the best of the week", "Read more"]) + "\n"
    assert fix_text(judged, lambda t: lint(t, select=["NL404"])).text == judged
    assert fix_text(judged, lambda t: lint(t, select=["NL404"]), minimum=Applicability.UNSAFE).text == out.text


def test_packaged_list_loads_and_covers_the_documented_kinds():
    pats = builtin_patterns()
    reasons = {r for r, _ in pats.lines}
    assert {"newsletter", "appeal", "navigation", "sharing", "privacy", "payment"} <= reasons
    assert pats.weak and pats.openers


def test_html_boilerplate_in_list_items():
    text = ("<html><body>\n" + "".join(f"<p>{p}</p>\n" for p in BODY)
            + "<ul><li>Share on Facebook</li><li>Tweet</li><li>Email</li></ul>\n</body></html>\n")
    found = _found(text, path="a.html")
    assert [(a, b) for a, b, _ in found] == [(5, 5)]


def test_markdown_closing_list_of_short_items_is_content_unless_a_pattern_hits():
    facts = ["80 years since the war ended", "26 heads of state", "10,000 troops on parade",
             "Three hours of speeches", "Two new gas deals", "One visa-free year"]
    md = "# Parade\n\n" + "\n\n".join(BODY) + "\n\n## Key facts\n\n" + "".join(f"- {f}\n" for f in facts)
    assert _found(md, path="a.md") == []
    links = "\n\n## Related Links\n\n- [Putin visits China](https://e.com/a)\n- [Xi hosts parade](https://e.com/b)\n"
    found = _found("# Parade\n\n" + "\n\n".join(BODY) + links, path="a.md")
    assert [(a, b) for a, b, _ in found] == [(9, 12)]


@pytest.mark.parametrize("line", ["Most Read", "Most popular stories", "Image caption", "Image caption The minister in Beijing",
                                  "Media caption", "Image source, Getty Images"])
def test_media_labels_and_most_read_lists_are_reported_mid_article(line):
    text = "\n".join(BODY[:2] + [line] + BODY[2:]) + "\n"
    assert [(a, b) for a, b, _ in _found(text)] == [(3, 3)], line


@pytest.mark.parametrize("line", [
    "The most read story of the year was about the floods in the north.",
    "The image caption was wrong, the newspaper admitted on Tuesday.",
    "Most readers will never notice the change, officials said.",
])
def test_sentences_about_captions_or_readers_are_not_boilerplate(line):
    text = "\n".join(BODY[:2] + [line] + BODY[2:]) + "\n"
    assert _found(text) == []
