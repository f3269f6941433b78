"""newslint.typo_model: the slip weights that can withdraw NL101's confidence in a correction."""

from __future__ import annotations

from conftest import lint
from newslint.diagnostics import Applicability
from newslint.typo_model import ADDED, DROPPED, FAR_KEY, LIKELY, neighbours, rank, slip_weight


def test_keyboard_neighbours():
    assert neighbours("s", "d") and neighbours("e", "s") and neighbours("k", "i")
    assert not neighbours("v", "e") and not neighbours("q", "p") and not neighbours("a", "a")


def test_slip_kinds():
    assert slip_weight("recieve", "receive") == LIKELY  # swap
    assert slip_weight("realy", "really") == LIKELY  # dropped letter of a double
    assert slip_weight("rval", "rival") == DROPPED  # a letter left out
    assert slip_weight("myyself", "myself") == LIKELY  # doubled letter
    assert slip_weight("thpe", "the") == ADDED  # a stray p, far from h and e
    assert slip_weight("ahnd", "and") == LIKELY  # h beside n
    assert slip_weight("rval", "real") == FAR_KEY  # v for e
    assert slip_weight("tge", "the") == LIKELY  # g beside h


def test_rank_weighs_frequency_by_slip():
    assert [w for w, _ in rank("rval", [("real", 845738), ("rival", 9277)])] == ["real", "rival"]
    scores = dict(rank("rval", [("real", 845738), ("rival", 9277)]))
    assert scores["real"] < 20 * scores["rival"]  # no longer 20 times likelier


def test_far_key_substitution_no_longer_a_safe_fix():
    (d,) = lint("A rval team won the cup.", select=["NL101"])
    assert d.fix.applicability == Applicability.DISPLAY_ONLY
    assert d.suggestions[:2] == ("real", "rival")
    (d,) = lint("Relations with othre leaders.", select=["NL101"])
    assert d.fix.applicability == Applicability.SAFE and d.fix.edits[0].replacement == "other"
