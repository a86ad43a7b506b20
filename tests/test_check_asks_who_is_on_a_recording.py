"""A photo, video or sound recording whose people the user did not state is never silently
allowed (issue 11, point 6): the verdict is `needs_changes` citing A.5 and asks who is on
it. `"people": []` states that nobody is on it; an absent or null `people` states nothing.
"""

from __future__ import annotations

from typing import Any

from tests.scenario import ROERMOND, WILLIBRORD, photo, situation

# Roermond A.5: "Het is voor betrokkenen niet toegestaan om foto-, film- en geluidsopnamen
# van schoolgerelateerde situaties op de sociale media te zetten tenzij betrokkenen hier
# uitdrukkelijk toestemming voor plaatsing hebben gegeven."
# Willibrord A.5: "Het is voor medewerkers en leerlingen niet toegestaan om foto-, film- en
# geluidsopnamen van schoolgerelateerde situaties op de sociale media te zetten tenzij
# betrokkenen hier uitdrukkelijk toestemming voor plaatsing hebben gegeven;"


def unmet(verdict: dict[str, Any]) -> list[str]:
    return [f["article"] for f in verdict["findings"]
            if f["effect"] == "obligation" and not f["met"]]


def test_staff_photo_with_people_not_stated_needs_changes_in_roermond(check):
    result = check(situation(ROERMOND, "staff", "publish", channel="facebook",
                             account="personal", post={"media": [{"kind": "photo"}]}))
    assert (result.code, result.json["verdict"]) == (1, "needs_changes")
    assert "A.5" in unmet(result.json)
    finding = next(f for f in result.json["findings"] if f["article"] == "A.5")
    assert "Wie staan er op de foto" in finding["message"]
    assert "niemand" in finding["fix"]


def test_staff_photo_with_people_not_stated_needs_changes_in_willibrord(check):
    result = check(situation(WILLIBRORD, "staff", "publish", channel="instagram",
                             account="personal", post={"media": [{"kind": "photo"}]}))
    assert (result.code, result.json["verdict"]) == (1, "needs_changes")
    assert "A.5" in unmet(result.json)


def test_student_video_with_people_null_needs_changes_in_willibrord(check):
    result = check(situation(WILLIBRORD, "student", "publish", channel="tiktok",
                             post={"media": [{"kind": "video", "people": None}]}))
    assert result.json["verdict"] == "needs_changes"
    assert unmet(result.json) == ["A.5"]


def test_parent_sound_recording_with_people_not_stated_needs_changes_in_roermond(check):
    # Roermond A.5 binds "betrokkenen", parents included ("A Voor alle gebruikers
    # (medewerkers, leerlingen, ouders/verzorgers)").
    result = check(situation(ROERMOND, "parent", "publish", channel="whatsapp",
                             post={"media": [{"kind": "audio"}]}))
    assert result.json["verdict"] == "needs_changes"
    assert unmet(result.json) == ["A.5"]


def test_school_account_photo_stating_nobody_on_it_is_allowed_in_roermond(check):
    # The same A.5 sentence: with nobody on it there is nobody whose permission is needed.
    result = check(situation(ROERMOND, "staff", "publish", "work", channel="facebook",
                             account="school", post={"media": [{"kind": "photo",
                                                                "people": []}]}))
    assert result.json["verdict"] == "allowed"
    assert "A.5" not in unmet(result.json)


def test_student_photo_stating_nobody_on_it_is_allowed_in_willibrord(check):
    result = check(situation(WILLIBRORD, "student", "publish", channel="instagram",
                             post={"media": [{"kind": "photo", "people": []}]}))
    assert result.json["verdict"] == "allowed"


def test_one_photo_described_and_one_not_still_needs_changes_in_willibrord(check):
    result = check(situation(WILLIBRORD, "staff", "publish", channel="facebook",
                             account="professional",
                             post={"media": [photo("given"), {"kind": "photo"}]}))
    assert result.json["verdict"] == "needs_changes"
    assert "A.5" in unmet(result.json)


def test_photo_with_people_not_stated_and_one_refusing_is_forbidden_in_roermond(check):
    # A stated refusal is the prohibition of A.5 itself; the unstated photo adds the question.
    result = check(situation(ROERMOND, "student", "publish", channel="snapchat",
                             post={"media": [photo("refused"), {"kind": "video"}]}))
    assert result.json["verdict"] == "forbidden"
    assert [f["article"] for f in result.json["findings"]
            if f["effect"] == "forbidden"] == ["A.5"]
    assert "A.5" in unmet(result.json)


def test_parent_class_app_photo_with_people_not_stated_gets_the_a11_advice_in_willibrord(
        check):
    # Willibrord A.5 binds "medewerkers en leerlingen" only; for parents the school asks
    # (A.11) "rekening te houden met de lijst" of A.10 — advice, never silence.
    result = check(situation(WILLIBRORD, "parent", "publish", channel="class_group_app",
                             post={"media": [{"kind": "photo"}]}))
    assert result.json["verdict"] == "allowed"
    assert [f["article"] for f in result.json["findings"]
            if f["effect"] == "advice"] == ["A.10", "A.11"]
