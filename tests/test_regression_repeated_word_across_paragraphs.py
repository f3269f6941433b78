"""NL401 once joined a headline ending in "plans" to a paragraph starting "Plans" (BBC corpus)."""

from conftest import lint


def _nl401(text: str, path: str = "a.txt") -> list[str]:
    return [text[d.start:d.end] for d in lint(text, path=path) if d.code == "NL401"]


def test_no_repeat_across_paragraphs_one_per_line() -> None:
    text = "Tories unveil quango blitz plans\nPlans to abolish 162 quangos have been unveiled by the party.\n"
    assert _nl401(text) == []


def test_no_repeat_across_blank_line_paragraphs() -> None:
    text = "The council will vote on the\n\nthe new plan was drafted last year by the mayor's office staff.\n"
    assert _nl401(text) == []


def test_repeat_across_a_wrapped_line_is_still_found() -> None:
    text = ("The council said that it would vote on the\nthe new plan next week, after a long debate\n"
            "in the chamber about the cost of the scheme.\n\nA second paragraph follows here.\n")
    assert _nl401(text) == ["the"]


def test_repeat_in_one_line_is_still_found() -> None:
    assert _nl401("Shares in the the firm fell sharply on Monday.\n") == ["the"]
