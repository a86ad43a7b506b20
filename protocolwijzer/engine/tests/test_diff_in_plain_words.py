"""The behavioural diff reads as a sentence a schoolleider or an MR member understands,
in both directions: what is no longer allowed, and what is allowed now."""

from collections.abc import Iterator

import pytest

from protocolwijzer import i18n
from protocolwijzer.engine.diff import DiffGroup, Side
from protocolwijzer.engine.diff_words import describe_group

PARENT_PHOTOS = {"actor.role": ["parent"], "action": ["publish"],
                 "channel": ["facebook", "class_group_app"], "text.abuse": ["none"],
                 "media": ["photo_student_unknown", "photo_student_refused"]}


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    i18n.activate("nl")
    yield
    i18n.activate("")


def _group(common: dict[str, list[object]], before: str, after: str,
           articles: tuple[str, ...] = ("A.5",)) -> DiffGroup:
    left = Side(before, articles if before != "allowed" else (), (), ())
    right = Side(after, articles if after != "allowed" else (), (), ())
    return DiffGroup(left, right, [{}], common)


def test_parents_bound_by_a_photo_rule_read_as_no_longer_allowed() -> None:
    sentence = describe_group(_group(PARENT_PHOTOS, "allowed", "forbidden"))
    assert sentence == ("Ouders mogen na deze wijziging foto's of video's niet meer "
                        "plaatsen op Facebook of in de klassenapp zonder toestemming van "
                        "wie erop staat (A.5).")


def test_the_reverse_change_reads_as_now_allowed() -> None:
    sentence = describe_group(_group(PARENT_PHOTOS, "forbidden", "allowed"))
    assert sentence == ("Ouders mogen na deze wijziging wel foto's of video's plaatsen "
                        "op Facebook of in de klassenapp zonder toestemming van wie erop "
                        "staat (A.5).")


def test_several_roles_a_context_and_an_account_are_named() -> None:
    common = {"actor.role": ["staff", "student"], "action": ["befriend"],
              "channel": ["facebook"], "context": ["off_duty"], "account": ["personal"]}
    sentence = describe_group(_group(common, "allowed", "forbidden", ("A.6",)))
    assert sentence.startswith("Medewerkers en leerlingen mogen na deze wijziging")
    assert "vrienden worden" in sentence and "in hun eigen tijd" in sentence
    assert "met een persoonlijk account" in sentence and sentence.endswith("(A.6).")


def test_a_value_without_words_is_shown_as_it_is_and_nothing_is_invented() -> None:
    common = {"actor.role": ["other"], "action": ["publish"], "channel": ["mastodon"]}
    sentence = describe_group(_group(common, "allowed", "needs_changes", ("C.1",)))
    assert "mastodon" in sentence and sentence.endswith("(C.1).")
    assert "A.5" not in sentence
